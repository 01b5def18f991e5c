// 0010: the durable outbox/queue. One row per job; the lease expiry lives in run_at while a job
// is leased, so "due" is one comparison for both fresh and abandoned jobs.
import type { Migration } from '../migrate';

export const migration0010: Migration = {
  version: 10,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        queue TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        stream TEXT,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'ready' CHECK (state IN ('ready', 'leased', 'done', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER NOT NULL,
        run_at INTEGER NOT NULL,
        lease_token TEXT,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        finished_at INTEGER,
        UNIQUE (queue, idempotency_key)
      ) STRICT;
      CREATE INDEX outbox_claim ON outbox (queue, state, id);
      CREATE INDEX outbox_due ON outbox (queue, state, run_at);
      CREATE INDEX outbox_stream ON outbox (queue, stream, id) WHERE stream IS NOT NULL AND state <> 'done';
    `);
  },
};
