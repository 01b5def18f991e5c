// 0060: the outbox's indexes cover only the rows each query looks for. The claim walks the ready
// jobs in id order (it used to pick the (state, run_at) index and sort every ready job, on each
// claim); the lease reaper looks at leased jobs by expiry; the dead-letter list at dead jobs. A done
// job — nearly every row, kept for the audit window — is in none of them, so completing a job
// writes fewer index pages in its synchronous=FULL commit, and enqueue writes one index fewer.
import type { Migration } from '../migrate';

export const migration0060: Migration = {
  version: 60,
  name: 'outbox-partial-indexes',
  up(db) {
    db.exec(`
      DROP INDEX outbox_claim;
      DROP INDEX outbox_due;
      CREATE INDEX outbox_ready ON outbox (queue, id) WHERE state = 'ready';
      CREATE INDEX outbox_leased ON outbox (queue, run_at) WHERE state = 'leased';
      CREATE INDEX outbox_dead ON outbox (queue, id) WHERE state = 'dead';
    `);
  },
};
