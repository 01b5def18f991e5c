// A fault-injecting HTTP proxy between the kiosk and the back office on loopback: it can answer
// 500 without forwarding, forward and then LOSE the answer (the request was applied but the kiosk
// sees a failure — the case that produces duplicates), stall, throttle with Retry-After, or cut the
// connection. Used by the sync tests and the crash soak; the back office itself stays clean.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ChaosMode = 'pass' | 'error500' | 'lose-answer' | 'slow' | 'throttle' | 'cut';

export interface ChaosProxy {
  url: string;
  /** Fixed mode, or a function picking one per request. */
  setMode(mode: ChaosMode | (() => ChaosMode)): void;
  setTarget(url: string): void;
  counts: Record<ChaosMode, number>;
  close(): Promise<void>;
}

export async function startChaosProxy(target: string, opts: { slowMs?: number; observe?: (path: string, status: number, body: Buffer) => void } = {}): Promise<ChaosProxy> {
  let pick: () => ChaosMode = () => 'pass';
  let upstream = new URL(target);
  const counts: Record<ChaosMode, number> = { pass: 0, error500: 0, 'lose-answer': 0, slow: 0, throttle: 0, cut: 0 };
  const agent = new http.Agent({ keepAlive: true });

  function forward(req: http.IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const out = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, agent,
        headers: { ...req.headers, host: upstream.host } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const answer = { status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) };
          // Observe what the back office really answered, even when the kiosk is then told otherwise.
          opts.observe?.(req.url ?? '', answer.status, answer.body);
          resolve(answer);
        });
        res.on('error', reject);
      });
      out.on('error', reject);
      out.end(body);
    });
  }

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const mode = pick();
    counts[mode]++;
    try {
      switch (mode) {
        case 'error500': res.writeHead(500, { 'content-type': 'application/json' }).end('{"kind":"internal","message":"injected"}'); return;
        case 'throttle': res.writeHead(503, { 'retry-after': '1' }).end(); return;
        case 'cut': req.socket.destroy(); return;
        case 'lose-answer': await forward(req, body); res.writeHead(503).end(); return;
        case 'slow': await new Promise((r) => setTimeout(r, opts.slowMs ?? 3_000)); break;
        case 'pass': break;
      }
      const up = await forward(req, body);
      res.writeHead(up.status, { 'content-type': String(up.headers['content-type'] ?? 'application/json'), ...(up.headers.etag ? { etag: String(up.headers.etag) } : {}) }).end(up.body);
    } catch {
      // Upstream down (killed back office): look like a gateway error.
      if (!res.headersSent) res.writeHead(502).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    setMode: (m) => { pick = typeof m === 'function' ? m : () => m; },
    setTarget: (u) => { upstream = new URL(u); },
    close: () => new Promise((r) => { agent.destroy(); server.closeAllConnections(); server.close(() => r()); }),
  };
}
