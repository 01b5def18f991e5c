// A route = method + path + zod schemas + handler. The same table drives request validation,
// dispatch and the generated OpenAPI document, so the file and the code cannot disagree silently.
import type { z } from 'zod';
import type { Access, Principal } from './access';
import { decodePathParam } from './input';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestContext<B> {
  params: Record<string, string>;
  /** The query string's parameters (ORCA's API selects with ?class=…, ?id=…). */
  query: Record<string, string>;
  body: B;
  headers: Record<string, string | undefined>;
  /** Server clock in ms (the authoritative clock; kiosks may be skewed). */
  now: number;
}

export interface HandlerResult<R> {
  status?: number;
  body: R;
  headers?: Record<string, string>;
}

export interface Route<B extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  method: HttpMethod;
  /** OpenAPI-style template, e.g. /v1/residents/{residentId}. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  body?: B;
  response: R;
  /** Status of a successful answer (documented). */
  successStatus?: number;
  /** 'required': the request must carry an Idempotency-Key header, and replays return the first answer. */
  idempotency?: 'required';
  /** With idempotency: what a successful answer keeps for its replays, and how a replay is answered
   *  from that. An answer that can be rebuilt (a certificate rendered again from its issuance record)
   *  is kept without its document, so the store holds no copy of a resident's certificate. */
  replay?: { keep(body: string): string; rebuild(kept: string, now: number): Promise<string> };
  /** Who may call it (access.ts), checked before anything else. A 'holder' route's handler gets the
   *  session's resident as `residentId`. */
  access: Access;
  /** Documented error statuses besides 400 / 500. */
  errors?: number[];
  /** Extra documented responses (e.g. 304 for ETag revalidation). */
  notModified?: boolean;
  /** Largest body accepted, in bytes (default DEFAULT_MAX_BODY_BYTES of http/input.ts). */
  maxBodyBytes?: number;
  handler(ctx: RequestContext<z.output<B>> & { principal: Principal; residentId?: string }): Promise<HandlerResult<z.input<R>>> | HandlerResult<z.input<R>>;
}

/** Helper that keeps each route's handler typed against its own schemas. */
export function route<B extends z.ZodType, R extends z.ZodType>(r: Route<B, R>): Route {
  return r as unknown as Route;
}

export interface CompiledRoute {
  route: Route;
  regex: RegExp;
  paramNames: string[];
}

export function compile(routes: readonly Route[]): CompiledRoute[] {
  return routes.map((r) => {
    const paramNames: string[] = [];
    const pattern = r.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
      paramNames.push(name);
      return '([^/]+)';
    });
    return { route: r, regex: new RegExp(`^${pattern}$`), paramNames };
  });
}

export function match(compiled: readonly CompiledRoute[], method: string, pathname: string):
  { route: Route; params: Record<string, string> } | 'method_not_allowed' | undefined {
  let pathMatched = false;
  for (const c of compiled) {
    const m = c.regex.exec(pathname);
    if (!m) continue;
    pathMatched = true;
    if (c.route.method !== method) continue;
    const params: Record<string, string> = {};
    c.paramNames.forEach((name, i) => { params[name] = decodePathParam(m[i + 1]!, name); });
    return { route: c.route, params };
  }
  return pathMatched ? 'method_not_allowed' : undefined;
}
