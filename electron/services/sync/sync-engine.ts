// Pushes the kiosk outbox to the back office in batches, with the idempotency key of every record,
// so a retry after a lost answer is recognised as a duplicate and never applied twice. Backs off
// (exponential, jitter, Retry-After) while the server is down, slow or answers 5xx; keeps working
// offline for as long as the disk holds the outbox. Health: lag, depth, dead letters, clock skew.
import { KioskError, toKioskError } from '../../../common/errors';
import { backoffDelayMs, parseRetryAfterMs, type BackoffPolicy } from '../../../db/backoff';
import type { ClaimedJob, KioskQueue } from '../../../db/queue';
import type { BackOfficeClient } from './http-client';

export interface SyncEngineOptions {
  queue: KioskQueue;
  client: BackOfficeClient;
  kioskId: string;
  batchSize?: number;
  leaseMs?: number;
  idleMs?: number;
  backoff?: BackoffPolicy;
  clock?: () => number;
  random?: () => number;
}

export interface SyncHealth {
  lagSeconds: number;
  outboxReady: number;
  deadLetters: number;
  clockSkewSeconds: number;
  consecutiveFailures: number;
  lastError: string | null;
  lastSuccessAt: number | null;
}

export interface PushResult {
  claimed: number;
  acked: number;
  retried: number;
  dead: number;
}

type ItemStatus = 'applied' | 'duplicate' | 'conflict' | 'deferred' | 'rejected';
/** One event's answer; a 'rejected' one says why (reason) and where (field). */
interface ItemAnswer { status: ItemStatus; reason?: string; field?: string }

export function createSyncEngine(o: SyncEngineOptions) {
  const clock = o.clock ?? Date.now;
  const random = o.random ?? Math.random;
  const backoff = o.backoff ?? { baseMs: 1_000, maxMs: 5 * 60_000 };
  let consecutiveFailures = 0;
  let pausedUntil = 0;
  let lastError: string | null = null;
  let lastSuccessAt: number | null = null;
  let clockSkewMs = 0;
  let stopped = true;
  let wake: (() => void) | null = null;

  function noteServerClock(dateHeader: string | undefined, sentAt: number): void {
    const server = dateHeader ? Date.parse(dateHeader) : NaN;
    if (!Number.isNaN(server)) clockSkewMs = sentAt - server;
  }

  function serverTrouble(jobs: ClaimedJob[], err: KioskError, retryAfterMs: number | undefined): PushResult {
    consecutiveFailures++;
    lastError = `${err.kind}: ${err.message}`;
    const delay = Math.max(retryAfterMs ?? 0, backoffDelayMs(consecutiveFailures, backoff, random));
    const until = clock() + delay;
    let dead = 0;
    // Every job is due when the pause ends, however long writing the failures took (each is durable):
    // otherwise the next push finds only the first few due and the rest wait for another round.
    for (const j of jobs) if (o.queue.fail(j, lastError, { retryAfterMs: Math.max(0, until - clock()) }) === 'dead') dead++;
    pausedUntil = until;
    return { claimed: jobs.length, acked: 0, retried: jobs.length - dead, dead };
  }

  /** One batch: claim → POST → ack / retry / dead-letter per item. */
  async function pushOnce(): Promise<PushResult> {
    const jobs = o.queue.claim({ limit: o.batchSize ?? 200, leaseMs: o.leaseMs ?? 60_000 });
    if (jobs.length === 0) return { claimed: 0, acked: 0, retried: 0, dead: 0 };
    const sentAt = clock();
    let answer;
    try {
      answer = await o.client.request('POST', '/v1/sync/events', {
        kioskId: o.kioskId,
        events: jobs.map((j) => ({ key: j.key, kind: j.kind, stream: j.stream, payload: j.payload, createdAt: j.createdAt })),
      });
    } catch (err) {
      return serverTrouble(jobs, toKioskError(err), undefined);
    }
    noteServerClock(answer.headers.date, sentAt);
    const retryAfter = parseRetryAfterMs(answer.headers['retry-after'], answer.headers.date, clock());
    if (answer.status >= 500 || answer.status === 429 || answer.status === 408) {
      return serverTrouble(jobs, new KioskError('sync.server_error', `HTTP ${answer.status}`), retryAfter);
    }
    if (answer.status === 401 || answer.status === 403 || answer.status === 421) {
      // Refused for who or where we are (credential, registration, Host), not for what we sent: a
      // set-up to fix at either end. The events are fine, so they wait with back-off, never dead-lettered.
      return serverTrouble(jobs, new KioskError('sync.rejected', `HTTP ${answer.status} ${answer.body.slice(0, 200)}`), retryAfter);
    }
    if (answer.status !== 200) {
      // The whole batch was refused as malformed: retrying the same bytes cannot help.
      lastError = `sync.rejected: HTTP ${answer.status} ${answer.body.slice(0, 200)}`;
      let dead = 0;
      for (const j of jobs) if (o.queue.fail(j, lastError, { permanent: true }) === 'dead') dead++;
      return { claimed: jobs.length, acked: 0, retried: 0, dead };
    }
    let answers: Map<string, ItemAnswer>;
    try {
      const parsed = JSON.parse(answer.body) as { results: ({ key: string } & ItemAnswer)[] };
      answers = new Map(parsed.results.map((r) => [r.key, r]));
    } catch {
      return serverTrouble(jobs, new KioskError('sync.server_error', 'unparseable answer'), retryAfter);
    }
    const statusOf = (j: ClaimedJob) => answers.get(j.key)?.status;
    const done = jobs.filter((j) => statusOf(j) === 'applied' || statusOf(j) === 'duplicate');
    const acked = o.queue.ack(done);
    let retried = 0, dead = 0;
    for (const j of jobs) {
      const a = answers.get(j.key);
      if (a?.status === 'applied' || a?.status === 'duplicate') continue;
      // Conflict and rejected are final: the same bytes will never be accepted, so they go to dead letters.
      const outcome = a?.status === 'conflict'
        ? o.queue.fail(j, 'idempotency.conflict: the back office holds a different record under this key', { permanent: true })
        : a?.status === 'rejected'
          ? o.queue.fail(j, `sync.rejected: ${a.reason ?? 'refused by the back office'}${a.field ? ` (${a.field})` : ''}`.slice(0, 300), { permanent: true })
          : o.queue.fail(j, `not applied (${a?.status ?? 'missing from answer'})`);
      if (outcome === 'dead') dead++; else if (outcome === 'retry') retried++;
    }
    consecutiveFailures = 0;
    pausedUntil = 0;
    lastError = null;
    lastSuccessAt = clock();
    return { claimed: jobs.length, acked, retried, dead };
  }

  /** Pushes batches until the outbox has nothing due (or the server fails). */
  async function drain(): Promise<PushResult> {
    const total = { claimed: 0, acked: 0, retried: 0, dead: 0 };
    for (;;) {
      if (clock() < pausedUntil) return total;
      const r = await pushOnce();
      total.claimed += r.claimed; total.acked += r.acked; total.retried += r.retried; total.dead += r.dead;
      if (r.claimed === 0 || r.acked === 0) return total;
    }
  }

  function health(): SyncHealth {
    const s = o.queue.stats();
    return {
      lagSeconds: Math.round(s.lagMs / 1000), outboxReady: s.ready + s.leased, deadLetters: s.dead,
      clockSkewSeconds: Math.round(clockSkewMs / 1000), consecutiveFailures, lastError, lastSuccessAt,
    };
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      try {
        await drain();
      } catch (err) {
        lastError = toKioskError(err).message;
      }
      const waitMs = Math.max(o.idleMs ?? 1_000, pausedUntil - clock());
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, waitMs);
        wake = () => { clearTimeout(t); resolve(); };
      });
      wake = null;
    }
  }

  return {
    pushOnce,
    drain,
    health,
    /** Ask the loop to push now (e.g. right after a record was written). */
    nudge: () => wake?.(),
    start(): void {
      if (!stopped) return;
      stopped = false;
      void loop();
    },
    stop(): void {
      stopped = true;
      wake?.();
    },
    async heartbeat(extra: { printer?: string; reader?: string; voice?: string } = {}): Promise<void> {
      const h = health();
      const answer = await o.client.request('POST', `/v1/fleet/kiosks/${encodeURIComponent(o.kioskId)}/heartbeat`, {
        lagSeconds: h.lagSeconds, outboxReady: h.outboxReady, deadLetters: h.deadLetters, clockSkewSeconds: h.clockSkewSeconds, ...extra,
      });
      if (answer.status !== 200) throw new KioskError(answer.status >= 500 ? 'sync.server_error' : 'sync.rejected', `HTTP ${answer.status}`);
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
