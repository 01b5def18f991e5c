// npm run bench:queue — our queue side by side with plainjob at the SAME durability (WAL +
// synchronous=FULL on both; plainjob sets NORMAL itself, so we raise it after defineQueue), then
// the time to drain 10,000 outbox records to the reference back office on loopback.
//
// Workload: a kiosk records each job as it happens (one durable commit per enqueue, both queues);
// a worker consumes. Like for like: plainjob claims and completes one job per commit, and so does
// our single-job consumer (claim limit 1, ack 1). Our batch consumer claims and acks 50 per commit,
// the way the sync engine consumes. Each figure is the best of 3 rounds after a warm-up round;
// the rounds alternate the order of the three (forward, reverse, forward) so neither side always
// runs on a warmer disk cache. Journal mode and synchronous are read back from each database.
// Last line: queue: single_ratio=<ours single / plainjob> batch_ratio=<ours batch / plainjob> drain10k_s=<s>
import Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { better, defineQueue } from 'plainjob';
import { openKioskDb } from '../../db/kiosk-db';
import { createQueue } from '../../db/queue';
import { startBackOffice } from '../../backoffice/server';
import { createBackOfficeClient } from '../../electron/services/sync/http-client';
import { createSyncEngine } from '../../electron/services/sync/sync-engine';
import { kioskKeyOf, testCredentials } from '../helpers/backoffice-access';

const N = Number(process.env.BENCH_JOBS ?? 3000);
const ROUNDS = 3;
const DIR = new URL('../../var/bench/', import.meta.url).pathname;
rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });
const silent = { error() {}, warn() {}, info() {}, debug() {} };

type Variant = 'plainjob' | 'single' | 'batch';
/** Journal mode and synchronous level as each database reported them, e.g. "wal/2". */
const modesSeen = new Set<string>();

function readBack(sqlite: Database.Database): void {
  const journal = String(sqlite.pragma('journal_mode', { simple: true }));
  const sync = Number(sqlite.pragma('synchronous', { simple: true }));
  modesSeen.add(`${journal}/${sync}`);
  if (journal !== 'wal' || sync !== 2) throw new Error(`database at journal_mode=${journal} synchronous=${sync}, not wal/FULL(2)`);
}

function plainjobRun(n: number, file: string): number {
  const sqlite = new Database(join(DIR, `${file}.db`));
  const q = defineQueue({ connection: better(sqlite), logger: silent, maintenanceInterval: 3_600_000 });
  sqlite.pragma('synchronous = FULL');
  readBack(sqlite);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) q.add('sync', { i, memo: 'payment' });
  let done = 0;
  for (;;) {
    const job = q.getAndMarkJobAsProcessing('sync');
    if (!job) break;
    q.markJobAsDone(job.id);
    done++;
  }
  const s = (performance.now() - t0) / 1000;
  if (done !== n) throw new Error(`plainjob processed ${done}/${n}`);
  q.close();
  sqlite.close();
  return n / s;
}

function oursRun(n: number, batch: number, file: string): number {
  const db = openKioskDb({ path: join(DIR, `${file}.db`), integrity: 'none' });
  readBack(db.sqlite);
  const q = createQueue(db);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) q.enqueue({ key: `job-${i}`, kind: 'sync', payload: { i, memo: 'payment' } });
  let done = 0;
  for (;;) {
    const jobs = q.claim({ limit: batch });
    if (jobs.length === 0) break;
    done += q.ack(jobs);
  }
  const s = (performance.now() - t0) / 1000;
  if (done !== n) throw new Error(`ours processed ${done}/${n}`);
  db.close();
  return n / s;
}

function run(v: Variant, n: number, file: string): number {
  return v === 'plainjob' ? plainjobRun(n, file) : oursRun(n, v === 'single' ? 1 : 50, file);
}

async function drain10k(): Promise<number> {
  const bo = await startBackOffice({ dataDir: join(DIR, 'backoffice'), credentials: testCredentials(['bench']) });
  const db = openKioskDb({ path: join(DIR, 'drain.db'), integrity: 'none' });
  readBack(db.sqlite);
  const q = createQueue(db);
  // Ten thousand records already waiting (a kiosk back online after a long outage).
  // Each one as db/records.ts paymentCaptured() enqueues it.
  db.durable(() => {
    for (let i = 0; i < 10_000; i++) {
      const p = { paymentRef: `p-${i}`, purpose: 'certificate_fee', subjectRef: `req-${i % 500}`, amountYen: 300, method: 'cash' };
      q.enqueueInTransaction({ key: `payment:${p.paymentRef}`, kind: 'payment.captured', stream: `${p.purpose}:${p.subjectRef}`, payload: p });
    }
  });
  const client = createBackOfficeClient({ baseUrl: bo.url, kioskKey: kioskKeyOf('bench') });
  const engine = createSyncEngine({ queue: q, client, kioskId: 'bench', batchSize: 500 });
  const t0 = performance.now();
  const r = await engine.drain();
  const s = (performance.now() - t0) / 1000;
  const held = await bo.store.eventCount();
  if (r.acked !== 10_000 || held !== 10_000) throw new Error(`drained ${r.acked}, back office holds ${held}`);
  client.close();
  await bo.close();
  db.close();
  return s;
}

const variants: Variant[] = ['plainjob', 'single', 'batch'];
// Warm-up: page cache, JIT, the file system's journal; not counted.
for (const v of variants) run(v, Math.max(100, Math.floor(N / 5)), `warm-${v}`);
const best: Record<Variant, number> = { plainjob: 0, single: 0, batch: 0 };
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 === 0 ? variants : [...variants].reverse();
  for (const v of order) {
    const jobsPerS = run(v, N, `${v}-${r}`);
    console.log(`bench: round ${r + 1} ${v} ${jobsPerS.toFixed(0)} jobs/s`);
    best[v] = Math.max(best[v], jobsPerS);
  }
}
const drainS = await drain10k();
console.log(`bench: jobs=${N} best of ${ROUNDS} rounds (orders alternating) read back: ${[...modesSeen].map((m) => `journal_mode/synchronous=${m}`).join(', ')}`);
console.log(`bench: plainjob enqueue→claim→done (one job per commit) ${best.plainjob.toFixed(0)} jobs/s`);
console.log(`bench: ours enqueue→claim→ack, single-job consumer ${best.single.toFixed(0)} jobs/s`);
console.log(`bench: ours enqueue→claim→ack, batch-50 consumer ${best.batch.toFixed(0)} jobs/s`);
console.log(`queue: single_ratio=${(best.single / best.plainjob).toFixed(2)} batch_ratio=${(best.batch / best.plainjob).toFixed(2)} drain10k_s=${drainS.toFixed(2)}`);
rmSync(DIR, { recursive: true, force: true });
