// Certificate issuance has service hours (6:30–23:00 JST, closed 12/29–1/3), decided by the back
// office. Tests that issue certificates pin the back office's clock inside them, so they pass
// whenever CI runs; time still advances from that start.

/** A weekday noon in JST. */
export const NOON_JST = Date.parse('2026-03-10T12:00:00+09:00');

export function serviceClock(base = NOON_JST): () => number {
  const start = Date.now();
  return () => base + (Date.now() - start);
}
