// Bounded local storage: a finished request leaves the kiosk database once it is synced and older
// than the retention (default 7 days: long enough for staff to answer a resident's question at the
// kiosk, short enough that the file stays small; 0 deletes at the first round after sync, once the
// request has not changed for a minute).
//
// What "finished and synced" means: the request is synced, refunded or voided (final states; held
// and failed wait for staff), every outbox row of its stream is done (the back office has all of
// it), and no other request still points at it (a reprint's original goes after the reprint).
// With it go its events and its outbox rows. Done outbox rows that belong to no request (a stream
// of another kind, or none) go after the same retention.
//
// Small batches (default 50 requests per transaction), each its own short write transaction, so
// the writer is never held for long; then incremental vacuum hands the freed pages back to the file
// system (auto_vacuum = INCREMENTAL, switched on once for an older file), and a WAL checkpoint lets
// the file shrink. secure_delete zeroes what is deleted or wiped, so no resident's data stays
// readable in a free page of the file.
import type { KioskDb } from './kiosk-db';

export const DEFAULT_RETENTION_DAYS = 7;
const DAY_MS = 86_400_000;
/** Even with retention 0 a request stays a minute after its last change: the command that finished
 *  it (a print answering its outcome) may still read it back. */
export const MIN_AGE_MS = 60_000;
const FINAL_STATES = `('synced', 'refunded', 'voided')`;

export interface RetentionOptions {
  /** Days a finished, synced request is kept (0: deleted at once). */
  retentionDays?: number;
  /** Requests per transaction (default 50). */
  batchSize?: number;
  /** Batches per call at most (default 20): one housekeeping round never runs for long. */
  maxBatches?: number;
  now?: number;
}

export interface RetentionResult {
  requests: number;
  events: number;
  outboxRows: number;
  /** Pages handed back to the file system by incremental vacuum. */
  pagesFreed: number;
}

/**
 * The connection set up for retention: secure_delete (a deleted or wiped value is overwritten with
 * zeros in the file, not left readable in a free page), and auto_vacuum = INCREMENTAL (2), an
 * existing file converted once by VACUUM (needs no open transaction). True when it converted.
 */
export function prepareForRetention(db: KioskDb): boolean {
  db.sqlite.pragma('secure_delete = ON');
  if (db.sqlite.pragma('auto_vacuum', { simple: true }) === 2) return false;
  db.sqlite.pragma('auto_vacuum = INCREMENTAL');
  db.sqlite.exec('VACUUM');
  return true;
}

export function createRetention(db: KioskDb) {
  const s = db.sqlite;
  const due = s.prepare(`
    SELECT r.request_id FROM issuance_requests r
    WHERE r.state IN ${FINAL_STATES} AND r.updated_at <= ?
      AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.stream = 'certificate:' || r.request_id AND o.state <> 'done')
      AND NOT EXISTS (SELECT 1 FROM issuance_requests x WHERE x.reprint_of = r.request_id)
    LIMIT ?`).pluck();
  const delEvents = s.prepare('DELETE FROM issuance_events WHERE request_id = ?');
  const delOutbox = s.prepare(`DELETE FROM outbox WHERE stream = 'certificate:' || ? AND state = 'done'`);
  const delRequest = s.prepare('DELETE FROM issuance_requests WHERE request_id = ?');
  const delOrphans = s.prepare(`
    DELETE FROM outbox WHERE id IN (
      SELECT o.id FROM outbox o WHERE o.state = 'done' AND o.finished_at <= ?
        AND (o.stream IS NULL OR o.stream NOT LIKE 'certificate:%'
          OR NOT EXISTS (SELECT 1 FROM issuance_requests r WHERE r.request_id = substr(o.stream, 13)))
      LIMIT ?)`);

  return {
    /** One retention pass: batches of deletions, then an incremental vacuum and a checkpoint. */
    run(opts: RetentionOptions = {}): RetentionResult {
      const days = opts.retentionDays ?? DEFAULT_RETENTION_DAYS;
      if (!Number.isFinite(days) || days < 0) throw new RangeError(`retention days must be ≥ 0 (got ${days})`);
      const cutoff = (opts.now ?? Date.now()) - Math.max(days * DAY_MS, MIN_AGE_MS);
      const batch = opts.batchSize ?? 50;
      const result: RetentionResult = { requests: 0, events: 0, outboxRows: 0, pagesFreed: 0 };
      for (let i = 0; i < (opts.maxBatches ?? 20); i++) {
        const ids = due.all(cutoff, batch) as string[];
        const orphans = db.relaxed(() => {
          for (const id of ids) {
            result.events += delEvents.run(id).changes;
            result.outboxRows += delOutbox.run(id).changes;
            result.requests += delRequest.run(id).changes;
          }
          return delOrphans.run(cutoff, batch).changes;
        });
        result.outboxRows += orphans;
        if (ids.length < batch && orphans < batch) break;
      }
      if (result.requests + result.outboxRows > 0 && s.pragma('auto_vacuum', { simple: true }) === 2) {
        const before = s.pragma('freelist_count', { simple: true }) as number;
        s.pragma('incremental_vacuum');
        result.pagesFreed = before - (s.pragma('freelist_count', { simple: true }) as number);
      }
      // The WAL holds earlier images of the pages (a wiped document among them) until a checkpoint
      // copies the new ones over; truncated each round, it keeps nothing of a resident for long.
      s.pragma('wal_checkpoint(TRUNCATE)');
      return result;
    },
  };
}
