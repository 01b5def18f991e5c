// npm run soak:day -- --sessions <n> [--retention-days 0] [--keep-printed 0] [--heap-snapshots <dir>] [--stop-at <time>]
// --stop-at (an ISO time, e.g. 2026-12-06T01:58Z) or SIGINT to this process (kill -INT <pid>): no new
// session after it; the day ends there with the checks below on the sessions served, and the last line
// says how many (a busy machine can make a day longer than the time there is; figures are per 1,000).
// A long day at one kiosk: the real `npm start` process (electron/main/start-dev.ts, no window, the
// demo clock inside service hours, the cups-pdf demo printer) serves n complete certificate
// sessions through the same loopback commands the UI sends (demo card in, PIN, request, IC payment
// at the demo acceptor, print, end, card out). Then the whole machine is checked for what stayed:
//   rss_mb_per_1k   growth of the kiosk process's settled RSS from after the warm-up to the end, per 1,000.
//                   Settled: after the idle minute of the housekeeping rounds (no session running), five
//                   samples a second apart, each right after a full garbage collection, and the smallest
//                   taken. A sample in the middle of the day also counts garbage not yet collected and
//                   malloc arenas not yet given back, which swing by tens of MB from one moment to the next
//                   (progress lines read 197–202 MB while the end read 163). The collection is asked for by
//                   tests/soak/memory-probe.ts, preloaded into the soaked process with --expose-gc and
//                   answering SIGUSR2: measurement only, so no kiosk command (a loopback route any page
//                   could call) exists to collect garbage or read memory. The progress lines (every 100
//                   sessions) show the same probe's figures — heapUsed, external, RSS after collection — so
//                   a growing heap (a leak in the kiosk's own objects) is told apart from a growing RSS
//                   (native memory, allocator). --heap-snapshots <dir> also writes a heap snapshot there
//                   after the warm-up, at each progress line and at the end, to compare in Chromium.
//   fds_delta       open file descriptors at the end minus after the warm-up
//   db_mb_per_1k    growth of kiosk.db (+ its WAL) per 1,000 sessions, after the housekeeping rounds
//   spool_files     CUPS document files (/var/spool/cups/d*) left
//   resident_files  files containing the demo resident's name or address (PDFs read by pdftotext)
//                   in the kiosk's data folder, the CUPS spool, the print output, the temp folders
//                   (the kiosk's own TMPDIR; files put straight into /tmp or /var/tmp since the soak
//                   began) and the logs. The embedded reference back
//                   office's own folder (the municipality's registry, demo only) is not the kiosk's.
// Last line exactly:
// day: sessions=<n> failed=<n> rss_mb_per_1k=<x> fds_delta=<n> db_mb_per_1k=<x> spool_files=<n> resident_files=<n>
// Runs under the machine lock (pcscd/vpcd, CUPS): flock /tmp/madoguchi-hw.lock npm run soak:day -- --sessions 200
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDemoProfiles } from '../../backoffice/demo/seed';

const { values: args } = parseArgs({
  options: {
    sessions: { type: 'string', default: '200' },
    'retention-days': { type: 'string', default: '0' },
    'keep-printed': { type: 'string', default: '0' },
    'keep-data': { type: 'boolean', default: false },
    'heap-snapshots': { type: 'string' },
    'stop-at': { type: 'string' },
  },
});
const SESSIONS = Number(args.sessions);
const stopAt = args['stop-at'] ? Date.parse(args['stop-at']) : Infinity;
if (Number.isNaN(stopAt)) throw new Error(`--stop-at takes an ISO time, not ${args['stop-at']}`);
let stopAsked = false;
process.once('SIGINT', () => {
  stopAsked = true;
  process.stderr.write('day: stopping after this session (SIGINT)\n');
});
// 100 sessions of warm-up: the first hundreds still compile. Heap snapshots after 20, 100 and 200
// sessions differ by +1.0 and +0.8 MB of optimized code and deoptimization data (V8 tiering up the
// session's functions; no new functions, no other object kind growing by more than 0.1 MB); and
// malloc's per-thread arenas (64 MB anonymous regions in /proc/<pid>/smaps) fill to their working set.
// A soak of 281 sessions from a 20-session baseline read 299.9 → 307.8 MB settled, heap 81.7 → 83.2;
// 1,000 sessions from the 100-session baseline: 178.9 → 181.1 MB settled, heap 43.2 → 45.3 (2.45 MB/1k).
// Growth after the warm-up is what would not level off.
const WARM_UP = Math.min(100, Math.floor(SESSIONS / 5));
const HOUSEKEEPING_S = 5;
const root = new URL('../../', import.meta.url).pathname;
const resident = loadDemoProfiles().find((p) => p.id === 'yamada-taro')!;
// The name as printed and stored (full-width space), and the address's distinctive part.
const needles = [resident.name, resident.name.replace(/\s/gu, ''), resident.address.slice(0, 8)].map((s) => Buffer.from(s, 'utf8'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const started = Date.now();

const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-day-'));
// The kiosk's temp folder: everything it or a library it uses writes to TMPDIR lands here.
const kioskTmp = mkdtempSync(join(tmpdir(), 'madoguchi-day-tmp-'));
const snapshotDir = args['heap-snapshots'];
const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', '--import', './tests/soak/memory-probe.ts', 'electron/main/start-dev.ts', '--no-window', '--open-hours', '--data-dir', dataDir,
  '--retention-days', args['retention-days'], '--housekeeping-seconds', String(HOUSEKEEPING_S), '--keep-printed', args['keep-printed']],
{ cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: kioskTmp, ...(snapshotDir ? { MADOGUCHI_SOAK_SNAPSHOTS: snapshotDir } : {}) } });
type Memory = { rss: number; heapUsed: number; external: number; arrayBuffers: number };
const probeWaiters: ((m: Memory) => void)[] = [];
let stderrTail = '';
let stderrLine = '';
child.stderr.on('data', (c: Buffer) => {
  stderrTail = (stderrTail + c.toString()).slice(-4000);
  stderrLine += c.toString();
  const lines = stderrLine.split('\n');
  stderrLine = lines.pop()!;
  for (const line of lines) if (line.startsWith('memory-probe: ')) probeWaiters.shift()?.(JSON.parse(line.slice(14)) as Memory);
});
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    const m = /kiosk ui: (\S+)/.exec(out);
    if (m) resolve(m[1]!);
  });
  child.once('exit', (code) => reject(new Error(`the kiosk exited (${code}) before serving: ${stderrTail}`)));
});
const page = await (await fetch(url)).text();
const secret = /<meta name="kiosk-bridge" content="([^"]+)">/.exec(page)?.[1];
if (!secret) throw new Error('no bridge secret in the kiosk page');

/** One command the way the UI sends it; answers its value or throws its typed error. */
async function command<T = unknown>(name: string, input: unknown = {}): Promise<T> {
  const res = await fetch(new URL(`/api/${name}`, url), { method: 'POST', headers: { 'content-type': 'application/json', 'x-kiosk-secret': secret! }, body: JSON.stringify(input) });
  const env = (await res.json()) as { ok: boolean; value?: T; error?: { kind: string; message: string } };
  if (!env.ok) throw new Error(`${name}: ${env.error?.kind} ${env.error?.message}`);
  return env.value as T;
}

async function oneSession(): Promise<void> {
  const holders = await command<{ id: string; pin: string }[]>('demo.insert', { id: resident.id, reader: 0 });
  const pin = holders.find((h) => h.id === resident.id)!.pin;
  try {
    let reader: string | undefined;
    for (let i = 0; i < 50 && !reader; i++) {
      reader = (await command<{ name: string; cardPresent: boolean }[]>('card.readers')).find((r) => r.cardPresent)?.name;
      if (!reader) await sleep(50);
    }
    if (!reader) throw new Error('the card did not appear in a reader');
    await command('session.start', { reader });
    await command('session.login', { pin });
    const { requestId } = await command<{ requestId: string }>('issuance.request', { type: 'juminhyo', scope: 'household', options: { householdHead: true }, copies: 1 });
    let settled = false;
    const paying = command<{ state: string }>('issuance.pay', { requestId }).finally(() => { settled = true; });
    // The resident touches an IC card once the acceptor waits for the money (as long as it takes).
    while (!settled && !(await command<{ accepted: boolean }>('demo.pay', { ic: true })).accepted) await sleep(20);
    const paid = await paying;
    if (paid.state !== 'paid') throw new Error(`payment ended ${paid.state}`);
    const printed = await command<{ state: string }>('issuance.print', { requestId });
    if (printed.state !== 'printed') throw new Error(`print ended ${printed.state}`);
    await command('session.end', { reason: 'user' });
  } finally {
    await command('demo.remove', { reader: 0 }).catch(() => undefined);
  }
}

const MB = 1_048_576;
/** The kiosk's memory right after a full garbage collection (tests/soak/memory-probe.ts), in MB. */
async function probe(snapshotName?: string): Promise<Memory> {
  if (snapshotDir && snapshotName) writeFileSync(join(snapshotDir, 'next'), snapshotName);
  const answer = new Promise<Memory>((resolve) => probeWaiters.push(resolve));
  child.kill('SIGUSR2');
  const m = await answer;
  return { rss: m.rss / MB, heapUsed: m.heapUsed / MB, external: m.external / MB, arrayBuffers: m.arrayBuffers / MB };
}
/** Settled memory (see the header): five collected samples a second apart while idle, the smallest of each. */
async function settledMemory(snapshotName: string): Promise<Memory> {
  const samples: Memory[] = [];
  for (let i = 0; i < 5; i++) {
    if (i) await sleep(1000);
    samples.push(await probe(i === 4 ? snapshotName : undefined));
  }
  const least = (k: keyof Memory) => Math.min(...samples.map((s) => s[k]));
  return { rss: least('rss'), heapUsed: least('heapUsed'), external: least('external'), arrayBuffers: least('arrayBuffers') };
}
const show = (m: Memory) => `rss ${m.rss.toFixed(1)} heap ${m.heapUsed.toFixed(1)} external ${m.external.toFixed(1)} MB`;
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
const fds = () => readdirSync(`/proc/${child.pid}/fd`).length;
const dbMb = () => ['kiosk.db', 'kiosk.db-wal'].reduce((n, f) => n + (existsSync(join(dataDir, 'issuance', f)) ? statSync(join(dataDir, 'issuance', f)).size : 0), 0) / 1_048_576;
/** The retention's minute (db/retention.ts MIN_AGE_MS) and two housekeeping rounds: the wipe, the
 *  retention and the sweeps have run on everything finished. */
const settle = () => sleep(60_000 + 2 * HOUSEKEEPING_S * 1000 + 1000);

let failed = 0;
const failures = new Map<string, number>();
let warm = { rss: 0, fds: 0, db: 0 };
let warmMemory: Memory = { rss: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
let served = 0;
for (let i = 0; i < SESSIONS && !stopAsked && Date.now() < stopAt; i++) {
  served = i + 1;
  try {
    await oneSession();
  } catch (err) {
    failed++;
    const why = (err as Error).message.slice(0, 120);
    failures.set(why, (failures.get(why) ?? 0) + 1);
  }
  if (i + 1 === WARM_UP) {
    await settle();
    warmMemory = await settledMemory('warm');
    warm = { rss: warmMemory.rss, fds: fds(), db: dbMb() };
    process.stderr.write(`day: warm-up ${WARM_UP} sessions, settled ${show(warmMemory)}\n`);
  }
  if ((i + 1) % 100 === 0 || i + 1 === 20) {
    const live = rssMb();
    process.stderr.write(`day: ${i + 1}/${SESSIONS} sessions, ${failed} failed, rss ${live.toFixed(0)} MB, after collection ${show(await probe(`at-${i + 1}`))}\n`);
  }
}
await settle();
const endMemory = await settledMemory('end');
const end = { rss: endMemory.rss, fds: fds(), db: dbMb() };
const measured = served - WARM_UP;

// What stayed behind, anywhere the kiosk, CUPS or the OS could have written it.
function filesUnder(dir: string, since = 0, skip: (p: string) => boolean = () => false): string[] {
  const out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const p = join(dir, name);
    if (skip(p)) continue;
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) out.push(...filesUnder(p, since, skip));
    else if (st.isFile() && st.mtimeMs >= since && st.size < 64 * 1024 * 1024) out.push(p);
  }
  return out;
}
function mentionsResident(file: string): boolean {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return false;
  }
  if (bytes.subarray(0, 5).toString() === '%PDF-') {
    const text = spawnSync('pdftotext', ['-q', file, '-'], { encoding: 'utf8' }).stdout ?? '';
    bytes = Buffer.concat([bytes, Buffer.from(text, 'utf8')]);
  }
  return needles.some((n) => bytes.includes(n));
}
const spoolFiles = readdirSync('/var/spool/cups').filter((f) => /^d\d+-\d+$/.test(f)).length;
const embeddedBackOffice = join(dataDir, 'issuance', 'backoffice');
const candidates = [
  ...filesUnder(dataDir, 0, (p) => p.startsWith(embeddedBackOffice) || p.includes('chromium-profile')),
  ...filesUnder('/var/spool/cups'),
  ...filesUnder('/var/spool/cups-pdf-madoguchi'),
  ...filesUnder('/var/spool/cups-pdf'),
  ...filesUnder('/var/tmp', started),
  // The kiosk's own temp folder (TMPDIR), and files put straight into /tmp since the soak began
  // (folders there belong to other programs on this machine, each with its own prefix).
  ...filesUnder(kioskTmp),
  ...filesUnder(tmpdir(), started, (p) => { try { return statSync(p).isDirectory(); } catch { return true; } }),
];
const residentFiles = candidates.filter(mentionsResident);

child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
if (!args['keep-data']) for (const d of [dataDir, kioskTmp]) rmSync(d, { recursive: true, force: true });
for (const [why, n] of failures) console.log(`failed ${n}×: ${why}`);
for (const f of residentFiles.slice(0, 20)) console.log(`resident file: ${f}`);
console.log(`settled memory after the warm-up: ${show(warmMemory)}; at the end: ${show(endMemory)}`);
console.log(`warm-up ${WARM_UP} sessions; then rss ${warm.rss.toFixed(1)} → ${end.rss.toFixed(1)} MB, fds ${warm.fds} → ${end.fds}, db ${warm.db.toFixed(3)} → ${end.db.toFixed(3)} MB over ${measured} sessions`);
const perK = (d: number) => (measured > 0 ? (d / measured) * 1000 : NaN).toFixed(2);
console.log(`day: sessions=${served} failed=${failed} rss_mb_per_1k=${perK(end.rss - warm.rss)} fds_delta=${end.fds - warm.fds} db_mb_per_1k=${perK(end.db - warm.db)} spool_files=${spoolFiles} resident_files=${residentFiles.length}`);
process.exit(0);
