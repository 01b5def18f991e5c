// The HTTP side every client of the accounting system (ORCA's API) shares: Basic auth as ORCA takes
// it, the base URL with WebORCA's `/api` prefix kept, HTTPS with the client certificate WebORCA
// requires, plain HTTP only on loopback or a clinic LAN the technician allowed, and one bound per
// request. ORCA answers its own refusals as HTTP 200 with an Api_Result, so this layer turns only the
// transport's failures into kinds: network, timeout, 5xx and a body that is not JSON are
// 'accounting.unavailable' (the patient goes to the desk, nothing is changed); 401/403 and other 4xx
// are 'accounting.rejected'. Reading the answer is each client's (reception/orca-answers.ts,
// billing/income-answers.ts).
import http from 'node:http';
import https from 'node:https';
import { KioskError } from '../../../common/errors';
import { isLoopbackHost } from '../loopback';

export interface OrcaTransportOptions {
  /** ORCA's base URL, e.g. http://192.168.1.10:8000 (on-premises) or https://weborca.example.jp/api (WebORCA). */
  url: string;
  /** The operator (ORCA's ユーザID) and password. */
  user: string;
  password: string;
  /** Per request; a slower answer is 'accounting.unavailable' (default 5 s). */
  timeoutMs?: number;
  /** HTTPS: the server's CA, and the client certificate WebORCA requires (PEM). */
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
  /** An on-premises ORCA answers plain HTTP on the clinic's LAN: allowed only when set (loopback always). */
  allowPlainHttp?: boolean;
}

export const DEFAULT_ORCA_TIMEOUT_MS = 5_000;

export interface OrcaTransport {
  /** One call with `format=json`; resolves with the parsed JSON of a 2xx answer. */
  call(method: 'GET' | 'POST', path: string, query: Record<string, string>, body?: unknown): Promise<unknown>;
  close(): void;
}

export function createOrcaTransport(options: OrcaTransportOptions): OrcaTransport {
  const base = new URL(options.url);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new KioskError('input.invalid', 'the accounting system URL must be http(s)', { field: 'url' });
  if (base.protocol === 'http:' && !isLoopbackHost(base.hostname) && !options.allowPlainHttp) {
    throw new KioskError('input.invalid', 'plain HTTP to the accounting system is allowed only on loopback or with allowPlainHttp (a clinic LAN)', { field: 'url' });
  }
  const secure = base.protocol === 'https:';
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets: 2, ca: options.ca, cert: options.cert, key: options.key })
    : new http.Agent({ keepAlive: true, maxSockets: 2 });
  const timeoutMs = options.timeoutMs ?? DEFAULT_ORCA_TIMEOUT_MS;
  const authorization = `Basic ${Buffer.from(`${options.user}:${options.password}`, 'utf8').toString('base64')}`;
  const prefix = base.pathname.replace(/\/+$/, '');

  function call(method: 'GET' | 'POST', path: string, query: Record<string, string>, body?: unknown): Promise<unknown> {
    const url = new URL(`${prefix}${path}`, base);
    for (const [k, v] of Object.entries({ ...query, format: 'json' })) url.searchParams.set(k, v);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(url, {
        method, agent, timeout: timeoutMs,
        headers: { accept: 'application/json', authorization, ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => reject(new KioskError('accounting.unavailable', err.message, {}, { cause: err })));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          if (status === 401 || status === 403) return reject(new KioskError('accounting.rejected', 'the accounting system refused the operator (user or password)', { status, reason: 'unauthenticated' }));
          if (status >= 500 || status === 0) return reject(new KioskError('accounting.unavailable', `the accounting system answered HTTP ${status}`, { status }));
          if (status < 200 || status >= 300) return reject(new KioskError('accounting.rejected', `the accounting system answered HTTP ${status}`, { status }));
          try {
            resolve(JSON.parse(text));
          } catch (err) {
            reject(new KioskError('accounting.unavailable', `the accounting system's answer is not ORCA's JSON: ${(err as Error).message}`, { status }));
          }
        });
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', (err) => reject(new KioskError('accounting.unavailable', err.message, { code: (err as NodeJS.ErrnoException).code ?? '' }, { cause: err })));
      req.end(payload);
    });
  }

  return { call, close: () => agent.destroy() };
}
