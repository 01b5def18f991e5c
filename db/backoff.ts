// Exponential back-off with "equal jitter": half the window is fixed, half random, so retries
// from a fleet of kiosks spread out after an outage without ever retrying instantly.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 15 * 60_000 };

/** Delay before attempt number `attempt + 1`, given `attempt` failures so far (attempt ≥ 1). */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exp = Math.min(Math.max(attempt - 1, 0), 30);
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** exp);
  return Math.round(cap / 2 + random() * (cap / 2));
}

/**
 * Parses an HTTP Retry-After header (delta-seconds or an HTTP date) into milliseconds from now.
 * The date form is compared with the SERVER's Date header when given, so a skewed kiosk clock
 * does not turn "retry in 30 s" into "retry in a day".
 */
export function parseRetryAfterMs(value: string | null | undefined, serverDate?: string | null, kioskNow: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  const serverNow = serverDate ? Date.parse(serverDate) : NaN;
  const reference = Number.isNaN(serverNow) ? kioskNow : serverNow;
  return Math.max(0, at - reference);
}
