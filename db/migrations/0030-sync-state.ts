// 0030: what the sync engine keeps between runs: configuration pulled with its ETag, and small
// key/value facts (last server clock offset, last successful push). Re-fetchable, so relaxed durability.
import type { Migration } from '../migrate';

export const migration0030: Migration = {
  version: 30,
  name: 'sync-state',
  up(db) {
    db.exec(`
      CREATE TABLE config_cache (
        name TEXT PRIMARY KEY,
        etag TEXT,
        body TEXT NOT NULL,
        fetched_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
