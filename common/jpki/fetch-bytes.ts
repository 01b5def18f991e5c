// Fetching revocation data with a hard deadline. The fetch implementation is injected so the same
// code runs in the kiosk (Electron's net), the back-office server and tests.

export class RevocationFetchError extends Error {}

/** Largest OCSP response / CRL accepted; more means a misbehaving server, not a real answer. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export async function fetchBytes(
  fetchImpl: typeof fetch, url: string, init: RequestInit, timeoutMs: number,
): Promise<Uint8Array> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchImpl(url, { ...init, signal: controller.signal, redirect: 'error' });
    if (!response.ok) {
      // Drain nothing: cancelling lets the connection close instead of buffering an error page.
      await response.body?.cancel().catch(() => undefined);
      throw new RevocationFetchError(`${url} answered HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > MAX_BODY_BYTES) throw new RevocationFetchError(`${url} body too large (${declared} bytes)`);
    const body = new Uint8Array(await response.arrayBuffer());
    if (body.length > MAX_BODY_BYTES) throw new RevocationFetchError(`${url} body too large`);
    return body;
  } catch (err) {
    if (err instanceof RevocationFetchError) throw err;
    if (controller.signal.aborted) throw new RevocationFetchError(`${url} timed out after ${timeoutMs} ms`);
    throw new RevocationFetchError(`${url} unreachable: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    clearTimeout(timer);
  }
}
