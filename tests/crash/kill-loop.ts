// The kill loop: kiosk children that record + sync are SIGKILLed at random instants; the back
// office (its own process) is killed and restarted now and then; a proxy injects 500s, lost
// answers and stalls. Afterwards a clean drain, then: every key a child reported as committed is
// at the back office (lost = 0), and no key was ever answered 'applied' twice (duplicated = 0).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKioskDb } from '../../db/kiosk-db';
import { createQueue } from '../../db/queue';
import { createBackOfficeClient } from '../../electron/services/sync/http-client';
import { createSyncEngine } from '../../electron/services/sync/sync-engine';
import { startChaosProxy, type ChaosMode } from './chaos-proxy';
import { countApplied, workerReady } from '../helpers/kill-loop';

const ROOT = new URL('../../', import.meta.url).pathname;
const BUNDLE = join(ROOT, 'var/crash/kiosk-worker.mjs');

export interface KillLoopResult {
  kills: number;
  backofficeKills: number;
  committed: number;
  lost: number;
  duplicated: number;
  dead: number;
  seconds: number;
}

/** Bundles the worker once so each child starts in ~100 ms instead of a TypeScript loader's ~1 s. */
export function bundleWorker(): void {
  mkdirSync(join(ROOT, 'var/crash'), { recursive: true });
  const r = spawnSync(join(ROOT, 'node_modules/.bin/esbuild'), ['tests/crash/kiosk-worker.ts', '--bundle', '--platform=node', '--format=esm',
    '--packages=external', `--outfile=${BUNDLE}`, '--log-level=warning'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not bundle the crash worker');
}

/** The crash kiosk's key at the back office (its own process), written to the credentials file it starts with. */
const KIOSK_SECRET = randomBytes(32).toString('base64url');
const KIOSK_KEY = `crash-kiosk:${KIOSK_SECRET}`;

function startBackOfficeProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  mkdirSync(dataDir, { recursive: true });
  const credentials = join(dataDir, 'credentials.json');
  writeFileSync(credentials, JSON.stringify({ kiosks: [{ kioskId: 'crash-kiosk', kind: 'store', key: KIOSK_SECRET }] }));
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'backoffice/main.ts'), '--port', '0', '--data', dataDir, '--credentials', credentials],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
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

export async function runKillLoop(opts: { kills: number; backofficeKillEvery?: number; log?: (s: string) => void }): Promise<KillLoopResult> {
  const t0 = Date.now();
  bundleWorker();
  const dir = mkdtempSync(join(tmpdir(), 'crash-'));
  const dbPath = join(dir, 'kiosk.db');
  const committed = new Set<string>();
  const appliedTimes = new Map<string, number>();
  let bo = await startBackOfficeProcess(join(dir, 'bo'));
  const proxy = await startChaosProxy(bo.url, { slowMs: 700, observe: countApplied(appliedTimes) });
  const modes: ChaosMode[] = ['pass', 'pass', 'pass', 'pass', 'lose-answer', 'error500', 'slow', 'cut'];
  proxy.setMode(() => modes[Math.floor(Math.random() * modes.length)]!);
  let backofficeKills = 0;
  try {
    for (let k = 0; k < opts.kills; k++) {
      if (opts.backofficeKillEvery && k > 0 && k % opts.backofficeKillEvery === 0) {
        bo.child.kill('SIGKILL');
        backofficeKills++;
        bo = await startBackOfficeProcess(join(dir, 'bo'));
        proxy.setTarget(bo.url);
      }
      const child = spawn(process.execPath, [BUNDLE, dbPath, proxy.url, `w${k}`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CRASH_KIOSK_KEY: KIOSK_KEY } });
      const isReady = workerReady(child.stdout!, (line) => {
        if (line.startsWith('E ')) committed.add(line.slice(2));
      });
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      await Promise.race([isReady, exited]);
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 120));
      child.kill('SIGKILL');
      await exited;
      if (opts.log && (k + 1) % 50 === 0) opts.log(`kills=${k + 1} committed=${committed.size}`);
    }
    // Recovery: a clean kiosk process state drains everything once leases expire.
    proxy.setMode('pass');
    const db = openKioskDb({ path: dbPath, integrity: 'full' });
    const queue = createQueue(db, { defaultMaxAttempts: 1000, backoff: { baseMs: 5, maxMs: 50 } });
    const client = createBackOfficeClient({ baseUrl: proxy.url, timeoutMs: 5_000, kioskKey: KIOSK_KEY });
    const engine = createSyncEngine({ queue, client, kioskId: 'crash-kiosk', batchSize: 200, backoff: { baseMs: 5, maxMs: 50 } });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const s = queue.stats();
      if (s.ready + s.leased === 0) break;
      await engine.drain();
      await new Promise((r) => setTimeout(r, 50));
    }
    const dead = queue.stats().dead;
    client.close();
    db.close();
    // Ask the back office itself which keys it holds.
    const { openSqliteStore } = await import('../../backoffice/storage/sqlite-store');
    bo.child.kill('SIGTERM');
    await new Promise((r) => bo.child.once('exit', r));
    const store = openSqliteStore(join(dir, 'bo'));
    const held = new Set(store.eventKeys());
    store.close();
    const lost = [...committed].filter((key) => !held.has(key)).length;
    const duplicated = [...appliedTimes.values()].filter((n) => n > 1).length;
    return { kills: opts.kills, backofficeKills, committed: committed.size, lost, duplicated, dead, seconds: (Date.now() - t0) / 1000 };
  } finally {
    if (bo.child.exitCode === null) bo.child.kill('SIGKILL');
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
