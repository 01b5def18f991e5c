// app:// instead of file://: the UI is served from the packaged renderer/dist with a path
// containment check, our CSP on every response, and nothing outside the folder reachable.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { APP_HOST, appResponseHeaders } from './security';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json',
};

/** The file an app:// URL maps to inside `root`, or null (wrong host, traversal, NUL, bad escape). */
export function resolveAppFile(root: string, rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const base = normalize(root);
  const full = normalize(join(base, path === '/' ? '/index.html' : path));
  return full.startsWith(base.endsWith(sep) ? base : base + sep) ? full : null;
}

/** The protocol handler body: a Response for Electron's protocol.handle. */
export async function serveAppFile(root: string, rawUrl: string): Promise<Response> {
  const file = resolveAppFile(root, rawUrl);
  if (!file) return new Response('not found', { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(body, { status: 200, headers: appResponseHeaders(TYPES[extname(file)] ?? 'application/octet-stream') });
  } catch {
    return new Response('not found', { status: 404 });
  }
}
