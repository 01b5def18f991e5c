// The request pipeline: Host/Origin → match (paths %-decoded safely) → who is calling (access.ts;
// a path's kioskId is the caller's) → content type → read body (size-limited) → idempotency (replayed
// only to the same caller) → parse (depth-limited) → validate (zod) → a body's kioskId is the
// caller's → handler → validate the answer → JSON. Every failure is an ErrorPayload with a typed kind; a 5xx only ever
// means the server failed, and its message never carries internals (SQL, stack) to the client.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { KioskError, toKioskError } from '../../common/errors';
import type { AccessStore } from '../storage/access-store';
import type { BackOfficeStore } from '../storage/store';
import { authenticate, checkKioskIds, principalId, type Principal } from './access';
import { statusFor } from './errors';
import { createIdempotency } from './idempotency';
import { checkJsonContentType, DEFAULT_MAX_BODY_BYTES, parseJson, readBody, type InputGuard } from './input';
import { compile, match, type Route } from './route';

function send(res: ServerResponse, status: number, body: string | null, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...(body === null ? {} : { 'content-type': 'application/json; charset=utf-8' }), ...headers });
  res.end(body ?? undefined);
}

function errorJson(err: KioskError): string {
  // An internal error's message is the driver's or runtime's (e.g. SQL): logged, never answered.
  if (err.kind === 'internal') return JSON.stringify({ kind: 'internal', message: 'the server failed; retry later' });
  return JSON.stringify(err.toPayload());
}

export function createHandler(routes: readonly Route[], store: BackOfficeStore, clock: () => number,
  guard: InputGuard, access: AccessStore) {
  const compiled = compile(routes);
  const idempotent = createIdempotency(store);

  async function runRoute(route: Route, params: Record<string, string>, raw: string, req: IncomingMessage, now: number, principal: Principal): Promise<{ status: number; body: string; headers?: Record<string, string> }> {
    let body: unknown = undefined;
    if (route.body) {
      const json = raw.length ? parseJson(raw) : undefined;
      const parsed = route.body.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new KioskError('input.invalid', issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid body', { field: issue?.path.join('.') || 'body' });
      }
      body = parsed.data;
    }
    checkKioskIds(principal, params, body);
    const residentId = principal.caller === 'holder' ? principal.residentId : undefined;
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
    const query = Object.fromEntries(new URL(req.url ?? '/', 'http://backoffice.invalid').searchParams);
    const result = await route.handler({ params, query, body, headers, now, principal, ...(residentId ? { residentId } : {}) });
    const status = result.status ?? route.successStatus ?? 200;
    if (status === 304) return { status, body: '', ...(result.headers ? { headers: result.headers } : {}) };
    const checked = route.response.safeParse(result.body);
    if (!checked.success) throw new KioskError('internal', `response of ${route.operationId} does not match its schema: ${z.prettifyError(checked.error)}`);
    return { status, body: JSON.stringify(checked.data), ...(result.headers ? { headers: result.headers } : {}) };
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const now = clock();
    try {
      guard.check(req);
      const url = new URL(req.url ?? '/', 'http://backoffice.invalid');
      const found = match(compiled, req.method ?? 'GET', url.pathname);
      if (found === undefined) throw new KioskError('backoffice.not_found', `no route for ${url.pathname.slice(0, 200)}`);
      if (found === 'method_not_allowed') {
        // Its body is never read: close, or the unread bytes would be taken for the next request.
        send(res, 405, JSON.stringify({ kind: 'input.invalid', message: 'method not allowed', details: { reason: 'method_not_allowed' } }), req.complete ? {} : { connection: 'close' });
        return;
      }
      const { route, params } = found;
      const principal = await authenticate(route.access, req, { access, store, now });
      checkKioskIds(principal, params, undefined);
      if (route.body) checkJsonContentType(req.headers['content-type']);
      const raw = await readBody(req, route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      if (route.idempotency === 'required') {
        const key = req.headers['idempotency-key'];
        if (typeof key !== 'string') throw new KioskError('input.invalid', 'Idempotency-Key header is required', { field: 'Idempotency-Key' });
        const answer = await idempotent(route.operationId, key, `${principalId(principal)}\u0000${JSON.stringify(params)}\u0000${raw}`, now, async () => {
          try {
            return await runRoute(route, params, raw, req, now, principal);
          } catch (err) {
            const typed = toKioskError(err);
            if (typed.kind === 'internal') console.error('backoffice: internal error', err);
            return { status: statusFor(typed), body: errorJson(typed) };
          }
        }, route.replay);
        send(res, answer.status, answer.body, answer.replayed ? { 'idempotent-replayed': 'true' } : {});
        return;
      }
      const out = await runRoute(route, params, raw, req, now, principal);
      send(res, out.status, out.status === 304 ? null : out.body, out.headers);
    } catch (err) {
      const typed = toKioskError(err);
      if (typed.kind === 'internal') console.error('backoffice: internal error', err);
      if (!res.headersSent) {
        // A refused request may still be sending its body: answer, then close instead of reading it.
        send(res, statusFor(typed), errorJson(typed), req.complete ? {} : { connection: 'close' });
      } else res.destroy();
    }
  };
}
