// The SQLite store (the embedded default) behind the asynchronous BackOfficeStore the routes use.
// better-sqlite3 is synchronous and has one connection, so an asynchronous transaction (which spans
// awaits) holds the connection for itself: calls made inside it (its async context) run at once and
// join it; every other call waits until it commits or rolls back, so another request's write never
// lands inside someone else's transaction.
import { AsyncLocalStorage } from 'node:async_hooks';
import { openSqliteStore, type SqliteStore } from './sqlite-store';
import type { BackOfficeStore, StoreRecords } from './store';

export function openSqliteBackOfficeStore(dataDir: string): BackOfficeStore {
  return wrapSqliteStore(openSqliteStore(dataDir));
}

export function wrapSqliteStore(sync: SqliteStore): BackOfficeStore {
  const inTransaction = new AsyncLocalStorage<true>();
  /** Settles when the transaction holding the connection (if any) has finished. */
  let idle: Promise<void> = Promise.resolve();

  async function outside<T>(fn: () => T): Promise<T> {
    if (inTransaction.getStore()) return fn();
    // Loop: a transaction that started while we waited holds the connection again.
    for (let seen = idle; ; seen = idle) {
      await seen;
      if (seen === idle) return fn();
    }
  }

  async function transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (inTransaction.getStore()) return fn();
    let release!: () => void;
    const previous = idle;
    idle = new Promise<void>((r) => { release = r; });
    await previous;
    try {
      sync.begin();
      try {
        const result = await inTransaction.run(true, fn);
        sync.commit();
        return result;
      } catch (err) {
        sync.rollback();
        throw err;
      }
    } finally {
      release();
    }
  }

  const records = {} as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const [name, method] of Object.entries(sync)) {
    if (typeof method === 'function') records[name] = (...args: unknown[]) => outside(() => (method as (...a: unknown[]) => unknown)(...args));
  }
  return {
    ...(records as unknown as { [K in keyof StoreRecords]: (...args: Parameters<StoreRecords[K]>) => Promise<ReturnType<StoreRecords[K]>> }),
    kind: 'sqlite',
    transaction,
    exclusive: (_scope, _key, fn) => fn(),
    applyEvent: (kioskId, e, now, accept) => transaction(async () => {
      // The synchronous store cannot wait for `accept`: it is first asked only whether the event is new
      // (a refusal records nothing), then `accept` is awaited, then the event recorded with its answer.
      let fresh = false;
      const seen = sync.applyEvent(kioskId, e, now, () => { fresh = true; return { reason: 'not_yet_decided' }; });
      if (!fresh) return seen;
      const refused = await accept?.();
      return sync.applyEvent(kioskId, e, now, () => refused);
    }),
    close: () => outside(() => sync.close()),
  };
}
