// The issuance crash soak: kiosk processes on the production issuance assembly (tests/soak/
// issuance-worker.ts) serve residents — request, pay, print, sync — and are SIGKILLed at random
// instants; the back office (its own process) is killed and restarted now and then; a proxy between
// kiosk and back office injects 500s, lost answers, stalls and cut connections. Afterwards a kiosk
// restarts once more (resume(): unpaid voided, paid-not-printed refunded, mid-print held) and drains
// its outbox. Then, from the records themselves:
//   committed      requests a kiosk reported printed (their 'printed' state committed)
//   lost           committed requests whose 'printed' event the back office does not hold, or whose
//                  kiosk row is no longer printed/synced
//   duplicated     event keys the back office answered 'applied' more than once
//   double_charged requests the payment device's journal charged more than their fee
// Only kills that hit a live kiosk process count; a kiosk that died by itself is counted apart.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createPrivateKey, sign } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { holderSpecOf, loadDemoProfiles } from '../../backoffice/demo/seed';
import { openSqliteStore } from '../../backoffice/storage/sqlite-store';
import { createQueue } from '../../db/queue';
import { assembleIssuanceModule } from '../../electron/services/issuance/module';
import { createPlatform } from '../../electron/services/platform/platform';
import { createBackOfficeClient } from '../../electron/services/sync/http-client';
import { createSyncEngine } from '../../electron/services/sync/sync-engine';
import { readPaymentJournal } from '../../simulators/payment/payment-journal';
import { createSimulatedAcceptor } from '../../simulators/payment/simulated-acceptor';
import { loadTestPki } from '../../simulators/testpki';
import { startChaosProxy, type ChaosMode } from '../crash/chaos-proxy';
import { countApplied, workerReady } from '../helpers/kill-loop';
import { kioskHeaders, kioskKeyOf, testCredentials } from '../helpers/backoffice-access';
import { startEvePrinter } from '../helpers/printers';

const ROOT = new URL('../../', import.meta.url).pathname;
const BUNDLE = join(ROOT, 'var/soak/issuance-worker.mjs');
const KIOSK_ID = 'kiosk-soak-1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface SoakResult {
  kills: number;
  selfExits: number;
  backofficeKills: number;
  committed: number;
  lost: number;
  duplicated: number;
  doubleCharged: number;
  /** Voided or refunded requests the device journal still shows money taken for. */
  unrefunded: number;
  /** Events that had dead-lettered during the soak and were redriven before the check. */
  redriven: number;
  states: Record<string, number>;
  /** Residents' requests that failed, by error kind (chaos, the back office down). */
  failures: Record<string, number>;
  seconds: number;
}

/** Bundles the worker once: a child then starts in a fraction of a TypeScript loader's ~1 s. */
function bundleWorker(): void {
  mkdirSync(join(ROOT, 'var/soak'), { recursive: true });
  const r = spawnSync(join(ROOT, 'node_modules/.bin/esbuild'), ['tests/soak/issuance-worker.ts', '--bundle', '--platform=node', '--format=esm',
    '--packages=external', `--outfile=${BUNDLE}`, '--log-level=warning'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not bundle the soak worker');
}

function startBackOfficeProcess(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/soak/backoffice-process.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`back office exited ${code}`)));
  });
}

interface Worker { child: ChildProcess; ready: Promise<void>; exited: Promise<NodeJS.Signals | null> }

function spawnWorker(env: NodeJS.ProcessEnv, committed: Set<string>, failures: Map<string, number>): Worker {
  const child = spawn(process.execPath, [BUNDLE], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin!.on('error', () => undefined); // a child that already died
  const isReady = workerReady(child.stdout!, (line) => {
    if (line.startsWith('C ')) committed.add(line.slice(2));
    else if (line.startsWith('X ')) failures.set(line.slice(2), (failures.get(line.slice(2)) ?? 0) + 1);
  });
  const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)));
  return { child, ready: isReady, exited };
}

/** How long a kiosk lives after READY: often short (killed mid-request), otherwise long enough
 *  (one request takes a few hundred ms) to finish a print or two and die in the next one. */
const lifetimeMs = () => (Math.random() < 0.7 ? Math.random() * 150 : 350 + Math.random() * 500);

export async function runIssuanceSoak(opts: { kills: number; backofficeKillEvery?: number; log?: (s: string) => void }): Promise<SoakResult> {
  const t0 = Date.now();
  const log = opts.log ?? (() => undefined);
  bundleWorker();
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-soak-'));
  const dataDir = join(dir, 'kiosk');
  mkdirSync(dataDir);
  const boEnv = { ...process.env, SOAK_BO_DATA: join(dir, 'bo'), SOAK_BO_CREDENTIALS: JSON.stringify(testCredentials([KIOSK_ID])) };
  const kioskKey = kioskKeyOf(KIOSK_ID);
  const committed = new Set<string>();
  const failures = new Map<string, number>();
  const appliedTimes = new Map<string, number>();
  let bo = await startBackOfficeProcess(boEnv);
  const eve = await startEvePrinter(`madoguchi-soak-${process.pid}`);
  const proxy = await startChaosProxy(bo.url, { slowMs: 300, observe: countApplied(appliedTimes) });
  const modes: ChaosMode[] = ['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'lose-answer', 'error500', 'slow', 'cut'];
  proxy.setMode(() => modes[Math.floor(Math.random() * modes.length)]!);

  // The resident's sign-in is not what this soak exercises: the holder token comes from the back
  // office's own challenge/verify, signed with the demo holder's key from the test PKI.
  const pki = await loadTestPki();
  const holder = await pki.issueHolder(holderSpecOf(loadDemoProfiles().find((p) => p.id === 'yamada-taro')!));
  async function holderToken(): Promise<string> {
    const post = async (path: string, body: unknown) => (await fetch(bo.url + path, {
      method: 'POST', headers: { 'content-type': 'application/json', ...kioskHeaders(KIOSK_ID) }, body: JSON.stringify(body),
    })).json() as Promise<Record<string, string>>;
    const ch = await post('/v1/auth/challenges', { kioskId: KIOSK_ID });
    const key = createPrivateKey({ key: Buffer.from(holder.authKeyPkcs8), format: 'der', type: 'pkcs8' });
    const signature = sign('sha256', Buffer.from(ch.challenge!, 'base64'), key).toString('base64');
    const v = await post('/v1/auth/verify', { challengeId: ch.challengeId, authCertDer: Buffer.from(holder.authCertDer).toString('base64'), signature });
    if (!v.sessionToken) throw new Error(`holder sign-in failed: ${JSON.stringify(v)}`);
    return v.sessionToken;
  }
  const workerEnv = async () => ({ ...process.env, SOAK_DATA: dataDir, SOAK_BACKOFFICE: proxy.url, SOAK_KIOSK_ID: KIOSK_ID, SOAK_KIOSK_KEY: kioskKey,
    SOAK_PRINTER: eve.uri, SOAK_HOLDER_TOKEN: await holderToken() });

  let kills = 0;
  let startMs = 0;
  let selfExits = 0;
  let backofficeKills = 0;
  let env = await workerEnv();
  // The next two kiosks load their modules while one works (loading takes longer than most
  // lifetimes); each waits for GO before it opens the database.
  const waiting = [spawnWorker(env, committed, failures), spawnWorker(env, committed, failures)];
  try {
    while (kills < opts.kills) {
      const cur = waiting.shift()!;
      const go = performance.now();
      cur.child.stdin!.write('GO\n');
      waiting.push(spawnWorker(env, committed, failures));
      await Promise.race([cur.ready, cur.exited]);
      startMs += performance.now() - go;
      if (cur.child.exitCode === null && cur.child.signalCode === null) await sleep(lifetimeMs());
      const live = cur.child.exitCode === null && cur.child.signalCode === null;
      if (live && cur.child.kill('SIGKILL') && (await cur.exited) === 'SIGKILL') kills++;
      else {
        await cur.exited;
        selfExits++;
        if (selfExits > 20) throw new Error(`kiosk processes keep exiting by themselves (${selfExits}); last exit code ${cur.child.exitCode}`);
      }
      if (opts.backofficeKillEvery && kills > 0 && kills % opts.backofficeKillEvery === 0 && live) {
        bo.child.kill('SIGKILL');
        await new Promise((r) => bo.child.once('exit', r));
        backofficeKills++;
        bo = await startBackOfficeProcess(boEnv);
        proxy.setTarget(bo.url);
        env = await workerEnv(); // a fresh holder session now and then (sessions last 10 minutes)
      }
      if (kills > 0 && kills % 50 === 0 && live) log(`kills=${kills} committed=${committed.size} backoffice_kills=${backofficeKills} start_ms_avg=${(startMs / (kills + selfExits)).toFixed(0)} elapsed_s=${((Date.now() - t0) / 1000).toFixed(0)}`);
    }
  } finally {
    for (const w of waiting) w.child.kill('SIGKILL'); // never told GO: they never opened the database
    await Promise.all(waiting.map((w) => w.exited));
  }

  // Recovery: one more kiosk start on the same data (resume() runs inside the assembly), then its
  // outbox drained with a clean link. Leases of killed kiosks expire after 60 s: the drain's queue
  // runs its clock a minute ahead, as the kiosk would after waiting. Dead letters are redriven, as
  // a technician would after such a day; how many is reported.
  proxy.setMode('pass');
  const journalPath = join(dataDir, 'payment-journal.json');
  const platform = createPlatform({
    dataDir, kiosk: { id: KIOSK_ID, site: 'crash soak', kind: 'municipal' }, softwareVersion: 'soak',
    backOffice: { baseUrl: proxy.url, kioskKey, timeoutMs: 5000 }, printer: { printerUri: eve.uri, pollMs: 25 },
    payment: createSimulatedAcceptor({ mode: 'instant', journalPath }),
  });
  await assembleIssuanceModule(platform);
  const queue = createQueue(platform.db, { clock: () => Date.now() + 61_000 });
  let redriven = 0;
  for (const d of queue.deadLetters(1_000_000)) redriven += Number(queue.redrive(d.id));
  const client = createBackOfficeClient({ baseUrl: proxy.url, kioskKey, timeoutMs: 5000 });
  const engine = createSyncEngine({ queue, client, kioskId: KIOSK_ID, batchSize: 200, backoff: { baseMs: 5, maxMs: 50 } });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const s = queue.stats();
    if (s.ready + s.leased === 0) break;
    await engine.drain().catch(() => undefined);
    await sleep(50);
  }
  client.close();
  const rows = platform.db.sqlite.prepare('SELECT request_id, state, fee FROM issuance_requests').all() as { request_id: string; state: string; fee: number }[];
  await platform.close();

  bo.child.kill('SIGTERM');
  await new Promise((r) => bo.child.once('exit', r));
  const store = openSqliteStore(join(dir, 'bo'));
  const held = new Set(await store.eventKeys());
  await store.close();

  const states: Record<string, number> = {};
  for (const r of rows) states[r.state] = (states[r.state] ?? 0) + 1;
  const byId = new Map(rows.map((r) => [r.request_id, r]));
  const lost = [...committed].filter((id) => !held.has(`certificate:${id}:printed`) || !['printed', 'synced'].includes(byId.get(id)?.state ?? '')).length;
  const journal = [...readPaymentJournal(journalPath).entries.values()];
  const taken = new Map<string, number>();
  for (const e of journal) {
    const id = rows.find((r) => e.paymentId.includes(r.request_id))?.request_id ?? e.paymentId;
    taken.set(id, (taken.get(id) ?? 0) + e.paid - e.refunded);
  }
  const doubleCharged = [...taken].filter(([id, yen]) => yen > (byId.get(id)?.fee ?? 0)).length;
  const unrefunded = rows.filter((r) => ['voided', 'refunded'].includes(r.state) && (taken.get(r.request_id) ?? 0) > 0).length;
  const duplicated = [...appliedTimes.values()].filter((n) => n > 1).length;
  await proxy.close();
  await eve.stop();
  rmSync(dir, { recursive: true, force: true });
  return { kills, selfExits, backofficeKills, committed: committed.size, lost, duplicated, doubleCharged, unrefunded, redriven, states, failures: Object.fromEntries(failures), seconds: (Date.now() - t0) / 1000 };
}
