// Queue behaviour a sync worker and an operator rely on: idempotent enqueue, leases that come back
// after a crash, fencing of stale workers, back-off, dead letters, per-stream order, lag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { openKioskDb } from '../../db/kiosk-db';
import { createQueue } from '../../db/queue';
import { isKioskError } from '../../common/errors';

function setup(t: { after: (fn: () => void) => void }) {
  const dir = mkdtempSync(join(tmpdir(), 'kq-'));
  const db = openKioskDb({ path: join(dir, 'kiosk.db') });
  t.after(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });
  const clock = { now: 1_000_000 };
  const queue = createQueue(db, { clock: () => clock.now, random: () => 0.5, backoff: { baseMs: 1000, maxMs: 60_000 }, defaultMaxAttempts: 3 });
  return { db, queue, clock, dir };
}

test('enqueueing the same idempotency key twice is one job', (t) => {
  const { queue } = setup(t);
  const a = queue.enqueue({ key: 'issue-1', kind: 'certificate.issued', payload: { fee: 300 } });
  const b = queue.enqueue({ key: 'issue-1', kind: 'certificate.issued', payload: { fee: 300 } });
  assert.equal(a.created, true);
  assert.equal(b.created, false);
  assert.equal(a.id, b.id);
  assert.equal(queue.stats().ready, 1);
});

test('bad input is a typed error and stores nothing', (t) => {
  const { queue } = setup(t);
  assert.throws(() => queue.enqueue({ key: '', kind: 'x', payload: {} }), (e) => isKioskError(e, 'input.invalid') && e.details.field === 'key');
  assert.equal(queue.stats().ready, 0);
});

test('a claimed job is invisible to other workers until its lease expires, then comes back', (t) => {
  const { queue, clock } = setup(t);
  queue.enqueue({ key: 'k1', kind: 'x', payload: 1 });
  const [first] = queue.claim({ leaseMs: 5000 });
  assert.ok(first);
  assert.equal(queue.claim({ leaseMs: 5000 }).length, 0, 'held by the first worker');
  clock.now += 5001;
  const [again] = queue.claim({ leaseMs: 5000 });
  assert.equal(again?.id, first.id);
  assert.equal(again?.attempts, 2);
  assert.notEqual(again?.leaseToken, first.leaseToken);
  // The crashed worker wakes up late: its ack must not count.
  assert.equal(queue.ack([first]), 0);
  assert.equal(queue.fail(first, 'late'), 'stale');
  assert.equal(queue.ack([again!]), 1);
  assert.deepEqual({ ...queue.stats(), oldestPendingCreatedAt: null }, { ready: 0, leased: 0, dead: 0, done: 1, oldestPendingCreatedAt: null, lagMs: 0 });
});

test('failures back off exponentially (with jitter) and honour a longer Retry-After', (t) => {
  const { queue, clock } = setup(t);
  queue.enqueue({ key: 'k', kind: 'x', payload: null });
  const j1 = queue.claim()[0]!;
  assert.equal(queue.fail(j1, 'HTTP 503'), 'retry');
  // attempt 1 → window 1000 ms, equal jitter with random 0.5 → 750 ms
  clock.now += 749;
  assert.equal(queue.claim().length, 0);
  clock.now += 1;
  const j2 = queue.claim()[0]!;
  assert.equal(queue.fail(j2, 'HTTP 429', { retryAfterMs: 30_000 }), 'retry');
  clock.now += 29_999;
  assert.equal(queue.claim().length, 0);
  clock.now += 1;
  assert.equal(queue.claim()[0]?.attempts, 3);
});

test('after the maximum attempts the job is a dead letter carrying the last error', (t) => {
  const { queue, clock } = setup(t);
  queue.enqueue({ key: 'poison', kind: 'payment.captured', payload: {} });
  for (let i = 1; i <= 3; i++) {
    const job = queue.claim()[0]!;
    const outcome = queue.fail(job, `HTTP 500 attempt ${i}`);
    assert.equal(outcome, i < 3 ? 'retry' : 'dead');
    clock.now += 60_000;
  }
  const [dead] = queue.deadLetters();
  assert.equal(dead?.key, 'poison');
  assert.equal(dead?.lastError, 'HTTP 500 attempt 3');
  assert.equal(dead?.attempts, 3);
  assert.equal(queue.stats().dead, 1);
  assert.ok(queue.redrive(dead!.id));
  assert.equal(queue.claim()[0]?.key, 'poison');
});

test('a permanent rejection dead-letters at once', (t) => {
  const { queue } = setup(t);
  queue.enqueue({ key: 'bad', kind: 'x', payload: {} });
  const job = queue.claim()[0]!;
  assert.equal(queue.fail(job, 'HTTP 422 idempotency.conflict', { permanent: true }), 'dead');
});

test('a lease that expires on the last attempt dead-letters instead of looping forever', (t) => {
  const { queue, clock } = setup(t);
  queue.enqueue({ key: 'k', kind: 'x', payload: null, maxAttempts: 1 });
  queue.claim({ leaseMs: 100 });
  clock.now += 101;
  assert.equal(queue.claim().length, 0);
  assert.equal(queue.deadLetters()[0]?.lastError, 'lease expired on the last attempt');
});

test('events of one stream are handed out in order, never past a pending or dead earlier one', (t) => {
  const { queue, clock } = setup(t);
  queue.enqueue({ key: 'a1', kind: 'issuance.authorized', payload: 1, stream: 'issuance-A' });
  queue.enqueue({ key: 'b1', kind: 'issuance.authorized', payload: 1, stream: 'issuance-B' });
  queue.enqueue({ key: 'a2', kind: 'issuance.printed', payload: 2, stream: 'issuance-A' });
  queue.enqueue({ key: 'free', kind: 'heartbeat', payload: 0 });
  // A batch may take a stream's events together, in order.
  const batch = queue.claim({ limit: 10 });
  assert.deepEqual(batch.map((j) => j.key), ['a1', 'b1', 'a2', 'free']);
  // a1 fails with a long Retry-After; a2 (sent in the same batch) is put back with a short one.
  queue.fail(batch[0]!, 'HTTP 503', { retryAfterMs: 10_000 });
  queue.fail(batch[2]!, 'blocked behind a1');
  queue.ack([batch[1]!, batch[3]!]);
  clock.now += 1_000;
  assert.deepEqual(queue.claim({ limit: 10 }).map((j) => j.key), [], 'a2 is due but must wait for a1');
  clock.now += 9_000;
  assert.deepEqual(queue.claim({ limit: 10 }).map((j) => j.key), ['a1', 'a2']);
});

test('lag is the age of the oldest unsynced record', (t) => {
  const { queue, clock } = setup(t);
  queue.enqueue({ key: 'old', kind: 'x', payload: null });
  clock.now += 90_000;
  queue.enqueue({ key: 'new', kind: 'x', payload: null });
  assert.equal(queue.stats().lagMs, 90_000);
});

test('two processes, each with its own connection, never lease the same job and together process all', async (t) => {
  const { queue, db, dir } = setup(t);
  const N = 1000;
  for (let i = 0; i < N; i++) queue.enqueue({ key: `k${i}`, kind: 'x', payload: i });
  const workers = [startClaimWorker(join(dir, 'kiosk.db')), startClaimWorker(join(dir, 'kiosk.db'))];
  t.after(() => { for (const w of workers) w.child.kill('SIGKILL'); });
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.child.stdin!.write('go\n');
  const results = await Promise.all(workers.map((w) => w.result));

  const leasedBy = new Map<number, number>();
  for (const r of results) {
    for (const l of r.leases) {
      assert.ok(!leasedBy.has(l.id), `job ${l.id} leased by both ${leasedBy.get(l.id)} and ${r.pid}`);
      leasedBy.set(l.id, r.pid);
    }
  }
  assert.equal(leasedBy.size, N, 'every job was leased once');
  for (const r of results) assert.equal(r.acked, r.leases.length, `process ${r.pid} acked every job it leased`);
  // Both really claimed, at the same time: their claiming periods overlap.
  const [a, b] = results.map((r) => ({ n: r.leases.length, first: r.leases[0]?.at ?? Infinity, last: r.leases.at(-1)?.at ?? -Infinity }));
  assert.ok(a!.n > 0 && b!.n > 0, `both processes got work (${a!.n} / ${b!.n})`);
  assert.ok(a!.first <= b!.last && b!.first <= a!.last, 'the two processes claimed concurrently');
  t.diagnostic(`leases per process: ${a!.n} / ${b!.n}`);
  // What the database says: each job done, after exactly one attempt.
  const rows = db.sqlite.prepare('SELECT state, attempts, COUNT(*) AS n FROM outbox GROUP BY state, attempts').all();
  assert.deepEqual(rows, [{ state: 'done', attempts: 1, n: N }]);
});

interface WorkerResult { pid: number; leases: { id: number; token: string; at: number }[]; acked: number }

/** A child process running tests/unit/queue-claim-worker.ts against the database file. */
function startClaimWorker(dbPath: string): { child: ChildProcess; ready: Promise<void>; result: Promise<WorkerResult> } {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./queue-claim-worker.ts', import.meta.url)), dbPath],
    { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  let onReady: () => void;
  const ready = new Promise<void>((r) => { onReady = r; });
  const result = new Promise<WorkerResult>((resolve, reject) => {
    let last = '';
    lines.on('line', (line) => { if (line === 'ready') onReady(); else last = line; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(last) as WorkerResult) : reject(new Error(`claim worker exited ${code}`))));
  });
  return { child, ready: Promise.race([ready, result.then(() => { throw new Error('claim worker ended before it was ready'); })]), result };
}
