// The test PKI's revocation endpoints on loopback: an OCSP responder (POST application/ocsp-request,
// or GET /ocsp/<base64 request> per RFC 6960 Appendix A.1) and the two CRLs. Modes let tests
// reproduce a responder that is down, slow, or failing.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { TestPki } from './index';

export type RevocationServerMode = 'ok' | 'down' | 'slow' | 'error500';

export interface RevocationServer {
  baseUrl: string;
  ocspUrl: string;
  crlUrl(which: 'auth' | 'sign'): string;
  setMode(mode: RevocationServerMode): void;
  close(): Promise<void>;
  /** Requests answered so far, by path kind — lets tests prove which source was consulted. */
  readonly hits: { ocsp: number; crl: number };
}

export interface RevocationServerOptions {
  port?: number;
  host?: '127.0.0.1';
  /** The time the server signs with (default: the wall clock); tests pin it to their policy time. */
  clock?: () => Date;
  /** How long 'slow' mode stalls before answering (default 30 s; clients should time out first). */
  slowMs?: number;
}

const MAX_REQUEST_BYTES = 64 * 1024;

function readBody(req: IncomingMessage): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) { resolve(undefined); req.destroy(); return; }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

export async function startRevocationServer(pki: TestPki, opts: RevocationServerOptions = {}): Promise<RevocationServer> {
  let mode: RevocationServerMode = 'ok';
  const clock = opts.clock ?? (() => new Date());
  const slowMs = opts.slowMs ?? 30_000;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const hits = { ocsp: 0, crl: 0 };

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const crl = /^\/crl\/(auth|sign)\.crl$/.exec(url.pathname);
    if (crl && req.method === 'GET') {
      hits.crl++;
      const der = await pki.crlDer(crl[1] as 'auth' | 'sign', clock());
      res.writeHead(200, { 'content-type': 'application/pkix-crl', 'content-length': der.length }).end(der);
      return;
    }
    let requestDer: Uint8Array | undefined;
    if (url.pathname === '/ocsp' && req.method === 'POST') {
      if (req.headers['content-type'] !== 'application/ocsp-request') { res.writeHead(415).end(); return; }
      requestDer = await readBody(req);
      if (!requestDer) { res.writeHead(413).end(); return; }
    } else if (url.pathname.startsWith('/ocsp/') && req.method === 'GET') {
      requestDer = new Uint8Array(Buffer.from(decodeURIComponent(url.pathname.slice('/ocsp/'.length)), 'base64'));
    } else {
      res.writeHead(404).end();
      return;
    }
    hits.ocsp++;
    const der = await pki.ocspResponseDer(requestDer, clock());
    res.writeHead(200, { 'content-type': 'application/ocsp-response', 'content-length': der.length }).end(der);
  }

  const server = createServer((req, res) => {
    if (mode === 'down') { req.socket.destroy(); return; }
    if (mode === 'error500') { res.writeHead(500, { 'content-type': 'text/plain' }).end('responder failure'); return; }
    const run = (): void => {
      answer(req, res).catch(() => { if (!res.headersSent) res.writeHead(500).end(); });
    };
    if (mode === 'slow') {
      const timer = setTimeout(() => { timers.delete(timer); run(); }, slowMs);
      timers.add(timer);
      return;
    }
    run();
  });
  // In 'down' mode even the TCP connection is dropped at once, as with a dead responder.
  server.on('connection', (socket) => {
    if (mode === 'down') { socket.destroy(); return; }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('revocation server has no TCP address');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    baseUrl,
    ocspUrl: `${baseUrl}/ocsp`,
    crlUrl: (which) => `${baseUrl}/crl/${which}.crl`,
    setMode: (next) => { mode = next; },
    hits,
    close: () => new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
