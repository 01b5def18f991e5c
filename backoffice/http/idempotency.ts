// Idempotency-Key handling: the first answer to a key is stored (for `retentionMs`, ≥ 30 days by
// default) and replayed for the same request; the same key with a different body is a 422.
// Concurrent duplicates wait for the first one instead of running twice.
import { createHash } from 'node:crypto';
import { KioskError } from '../../common/errors';
import type { BackOfficeStore } from '../storage/store';

export interface StoredAnswer {
  status: number;
  body: string;
  replayed: boolean;
}

export function createIdempotency(store: BackOfficeStore) {
  const inFlight = new Map<string, Promise<StoredAnswer>>();

  return async function withIdempotency(scope: string, key: string, rawBody: string, now: number,
    run: () => Promise<{ status: number; body: string }>): Promise<StoredAnswer> {
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw new KioskError('input.invalid', 'Idempotency-Key must be 1–200 visible ASCII characters', { field: 'Idempotency-Key' });
    }
    const hash = createHash('sha256').update(rawBody).digest('hex');
    const id = `${scope}\u0000${key}`;
    const pending = inFlight.get(id);
    if (pending) await pending.catch(() => undefined);
    const stored = store.getResponse(scope, key);
    if (stored) {
      if (stored.requestHash !== hash) throw new KioskError('idempotency.conflict', undefined, { field: 'Idempotency-Key' });
      return { status: stored.status, body: stored.body, replayed: true };
    }
    const work = (async () => {
      const answer = await run();
      // Server errors are not remembered: the client should be able to retry them.
      if (answer.status < 500) store.putResponse({ scope, key, requestHash: hash, status: answer.status, body: answer.body, createdAt: now });
      return { ...answer, replayed: false };
    })();
    inFlight.set(id, work);
    try {
      return await work;
    } finally {
      inFlight.delete(id);
    }
  };
}
