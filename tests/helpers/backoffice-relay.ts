// A loopback relay in front of the reference back office: forwards each request unchanged and keeps
// what passed (path, status, both bodies, how long the back office took). Tests read what the kiosk
// really sent and what was answered; the card benchmark subtracts the back office's time from the
// kiosk's own. `down()` makes the back office unreachable for the kiosk (connections refused).
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** `at`: performance.now() when the request arrived; `ms`: until the back office's answer was relayed. */
export interface RelayedExchange { method: string; path: string; status: number; request: string; response: string; at: number; ms: number }

export interface BackOfficeRelay {
  url: string;
  readonly exchanges: RelayedExchange[];
  /** Closes the listening socket: the kiosk's next request is refused (the back office is unreachable). */
  down(): Promise<void>;
}

export async function startBackOfficeRelay(target: string): Promise<BackOfficeRelay> {
  const exchanges: RelayedExchange[] = [];
  const server = createServer((req, res) => {
    const t0 = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = Buffer.concat(chunks);
      void fetch(new URL(req.url ?? '/', target), { method: req.method ?? 'GET', headers: forwardable(req.headers), ...(request.length ? { body: request } : {}) })
        .then(async (answer) => {
          const body = Buffer.from(await answer.arrayBuffer());
          exchanges.push({ method: req.method ?? 'GET', path: req.url ?? '/', status: answer.status, request: request.toString(), response: body.toString(), at: t0, ms: performance.now() - t0 });
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(body);
        }, () => res.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    exchanges,
    down: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function forwardable(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (typeof v === 'string' && k !== 'host' && k !== 'connection' && k !== 'content-length') out[k] = v;
  return out;
}
