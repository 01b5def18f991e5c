// test-lane: free
// The back office's card-linked payment accounts over HTTP: only a registered kiosk, and only one
// registered to a hospital, may call; a link belongs to (the kiosk's hospital, the patient ID) and
// another hospital's kiosk never sees it; a charge is idempotent by its reference (the same reference
// and amount never charge twice, another amount is a 409); refunds are idempotent by refundRef and never
// exceed the charge; the simulated acquirer declines its test card ending 0002.
//
// Certificate renewal: the link is keyed by the hospital's patient ID (the eligibility result's
// 照会番号, which the service keeps per insured person), and no route takes anything of the card or its
// certificate — so a renewed card, whose certificate is new but whose holder is the same insured
// person, reaches the same link. The renewed card end to end is billing-renewed-card.test.ts; this
// test shows the key's definition: linked at one kiosk, charged from another kiosk of the same
// hospital with the patient ID alone (and written as "12" or "00012", ORCA's layout).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import { createSimulatedCardTerminal } from '../../simulators/payment';
import { kioskHeaders, testKey } from '../helpers/backoffice-access';
import { testStore } from '../helpers/backoffice-store';

const HOSPITAL = '1311111111';
const OTHER_HOSPITAL = '1322222222';
const [FRONT, BACK, ELSEWHERE, TOWN_HALL] = ['pay-front', 'pay-back', 'other-clinic', 'town-hall'];

let bo: RunningBackOffice;
let dir: string;

const kiosk = (kioskId: string, medicalInstitutionCode?: string) =>
  ({ kioskId, kind: 'hospital' as const, key: testKey(`kiosk/${kioskId}`), ...(medicalInstitutionCode ? { medicalInstitutionCode } : {}) });

type Answer = { status: number; json: Record<string, unknown> & { kind?: string; details?: Record<string, unknown> }; text: string };

async function call(kioskId: string | null, method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${bo.url}${path.startsWith('/') ? path : `/v1/hospital/payment-links/${path}`}`, {
    method, headers: { ...(kioskId ? kioskHeaders(kioskId) : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text) as Answer['json'], text };
}

/** A token as the card terminal gives it when the customer links their card. */
async function tokenFor(card: { brand: string; last4: string }) {
  const terminal = createSimulatedCardTerminal({ card });
  const linking = terminal.tokenize();
  terminal.respond('approve');
  const t = await linking;
  assert.ok('token' in t);
  return { token: t.token, account: { brand: t.brand, last4: t.last4 } };
}

const charge = (reference: string, amount: number, invoiceNumber = '0000123') => ({ reference, amount, invoiceNumber });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bo-paylinks-'));
  bo = await startBackOffice({
    ...(await testStore(dir)), dataDir: dir,
    credentials: { kiosks: [kiosk(FRONT, HOSPITAL), kiosk(BACK, HOSPITAL), kiosk(ELSEWHERE, OTHER_HOSPITAL), { ...kiosk(TOWN_HALL), kind: 'municipal' }] },
  });
});

after(async () => {
  await bo.close();
  rmSync(dir, { recursive: true, force: true });
});

test('who may call: no kiosk credential is a 401 on every route; a kiosk not registered to a hospital is refused', async () => {
  const linked = await tokenFor({ brand: 'VISA', last4: '4242' });
  for (const [method, path, body] of [
    ['GET', '101', undefined], ['PUT', '101', linked], ['DELETE', '101', undefined],
    ['POST', '101/charges', charge('r-auth', 100)], ['POST', '101/charges/r-auth/refunds', { refundRef: 'x', amount: 1 }],
  ] as const) {
    const none = await call(null, method, path, body);
    assert.equal(none.status, 401, `${method} ${path}: ${none.text}`);
    assert.equal(none.json.kind, 'backoffice.unauthenticated');
    const townHall = await call(TOWN_HALL, method, path, body);
    assert.equal(townHall.status, 403, `${method} ${path}: ${townHall.text}`);
    assert.equal(townHall.json.details?.reason, 'not_hospital_kiosk');
  }
  assert.equal((await call(FRONT, 'GET', 'abc')).status, 400, 'a patient ID is digits');
});

test('link, read back (brand and last 4, never the token), unlink; an unknown token is refused as bad input', async () => {
  const linked = await tokenFor({ brand: 'JCB', last4: '1234' });
  assert.deepEqual((await call(FRONT, 'GET', '201')).json, { linked: false });
  const bad = await call(FRONT, 'PUT', '201', { token: 'simtok-JCB-9999-0123456789abcdef', account: linked.account });
  assert.equal(bad.status, 400);
  assert.deepEqual([bad.json.kind, bad.json.details?.field], ['input.invalid', 'token']);

  const put = await call(FRONT, 'PUT', '201', linked);
  assert.equal(put.status, 200, put.text);
  assert.deepEqual(put.json, { linked: true, account: { brand: 'JCB', last4: '1234' } });
  const got = await call(BACK, 'GET', '201');
  assert.deepEqual(got.json, { linked: true, account: { brand: 'JCB', last4: '1234' } });
  assert.ok(!got.text.includes(linked.token), 'the token stays at the back office');

  assert.deepEqual((await call(FRONT, 'DELETE', '201')).json, { linked: false });
  assert.deepEqual((await call(FRONT, 'DELETE', '201')).json, { linked: false }, 'unlinking twice answers the same');
  assert.deepEqual((await call(FRONT, 'GET', '201')).json, { linked: false });
  const after = await call(FRONT, 'POST', '201/charges', charge('r-unlinked', 500));
  assert.equal(after.status, 404);
  assert.deepEqual([after.json.kind, after.json.details?.reason], ['backoffice.not_found', 'not_linked']);
});

test('the same charge sent ten times at once (retries crossing): one answer for all, one charge at the acquirer', async () => {
  await call(FRONT, 'PUT', '402', await tokenFor({ brand: 'VISA', last4: '4242' }));
  const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => call(i % 2 ? FRONT : BACK, 'POST', '402/charges', charge('chk-2-1', 4100))));
  for (const a of answers) {
    assert.equal(a.status, 200, a.text);
    assert.deepEqual(a.json, answers[0]!.json);
  }
  const refunds = await Promise.all(Array.from({ length: 6 }, () => call(FRONT, 'POST', '402/charges/chk-2-1/refunds', { refundRef: 'rf-2-a', amount: 4100 })));
  assert.deepEqual(refunds.map((r) => r.status), Array(6).fill(200), refunds.map((r) => r.text).join('\n'));
  assert.ok(refunds.every((r) => r.json.refunded === 4100), 'one refund of ¥4,100, however many times it was asked');
});

test('another hospital\'s kiosk finds no link and cannot charge or refund it', async () => {
  await call(FRONT, 'PUT', '301', await tokenFor({ brand: 'VISA', last4: '4242' }));
  const first = await call(FRONT, 'POST', '301/charges', charge('r-301', 1500));
  assert.equal(first.json.status, 'approved');
  assert.deepEqual((await call(ELSEWHERE, 'GET', '301')).json, { linked: false });
  assert.equal((await call(ELSEWHERE, 'POST', '301/charges', charge('r-301-x', 1500))).status, 404);
  const refund = await call(ELSEWHERE, 'POST', '301/charges/r-301/refunds', { refundRef: 'rf-x', amount: 100 });
  assert.equal(refund.status, 404, refund.text);
  // Its own link for the same patient number is another patient (another hospital's ORCA).
  await call(ELSEWHERE, 'PUT', '301', await tokenFor({ brand: 'AMEX', last4: '1005' }));
  assert.deepEqual((await call(FRONT, 'GET', '301')).json.account, { brand: 'VISA', last4: '4242' });
});

test('a charge is idempotent by reference: the same reference and amount answer the first approval; another amount is a 409', async () => {
  await call(FRONT, 'PUT', '401', await tokenFor({ brand: 'VISA', last4: '4242' }));
  const first = await call(FRONT, 'POST', '401/charges', charge('chk-1-1', 2340));
  assert.equal(first.status, 200, first.text);
  assert.equal(first.json.status, 'approved');
  assert.equal(first.json.amount, 2340);
  assert.match(String(first.json.approvalCode), /^[0-9A-F]{6}$/);
  // The kiosk's retry after a lost answer (or a restart): the same answer, from another kiosk too.
  const again = await call(BACK, 'POST', '401/charges', charge('chk-1-1', 2340));
  assert.deepEqual(again.json, first.json);
  const other = await call(FRONT, 'POST', '401/charges', charge('chk-1-1', 2000));
  assert.equal(other.status, 409);
  assert.deepEqual([other.json.kind, other.json.details?.field], ['backoffice.duplicate_reference', 'reference']);
  const otherBill = await call(FRONT, 'POST', '401/charges', charge('chk-1-1', 2340, '0000999'));
  assert.equal(otherBill.status, 409, 'the same reference for another bill is not the same charge');
  // A new attempt is a new reference, and a new charge.
  const second = await call(FRONT, 'POST', '401/charges', charge('chk-1-2', 2000));
  assert.equal(second.json.status, 'approved');
  assert.notEqual(second.json.approvalCode, first.json.approvalCode);
});

test('the acquirer\'s declining test card: declined with its reason, and a retry of that reference is declined again, not charged', async () => {
  await call(FRONT, 'PUT', '501', await tokenFor({ brand: 'VISA', last4: '0002' }));
  const declined = await call(FRONT, 'POST', '501/charges', charge('chk-5-1', 800));
  assert.equal(declined.status, 200, declined.text);
  assert.deepEqual(declined.json, { reference: 'chk-5-1', status: 'declined', amount: 800, refunded: 0, reason: 'insufficient_funds' });
  assert.deepEqual((await call(FRONT, 'POST', '501/charges', charge('chk-5-1', 800))).json, declined.json);
  const refund = await call(FRONT, 'POST', '501/charges/chk-5-1/refunds', { refundRef: 'rf-5', amount: 800 });
  assert.equal(refund.status, 403);
  assert.equal(refund.json.details?.reason, 'not_charged');
});

test('refunds: idempotent by refundRef, never more than the charge less earlier refunds', async () => {
  await call(FRONT, 'PUT', '601', await tokenFor({ brand: 'MASTERCARD', last4: '4444' }));
  await call(FRONT, 'POST', '601/charges', charge('chk-6-1', 3000));
  const part = await call(FRONT, 'POST', '601/charges/chk-6-1/refunds', { refundRef: 'rf-6-a', amount: 1000 });
  assert.equal(part.status, 200, part.text);
  assert.equal(part.json.refunded, 1000);
  const replay = await call(BACK, 'POST', '601/charges/chk-6-1/refunds', { refundRef: 'rf-6-a', amount: 1000 });
  assert.equal(replay.json.refunded, 1000, 'the same refund asked again gives nothing more back');
  const reused = await call(FRONT, 'POST', '601/charges/chk-6-1/refunds', { refundRef: 'rf-6-a', amount: 500 });
  assert.equal(reused.status, 409);
  const over = await call(FRONT, 'POST', '601/charges/chk-6-1/refunds', { refundRef: 'rf-6-b', amount: 2001 });
  assert.equal(over.status, 403);
  assert.deepEqual([over.json.kind, over.json.details?.reason], ['backoffice.refused', 'exceeds_charge']);
  const rest = await call(FRONT, 'POST', '601/charges/chk-6-1/refunds', { refundRef: 'rf-6-b', amount: 2000 });
  assert.equal(rest.json.refunded, 3000);
  assert.equal((await call(FRONT, 'POST', '601/charges/chk-6-1/refunds', { refundRef: 'rf-6-c', amount: 1 })).status, 403);
  assert.equal((await call(FRONT, 'POST', '601/charges/nope/refunds', { refundRef: 'rf-6-d', amount: 1 })).status, 404);
  assert.equal((await call(FRONT, 'POST', '602/charges/chk-6-1/refunds', { refundRef: 'rf-6-e', amount: 1 })).status, 404, 'a charge is refunded under its own patient only');
});

test('the link follows the patient ID, not the card: linked at one kiosk, found and charged at another with the ID alone, in either of ORCA\'s spellings', async () => {
  await call(FRONT, 'PUT', '12', await tokenFor({ brand: 'VISA', last4: '4242' }));
  assert.deepEqual((await call(BACK, 'GET', '00012')).json, { linked: true, account: { brand: 'VISA', last4: '4242' } });
  const charged = await call(BACK, 'POST', '00012/charges', charge('chk-12-1', 700));
  assert.equal(charged.json.status, 'approved');
});

test('a charge looked up by its reference alone (a restarted kiosk): with its patient ID, at its hospital only', async () => {
  await call(FRONT, 'PUT', '801', await tokenFor({ brand: 'VISA', last4: '4242' }));
  const made = await call(FRONT, 'POST', '801/charges', charge('chk-8-1', 990));
  const found = await call(BACK, 'GET', '/v1/hospital/payment-charges/chk-8-1');
  assert.equal(found.status, 200, found.text);
  assert.deepEqual(found.json, { ...made.json, patientRef: '00801' });
  assert.equal((await call(ELSEWHERE, 'GET', '/v1/hospital/payment-charges/chk-8-1')).status, 404);
  assert.equal((await call(FRONT, 'GET', '/v1/hospital/payment-charges/never-made')).status, 404);
  assert.equal((await call(null, 'GET', '/v1/hospital/payment-charges/chk-8-1')).status, 401);
  assert.equal((await call(TOWN_HALL, 'GET', '/v1/hospital/payment-charges/chk-8-1')).status, 403);
});

test('links and charges survive a back office restart (synchronous=FULL file)', async () => {
  await call(FRONT, 'PUT', '701', await tokenFor({ brand: 'VISA', last4: '4242' }));
  const first = await call(FRONT, 'POST', '701/charges', charge('chk-7-1', 1200));
  await bo.close();
  bo = await startBackOffice({ ...(await testStore(dir)), dataDir: dir, credentials: { kiosks: [kiosk(FRONT, HOSPITAL), kiosk(BACK, HOSPITAL), kiosk(ELSEWHERE, OTHER_HOSPITAL), { ...kiosk(TOWN_HALL), kind: 'municipal' }] } });
  assert.deepEqual((await call(FRONT, 'GET', '701')).json.linked, true);
  assert.deepEqual((await call(FRONT, 'POST', '701/charges', charge('chk-7-1', 1200))).json, first.json);
});
