// The browser shell's transport: the same KioskApi over HTTP (commands) and a WebSocket (events),
// bound to 127.0.0.1 only. Dev and test only; the packaged kiosk uses Electron IPC instead.
// Another page on this machine must not be able to drive it, so every request needs:
//   - Host = this bridge (defeats DNS rebinding), Origin = this bridge when present,
//   - the per-start secret, which only our own index.html carries (injected at serve time; other
//     origins cannot read it), sent as a custom header (forces a CORS preflight we never grant).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { KioskError } from '../../common/errors';
import type { KioskApi, KioskEvents } from '../../common/api/contract';
import { dispatch, forwardEvents } from '../../common/api/dispatch';
import { kioskCsp } from '../main/csp';
import { upgradeToPushSocket, type PushSocket } from './websocket';

export interface BridgeOptions {
  api: KioskApi;
  events: KioskEvents;
  /** The built renderer (renderer/dist). */
  staticDir: string;
  port?: number;
  log?: (msg: string) => void;
}

export interface Bridge {
  url: string;
  port: number;
  secret: string;
  close(): Promise<void>;
}

export const SECRET_HEADER = 'x-kiosk-secret';
const MAX_BODY = 16 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json', '.ico': 'image/x-icon',
};

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Resolves a URL path inside `root`, or null when it would escape it. */
export function containedPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = normalize(join(root, decoded));
  return full === root || full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : null;
}

export async function startBrowserBridge(opts: BridgeOptions): Promise<Bridge> {
  const secret = randomBytes(32).toString('base64url');
  const root = normalize(opts.staticDir);
  const sockets = new Set<PushSocket>();
  let origin = '';
  let host = '';

  const headers = (type: string) => ({
    'content-type': type,
    'cache-control': 'no-store',
    'content-security-policy': kioskCsp([`ws://${host}`]),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  });
  const refuse = (res: ServerResponse, status: number, err: KioskError) => {
    res.writeHead(status, headers('application/json')).end(JSON.stringify({ ok: false, error: err.toPayload() }));
  };
  const trustedRequest = (req: IncomingMessage) => req.headers.host === host && (req.headers.origin === undefined || req.headers.origin === origin);

  async function serveStatic(req: IncomingMessage, res: ServerResponse, path: string) {
    const isIndex = path === '/' || path === '/index.html';
    const file = containedPath(root, isIndex ? '/index.html' : path);
    if (!file) return refuse(res, 404, new KioskError('input.invalid', 'not found'));
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return refuse(res, 404, new KioskError('input.invalid', 'not found'));
    }
    if (isIndex) {
      const meta = `<meta name="kiosk-bridge" content="${secret}">`;
      body = Buffer.from(body.toString('utf8').replace('</head>', `${meta}</head>`));
    }
    res.writeHead(200, headers(TYPES[extname(file)] ?? 'application/octet-stream'));
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function serveCommand(req: IncomingMessage, res: ServerResponse, channel: string) {
    const given = req.headers[SECRET_HEADER];
    if (typeof given !== 'string' || !sameSecret(given, secret)) {
      return refuse(res, 403, new KioskError('api.unauthorized', 'missing or wrong bridge secret'));
    }
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return refuse(res, 415, new KioskError('input.invalid', 'JSON only', { field: 'content-type' }));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY) return refuse(res, 413, new KioskError('input.invalid', 'request too large', { field: 'body' }));
      chunks.push(chunk);
    }
    let input: unknown;
    try {
      input = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    } catch {
      return refuse(res, 400, new KioskError('input.invalid', 'body is not JSON', { field: 'body' }));
    }
    const envelope = await dispatch(opts.api, channel, input);
    res.writeHead(200, headers('application/json')).end(JSON.stringify(envelope));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!trustedRequest(req)) return refuse(res, 403, new KioskError('api.unauthorized', 'foreign host or origin'));
    const work =
      req.method === 'POST' && url.pathname.startsWith('/api/')
        ? serveCommand(req, res, url.pathname.slice('/api/'.length))
        : req.method === 'GET' || req.method === 'HEAD'
          ? serveStatic(req, res, url.pathname)
          : Promise.resolve(refuse(res, 405, new KioskError('input.invalid', 'method not allowed')));
    work.catch((err: unknown) => {
      opts.log?.(`bridge: ${(err as Error).message}`);
      if (!res.headersSent) refuse(res, 500, new KioskError('internal'));
      else res.destroy();
    });
  });

  const stopForwarding = forwardEvents(opts.events as Parameters<typeof forwardEvents>[0], (name, payload) => {
    const text = JSON.stringify({ name, payload });
    for (const s of sockets) s.send(text);
  });

  server.on('upgrade', (req, socket) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const given = url.searchParams.get('s') ?? '';
    // Browsers always send Origin on WebSocket upgrades; require ours and the secret.
    if (url.pathname !== '/events' || req.headers.host !== host || req.headers.origin !== origin || !sameSecret(given, secret)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    const ws = upgradeToPushSocket(req, socket);
    if (!ws) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.add(ws);
    ws.onClose(() => sockets.delete(ws));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;
  return {
    url: `${origin}/`,
    port,
    secret,
    async close() {
      stopForwarding();
      for (const s of sockets) s.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
