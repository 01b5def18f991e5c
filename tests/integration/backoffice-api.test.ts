// test-lane: free
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
import { kioskHeaders, testCredentials } from '../helpers/backoffice-access';
import { testStore } from '../helpers/backoffice-store';
import { serviceClock } from '../helpers/service-clock';

let bo: RunningBackOffice;
let dir: string;
const pki = await loadTestPki();
const profiles = loadDemoProfiles();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bo-api-'));
  // Service hours pinned inside 6:30–23:00 JST, so issuance answers do not depend on when CI runs.
  bo = await startBackOffice({ ...(await testStore(dir)), dataDir: dir, demo: true, hoursClock: serviceClock(), credentials: testCredentials({ 'kiosk-1': 'municipal', k: 'hospital', 'k-7': 'municipal' }) });
});
after(async () => { await bo.close(); rmSync(dir, { recursive: true, force: true }); });

/** Every call comes from a registered kiosk: the one the body or the path names, else kiosk-1. */
function callerOf(path: string, body: unknown): string {
  const named = (body as { kioskId?: unknown } | undefined)?.kioskId ?? /\/kiosks\/([^/]+)/.exec(path)?.[1];
  return typeof named === 'string' ? named : 'kiosk-1';
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(bo.url + path, { method, headers: { 'content-type': 'application/json', ...kioskHeaders(callerOf(path, body)), ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
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
  const hanako = (await bo.store.getResident('yamada-hanako'))!;
  await bo.store.upsertResident({ ...hanako, dvProtection: true });
  try {
    const dv = await issue(auth, 'r-4', { type: 'juminhyo', scope: 'members', memberIds: ['yamada-hanako'] });
    assert.deepEqual([dv.status, dv.json.details.reason, dv.json.details.where], [403, 'dv_support', 'municipal_window']);
  } finally {
    await bo.store.upsertResident(hanako);
  }
});

test('eligibility answers in オンライン資格確認 codes', async () => {
  const { res } = await login('yamada-taro');
  const r = await call('POST', '/v1/eligibility/confirm', { kioskId: 'kiosk-1', medicalInstitutionCode: '1312345678' }, { authorization: `Bearer ${res.json.sessionToken}` });
  assert.equal(r.json.ReferenceClassification, '1');
  assert.equal(r.json.ResultOfQualificationConfirmation.QualificationValidity, '1');
  assert.equal(r.json.ResultOfQualificationConfirmation.PersonalFamilyClassification, '1');
  const none = await call('POST', '/v1/eligibility/confirm-by-numbers', { kioskId: 'k', medicalInstitutionCode: '1312345678', insurerNumber: '06132013', insuredCardSymbol: 'H0001', insuredIdentificationNumber: '1000', birthdate: '19990101' });
  assert.equal(none.json.ResultOfQualificationConfirmation.QualificationValidity, '4', 'wrong birthdate → 該当資格なし');
});

test('hospital accounting: reception → bill → payment; an overpayment is refused; a payment replay pays once', async () => {
  const idem = (k: string) => ({ 'idempotency-key': k });
  assert.equal((await call('POST', '/v1/hospital/receptions', { kioskId: 'k', receptionRef: 'rc-1', patientRef: 'p-1', department: '内科' }, idem('rc-1'))).status, 201);
  assert.equal((await call('POST', '/v1/hospital/bills', { receptionRef: 'rc-1', billRef: 'b-1', totalPointsYen: 10000, copayYen: 3000 }, { ...idem('b-1'), ...kioskHeaders('k') })).status, 201);
  const pay = { kioskId: 'k', paymentRef: 'pay-1', billRef: 'b-1', amountYen: 3000, method: 'card' };
  assert.equal((await call('POST', '/v1/hospital/payments', pay, idem('pay-1'))).json.state, 'paid');
  assert.equal((await call('POST', '/v1/hospital/payments', pay, idem('pay-1'))).json.paidYen, 3000);
  const over = await call('POST', '/v1/hospital/payments', { ...pay, paymentRef: 'pay-2', amountYen: 1 }, idem('pay-2'));
  assert.deepEqual([over.status, over.json.details.reason], [403, 'overpayment']);
  assert.equal((await call('GET', '/v1/hospital/bills/b-1', undefined, kioskHeaders('k'))).json.paidYen, 3000);
});

test('fleet: register, heartbeat; the kiosk configuration is the printer policy plus the certificate configuration', async () => {
  assert.equal((await call('PUT', '/v1/fleet/kiosks/k-7', { kioskId: 'k-7', site: '清瀬市役所', kind: 'municipal', softwareVersion: '0.1.0' })).status, 200);
  const hb = await call('POST', '/v1/fleet/kiosks/k-7/heartbeat', { lagSeconds: 3, outboxReady: 1, deadLetters: 0, clockSkewSeconds: -2 });
  assert.equal(hb.json.received, true);
  assert.notEqual((await call('GET', '/v1/fleet/kiosks/k-7')).json.lastHeartbeatAt, null);
  const cfg = await call('GET', '/v1/fleet/kiosks/k-7/config');
  assert.equal(cfg.status, 200);
  assert.deepEqual(Object.keys(cfg.json).sort(), ['certificates', 'printerPolicy'], 'no fee table of its own');
  assert.deepEqual(cfg.json.printerPolicy, { jobTimeoutSeconds: 120, pollSeconds: 3 });
  assert.deepEqual(cfg.json.certificates, (await call('GET', '/v1/certificates/config')).json);
  // The fee a kiosk pulls for 大阪市 is the fee the rules charge an 大阪市 resident.
  const pulled = cfg.json.certificates.municipalities.find((m: { code: string }) => m.code === '271276').fees.juminhyo;
  assert.equal(pulled, 300);
  const { res } = await login('nguyen-van-an');
  const catalog = await call('GET', '/v1/certificates/catalog', undefined, { authorization: `Bearer ${res.json.sessionToken}` });
  assert.equal(catalog.json.entries.find((e: { type: string }) => e.type === 'juminhyo').fee, pulled);
  // A kiosk reads only its own configuration; without a credential there is no answer at all.
  assert.equal((await fetch(`${bo.url}/v1/fleet/kiosks/k-7/config`)).status, 401);
  assert.equal((await fetch(`${bo.url}/v1/fleet/kiosks/nobody/config`, { headers: kioskHeaders('k-7') })).status, 403);
});

test('the kiosk configuration ETag follows the certificate configuration: a fee change is a new body and ETag, no change is a 304', async () => {
  const k7 = { headers: kioskHeaders('k-7') };
  const first = await fetch(`${bo.url}/v1/fleet/kiosks/k-7/config`, k7);
  const etag = first.headers.get('etag')!;
  assert.match(etag, /^"[^"]+"$/);
  const revalidate = () => fetch(`${bo.url}/v1/fleet/kiosks/k-7/config`, { headers: { ...k7.headers, 'if-none-match': etag } });
  const unchanged = await revalidate();
  assert.deepEqual([unchanged.status, unchanged.headers.get('etag')], [304, etag]);
  type Certs = { municipalities: { code: string; fees: Record<string, number> }[] };
  const osaka = (c: Certs) => c.municipalities.find((m) => m.code === '271276')!;
  const original = (await call('GET', '/v1/certificates/config')).json as Certs;
  const raised = structuredClone(original);
  osaka(raised).fees.juminhyo = 350;
  await bo.store.putConfig('certificates', JSON.stringify(raised));
  try {
    const changed = await revalidate();
    assert.equal(changed.status, 200);
    const newEtag = changed.headers.get('etag')!;
    assert.notEqual(newEtag, etag);
    assert.equal(osaka(((await changed.json()) as { certificates: Certs }).certificates).fees.juminhyo, 350);
    const { res } = await login('nguyen-van-an');
    const catalog = await call('GET', '/v1/certificates/catalog', undefined, { authorization: `Bearer ${res.json.sessionToken}` });
    assert.equal(catalog.json.entries.find((e: { type: string }) => e.type === 'juminhyo').fee, 350, 'the rules charge what the kiosk pulled');
    assert.equal((await fetch(`${bo.url}/v1/fleet/kiosks/k-7/config`, { headers: { ...k7.headers, 'if-none-match': newEtag } })).status, 304);
    // The kiosk's own document (the printer policy) moves the ETag too.
    await bo.store.putConfig('kiosk', JSON.stringify({ printerPolicy: { jobTimeoutSeconds: 90, pollSeconds: 3 } }));
    const policy = await fetch(`${bo.url}/v1/fleet/kiosks/k-7/config`, { headers: { ...k7.headers, 'if-none-match': newEtag } });
    assert.equal(policy.status, 200);
    assert.equal(((await policy.json()) as { printerPolicy: { jobTimeoutSeconds: number } }).printerPolicy.jobTimeoutSeconds, 90);
  } finally {
    await bo.store.putConfig('certificates', JSON.stringify(original));
    await bo.store.putConfig('kiosk', JSON.stringify({ printerPolicy: { jobTimeoutSeconds: 120, pollSeconds: 3 } }));
  }
});

test('a kiosk document stored by an earlier release (with its own fees) is reduced to its printer policy at start', async () => {
  const d = mkdtempSync(join(tmpdir(), 'bo-old-'));
  const first = await startBackOffice({ ...(await testStore(d)), dataDir: d });
  await first.store.putConfig('kiosk', JSON.stringify({
    fees: { juminhyo: 200, juminhyo_kisai: 200, inkan: 200, koseki: 350, fuhyo: 200, zei: 200 },
    municipality: { code: '131016', name: '見本市', printMyNumber: false, ageFloor: 15, offered: ['juminhyo', 'juminhyo_kisai', 'inkan', 'fuhyo', 'zei'] },
    printerPolicy: { jobTimeoutSeconds: 90, pollSeconds: 5 },
    serviceHours: { open: '06:30', close: '23:00', closedDates: ['12-29'] },
  }));
  await first.close();
  const later = await startBackOffice({ ...(await testStore(d)), dataDir: d, credentials: testCredentials({ 'k-1': 'store' }) });
  try {
    assert.deepEqual(JSON.parse((await later.store.getConfig('kiosk'))!.body), { printerPolicy: { jobTimeoutSeconds: 90, pollSeconds: 5 } });
    await fetch(`${later.url}/v1/fleet/kiosks/k-1`, { method: 'PUT', headers: { 'content-type': 'application/json', ...kioskHeaders('k-1') }, body: JSON.stringify({ kioskId: 'k-1', site: 's', kind: 'store', softwareVersion: '1' }) });
    const cfg = await (await fetch(`${later.url}/v1/fleet/kiosks/k-1/config`, { headers: kioskHeaders('k-1') })).json() as Record<string, unknown>;
    assert.deepEqual(Object.keys(cfg).sort(), ['certificates', 'printerPolicy']);
    assert.deepEqual(cfg.printerPolicy, { jobTimeoutSeconds: 90, pollSeconds: 5 });
  } finally {
    await later.close();
    rmSync(d, { recursive: true, force: true });
  }
});

test('outbox ingestion: applied once, duplicates recognised, a changed body conflicts and defers its stream', async () => {
  const ev = (key: string, stream: string | null, payload: unknown) => ({ key, kind: 'issuance.printed', stream, payload, createdAt: 1 });
  const first = await call('POST', '/v1/sync/events', { kioskId: 'k', events: [ev('e1', 's1', 1), ev('e2', 's1', 2)] });
  assert.deepEqual(first.json.results.map((r: { status: string }) => r.status), ['applied', 'applied']);
  const second = await call('POST', '/v1/sync/events', { kioskId: 'k', events: [ev('e1', 's1', 'changed'), ev('e3', 's1', 3), ev('e2', 's1', 2), ev('e4', null, 4)] });
  assert.deepEqual(second.json.results.map((r: { status: string }) => r.status), ['conflict', 'deferred', 'deferred', 'applied']);
  const bad = await call('POST', '/v1/sync/events', { kioskId: 'k', events: [] });
  assert.deepEqual([bad.status, bad.json.kind], [400, 'input.invalid']);
  const junk = await fetch(`${bo.url}/v1/sync/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...kioskHeaders('k') }, body: '{not json' });
  assert.equal(junk.status, 400);
});

test('a key repeated inside one batch is decided at its turn: the same body a duplicate, another body a conflict, and after a refusal the next one new', async () => {
  const ev = (key: string, payload: unknown, stream: string | null = null) => ({ key, kind: 'kiosk.note', stream, payload, createdAt: 1 });
  const tooLarge = ev('r1', { text: 'x'.repeat(20_000) });
  const answer = await call('POST', '/v1/sync/events', { kioskId: 'k', events: [ev('r-a', 1), ev('r-a', 1), ev('r-b', 1), ev('r-b', 2), tooLarge, ev('r1', 'small')] });
  assert.deepEqual(answer.json.results.map((r: { status: string }) => r.status), ['applied', 'duplicate', 'applied', 'conflict', 'rejected', 'applied']);
  const again = await call('POST', '/v1/sync/events', { kioskId: 'k', events: [ev('r-b', 1), ev('r1', 'small')] });
  assert.deepEqual(again.json.results.map((r: { status: string }) => r.status), ['duplicate', 'duplicate'], 'what was applied is what the first occurrence carried');
});

test('idempotency answers are kept for the configured retention, then purged', async () => {
  const d = mkdtempSync(join(tmpdir(), 'bo-ret-'));
  let now = Date.UTC(2026, 0, 1);
  const first = await startBackOffice({ ...(await testStore(d)), dataDir: d, clock: () => now, idempotencyRetentionDays: 30, credentials: testCredentials({ k: 'hospital' }) });
  await fetch(`${first.url}/v1/hospital/receptions`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'old', ...kioskHeaders('k') }, body: JSON.stringify({ kioskId: 'k', receptionRef: 'r', patientRef: 'p', department: 'x' }) });
  await first.close();
  now += 29 * 86_400_000;
  const stillThere = await startBackOffice({ ...(await testStore(d)), dataDir: d, clock: () => now, idempotencyRetentionDays: 30 });
  assert.ok(await stillThere.store.getResponse('createReception', 'old'));
  await stillThere.close();
  now += 2 * 86_400_000;
  const later = await startBackOffice({ ...(await testStore(d)), dataDir: d, clock: () => now, idempotencyRetentionDays: 30 });
  assert.equal(await later.store.getResponse('createReception', 'old'), undefined);
  await later.close();
  rmSync(d, { recursive: true, force: true });
});
