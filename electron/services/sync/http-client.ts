// HTTP(S) client for the back office. HTTPS with a configurable CA and client certificate for
// real deployments; plain HTTP is refused unless the back office is on loopback (the embedded
// reference server). Keep-alive, a hard timeout, and typed errors for network failures.
// The back office knows the kiosk by its client certificate; on a plain-HTTP loopback back office,
// which has none, by the kiosk key sent with every request (`Kiosk-Key`).
import http from 'node:http';
import https from 'node:https';
import { KioskError } from '../../../common/errors';
import { isLoopbackHost } from '../loopback';

export interface BackOfficeClientOptions {
  baseUrl: string;
  timeoutMs?: number;
  /** PEM of the CA that signs the back office's certificate (private municipal CA). */
  ca?: string | Buffer;
  /** Client certificate + key (PEM) identifying this kiosk to the back office (mutual TLS). */
  cert?: string | Buffer;
  key?: string | Buffer;
  /** `<kioskId>:<key>` registered at a plain-HTTP loopback back office (demos, tests); never sent over HTTPS. */
  kioskKey?: string;
  /** `<staffId>:<key>` of the installation's staff, sent only with staff operations (a reprint). */
  staffKey?: string;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
}

/** Used when the caller names no timeout; an installation sets its own (`backOffice.timeoutMs`). */
export const DEFAULT_BACK_OFFICE_TIMEOUT_MS = 10_000;

export function createBackOfficeClient(options: BackOfficeClientOptions) {
  const base = new URL(options.baseUrl);
  if (base.protocol === 'http:' && !isLoopbackHost(base.hostname)) {
    throw new KioskError('sync.insecure_transport', undefined, { field: 'baseUrl' });
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new KioskError('input.invalid', 'baseUrl must be http(s)', { field: 'baseUrl' });
  const secure = base.protocol === 'https:';
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets: 4, ca: options.ca, cert: options.cert, key: options.key })
    : new http.Agent({ keepAlive: true, maxSockets: 4 });
  const timeoutMs = options.timeoutMs ?? DEFAULT_BACK_OFFICE_TIMEOUT_MS;
  // Over HTTPS the client certificate identifies the kiosk: the key stays on the machine.
  const identity: Record<string, string> = !secure && options.kioskKey ? { 'kiosk-key': options.kioskKey } : {};

  function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    const url = new URL(path, base);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(url, {
        method, agent, timeout: timeoutMs,
        headers: { accept: 'application/json', ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}), ...identity, ...headers },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => reject(new KioskError('sync.unreachable', err.message, {}, { cause: err })));
        res.on('end', () => resolve({
          status: res.statusCode ?? 0,
          headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v])),
          body: Buffer.concat(chunks).toString('utf8'),
        }));
      });
      // A slow server is treated like a down one: the batch is retried later, never waited on forever.
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', (err) => reject(new KioskError('sync.unreachable', err.message, { code: (err as NodeJS.ErrnoException).code ?? '' }, { cause: err })));
      req.end(payload);
    });
  }

  return {
    request, baseUrl: base.toString(), timeoutMs,
    /** The installation's staff credential, for the one staff operation that sends it (a reprint). */
    staffKey: options.staffKey,
    close: () => agent.destroy(),
  };
}

export type BackOfficeClient = ReturnType<typeof createBackOfficeClient>;

/** The kiosk's one client when given one (the platform's); a client of its own from bare options
 *  (the technician CLI and tests that run one service alone). */
export function backOfficeClientOf(backOffice: BackOfficeClient | BackOfficeClientOptions): BackOfficeClient {
  return 'request' in backOffice ? backOffice : createBackOfficeClient(backOffice);
}
