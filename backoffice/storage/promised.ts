// A synchronous record store (better-sqlite3) seen through the asynchronous shape the routes use, so
// the same route code runs on SQLite and on PostgreSQL, where every call is a round trip.

/** Every method of T answering a promise of what it answered. */
export type Promised<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never };

export function promised<T extends object>(sync: T): Promised<T> {
  const out = {} as Record<string, unknown>;
  for (const [name, method] of Object.entries(sync)) {
    if (typeof method === 'function') out[name] = async (...args: unknown[]) => (method as (...a: unknown[]) => unknown)(...args);
  }
  return out as Promised<T>;
}
