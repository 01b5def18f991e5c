// The durable queue / outbox. Invariants (see README.md "Queue"):
// - enqueue is idempotent: UNIQUE(queue, idempotency_key) + ON CONFLICT DO NOTHING;
// - claim leases jobs with a fresh token inside BEGIN IMMEDIATE, so two workers never hold one job,
//   and a crashed worker's job becomes claimable again when its lease (stored in run_at) expires;
// - ack/fail only apply with the current lease token (a late ack from a stale worker is ignored);
// - within a stream, a job is never handed out while an earlier one is pending, leased or dead.
import { randomUUID } from 'node:crypto';
import { KioskError } from '../common/errors';
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { KioskDb } from './kiosk-db';
import { withDbErrors } from './sqlite-errors';

export interface EnqueueInput {
  key: string;
  kind: string;
  payload: unknown;
  /** Jobs of one stream (e.g. one issuance) are handed out strictly in enqueue order. */
  stream?: string;
  maxAttempts?: number;
  /** Earliest time (ms) the job may run; defaults to now. */
  runAt?: number;
}

export interface ClaimedJob {
  id: number;
  key: string;
  kind: string;
  stream: string | null;
  payload: unknown;
  attempts: number;
  leaseToken: string;
  createdAt: number;
}

export interface DeadLetter {
  id: number;
  key: string;
  kind: string;
  stream: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  deadAt: number;
}

export interface QueueStats {
  ready: number;
  leased: number;
  dead: number;
  done: number;
  /** Creation time of the oldest job not yet done (ready, leased or dead), or null. */
  oldestPendingCreatedAt: number | null;
  /** now − oldestPendingCreatedAt, 0 when nothing is pending: the sync lag health signal. */
  lagMs: number;
}

export type FailOutcome = 'retry' | 'dead' | 'stale';

export interface QueueOptions {
  name?: string;
  clock?: () => number;
  random?: () => number;
  backoff?: BackoffPolicy;
  defaultMaxAttempts?: number;
}

interface JobRow {
  id: number;
  idempotency_key: string;
  kind: string;
  stream: string | null;
  payload: string;
  attempts: number;
  created_at: number;
}

// The due jobs to lease, oldest first, through the partial index of ready jobs (migration 0060).
// Within a stream a job waits while an earlier one is pending, leased or dead.
const DUE_SQL = `
  SELECT o.id FROM outbox o
  WHERE o.queue = @queue AND o.state = 'ready' AND o.run_at <= @now
    AND (o.stream IS NULL OR NOT EXISTS (
      SELECT 1 FROM outbox p
      WHERE p.queue = o.queue AND p.stream = o.stream AND p.id < o.id AND p.state <> 'done'
        AND NOT (p.state = 'ready' AND p.run_at <= @now)))
  ORDER BY o.id LIMIT @limit`;

// One row leased by id; "state = 'ready'" makes it a no-op for a row that is no longer due.
const LEASE_SQL = `
  UPDATE outbox SET state = 'leased', attempts = attempts + 1, run_at = @leaseUntil, lease_token = @token
  WHERE id = @id AND state = 'ready'
  RETURNING id, idempotency_key, kind, stream, payload, attempts, created_at`;

export function createQueue(db: KioskDb, options: QueueOptions = {}) {
  const queue = options.name ?? 'sync';
  const clock = options.clock ?? Date.now;
  const random = options.random ?? Math.random;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const defaultMaxAttempts = options.defaultMaxAttempts ?? 10;
  const s = db.sqlite;

  const insert = s.prepare(`INSERT INTO outbox (queue, idempotency_key, stream, kind, payload, max_attempts, run_at, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (queue, idempotency_key) DO NOTHING`);
  const findByKey = s.prepare('SELECT id FROM outbox WHERE queue = ? AND idempotency_key = ?').pluck();
  const reapExpired = s.prepare(`UPDATE outbox SET
      state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'ready' END,
      finished_at = CASE WHEN attempts >= max_attempts THEN @now ELSE NULL END,
      last_error = CASE WHEN attempts >= max_attempts THEN 'lease expired on the last attempt' ELSE last_error END,
      lease_token = NULL
    WHERE queue = @queue AND state = 'leased' AND run_at <= @now`);
  const dueStmt = s.prepare(DUE_SQL).pluck();
  const leaseStmt = s.prepare(LEASE_SQL);
  const ackStmt = s.prepare(`UPDATE outbox SET state = 'done', finished_at = ?, lease_token = NULL
    WHERE id = ? AND state = 'leased' AND lease_token = ?`);
  const leaseOf = s.prepare(`SELECT attempts, max_attempts FROM outbox WHERE id = ? AND state = 'leased' AND lease_token = ?`);
  const retryStmt = s.prepare(`UPDATE outbox SET state = 'ready', run_at = ?, last_error = ?, lease_token = NULL WHERE id = ?`);
  const deadStmt = s.prepare(`UPDATE outbox SET state = 'dead', finished_at = ?, last_error = ?, lease_token = NULL WHERE id = ?`);
  const extendStmt = s.prepare(`UPDATE outbox SET run_at = ? WHERE id = ? AND state = 'leased' AND lease_token = ?`);
  // Counted through the partial indexes of migration 0060; done = all − the rest (state has four values).
  const countStmt = s.prepare(`SELECT
      (SELECT COUNT(*) FROM outbox WHERE queue = @queue AND state = 'ready') AS ready,
      (SELECT COUNT(*) FROM outbox WHERE queue = @queue AND state = 'leased') AS leased,
      (SELECT COUNT(*) FROM outbox WHERE queue = @queue AND state = 'dead') AS dead,
      (SELECT COUNT(*) FROM outbox WHERE queue = @queue) AS total`);
  const oldestStmt = s.prepare(`SELECT MIN(m) FROM (
      SELECT MIN(created_at) AS m FROM outbox WHERE queue = @queue AND state = 'ready'
      UNION ALL SELECT MIN(created_at) FROM outbox WHERE queue = @queue AND state = 'leased'
      UNION ALL SELECT MIN(created_at) FROM outbox WHERE queue = @queue AND state = 'dead')`).pluck();
  const deadList = s.prepare(`SELECT id, idempotency_key, kind, stream, attempts, last_error, created_at, finished_at
    FROM outbox WHERE queue = ? AND state = 'dead' ORDER BY id LIMIT ?`);
  const redriveStmt = s.prepare(`UPDATE outbox SET state = 'ready', attempts = 0, run_at = ?, finished_at = NULL
    WHERE id = ? AND queue = ? AND state = 'dead'`);
  const purgeStmt = s.prepare(`DELETE FROM outbox WHERE queue = ? AND state = 'done' AND finished_at < ?`);
  const unfinishedStmt = s.prepare(`SELECT COUNT(*) FROM outbox WHERE queue = ? AND stream = ? AND state <> 'done'`).pluck();

  function validate(input: EnqueueInput): void {
    if (typeof input.key !== 'string' || input.key.length === 0 || input.key.length > 200) {
      throw new KioskError('input.invalid', 'idempotency key must be 1–200 characters', { field: 'key' });
    }
    if (typeof input.kind !== 'string' || input.kind.length === 0) {
      throw new KioskError('input.invalid', 'job kind is required', { field: 'kind' });
    }
  }

  /** Inserts inside the caller's transaction (use within db.durable() next to the record it announces). */
  function enqueueInTransaction(input: EnqueueInput): { id: number; created: boolean } {
    validate(input);
    const now = clock();
    const payload = JSON.stringify(input.payload ?? null);
    const r = insert.run(queue, input.key, input.stream ?? null, input.kind, payload,
      input.maxAttempts ?? defaultMaxAttempts, input.runAt ?? now, now);
    if (r.changes === 1) return { id: Number(r.lastInsertRowid), created: true };
    return { id: findByKey.get(queue, input.key) as number, created: false };
  }

  /** One durable commit of the INSERT alone (the existing job's id is read after it). */
  function enqueueOne(input: EnqueueInput): { id: number; created: boolean } {
    validate(input);
    const now = clock();
    const r = db.durableRun(insert, queue, input.key, input.stream ?? null, input.kind, JSON.stringify(input.payload ?? null),
      input.maxAttempts ?? defaultMaxAttempts, input.runAt ?? now, now);
    if (r.changes === 1) return { id: Number(r.lastInsertRowid), created: true };
    return { id: withDbErrors(() => findByKey.get(queue, input.key) as number), created: false };
  }

  function toClaimed(row: JobRow, token: string): ClaimedJob {
    return { id: row.id, key: row.idempotency_key, kind: row.kind, stream: row.stream, payload: JSON.parse(row.payload),
      attempts: row.attempts, leaseToken: token, createdAt: row.created_at };
  }

  return {
    name: queue,
    enqueueInTransaction,
    /** One durable commit: when this returns, the job survives kill -9 and power loss. */
    enqueue: enqueueOne,
    enqueueMany: (inputs: readonly EnqueueInput[]) => db.durable(() => inputs.map(enqueueInTransaction)),

    /** Leases up to `limit` due jobs for `leaseMs`, oldest first, respecting stream order. */
    claim(opts: { limit?: number; leaseMs?: number } = {}): ClaimedJob[] {
      const now = clock();
      const token = randomUUID();
      const leaseUntil = now + (opts.leaseMs ?? 30_000);
      // Select, then lease each by id, in one BEGIN IMMEDIATE transaction: no other writer can lease
      // the same rows in between. (One UPDATE … WHERE id IN (SELECT …) costs more than both together.)
      const rows = db.durable(() => {
        reapExpired.run({ queue, now });
        const ids = dueStmt.all({ queue, now, limit: opts.limit ?? 1 }) as number[];
        return ids.map((id) => leaseStmt.get({ id, leaseUntil, token }) as JobRow);
      });
      return rows.map((r) => toClaimed(r, token));
    },

    /** Marks jobs done; returns how many were still held by this lease (stale ones are skipped). */
    ack(jobs: readonly Pick<ClaimedJob, 'id' | 'leaseToken'>[]): number {
      if (jobs.length === 0) return 0;
      const now = clock();
      if (jobs.length === 1) return db.durableRun(ackStmt, now, jobs[0]!.id, jobs[0]!.leaseToken).changes;
      return db.durable(() => jobs.reduce((n, j) => n + ackStmt.run(now, j.id, j.leaseToken).changes, 0));
    },

    /** Records a failed attempt: retry after back-off (or Retry-After), or dead-letter it. */
    fail(job: Pick<ClaimedJob, 'id' | 'leaseToken'>, error: string, opts: { retryAfterMs?: number; permanent?: boolean } = {}): FailOutcome {
      const now = clock();
      return db.durable(() => {
        const lease = leaseOf.get(job.id, job.leaseToken) as { attempts: number; max_attempts: number } | undefined;
        if (!lease) return 'stale';
        const message = error.slice(0, 2000);
        if (opts.permanent || lease.attempts >= lease.max_attempts) {
          deadStmt.run(now, message, job.id);
          return 'dead';
        }
        const delay = Math.max(opts.retryAfterMs ?? 0, backoffDelayMs(lease.attempts, backoff, random));
        retryStmt.run(now + delay, message, job.id);
        return 'retry';
      });
    },

    /** Keeps a long-running job's lease alive; false when the lease was lost. */
    extendLease: (job: Pick<ClaimedJob, 'id' | 'leaseToken'>, leaseMs: number): boolean =>
      db.durable(() => extendStmt.run(clock() + leaseMs, job.id, job.leaseToken).changes === 1),

    stats(): QueueStats {
      return withDbErrors(() => {
        const c = countStmt.get({ queue }) as { ready: number; leased: number; dead: number; total: number };
        const counts = { ready: c.ready, leased: c.leased, dead: c.dead, done: c.total - c.ready - c.leased - c.dead };
        const oldest = oldestStmt.get({ queue }) as number | null;
        return { ...counts, oldestPendingCreatedAt: oldest, lagMs: oldest === null ? 0 : Math.max(0, clock() - oldest) };
      });
    },

    deadLetters(limit = 100): DeadLetter[] {
      return withDbErrors(() => (deadList.all(queue, limit) as (JobRow & { last_error: string | null; finished_at: number })[])
        .map((r) => ({ id: r.id, key: r.idempotency_key, kind: r.kind, stream: r.stream, attempts: r.attempts,
          lastError: r.last_error, createdAt: r.created_at, deadAt: r.finished_at })));
    },

    /** Operator action: give a dead job a fresh set of attempts. */
    redrive: (id: number): boolean => db.durable(() => redriveStmt.run(clock(), id, queue).changes === 1),

    /** Jobs of `stream` the back office has not acknowledged yet (ready, leased or dead). */
    unfinishedInStream: (stream: string): number => withDbErrors(() => unfinishedStmt.get(queue, stream) as number),

    /** Deletes done jobs finished before `olderThanMs` ago (audit window). */
    purgeDone: (olderThanMs: number): number => db.relaxed(() => purgeStmt.run(queue, clock() - olderThanMs).changes),
  };
}

export type KioskQueue = ReturnType<typeof createQueue>;
