// npm run bench:fleet — a fleet of simulated kiosks against the reference back office on loopback:
// SQLite (one instance), PostgreSQL with one instance and with two instances on one database
// (each instance its own process; a throwaway cluster from tests/helpers/postgres.ts).
//
// Per configuration, two measurements:
// - throughput: 32 outbox senders push batches of 100 events as fast as answers come, for
//   FLEET_SAT_S seconds → events_s (events applied per second, each acknowledged durably);
// - the fleet: FLEET_KIOSKS kiosks for FLEET_SECONDS, time compressed 10× (a kiosk minute lasts 6 s):
//   each kiosk sends its heartbeat and an outbox batch of 5 events every kiosk minute, and every 10
//   kiosk minutes a resident signs in (challenge, the card's signature — the holder's key is loaded
//   before the run — verify) and requests a 住民票の写し (the signed PDF is rendered). Open loop:
//   a slow answer does not slow the schedule. p99 over every request of the fleet, after one
//   untimed sign-in and certificate per instance (a running server has rendered PDFs before).
// Lines per configuration, then exactly:
// fleet: sqlite_events_s=<n> pg_events_s=<n> pg2_events_s=<n> p99_ms=<worst fleet p99 of the three> kiosks=<n>
import { spawn, type ChildProcess } from 'node:child_process';
import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { holderSpecOf, loadDemoProfiles } from '../../backoffice/demo/seed';
import { loadTestPki } from '../../simulators/testpki';
import { kioskHeaders, testCredentials } from '../helpers/backoffice-access';
import { postgresMissing, startPostgres } from '../helpers/postgres';

const KIOSKS = Number(process.env.FLEET_KIOSKS ?? 1000);
const SECONDS = Number(process.env.FLEET_SECONDS ?? 12);
const SAT_S = Number(process.env.FLEET_SAT_S ?? 5);
const KIOSK_MINUTE_MS = 6000;
const kioskIds = Array.from({ length: KIOSKS }, (_, i) => `fleet-${String(i).padStart(5, '0')}`);
const dir = mkdtempSync(join(tmpdir(), 'bench-fleet-'));
const children: ChildProcess[] = [];

function startInstance(dataDir: string, store?: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/fleet-instance.ts', dataDir, join(dir, 'credentials.json'), ...(store ? [store] : [])],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /backoffice: listening (\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`back-office instance exited ${code}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function call(url: string, kioskId: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url + path, {
    method, headers: { 'content-type': 'application/json', ...kioskHeaders(kioskId), ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as Record<string, unknown>;
  return { status: res.status, json };
}

const pki = await loadTestPki();
const holder = await pki.issueHolder(holderSpecOf(loadDemoProfiles().find((p) => p.id === 'yamada-taro')!));
const holderKey = createPrivateKey({ key: Buffer.from(holder.authKeyPkcs8), format: 'der', type: 'pkcs8' });
const certB64 = Buffer.from(holder.authCertDer).toString('base64');

async function throughput(urls: string[], tag: string): Promise<number> {
  let applied = 0;
  let seq = 0;
  const end = Date.now() + SAT_S * 1000;
  const t0 = Date.now();
  await Promise.all(Array.from({ length: 32 }, async (_, w) => {
    const kioskId = kioskIds[w % kioskIds.length]!;
    while (Date.now() < end) {
      const batch = Array.from({ length: 100 }, () => ({ key: `${tag}-sat-${seq++}`, kind: 'kiosk.note', stream: null, payload: { n: seq }, createdAt: Date.now() }));
      const r = await call(urls[w % urls.length]!, kioskId, 'POST', '/v1/sync/events', { kioskId, events: batch });
      applied += ((r.json.results as { status: string }[] | undefined) ?? []).filter((x) => x.status === 'applied').length;
    }
  }));
  return applied / ((Date.now() - t0) / 1000);
}

async function fleet(urls: string[], tag: string) {
  const latencies: number[] = [];
  let errors = 0;
  let events = 0;
  const failures = new Map<string, number>();
  const failed = (what: string) => { errors++; failures.set(what, (failures.get(what) ?? 0) + 1); };
  const timed = async <T>(p: () => Promise<{ status: number } & T>): Promise<({ status: number } & T) | undefined> => {
    const t = performance.now();
    try {
      const r = await p();
      latencies.push(performance.now() - t);
      if (r.status >= 300) failed(`${r.status} ${String((r as { json?: { kind?: unknown } }).json?.kind ?? '')}`);
      return r;
    } catch (err) {
      failed((err as Error).message);
      return undefined;
    }
  };
  const end = Date.now() + SECONDS * 1000;
  const pending: Promise<unknown>[] = [];
  kioskIds.forEach((kioskId, i) => {
    const url = urls[i % urls.length]!;
    let minute = 0;
    const tick = () => {
      if (Date.now() >= end) return;
      minute++;
      pending.push(timed(() => call(url, kioskId, 'POST', `/v1/fleet/kiosks/${kioskId}/heartbeat`, { lagSeconds: 0, outboxReady: 0, deadLetters: 0, clockSkewSeconds: 0, printer: 'idle', reader: 'present' })));
      const batch = Array.from({ length: 5 }, (_, e) => ({ key: `${tag}-${kioskId}-${minute}-${e}`, kind: 'kiosk.note', stream: null, payload: { e }, createdAt: Date.now() }));
      pending.push(timed(() => call(url, kioskId, 'POST', '/v1/sync/events', { kioskId, events: batch })).then((r) => { if (r?.status === 200) events += 5; }));
      // Every 10th kiosk minute (offset per kiosk): a resident signs in and asks for a certificate.
      if ((minute + i) % 10 === 0) pending.push(signInAndIssue(url, kioskId, timed));
      setTimeout(tick, KIOSK_MINUTE_MS);
    };
    setTimeout(tick, Math.random() * KIOSK_MINUTE_MS);
  });
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { requests: latencies.length, errors, failures: [...failures].map(([k, n]) => `${k}×${n}`).join(', '), events_s: events / SECONDS, p50: pct(0.5), p99: pct(0.99) };
}

type Timed = <T>(p: () => Promise<{ status: number } & T>) => Promise<({ status: number } & T) | undefined>;
async function signInAndIssue(url: string, kioskId: string, timed: Timed) {
  const ch = await timed(() => call(url, kioskId, 'POST', '/v1/auth/challenges', { kioskId }));
  if (ch?.status !== 201) return;
  const signature = sign('sha256', Buffer.from(ch.json.challenge as string, 'base64'), holderKey).toString('base64');
  const v = await timed(() => call(url, kioskId, 'POST', '/v1/auth/verify', { challengeId: ch.json.challengeId, authCertDer: certB64, signature }));
  if (v?.status !== 200) return;
  const requestId = randomUUID();
  await timed(() => call(url, kioskId, 'POST', '/v1/certificates/issuances',
    { kioskId, requestId, type: 'juminhyo', scope: 'self', memberIds: [], options: {}, copies: 1 },
    { authorization: `Bearer ${v.json.sessionToken as string}`, 'idempotency-key': requestId }));
}

async function run(name: string, instances: { url: string; child: ChildProcess }[]) {
  const urls = instances.map((i) => i.url);
  // Every kiosk registers once (not timed), as it does at installation.
  for (let i = 0; i < kioskIds.length; i += 50) {
    await Promise.all(kioskIds.slice(i, i + 50).map((id, j) => call(urls[(i + j) % urls.length]!, id, 'PUT', `/v1/fleet/kiosks/${id}`, { kioskId: id, site: 'bench', kind: 'municipal', softwareVersion: '1' })));
  }
  const eventsS = await throughput(urls, name);
  // A running server has rendered certificates before: each instance's first PDF (fonts loaded,
  // code compiled) is not what a fleet waits for. One untimed sign-in and certificate per instance.
  await Promise.all(urls.map((u, i) => signInAndIssue(u, kioskIds[i]!, async (p) => p())));
  const f = await fleet(urls, name);
  console.log(`fleet: ${name} events_s=${Math.round(eventsS)} fleet_requests=${f.requests} fleet_errors=${f.errors}${f.errors ? ` (${f.failures})` : ''} fleet_events_s=${Math.round(f.events_s)} p50_ms=${f.p50.toFixed(1)} p99_ms=${f.p99.toFixed(1)}`);
  for (const i of instances) await stop(i.child);
  return { eventsS, p99: f.p99 };
}

try {
  writeFileSync(join(dir, 'credentials.json'), JSON.stringify(testCredentials(kioskIds)));
  console.log(`fleet: ${KIOSKS} kiosks, ${SECONDS} s each, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB`);
  const sqlite = await run('sqlite', [await startInstance(join(dir, 'sqlite'))]);
  const why = postgresMissing();
  if (why) throw new Error(why);
  const cluster = await startPostgres();
  try {
    const pg1 = await run('pg', [await startInstance(join(dir, 'pg'), await cluster.createDatabase('fleet_one'))]);
    const two = await cluster.createDatabase('fleet_two');
    // One after the other: the second finds the schema migrated and the demo records in place.
    const first = await startInstance(join(dir, 'pg2-a'), two);
    const pg2 = await run('pg2', [first, await startInstance(join(dir, 'pg2-b'), two)]);
    const p99 = Math.max(sqlite.p99, pg1.p99, pg2.p99);
    console.log(`fleet: sqlite_events_s=${Math.round(sqlite.eventsS)} pg_events_s=${Math.round(pg1.eventsS)} pg2_events_s=${Math.round(pg2.eventsS)} p99_ms=${Math.round(p99)} kiosks=${KIOSKS}`);
  } finally {
    await cluster.stop();
  }
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
