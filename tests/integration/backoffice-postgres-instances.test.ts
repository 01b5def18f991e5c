// Two back-office processes on one PostgreSQL database, as an operator runs them for failover: each
// its own process, port and data folder (as on two servers), the records shared. What a kiosk would
// notice if the database did not hold the line: an outbox event applied twice when its retry reaches
// the other instance, a card's challenge answered twice, an acknowledged event gone after an
// instance is killed, two certificates with one number, a kiosk registered at one instance refused
// by the other.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { holderSpecOf, loadDemoProfiles } from '../../backoffice/demo/seed';
import { startBackOffice } from '../../backoffice/server';
import { loadTestPki } from '../../simulators/testpki';
import { kioskHeaders, testCredentials } from '../helpers/backoffice-access';
import { postgresMissing, startPostgres, type PostgresCluster } from '../helpers/postgres';
import { serviceClock } from '../helpers/service-clock';

const KIOSK = 'kiosk-hall';
const missing = postgresMissing();
let cluster: PostgresCluster;
let dir: string;
let dbUrl: string;
const running: ChildProcess[] = [];

interface Instance { url: string; child: ChildProcess }

/** A back-office process (the CLI, as an operator starts it) on the shared database. */
async function startInstance(name: string, demo: boolean): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'backoffice/main.ts', '--port', '0', '--data', join(dir, name),
    '--store', dbUrl, '--credentials', join(dir, 'credentials.json'), ...(demo ? ['--demo'] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /backoffice: listening (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
    child.once('exit', (code) => reject(new Error(`instance ${name} exited ${code}: ${out}`)));
  });
  return { url, child };
}

async function post(i: Instance, path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(i.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...kioskHeaders(KIOSK) }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const note = (key: string) => ({ kioskId: KIOSK, events: [{ key, kind: 'kiosk.note', stream: null, payload: { text: key }, createdAt: 1 }] });
const statusOf = (r: { json: Record<string, unknown> }) => (r.json.results as { status: string }[] | undefined)?.[0]?.status;

async function rowsOf<T>(sql: string, params: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const storedKeys = async () => (await rowsOf<{ key: string }>('SELECT key FROM kiosk_events WHERE kiosk_id = $1', [KIOSK])).map((r) => r.key);

let a: Instance;
let b: Instance;
before(async () => {
  if (missing) return;
  cluster = await startPostgres();
  dbUrl = await cluster.createDatabase('fleet');
  dir = mkdtempSync(join(tmpdir(), 'bo-two-'));
  writeFileSync(join(dir, 'credentials.json'), JSON.stringify(testCredentials([KIOSK])));
  // One after the other: the second finds the schema migrated and the demo records in place.
  a = await startInstance('a', true);
  b = await startInstance('b', true);
});
after(async () => {
  for (const c of running) if (c.exitCode === null) c.kill('SIGKILL');
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the same outbox event sent to both instances at once is applied once', { skip: missing }, async () => {
  const keys = Array.from({ length: 30 }, (_, i) => `both-${i}`);
  for (const key of keys) {
    const answers = await Promise.all([post(a, '/v1/sync/events', note(key)), post(b, '/v1/sync/events', note(key))]);
    assert.deepEqual(answers.map((r) => r.status), [200, 200]);
    assert.deepEqual(answers.map(statusOf).sort(), ['applied', 'duplicate'], `event ${key}`);
  }
  const stored = (await storedKeys()).filter((k) => k.startsWith('both-'));
  assert.deepEqual(stored.sort(), [...keys].sort());
});

test('a challenge issued by one instance is accepted by the other, once', { skip: missing }, async () => {
  const pki = await loadTestPki();
  const holder = await pki.issueHolder(holderSpecOf(loadDemoProfiles().find((p) => p.id === 'yamada-taro')!));
  const key = createPrivateKey({ key: Buffer.from(holder.authKeyPkcs8), format: 'der', type: 'pkcs8' });
  for (let round = 0; round < 5; round++) {
    const ch = await post(a, '/v1/auth/challenges', { kioskId: KIOSK });
    assert.equal(ch.status, 201);
    const verify = {
      challengeId: ch.json.challengeId, authCertDer: Buffer.from(holder.authCertDer).toString('base64'),
      signature: sign('sha256', Buffer.from(ch.json.challenge as string, 'base64'), key).toString('base64'),
    };
    // The signed answer reaches both instances at the same moment: one session, one refusal.
    const answers = await Promise.all([post(b, '/v1/auth/verify', verify), post(a, '/v1/auth/verify', verify)]);
    assert.deepEqual(answers.map((r) => r.status).sort(), [200, 401], JSON.stringify(answers.map((r) => r.json)));
    assert.equal(answers.find((r) => r.status === 401)!.json.kind, 'auth.challenge_invalid');
    assert.equal(answers.find((r) => r.status === 200)!.json.residentId, 'yamada-taro');
  }
});

test('certificates issued at two instances at once get one run of numbers; a kiosk provisioned at one is accepted at the other', { skip: missing }, async () => {
  const ANNEX = 'kiosk-annex';
  const issuing = { store: dbUrl, demo: true, hoursClock: serviceClock(), certificateRenderer: async () => new Uint8Array(Buffer.from('%PDF-1.7 stand-in')) };
  // The annex kiosk is provisioned at p alone; q and the CLI instance b were never given it.
  const p = await startBackOffice({ ...issuing, dataDir: join(dir, 'p'), credentials: testCredentials([KIOSK, ANNEX]) });
  const q = await startBackOffice({ ...issuing, dataDir: join(dir, 'q') });
  try {
    for (const at of [q.url, b.url]) {
      const sent = (kiosk: string) => fetch(`${at}/v1/sync/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...kioskHeaders(kiosk) },
        body: JSON.stringify({ kioskId: kiosk, events: [{ key: `annex-${at}`, kind: 'kiosk.note', stream: null, payload: {}, createdAt: 1 }] }) });
      assert.equal((await sent(ANNEX)).status, 200, `${ANNEX} at ${at}`);
      assert.equal((await sent('kiosk-nobody-registered')).status, 401, `an unregistered kiosk at ${at}`);
    }

    await p.store.putSession({ token: 'two-instances', residentId: 'yamada-taro', kioskId: KIOSK, expiresAt: Date.now() + 600_000 });
    const issue = async (at: string) => {
      const requestId = randomUUID();
      const res = await fetch(`${at}/v1/certificates/issuances`, {
        method: 'POST', headers: { 'content-type': 'application/json', ...kioskHeaders(KIOSK), authorization: 'Bearer two-instances', 'idempotency-key': requestId },
        body: JSON.stringify({ kioskId: KIOSK, requestId, type: 'juminhyo', scope: 'self', memberIds: [], options: {}, copies: 1 }),
      });
      const json = (await res.json()) as { issuanceNumber?: string; fee?: number };
      assert.equal(res.status, 201, JSON.stringify(json));
      return { requestId, number: json.issuanceNumber!, fee: json.fee! };
    };
    const issued = await Promise.all(Array.from({ length: 16 }, (_, i) => issue(i % 2 ? q.url : p.url)));
    const serials = issued.map((x) => Number(/-(\d+)$/.exec(x.number)![1])).sort((x, y) => x - y);
    assert.equal(new Set(issued.map((x) => x.number)).size, issued.length, `every number once: ${issued.map((x) => x.number).join(' ')}`);
    assert.deepEqual(serials, serials.map((_, i) => serials[0]! + i), 'one counter: no number skipped or taken twice');

    // Its paid event reaching both at the same moment moves the money once.
    const { requestId, fee } = issued[0]!;
    const paid = { kioskId: KIOSK, events: [{ key: `certificate:${requestId}:paid`, kind: 'certificate.paid', stream: `certificate:${requestId}`, payload: { requestId, paid: fee, method: 'cash' }, createdAt: 1 }] };
    const answers = await Promise.all([p.url, q.url].map(async (at) => (await fetch(`${at}/v1/sync/events`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...kioskHeaders(KIOSK) }, body: JSON.stringify(paid) }).then((r) => r.json())) as { results: { status: string }[] }));
    assert.deepEqual(answers.map((x) => x.results[0]!.status).sort(), ['applied', 'duplicate']);
    assert.deepEqual(await rowsOf('SELECT state, paid::int AS paid FROM issuances WHERE request_id = $1', [requestId]), [{ state: 'paid', paid: fee }]);
  } finally {
    await p.close();
    await q.close();
  }
});

test('kill -9 of an instance in the middle of a burst loses no acknowledged event', { skip: missing }, async () => {
  const keys = Array.from({ length: 600 }, (_, i) => `burst-${i}`);
  const acknowledged: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++]!;
      try {
        const r = await post(a, '/v1/sync/events', note(key));
        if (r.status === 200 && statusOf(r) === 'applied') acknowledged.push(key);
        if (acknowledged.length === 150) a.child.kill('SIGKILL');
      } catch {
        return; // the instance is gone: this request was never answered
      }
    }
  };
  await Promise.all(Array.from({ length: 12 }, worker));
  assert.ok(acknowledged.length >= 150 && acknowledged.length < keys.length, `killed mid-burst after ${acknowledged.length} answers`);
  const stored = new Set(await storedKeys());
  assert.deepEqual(acknowledged.filter((k) => !stored.has(k)), [], 'every acknowledged event is stored');
  // The kiosk retries what was not answered at the other instance: each ends stored exactly once.
  for (const key of keys.filter((k) => !acknowledged.includes(k))) {
    const r = await post(b, '/v1/sync/events', note(key));
    assert.ok(['applied', 'duplicate'].includes(statusOf(r)!), `${key}: ${JSON.stringify(r.json)}`);
  }
  const after = (await storedKeys()).filter((k) => k.startsWith('burst-'));
  assert.equal(after.length, keys.length);
  assert.equal(new Set(after).size, keys.length);
});

test('a database crash (kill -9 of PostgreSQL) mid-burst loses no acknowledged event', { skip: missing }, async () => {
  const keys = Array.from({ length: 400 }, (_, i) => `crash-${i}`);
  const acknowledged: string[] = [];
  let next = 0;
  let crash: Promise<void> | undefined;
  const worker = async () => {
    while (next < keys.length && !crash) {
      const key = keys[next++]!;
      const r = await post(b, '/v1/sync/events', note(key)).catch(() => undefined);
      if (r?.status === 200 && statusOf(r) === 'applied') acknowledged.push(key);
      // synchronous_commit on: whatever was answered is on disk before the answer left.
      if (acknowledged.length === 100 && !crash) crash = cluster.crashAndRestart();
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  await crash;
  assert.ok(acknowledged.length >= 100, `answers before the crash: ${acknowledged.length}`);
  const stored = new Set(await storedKeys());
  assert.deepEqual(acknowledged.filter((k) => !stored.has(k)), [], 'every acknowledged event survived the crash');
  // The instance reconnects by itself: the next event is applied.
  let status: string | undefined;
  const done = () => status === 'applied' || status === 'duplicate';
  for (let i = 0; i < 20 && !done(); i++) {
    status = statusOf(await post(b, '/v1/sync/events', note('after-the-crash')));
    if (!done()) await new Promise((r) => setTimeout(r, 250));
  }
  assert.ok(done(), `after the restart: ${status}`);
  assert.ok((await storedKeys()).includes('after-the-crash'));
});

/** The CLI started on `store`, until it exits: its exit code and what it printed on stderr. */
function startFailing(store: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'backoffice/main.ts', '--port', '0', '--data', join(dir, 'failing'), '--store', store],
      { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

test('an unreachable database or a schema newer than the code stops the start with one line', { skip: missing }, async () => {
  const down = await startFailing('postgres://madoguchi:s3cret-word@127.0.0.1:1/records');
  assert.equal(down.code, 1);
  assert.match(down.stderr, /^backoffice: cannot start: the database postgres:\/\/madoguchi:\*\*\*@127\.0\.0\.1:1\/records is unreachable: .*ECONNREFUSED.*\n$/);
  assert.doesNotMatch(down.stderr, /s3cret-word/, 'the password is never printed');

  const newer = await cluster.createDatabase('from_the_future');
  const client = new pg.Client({ connectionString: newer });
  await client.connect();
  await client.query(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now());
    INSERT INTO schema_migrations (version, name) VALUES (999, 'a later release')`);
  await client.end();
  const refused = await startFailing(newer);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /^backoffice: cannot start: the database schema is at migration 999, newer than this back office knows \(\d+\): run the newer release\n$/);
});
