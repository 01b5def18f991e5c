// What a request must look like before any route sees it: a path that decodes, a Host that is ours
// (DNS rebinding), no foreign Origin (a web page posting to the back office), JSON only under its
// own content type (a `text/plain` form post is how CSRF gets past CORS), and a body within size
// and nesting limits. Each refusal is a typed 4xx; none of them can reach a handler or the store.
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { KioskError } from '../../common/errors';

/** Default body limit of a route; a route with bigger bodies (the sync batch) declares its own. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
/** Deepest JSON nesting any route accepts; the deepest real body (a sync event payload) uses 4. */
export const MAX_JSON_DEPTH = 32;

export interface InputPolicy {
  /** Host names (without port) that address this server besides its own address. */
  hostNames?: readonly string[];
  /** Origins (scheme://host[:port]) allowed to call from a browser; none by default. */
  allowedOrigins?: readonly string[];
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/** The host part of a Host header, without port and IPv6 brackets; undefined when it does not parse. */
function hostOf(header: string): string | undefined {
  const m = /^\[([0-9a-fA-F:.]+)\](?::\d{1,5})?$/.exec(header) ?? /^([A-Za-z0-9.-]+)(?::\d{1,5})?$/.exec(header);
  return m?.[1]?.toLowerCase().replace(/\.$/, '');
}

export function createInputGuard(bindHost: string, policy: InputPolicy = {}) {
  const wildcard = bindHost === '0.0.0.0' || bindHost === '::';
  // Loopback names are always ours: no attacker can point `localhost` at a page of theirs.
  const names = new Set([...(policy.hostNames ?? []), ...LOOPBACK_NAMES, ...(wildcard ? [] : [bindHost])].map((h) => h.toLowerCase()));
  const origins = new Set(policy.allowedOrigins ?? []);

  /** Host must name this server: a page on another name (DNS rebinding to our address) is refused. */
  function checkHost(req: IncomingMessage): void {
    const header = req.headers.host;
    if (header === undefined) throw new KioskError('input.invalid', 'Host header is required', { field: 'host', reason: 'missing_host' });
    const host = hostOf(header);
    // A wildcard bind answers on every address; an IP literal cannot be a rebinding attacker's name.
    const known = host !== undefined && (names.has(host) || (wildcard && isIP(host) !== 0));
    if (!known) throw new KioskError('input.unknown_host', `this server does not answer for host ${JSON.stringify(header.slice(0, 100))}`, { field: 'host' });
  }

  /** Browsers send Origin on cross-site writes and reads: only configured origins may call. */
  function checkOrigin(req: IncomingMessage): void {
    const origin = req.headers.origin;
    if (origin === undefined) return;
    if (!origins.has(origin)) throw new KioskError('backoffice.refused', 'requests from web pages are refused', { reason: 'origin_not_allowed', field: 'origin' });
  }

  return {
    check(req: IncomingMessage): void {
      checkHost(req);
      checkOrigin(req);
    },
  };
}

export type InputGuard = ReturnType<typeof createInputGuard>;

/** A path parameter, %-decoded; malformed encodings and NUL are a 400, never a thrown URIError. */
export function decodePathParam(raw: string, name: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw new KioskError('input.invalid', `path parameter ${name} is not valid %-encoding`, { field: name, reason: 'malformed_path' });
  }
  if (decoded.includes('\0')) throw new KioskError('input.invalid', `path parameter ${name} contains NUL`, { field: name, reason: 'malformed_path' });
  return decoded;
}

/** Only `application/json` (optionally `; charset=utf-8`) is read as JSON. */
export function checkJsonContentType(header: string | undefined): void {
  const m = /^\s*application\/json\s*(?:;\s*charset\s*=\s*"?([A-Za-z0-9_-]+)"?\s*)?$/i.exec(header ?? '');
  if (!m || (m[1] !== undefined && m[1].toLowerCase() !== 'utf-8')) {
    throw new KioskError('input.unsupported_media_type', 'the body must be application/json (UTF-8)', { field: 'content-type' });
  }
}

/** Reads the body up to `limit` bytes; a declared or actual larger body is a 413. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const tooLarge = () => new KioskError('input.too_large', `request body larger than ${limit} bytes`, { field: 'body', limit });
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > limit) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof KioskError) throw err;
    // The client went away mid-body: its fault, not the server's (and nobody is left to answer).
    throw new KioskError('input.invalid', 'the request body was cut off', { field: 'body', reason: 'body_aborted' });
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Parses JSON after a linear scan of its nesting: a body nested thousands deep is refused before
 * any recursive code (the parser, zod, JSON.stringify) walks it.
 */
export function parseJson(raw: string, maxDepth = MAX_JSON_DEPTH): unknown {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) throw new KioskError('input.invalid', `body nested deeper than ${maxDepth} levels`, { field: 'body', reason: 'nesting_too_deep', limit: maxDepth });
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw new KioskError('input.invalid', 'body is not valid JSON', { field: 'body' });
  }
}
