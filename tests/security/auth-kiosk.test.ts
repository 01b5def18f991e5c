// Kiosk identity: a kiosk acts only for itself. It cannot overwrite another kiosk's fleet record or
// send its heartbeats, cannot take receptions, bills or payments in another kiosk's name or read its
// bills, and its outbox events never move another kiosk's issuance; with no registered credential
// nothing is answered. Each refusal: its status, and every row of every database file unchanged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { bearer, call, CLINIC, issuanceBody, LIBRARY, OTHER_CLINIC, signIn, startAuthRig, TOWN_HALL, type AuthRig } from './auth-rig';
import { snapshot } from './input-rig';

let rig: AuthRig;
before(async () => { rig = await startAuthRig(); });
after(async () => { await rig.close(); });

const registration = (kioskId: string, site: string, kind = 'municipal') => ({ kioskId, site, kind, softwareVersion: '1.0.0' });
const heartbeat = { lagSeconds: 0, outboxReady: 0, deadLetters: 0, clockSkewSeconds: 0 };

test('fleet: a kiosk registers, reports and reads only itself, and cannot change its kind', async () => {
  assert.equal((await call(rig.bo, TOWN_HALL, 'PUT', `/v1/fleet/kiosks/${TOWN_HALL}`, registration(TOWN_HALL, '清瀬市役所 1階'))).status, 200);
  assert.equal((await call(rig.bo, LIBRARY, 'PUT', `/v1/fleet/kiosks/${LIBRARY}`, registration(LIBRARY, '中央図書館'))).status, 200);
  const before = snapshot(rig.dir);
  const town = `/v1/fleet/kiosks/${TOWN_HALL}`;
  const cases = [
    ['PUT another kiosk', await call(rig.bo, LIBRARY, 'PUT', town, registration(TOWN_HALL, 'somewhere else')), 403, 'kiosk_mismatch'],
    ['PUT with no credential', await call(rig.bo, null, 'PUT', town, registration(TOWN_HALL, 'somewhere else')), 401, undefined],
    ['PUT itself as a hospital kiosk', await call(rig.bo, TOWN_HALL, 'PUT', town, registration(TOWN_HALL, '清瀬市役所 1階', 'hospital')), 403, 'kiosk_kind'],
    ['heartbeat for another kiosk', await call(rig.bo, LIBRARY, 'POST', `${town}/heartbeat`, heartbeat), 403, 'kiosk_mismatch'],
    ['heartbeat with no credential', await call(rig.bo, null, 'POST', `${town}/heartbeat`, heartbeat), 401, undefined],
    ['read another kiosk', await call(rig.bo, LIBRARY, 'GET', town), 403, 'kiosk_mismatch'],
    ['another kiosk\'s configuration', await call(rig.bo, LIBRARY, 'GET', `${town}/config`), 403, 'kiosk_mismatch'],
  ] as const;
  for (const [what, answer, status, reason] of cases) {
    assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.json)}`);
    if (reason) assert.equal(answer.json.details?.reason, reason, what);
  }
  assert.deepEqual(snapshot(rig.dir), before);
  const own = await call(rig.bo, TOWN_HALL, 'GET', town);
  assert.deepEqual([own.json.site, own.json.lastHeartbeatAt], ['清瀬市役所 1階', null]);
});

test('hospital: receptions, bills and payments belong to the kiosk that took the reception; bills are answered to it alone', async () => {
  const idem = () => ({ 'idempotency-key': randomUUID() });
  const rc = `rc-${randomUUID()}`;
  const bill = `bill-${randomUUID()}`;
  assert.equal((await call(rig.bo, CLINIC, 'POST', '/v1/hospital/receptions', { kioskId: CLINIC, receptionRef: rc, patientRef: 'p-1', department: '内科' }, idem())).status, 201);
  assert.equal((await call(rig.bo, CLINIC, 'POST', '/v1/hospital/bills', { receptionRef: rc, billRef: bill, totalPointsYen: 10_000, copayYen: 3000 }, idem())).status, 201);
  const before = snapshot(rig.dir);
  const pay = (kioskId: string) => ({ kioskId, paymentRef: `pay-${randomUUID()}`, billRef: bill, amountYen: 3000, method: 'cash' });
  const cases = [
    ['reception in another kiosk\'s name', await call(rig.bo, OTHER_CLINIC, 'POST', '/v1/hospital/receptions', { kioskId: CLINIC, receptionRef: `rc-${randomUUID()}`, patientRef: 'p-2', department: '外科' }, idem()), 403],
    ['a bill on another kiosk\'s reception', await call(rig.bo, OTHER_CLINIC, 'POST', '/v1/hospital/bills', { receptionRef: rc, billRef: `bill-${randomUUID()}`, totalPointsYen: 1, copayYen: 1 }, idem()), 404],
    ['a payment in another kiosk\'s name', await call(rig.bo, OTHER_CLINIC, 'POST', '/v1/hospital/payments', pay(CLINIC), idem()), 403],
    ['a payment on another kiosk\'s bill', await call(rig.bo, OTHER_CLINIC, 'POST', '/v1/hospital/payments', pay(OTHER_CLINIC), idem()), 404],
    ['another kiosk reads the bill', await call(rig.bo, OTHER_CLINIC, 'GET', `/v1/hospital/bills/${bill}`), 404],
    ['anyone reads the bill', await call(rig.bo, null, 'GET', `/v1/hospital/bills/${bill}`), 401],
    ['a municipal kiosk reads the bill', await call(rig.bo, TOWN_HALL, 'GET', `/v1/hospital/bills/${bill}`), 403],
    ['a municipal kiosk takes a reception', await call(rig.bo, TOWN_HALL, 'POST', '/v1/hospital/receptions', { kioskId: TOWN_HALL, receptionRef: `rc-${randomUUID()}`, patientRef: 'p-3', department: '内科' }, idem()), 403],
  ] as const;
  for (const [what, answer, status] of cases) {
    assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.json)}`);
    assert.equal(answer.json.paidYen, undefined, what);
  }
  assert.deepEqual(snapshot(rig.dir), before);
  const own = await call(rig.bo, CLINIC, 'GET', `/v1/hospital/bills/${bill}`);
  assert.deepEqual([own.status, own.json.paidYen, own.json.state], [200, 0, 'open']);
});

test('sync: an unknown kiosk is refused, and one kiosk\'s events never pay, refund or void another kiosk\'s issuance', async () => {
  const token = await signIn(rig.bo, TOWN_HALL, 'yamada-taro');
  const body = issuanceBody(TOWN_HALL);
  const issued = await call(rig.bo, TOWN_HALL, 'POST', '/v1/certificates/issuances', body, { ...bearer(token), 'idempotency-key': body.requestId });
  assert.equal(issued.status, 201);
  const { requestId } = body;
  const stream = `certificate:${requestId}`;
  const hostile = [
    { key: `x:${randomUUID()}`, kind: 'certificate.paid', stream, payload: { requestId, paid: 300 }, createdAt: 1 },
    { key: `x:${randomUUID()}`, kind: 'certificate.refunded', stream: null, payload: { requestId, refunded: 1_000_000 }, createdAt: 2 },
    { key: `x:${randomUUID()}`, kind: 'certificate.voided', stream: null, payload: { requestId }, createdAt: 3 },
  ];
  const before = snapshot(rig.dir);
  const unknown = await call(rig.bo, null, 'POST', '/v1/sync/events', { kioskId: 'kiosk-unknown', events: hostile }, { 'kiosk-key': `kiosk-unknown:${'z'.repeat(43)}` });
  assert.deepEqual([unknown.status, unknown.json.kind], [401, 'backoffice.unauthenticated']);
  const inItsName = await call(rig.bo, LIBRARY, 'POST', '/v1/sync/events', { kioskId: TOWN_HALL, events: hostile });
  assert.deepEqual([inItsName.status, inItsName.json.details?.reason], [403, 'kiosk_mismatch']);
  const foreign = await call(rig.bo, LIBRARY, 'POST', '/v1/sync/events', { kioskId: LIBRARY, events: hostile });
  assert.equal(foreign.status, 200);
  assert.deepEqual((foreign.json.results as { status: string; reason?: string }[]).map((r) => [r.status, r.reason]),
    [['rejected', 'not_owner'], ['rejected', 'not_owner'], ['rejected', 'not_owner']]);
  assert.deepEqual(snapshot(rig.dir), before, 'the issuance (authorized, paid 0, refunded 0) and the event log are as they were');
});
