// The reference back office over real HTTP on loopback, with demo data matching the virtual cards
// and certificates from the test PKI: holder authentication, registry, certificate requests with
// idempotency, eligibility, hospital accounting, fleet config with ETags, outbox ingestion.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import { holderSpecOf, loadDemoProfiles } from '../../backoffice/demo/seed';
import { loadTestPki } from '../../simulators/testpki';
import { serviceClock } from '../helpers/service-clock';

let bo: RunningBackOffice;
let dir: string;
const pki = await loadTestPki();
const profiles = loadDemoProfiles();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bo-api-'));
  // Service hours pinned inside 6:30–23:00 JST, so issuance answers do not depend on when CI runs.
  bo = await startBackOffice({ dataDir: dir, demo: true, hoursClock: serviceClock() });
});
after(async () => { await bo.close(); rmSync(dir, { recursive: true, force: true }); });

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(bo.url + path, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

async function login(profileId: string, tamper = false) {
  const holder = await pki.issueHolder(holderSpecOf(profiles.find((p) => p.id === profileId)!));
  const ch = await call('POST', '/v1/auth/challenges', { kioskId: 'kiosk-1' });
  assert.equal(ch.status, 201);
  const challenge = Buffer.from(ch.json.challenge, 'base64');
  const key = createPrivateKey({ key: Buffer.from(holder.authKeyPkcs8), format: 'der', type: 'pkcs8' });
  const signature = sign('sha256', tamper ? Buffer.from('other') : challenge, key);
  const body = { challengeId: ch.json.challengeId, authCertDer: Buffer.from(holder.authCertDer).toString('base64'), signature: signature.toString('base64') };
  return { res: await call('POST', '/v1/auth/verify', body), body };
}

test('holder authentication: signed challenge → session linked to the resident; challenge is single use', async () => {
  const { res, body } = await login('yamada-taro');
  assert.equal(res.status, 200, JSON.stringify(res.json));
  assert.equal(res.json.residentId, 'yamada-taro');
  const replay = await call('POST', '/v1/auth/verify', body);
  assert.equal(replay.status, 401);
  assert.equal(replay.json.kind, 'auth.challenge_invalid');
});

test('holder authentication refuses a wrong signature and an untrusted hierarchy with typed kinds', async () => {
  const bad = await login('yamada-hanako', true);
  assert.equal(bad.res.json.kind, 'auth.signature_mismatch');
  const untrusted = await login('ito-makoto');
  assert.equal(untrusted.res.status, 401);
  assert.equal(untrusted.res.json.kind, 'auth.untrusted_issuer');
});

test('registry: the holder sees their record, household and seal; no session is a 401', async () => {
  const { res } = await login('yamada-taro');
  const auth = { authorization: `Bearer ${res.json.sessionToken}` };
  const me = await call('GET', '/v1/residents/me', undefined, auth);
  assert.equal(me.json.name, '山田　太郎');
  assert.deepEqual(me.json.household.map((m: { residentId: string }) => m.residentId).sort(), ['yamada-hanako', 'yamada-shota', 'yamada-taro']);
  assert.equal(me.json.seal.registered, true);
  const seal = await call('GET', '/v1/residents/me/seal', undefined, auth);
  assert.equal(Buffer.from(seal.json.imagePng, 'base64').subarray(1, 4).toString(), 'PNG');
  assert.equal((await call('GET', '/v1/residents/me')).json.kind, 'backoffice.unauthenticated');
});

async function issue(auth: Record<string, string>, key: string, body: Record<string, unknown>) {
  return call('POST', '/v1/certificates/issuances', { kioskId: 'kiosk-1', requestId: randomUUID(), memberIds: [], options: {}, copies: 1, ...body }, { ...auth, 'idempotency-key': key });
}

test('certificate issuance: replay returns the first answer, a changed body with the same key is 422', async () => {
  const { res } = await login('yamada-taro');
  const auth = { authorization: `Bearer ${res.json.sessionToken}` };
  const catalog = await call('GET', '/v1/certificates/catalog', undefined, auth);
  const unitFee = catalog.json.entries.find((e: { type: string }) => e.type === 'juminhyo').fee as number;
  const body = { requestId: randomUUID(), type: 'juminhyo', scope: 'household', copies: 2 };
  const first = await issue(auth, 'req-0001', body);
  assert.equal(first.status, 201, JSON.stringify(first.json));
  assert.equal(first.json.fee, 2 * unitFee);
  const again = await issue(auth, 'req-0001', body);
  assert.equal(again.json.issuanceNumber, first.json.issuanceNumber);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  const changed = await issue(auth, 'req-0001', { ...body, copies: 3 });
  assert.equal(changed.status, 422);
  assert.equal(changed.json.kind, 'idempotency.conflict');
});

test('certificate refusals carry the registry reason and where to go', async () => {
  const { res } = await login('yamada-taro');
  const auth = { authorization: `Bearer ${res.json.sessionToken}` };
  const otherHousehold = await issue(auth, 'r-3', { type: 'juminhyo', scope: 'members', memberIds: ['takahashi-ichiro'] });
  assert.deepEqual([otherHousehold.status, otherHousehold.json.details.reason], [403, 'not_household']);
  const hanako = bo.store.getResident('yamada-hanako')!;
  bo.store.upsertResident({ ...hanako, dvProtection: true });
  try {
    const dv = await issue(auth, 'r-4', { type: 'juminhyo', scope: 'members', memberIds: ['yamada-hanako'] });
    assert.deepEqual([dv.status, dv.json.details.reason, dv.json.details.where], [403, 'dv_support', 'municipal_window']);
  } finally {
    bo.store.upsertResident(hanako);
  }
});

test('eligibility answers in オンライン資格確認 codes', async () => {
  const { res } = await login('yamada-taro');
  const r = await call('POST', '/v1/eligibility/confirm', { kioskId: 'k', medicalInstitutionCode: '1312345678' }, { authorization: `Bearer ${res.json.sessionToken}` });
  assert.equal(r.json.ReferenceClassification, '1');
  assert.equal(r.json.ResultOfQualificationConfirmation.QualificationValidity, '1');
  assert.equal(r.json.ResultOfQualificationConfirmation.PersonalFamilyClassification, '1');
  const none = await call('POST', '/v1/eligibility/confirm-by-numbers', { kioskId: 'k', medicalInstitutionCode: '1312345678', insurerNumber: '06132013', insuredCardSymbol: 'H0001', insuredIdentificationNumber: '1000', birthdate: '19990101' });
  assert.equal(none.json.ResultOfQualificationConfirmation.QualificationValidity, '4', 'wrong birthdate → 該当資格なし');
});

test('hospital accounting: reception → bill → payment; an overpayment is refused; a payment replay pays once', async () => {
  const idem = (k: string) => ({ 'idempotency-key': k });
  assert.equal((await call('POST', '/v1/hospital/receptions', { kioskId: 'k', receptionRef: 'rc-1', patientRef: 'p-1', department: '内科' }, idem('rc-1'))).status, 201);
  assert.equal((await call('POST', '/v1/hospital/bills', { receptionRef: 'rc-1', billRef: 'b-1', totalPointsYen: 10000, copayYen: 3000 }, idem('b-1'))).status, 201);
  const pay = { kioskId: 'k', paymentRef: 'pay-1', billRef: 'b-1', amountYen: 3000, method: 'card' };
  assert.equal((await call('POST', '/v1/hospital/payments', pay, idem('pay-1'))).json.state, 'paid');
  assert.equal((await call('POST', '/v1/hospital/payments', pay, idem('pay-1'))).json.paidYen, 3000);
  const over = await call('POST', '/v1/hospital/payments', { ...pay, paymentRef: 'pay-2', amountYen: 1 }, idem('pay-2'));
  assert.deepEqual([over.status, over.json.details.reason], [403, 'overpayment']);
  assert.equal((await call('GET', '/v1/hospital/bills/b-1')).json.paidYen, 3000);
});

test('fleet: register, heartbeat, configuration with ETag revalidation', async () => {
  assert.equal((await call('PUT', '/v1/fleet/kiosks/k-7', { kioskId: 'k-7', site: '清瀬市役所', kind: 'municipal', softwareVersion: '0.1.0' })).status, 200);
  const hb = await call('POST', '/v1/fleet/kiosks/k-7/heartbeat', { lagSeconds: 3, outboxReady: 1, deadLetters: 0, clockSkewSeconds: -2 });
  assert.equal(hb.json.received, true);
  assert.notEqual((await call('GET', '/v1/fleet/kiosks/k-7')).json.lastHeartbeatAt, null);
  const cfg = await call('GET', '/v1/fleet/kiosks/k-7/config');
  assert.equal(cfg.json.fees.juminhyo, 200);
  const etag = cfg.headers.get('etag')!;
  const again = await fetch(`${bo.url}/v1/fleet/kiosks/k-7/config`, { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  bo.store.putConfig('kiosk', JSON.stringify({ ...cfg.json, version: undefined, fees: { ...cfg.json.fees, juminhyo: 250 } }));
  const changed = await fetch(`${bo.url}/v1/fleet/kiosks/k-7/config`, { headers: { 'if-none-match': etag } });
  assert.equal(changed.status, 200);
  assert.equal(((await changed.json()) as { fees: Record<string, number> }).fees.juminhyo, 250);
});

test('outbox ingestion: applied once, duplicates recognised, a changed body conflicts and defers its stream', async () => {
  const ev = (key: string, stream: string | null, payload: unknown) => ({ key, kind: 'issuance.printed', stream, payload, createdAt: 1 });
  const first = await call('POST', '/v1/sync/events', { kioskId: 'k', events: [ev('e1', 's1', 1), ev('e2', 's1', 2)] });
  assert.deepEqual(first.json.results.map((r: { status: string }) => r.status), ['applied', 'applied']);
  const second = await call('POST', '/v1/sync/events', { kioskId: 'k', events: [ev('e1', 's1', 'changed'), ev('e3', 's1', 3), ev('e2', 's1', 2), ev('e4', null, 4)] });
  assert.deepEqual(second.json.results.map((r: { status: string }) => r.status), ['conflict', 'deferred', 'deferred', 'applied']);
  const bad = await call('POST', '/v1/sync/events', { kioskId: 'k', events: [] });
  assert.deepEqual([bad.status, bad.json.kind], [400, 'input.invalid']);
  const junk = await fetch(`${bo.url}/v1/sync/events`, { method: 'POST', body: '{not json' });
  assert.equal(junk.status, 400);
});

test('idempotency answers are kept for the configured retention, then purged', async () => {
  const d = mkdtempSync(join(tmpdir(), 'bo-ret-'));
  let now = Date.UTC(2026, 0, 1);
  const first = await startBackOffice({ dataDir: d, clock: () => now, idempotencyRetentionDays: 30 });
  await fetch(`${first.url}/v1/hospital/receptions`, { method: 'POST', headers: { 'idempotency-key': 'old' }, body: JSON.stringify({ kioskId: 'k', receptionRef: 'r', patientRef: 'p', department: 'x' }) });
  await first.close();
  now += 29 * 86_400_000;
  const stillThere = await startBackOffice({ dataDir: d, clock: () => now, idempotencyRetentionDays: 30 });
  assert.ok(stillThere.store.getResponse('createReception', 'old'));
  await stillThere.close();
  now += 2 * 86_400_000;
  const later = await startBackOffice({ dataDir: d, clock: () => now, idempotencyRetentionDays: 30 });
  assert.equal(later.store.getResponse('createReception', 'old'), undefined);
  await later.close();
  rmSync(d, { recursive: true, force: true });
});
