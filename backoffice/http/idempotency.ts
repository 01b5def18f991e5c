// Idempotency-Key handling: the first answer to a key is stored (for `retentionMs`, ≥ 30 days by
// default) and replayed for the same request; the same key with a different body is a 422.
// Concurrent duplicates wait for the first one instead of running twice: in this process by the
// in-flight map, across instances on one database by the store's exclusive() lock on the key, which
// also writes the answer in the transaction of the effect (a failure that is not final rolls the
// effect back with it). The caller is checked before
// this runs and is part of the request hash (serve.ts), so a replay is only ever served to the caller
// that made the original request; anyone else with the same key and body gets a 422, never its answer.
import { createHash } from 'node:crypto';
import { KioskError } from '../../common/errors';
import type { BackOfficeStore } from '../storage/store';

export interface StoredAnswer {
  status: number;
  body: string;
  replayed: boolean;
}

/** 2xx, and the 4xx that the same request will always get again (invalid, conflicting, too large). */
export function isFinalAnswer(status: number): boolean {
  return (status >= 200 && status < 300) || [400, 409, 410, 413, 415, 422].includes(status);
}

/** Carries an answer that is not remembered out of the key's transaction, which it rolls back. */
class NotFinal extends Error {
  constructor(readonly answer: { status: number; body: string }) { super('not a final answer'); }
}

export function createIdempotency(store: BackOfficeStore) {
  const inFlight = new Map<string, Promise<StoredAnswer>>();

  return async function withIdempotency(scope: string, key: string, rawBody: string, now: number,
    run: () => Promise<{ status: number; body: string }>,
    replay?: { keep(body: string): string; rebuild(kept: string, now: number): Promise<string> }): Promise<StoredAnswer> {
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw new KioskError('input.invalid', 'Idempotency-Key must be 1–200 visible ASCII characters', { field: 'Idempotency-Key' });
    }
    const hash = createHash('sha256').update(rawBody).digest('hex');
    const id = `${scope}\u0000${key}`;
    const pending = inFlight.get(id);
    if (pending) await pending.catch(() => undefined);
    const work = (async (): Promise<StoredAnswer> => {
      try {
        return await store.exclusive(scope, key, async () => {
          const stored = await store.getResponse(scope, key);
          if (stored) {
            if (stored.requestHash !== hash) throw new KioskError('idempotency.conflict', undefined, { field: 'Idempotency-Key' });
            const ok = stored.status >= 200 && stored.status < 300;
            return { status: stored.status, body: replay && ok ? await replay.rebuild(stored.body, now) : stored.body, replayed: true };
          }
          const answer = await run();
          // Only final answers are remembered: a retry after signing in again, after a refusal that may
          // not hold later (403, 404, 429) or after a server error must be decided again.
          if (!isFinalAnswer(answer.status)) throw new NotFinal(answer);
          const kept = replay && answer.status >= 200 && answer.status < 300 ? replay.keep(answer.body) : answer.body;
          await store.putResponse({ scope, key, requestHash: hash, status: answer.status, body: kept, createdAt: now });
          return { ...answer, replayed: false };
        });
      } catch (err) {
        if (err instanceof NotFinal) return { ...err.answer, replayed: false };
        throw err;
      }
    })();
    inFlight.set(id, work);
    try {
      return await work;
    } finally {
      inFlight.delete(id);
    }
  };
}
