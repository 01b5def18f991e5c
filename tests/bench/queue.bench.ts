// npm run bench:queue — our queue side by side with plainjob at the SAME durability (WAL +
// synchronous=FULL on both; plainjob sets NORMAL itself, so we raise it after defineQueue), then
// the time to drain 10,000 outbox records to the reference back office on loopback.
//
// Workload: a kiosk records each job as it happens (one durable commit per enqueue, both queues);
// a sync worker consumes. plainjob can only claim and complete one job per commit; ours claims
// and acks a batch per commit (that is how the sync engine consumes). The single-job consumer of
// ours is printed too, so the effect of batching is visible rather than hidden.
// Last line: queue: ours=<jobs/s> plainjob=<jobs/s> ratio=<x> drain10k_s=<s>
import Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { better, defineQueue } from 'plainjob';
import { openKioskDb } from '../../db/kiosk-db';
import { createQueue } from '../../db/queue';
import { startBackOffice } from '../../backoffice/server';
import { createBackOfficeClient } from '../../electron/services/sync/http-client';
import { createSyncEngine } from '../../electron/services/sync/sync-engine';

const N = Number(process.env.BENCH_JOBS ?? 3000);
const DIR = new URL('../../var/bench/', import.meta.url).pathname;
rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });
const silent = { error() {}, warn() {}, info() {}, debug() {} };

function plainjobRun(): number {
  const sqlite = new Database(join(DIR, 'plainjob.db'));
  const q = defineQueue({ connection: better(sqlite), logger: silent, maintenanceInterval: 3_600_000 });
  sqlite.pragma('synchronous = FULL');
  if (sqlite.pragma('synchronous', { simple: true }) !== 2) throw new Error('plainjob not at FULL');
  const t0 = performance.now();
  for (let i = 0; i < N; i++) q.add('sync', { i, memo: 'payment' });
  let done = 0;
  for (;;) {
    const job = q.getAndMarkJobAsProcessing('sync');
    if (!job) break;
    q.markJobAsDone(job.id);
    done++;
  }
  const s = (performance.now() - t0) / 1000;
  if (done !== N) throw new Error(`plainjob processed ${done}/${N}`);
  q.close();
  sqlite.close();
  return N / s;
}

function oursRun(batch: number, name: string): number {
  const db = openKioskDb({ path: join(DIR, `${name}.db`), integrity: 'none' });
  if (db.sqlite.pragma('synchronous', { simple: true }) !== 2) throw new Error('ours not at FULL');
  const q = createQueue(db);
  const t0 = performance.now();
  for (let i = 0; i < N; i++) q.enqueue({ key: `job-${i}`, kind: 'sync', payload: { i, memo: 'payment' } });
  let done = 0;
  for (;;) {
    const jobs = q.claim({ limit: batch });
    if (jobs.length === 0) break;
    done += q.ack(jobs);
  }
  const s = (performance.now() - t0) / 1000;
  if (done !== N) throw new Error(`ours processed ${done}/${N}`);
  db.close();
  return N / s;
}

async function drain10k(): Promise<number> {
  const bo = await startBackOffice({ dataDir: join(DIR, 'backoffice') });
  const db = openKioskDb({ path: join(DIR, 'drain.db'), integrity: 'none' });
  const q = createQueue(db);
  // Ten thousand records already waiting (a kiosk back online after a long outage).
  db.durable(() => { for (let i = 0; i < 10_000; i++) q.enqueueInTransaction({ key: `rec-${i}`, kind: 'payment.captured', stream: `s-${i % 500}`, payload: { paymentRef: `p-${i}`, amountYen: 300, method: 'cash' } }); });
  const client = createBackOfficeClient({ baseUrl: bo.url });
  const engine = createSyncEngine({ queue: q, client, kioskId: 'bench', batchSize: 500 });
  const t0 = performance.now();
  const r = await engine.drain();
  const s = (performance.now() - t0) / 1000;
  if (r.acked !== 10_000 || bo.store.eventCount() !== 10_000) throw new Error(`drained ${r.acked}, back office holds ${bo.store.eventCount()}`);
  client.close();
  await bo.close();
  db.close();
  return s;
}

const plain = plainjobRun();
const oursSingle = oursRun(1, 'ours-single');
const ours = oursRun(50, 'ours-batch');
const drainS = await drain10k();
console.log(`bench: jobs=${N} synchronous=FULL journal=WAL`);
console.log(`bench: plainjob enqueue→claim→done (one per commit) ${plain.toFixed(0)} jobs/s`);
console.log(`bench: ours enqueue→claim→ack, single-job consumer ${oursSingle.toFixed(0)} jobs/s (ratio ${(oursSingle / plain).toFixed(2)})`);
console.log(`bench: ours enqueue→claim→ack, batch-50 consumer ${ours.toFixed(0)} jobs/s`);
console.log(`queue: ours=${ours.toFixed(0)} plainjob=${plain.toFixed(0)} ratio=${(ours / plain).toFixed(2)} drain10k_s=${drainS.toFixed(2)}`);
rmSync(DIR, { recursive: true, force: true });
