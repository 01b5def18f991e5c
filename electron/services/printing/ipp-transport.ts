// IPP over HTTP with a hard deadline. Encoding and decoding are the `ipp` package's; the HTTP
// exchange is ours because a printer that stops answering (powered off mid-job, a wedged
// network printer) must never hang the kiosk: every request ends within `timeoutMs`.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import ipp from 'ipp';
import type { IppMessage } from 'ipp';

// The package prints unknown value tags (e.g. CUPS's out-of-band 'unknown') to the console;
// the kiosk treats them as absent values instead.
(ipp.parse as unknown as { handleUnknownTag: (...a: unknown[]) => undefined }).handleUnknownTag = () => undefined;
// CUPS's purge-job (Cancel-Job on an ended job: remove it with its document files) is not in the
// package's attribute table; it is an operation attribute with the boolean syntax.
{
  const table = (ipp as unknown as { attributes: Record<string, Record<string, unknown>> }).attributes;
  table.Operation!['purge-job'] = table.Operation!['ipp-attribute-fidelity'];
}

/** The printer could not be reached or did not answer in time (offline, powered off, wrong address). */
export class IppUnreachableError extends Error {
  constructor(
    readonly uri: string,
    readonly reason: string,
  ) {
    super(`printer ${uri} unreachable: ${reason}`);
    this.name = 'IppUnreachableError';
  }
}

/** The printer answered with an IPP error status (e.g. client-error-not-found, server-error-not-accepting-jobs). */
export class IppStatusError extends Error {
  constructor(
    readonly operation: string,
    readonly status: string,
  ) {
    super(`${operation} answered ${status}`);
    this.name = 'IppStatusError';
  }
}

export type IppGroup = Record<string, unknown>;

export interface IppResponse {
  status: string;
  operation: IppGroup;
  jobs: IppGroup[];
  printer: IppGroup;
}

function asGroups(g: IppGroup | IppGroup[] | undefined): IppGroup[] {
  if (!g) return [];
  return Array.isArray(g) ? g : [g];
}

/** Sends one IPP operation to `uri` (ipp://, ipps://, http://, https://) and decodes the answer. */
export function ippCall(
  uri: string,
  operation: string,
  groups: { operation?: IppGroup; job?: IppGroup },
  opts: { timeoutMs: number; data?: Uint8Array },
): Promise<IppResponse> {
  const url = new URL(uri);
  const secure = url.protocol === 'ipps:' || url.protocol === 'https:';
  const port = url.port ? Number(url.port) : 631;
  const msg: IppMessage = {
    version: '2.0',
    operation,
    'operation-attributes-tag': {
      'attributes-charset': 'utf-8',
      'attributes-natural-language': 'en',
      'printer-uri': `${secure ? 'ipps' : 'ipp'}://${url.host}${url.pathname}`,
      ...groups.operation,
    },
  };
  if (groups.job) msg['job-attributes-tag'] = groups.job;
  if (opts.data) msg.data = Buffer.from(opts.data.buffer, opts.data.byteOffset, opts.data.byteLength);
  const body = ipp.serialize(msg);

  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const send = secure ? httpsRequest : httpRequest;
    const req = send(
      {
        host: url.hostname,
        port,
        path: url.pathname,
        method: 'POST',
        headers: { 'Content-Type': 'application/ipp', 'Content-Length': body.length },
        // Loopback/LAN printers often use self-signed certificates; the kiosk's trust in the
        // printer is the binding check on the document, not the printer's TLS identity.
        rejectUnauthorized: false,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => finish(() => reject(new IppUnreachableError(uri, e.message))));
        res.on('end', () =>
          finish(() => {
            if (res.statusCode !== 200) {
              reject(new IppStatusError(operation, `http-${res.statusCode}`));
              return;
            }
            try {
              const parsed = ipp.parse(Buffer.concat(chunks));
              const status = parsed.statusCode ?? 'unknown';
              if (!status.startsWith('successful')) {
                reject(new IppStatusError(operation, status));
                return;
              }
              resolve({
                status,
                operation: asGroups(parsed['operation-attributes-tag'])[0] ?? {},
                jobs: asGroups(parsed['job-attributes-tag']),
                printer: asGroups(parsed['printer-attributes-tag'])[0] ?? {},
              });
            } catch (e) {
              reject(new IppStatusError(operation, `unparseable-response: ${(e as Error).message}`));
            }
          }),
        );
      },
    );
    const timer = setTimeout(() => {
      finish(() => reject(new IppUnreachableError(uri, `no answer within ${opts.timeoutMs} ms`)));
      req.destroy();
    }, opts.timeoutMs);
    req.on('error', (e) => finish(() => reject(new IppUnreachableError(uri, e.message))));
    req.end(body);
  });
}

/** Reads an attribute as a list of strings (IPP 1setOf keyword → string[]; a single value → [v]). */
export function stringList(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

/** Reads an integer attribute; undefined when absent or not a number. */
export function int(v: unknown): number | undefined {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
}
