// A bounded fuzz of every operation of backoffice/openapi.json (issue 9): ≥ 20,000 requests with
// random and boundary bodies, paths and headers, anonymous and as registered kiosks (with a holder
// session and staff key where the route asks for one), so the handlers are reached, not only the
// doorman. Asserted: no 5xx, every refusal is a JSON error with a kind, the server stays up, and the
// stores stay consistent (integrity check, foreign keys, money and state invariants).
// Reproduce a failure with the printed seed: FUZZ_SEED=<seed> node scripts/test.mjs tests/security/fuzz-routes.test.ts
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import { kioskKeyOf, staffKeyOf, testCredentials } from '../helpers/backoffice-access';
import { testStore } from '../helpers/backoffice-store';
import { serviceClock } from '../helpers/service-clock';
import { bentValue, junkBody, pathParam, prng, validValue, type Known, type Rng, type Schema } from './fuzz-values';
import { authorizedIssuance, rawSocket } from './input-rig';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 20_000);
const CONCURRENCY = 4;
const HOSPITAL = 'kiosk-h';
const MUNICIPAL = 'kiosk-m';
const SESSION = 'fuzz-session-at-kiosk-m';
const REQUEST_IDS = ['6f1c1a0e-2b3c-4d5e-8f70-000000000001', '6f1c1a0e-2b3c-4d5e-8f70-000000000002', '6f1c1a0e-2b3c-4d5e-8f70-000000000003'];

interface Operation { method: string; path: string; security: Record<string, unknown>[]; params: string[]; body?: Schema }

const doc = JSON.parse(readFileSync(new URL('../../backoffice/openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, { security?: Record<string, unknown>[]; parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
};
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({
  method: method.toUpperCase(), path, security: op.security ?? [], params: (op.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name),
  ...(op.requestBody ? { body: op.requestBody.content['application/json']!.schema } : {}),
})));

let bo: RunningBackOffice;
let dir: string;
let port: number;
before(async () => {
  // Shared memory when there is some: this fuzzes logic, not the disk's fsync.
  dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'bo-fuzz-'));
  bo = await startBackOffice({
    ...(await testStore(dir)), dataDir: dir, demo: true, hoursClock: serviceClock(), certificateRenderer: async () => new Uint8Array(Buffer.from('%PDF-1.7 stand-in')),
    credentials: testCredentials({ [HOSPITAL]: 'hospital', [MUNICIPAL]: 'municipal' }, { 'staff-1': ['reprint', 'refund', 'settlement'] }),
  });
  port = Number(new URL(bo.url).port);
  // Records for the handlers to find: a holder session at the municipal kiosk, issuances, a reception with its bill.
  await bo.store.putSession({ token: SESSION, residentId: 'yamada-taro', kioskId: MUNICIPAL, expiresAt: Date.now() + 3_600_000 });
  for (const id of REQUEST_IDS.slice(0, 2)) await authorizedIssuance(dir, MUNICIPAL, id);
  const seed = async (path: string, key: string, body: unknown, method = 'POST') => {
    const res = await fetch(bo.url + path, { method, headers: { 'content-type': 'application/json', 'kiosk-key': kioskKeyOf(HOSPITAL), 'idempotency-key': key }, body: JSON.stringify(body) });
    assert.ok(res.status < 300, `${path}: ${res.status} ${await res.text()}`);
  };
  await seed('/v1/hospital/receptions', 'seed-r', { kioskId: HOSPITAL, receptionRef: 'r-1', patientRef: 'p-1', department: 'naika' });
  await seed('/v1/hospital/bills', 'seed-b', { receptionRef: 'r-1', billRef: 'b-1', totalPointsYen: 10_000, copayYen: 3_000 });
  await seed(`/v1/fleet/kiosks/${HOSPITAL}`, 'seed-k', { kioskId: HOSPITAL, site: 'fuzz', kind: 'hospital', softwareVersion: '1' }, 'PUT');
});
after(async () => { await bo?.close(); rmSync(dir, { recursive: true, force: true }); });

function pickHeaders(r: Rng, op: Operation, kioskId: string | null): Record<string, string> {
  const h: Record<string, string> = {};
  if (kioskId) h['kiosk-key'] = r.chance(0.95) ? kioskKeyOf(kioskId) : r.pick([`${kioskId}:wrong-key-0123456789abcdef0123456789ab`, 'nobody:x', ':', kioskKeyOf(kioskId).slice(0, -1)]);
  const needs = (scheme: string) => op.security.some((s) => scheme in s);
  if (needs('holderSession') && r.chance(0.85)) h.authorization = r.chance(0.85) ? `Bearer ${SESSION}` : r.pick(['Bearer ', 'Bearer x', 'Basic Zm9vOmJhcg==', `Bearer ${'t'.repeat(500)}`]);
  if (needs('staffKey') && r.chance(0.85)) h['staff-key'] = r.chance(0.9) ? staffKeyOf('staff-1') : r.pick(['staff-1:nope', 'staff-2:x', '']);
  if (op.body) h['content-type'] = r.chance(0.9) ? r.pick(['application/json', 'application/json; charset=utf-8']) : r.pick(['text/plain', 'application/json; charset=latin1', 'application/x-www-form-urlencoded', 'application/jsonp', '']);
  if (op.params.includes('Idempotency-Key') && r.chance(0.9)) h['idempotency-key'] = r.chance(0.9) ? `fk-${r.int(300)}` : r.pick(['', ' ', 'k'.repeat(201), 'a b']);
  if (op.params.includes('If-None-Match') && r.chance(0.3)) h['if-none-match'] = r.pick(['"x"', '*', '']);
  if (r.chance(0.03)) h.host = r.pick(['attacker.example', `localhost:${port}`, 'a..b', '[::1]', `127.0.0.1.nip.io:${port}`]);
  if (r.chance(0.03)) h.origin = r.pick(['http://evil.example', 'null', bo.url]);
  return h;
}

interface Built { method: string; path: string; headers: Record<string, string>; body?: string | Buffer; label: string }

function build(i: number): Built {
  const r = prng((Math.imul(SEED, 0x9e3779b1) + i) >>> 0);
  const op = r.pick(operations);
  const kioskId = r.chance(0.25) ? null : r.chance(0.1) ? r.pick(['kiosk-x', HOSPITAL, MUNICIPAL]) : op.security.some((s) => 'holderSession' in s || 'staffKey' in s) || op.path.includes('certificates') ? MUNICIPAL : r.pick([HOSPITAL, MUNICIPAL]);
  const known: Known = { kioskIds: kioskId && r.chance(0.85) ? [kioskId] : [HOSPITAL, MUNICIPAL, 'kiosk-x'], refs: ['r-1', 'b-1', 'pay-1', `f-${r.int(20)}`], requestIds: REQUEST_IDS, issuanceIds: REQUEST_IDS.map((id) => `iss-${id}`) };
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => (r.chance(0.7) ? encodeURIComponent(r.pick(name === 'kioskId' ? known.kioskIds : known.issuanceIds.concat(known.refs))) : pathParam(name, r, known)));
  let method = op.method;
  let finalPath = path;
  if (r.chance(0.03)) method = r.pick(['DELETE', 'PATCH', 'OPTIONS', 'HEAD', op.method === 'GET' ? 'POST' : 'GET']);
  if (r.chance(0.03)) finalPath = r.pick(['/', '/v1', '/v1/../v1/health', '/v1/health?x=%', `/v2${path}`, `${path}/`, `${path}//x`, '/%']);
  const headers = pickHeaders(r, op, kioskId);
  let body: string | Buffer | undefined;
  if (op.body) {
    const roll = r.next();
    body = roll < 0.55 ? JSON.stringify(validValue('', op.body, r, known)) : roll < 0.85 ? JSON.stringify(bentValue('', op.body, r, known)) : junkBody(r);
  } else if (r.chance(0.05)) body = junkBody(r);
  // Framed explicitly: Node's client sends a GET body unframed, which would fuzz the client, not us.
  if (body !== undefined) headers['content-length'] = String(r.chance(0.01) ? 99_999_999 : Buffer.byteLength(body));
  return { method, path: finalPath, headers, ...(body === undefined ? {} : { body }), label: `#${i} ${method} ${finalPath}` };
}

interface Outcome { status: number; contentType: string; text: string }

function send(agent: Agent, b: Built): Promise<Outcome | Error> {
  return new Promise((resolve) => {
    let req;
    try {
      req = request({ host: '127.0.0.1', port, method: b.method, path: b.path, agent, headers: { host: `127.0.0.1:${port}`, ...b.headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => resolve(e));
      });
    } catch (err) {
      resolve(err as Error);
      return;
    }
    req.on('error', (e) => resolve(e));
    req.end(b.body);
  });
}

/** The stores after the storm: intact files, foreign keys, money and states that add up. */
function checkConsistency(): string[] {
  const problems: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.db'))) {
    const db = new Database(join(dir, file), { readonly: true });
    try {
      const integrity = db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') problems.push(`${file}: integrity_check ${String(integrity)}`);
      const fk = db.pragma('foreign_key_check') as unknown[];
      if (fk.length) problems.push(`${file}: ${fk.length} foreign key violations`);
      const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
      const count = (sql: string) => db.prepare(sql).pluck().get() as number;
      const rule = (table: string, what: string, sql: string) => { if (tables.has(table) && count(sql) > 0) problems.push(`${file}: ${what}`); };
      rule('bills', 'a bill paid beyond its copay or below zero', 'SELECT COUNT(*) FROM bills WHERE paid_yen < 0 OR paid_yen > copay_yen OR copay_yen < 0');
      rule('bills', 'a bill whose paid amount is not the sum of its payments',
        'SELECT COUNT(*) FROM bills b WHERE b.paid_yen <> (SELECT COALESCE(SUM(amount_yen), 0) FROM payments p WHERE p.bill_ref = b.bill_ref)');
      rule('payments', 'a payment of less than 1 yen', 'SELECT COUNT(*) FROM payments WHERE amount_yen < 1');
      rule('issuances', 'an issuance with negative money or a refund beyond what was paid', 'SELECT COUNT(*) FROM issuances WHERE paid < 0 OR refunded < 0 OR refunded > paid');
      rule('issuances', 'an issuance in an unknown state', "SELECT COUNT(*) FROM issuances WHERE state NOT IN ('authorized','paid','printed','held','failed','refunded','voided')");
      rule('kiosk_events', 'an event whose payload is not JSON', 'SELECT COUNT(*) FROM kiosk_events WHERE NOT json_valid(payload)');
      rule('idempotency_records', 'a stored 5xx answer', 'SELECT COUNT(*) FROM idempotency_records WHERE status >= 500');
    } finally {
      db.close();
    }
  }
  return problems;
}

test(`route fuzz: ${REQUESTS} requests over every OpenAPI operation, no 5xx, server alive, stores consistent`, async (t) => {
  t.diagnostic(`seed ${SEED} (reproduce: FUZZ_SEED=${SEED})`);
  console.log(`route fuzz: seed ${SEED}, ${operations.length} operations, ${REQUESTS} requests`);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  const reached = new Set<string>();
  let transport = 0;
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    for (let i = next++; i < REQUESTS; i = next++) {
      const b = build(i);
      const out = await send(agent, b);
      if (out instanceof Error) { transport++; continue; }
      statuses.set(out.status, (statuses.get(out.status) ?? 0) + 1);
      // A 2xx, or a refusal decided inside the handler, shows the request got past the doorman.
      if (out.status < 300 || /backoffice\.not_found|issuance\.|duplicate_reference|idempotency|rate_limited|backoffice\.refused/.test(out.text)) reached.add(`${b.method} ${b.path.split('/').slice(0, 4).join('/')}`);
      if (out.status >= 500) failures.push(`${b.label} → ${out.status} ${out.text.slice(0, 200)} (seed ${SEED})`);
      else if (/SQLITE_|constraint failed|no such (table|column)|syntax error|\n\s+at /i.test(out.text)) failures.push(`${b.label} → internals in the answer: ${out.text.slice(0, 200)} (seed ${SEED})`);
      else if (out.status >= 400 && b.method !== 'HEAD' && !(out.contentType.startsWith('application/json') && typeof (JSON.parse(out.text || '{}') as { kind?: unknown }).kind === 'string')) {
        failures.push(`${b.label} → ${out.status} without a JSON error: ${out.text.slice(0, 100)} (seed ${SEED})`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  agent.destroy();
  const httpSeconds = (Date.now() - started) / 1000;

  // What no HTTP client sends: broken request lines, headers, chunking; answered 4xx or closed, never 5xx.
  const r = prng(SEED);
  const rawCases = ['GET / HTTP/1.1\r\n\r\n', 'GET /v1/health HTTP/1.0\r\n\r\n', '\r\n\r\n', 'GET /v1/health HTTP/9.9\r\nHost: x\r\n\r\n',
    `GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX: ${'a'.repeat(17_000)}\r\n\r\n`, 'POST /v1/sync/events HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    'GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nabcde', 'GET /v1/health HTTP/1.1\r\nBad Header\r\n\r\n',
    'POST /v1/hospital/receptions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n{"a"',
    'POST /v1/sync/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n{}', 'GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n{"junk":1}'];
  for (let i = 0; i < 200; i++) {
    const bytes = i < rawCases.length ? rawCases[i]! : `${r.pick(['GET', 'POST', 'G\u0000T', ''])} ${r.pick(['/v1/health', '/%', '*', ''])} ${r.pick(['HTTP/1.1', 'HTTP/1.0', 'HTTP/1'])}\r\n${r.chance(0.5) ? 'Host: 127.0.0.1\r\n' : ''}${r.pick(['', 'X-A: \u0001\r\n', 'Transfer-Encoding: gzip\r\n'])}\r\n`;
    const answer = await rawSocket(port, bytes).catch(() => '');
    if (/^HTTP\/1\.[01] 5/.test(answer)) failures.push(`raw #${i} ${JSON.stringify(bytes.slice(0, 80))} → ${answer.slice(0, 80)} (seed ${SEED})`);
  }

  const seconds = (Date.now() - started) / 1000;
  console.log(`route fuzz: ${REQUESTS} requests in ${httpSeconds.toFixed(1)} s (${Math.round(REQUESTS / httpSeconds)}/s), 200 raw in ${(seconds - httpSeconds).toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; transport errors ${transport}; handlers reached ${reached.size}`);
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failures`);
  assert.ok(transport < REQUESTS * 0.01, `${transport} requests lost at the transport level`);
  assert.equal((await fetch(`${bo.url}/v1/health`)).status, 200, 'the server is alive');
  assert.deepEqual(checkConsistency(), []);
  // Every operation was reached by authenticated requests, not only refused at the door.
  const touched = new Set([...reached].map((k) => k.split(' ')[1]!.split('/').slice(0, 3).join('/')));
  for (const area of ['/v1/sync', '/v1/hospital', '/v1/fleet', '/v1/certificates', '/v1/residents', '/v1/eligibility', '/v1/health']) assert.ok(touched.has(area), `${area} handlers reached`);
});
