// The request pipeline: match → read body (size-limited) → validate (zod) → session → idempotency →
// handler → validate the answer → JSON. Every failure is an ErrorPayload with a typed kind.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { KioskError, toKioskError } from '../../common/errors';
import type { BackOfficeStore } from '../storage/store';
import { statusFor } from './errors';
import { createIdempotency } from './idempotency';
import { compile, match, type Route } from './route';

const MAX_BODY_BYTES = 4 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new KioskError('input.invalid', 'request body too large', { field: 'body' });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: string | null, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...(body === null ? {} : { 'content-type': 'application/json; charset=utf-8' }), ...headers });
  res.end(body ?? undefined);
}

function errorJson(err: KioskError): string {
  return JSON.stringify(err.toPayload());
}

export function createHandler(routes: readonly Route[], store: BackOfficeStore, clock: () => number) {
  const compiled = compile(routes);
  const idempotent = createIdempotency(store);

  async function runRoute(route: Route, params: Record<string, string>, raw: string, req: IncomingMessage, now: number): Promise<{ status: number; body: string; headers?: Record<string, string> }> {
    let body: unknown = undefined;
    if (route.body) {
      let json: unknown;
      try {
        json = raw.length ? JSON.parse(raw) : undefined;
      } catch {
        throw new KioskError('input.invalid', 'body is not valid JSON', { field: 'body' });
      }
      const parsed = route.body.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new KioskError('input.invalid', issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid body', { field: issue?.path.join('.') || 'body' });
      }
      body = parsed.data;
    }
    let residentId: string | undefined;
    if (route.session) {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const session = token ? store.getSession(token) : undefined;
      if (!session || session.expiresAt <= now) throw new KioskError('backoffice.unauthenticated', 'a valid holder session is required');
      residentId = session.residentId;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
    const result = await route.handler({ params, body, headers, now, ...(residentId ? { residentId } : {}) });
    const status = result.status ?? route.successStatus ?? 200;
    if (status === 304) return { status, body: '', ...(result.headers ? { headers: result.headers } : {}) };
    const checked = route.response.safeParse(result.body);
    if (!checked.success) throw new KioskError('internal', `response of ${route.operationId} does not match its schema: ${z.prettifyError(checked.error)}`);
    return { status, body: JSON.stringify(checked.data), ...(result.headers ? { headers: result.headers } : {}) };
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const now = clock();
    try {
      const url = new URL(req.url ?? '/', 'http://backoffice.invalid');
      const found = match(compiled, req.method ?? 'GET', url.pathname);
      if (found === undefined) throw new KioskError('backoffice.not_found', `no route for ${url.pathname}`);
      if (found === 'method_not_allowed') { send(res, 405, JSON.stringify({ kind: 'input.invalid', message: 'method not allowed' })); return; }
      const { route, params } = found;
      const raw = await readBody(req);
      if (route.idempotency === 'required') {
        const key = req.headers['idempotency-key'];
        if (typeof key !== 'string') throw new KioskError('input.invalid', 'Idempotency-Key header is required', { field: 'Idempotency-Key' });
        const answer = await idempotent(route.operationId, key, `${JSON.stringify(params)}\u0000${raw}`, now, async () => {
          try {
            return await runRoute(route, params, raw, req, now);
          } catch (err) {
            const typed = toKioskError(err);
            return { status: statusFor(typed), body: errorJson(typed) };
          }
        });
        send(res, answer.status, answer.body, answer.replayed ? { 'idempotent-replayed': 'true' } : {});
        return;
      }
      const out = await runRoute(route, params, raw, req, now);
      send(res, out.status, out.status === 304 ? null : out.body, out.headers);
    } catch (err) {
      const typed = toKioskError(err);
      if (typed.kind === 'internal') console.error('backoffice: internal error', err);
      if (!res.headersSent) send(res, statusFor(typed), errorJson(typed));
      else res.destroy();
    }
  };
}
