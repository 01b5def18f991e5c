// Queue behaviour a sync worker and an operator rely on: idempotent enqueue, leases that come back
// after a crash, fencing of stale workers, back-off, dead letters, per-stream order, lag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKioskDb, type KioskDb } from '../../db/kiosk-db';
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

test('two connections (two processes\' view) never lease the same job', (t) => {
  const { queue, dir } = setup(t);
  for (let i = 0; i < 200; i++) queue.enqueue({ key: `k${i}`, kind: 'x', payload: i });
  const other: KioskDb = openKioskDb({ path: join(dir, 'kiosk.db') });
  t.after(() => other.close());
  const q2 = createQueue(other, { clock: () => 1_000_000 });
  const seen = new Set<number>();
  for (let round = 0; round < 30; round++) {
    for (const job of [...queue.claim({ limit: 5 }), ...q2.claim({ limit: 5 })]) {
      assert.ok(!seen.has(job.id), `job ${job.id} leased twice`);
      seen.add(job.id);
    }
  }
  assert.equal(seen.size, 200);
});
