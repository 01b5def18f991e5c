// A sync batch is answered event by event (issue 9): one bad event (paid: 0.5, paid: -300, a refund
// beyond what was paid, a voided issuance revived) is rejected for good with its reason and changes
// nothing, while the valid events beside it are applied; the same keys from another kiosk are that
// kiosk's own events; and the kiosk's sync engine dead-letters the rejected one and acknowledges the rest.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../backoffice/storage/sqlite-store';
import { openKioskDb } from '../../db/kiosk-db';
import { createQueue } from '../../db/queue';
import { createBackOfficeClient } from '../../electron/services/sync/http-client';
import { createSyncEngine } from '../../electron/services/sync/sync-engine';
import { kioskKeyOf } from '../helpers/backoffice-access';
import { asKiosk, authorizedIssuance, event, issuanceRow, KIOSK_A, KIOSK_B, raw, snapshot, startRig, type Rig } from './input-rig';

let rig: Rig;
before(async () => { rig = await startRig(); });
after(async () => { await rig.close(); });

const push = async (kioskId: string, events: unknown[]) => {
  const res = await raw(rig.port, 'POST', '/v1/sync/events', asKiosk(kioskId), JSON.stringify({ kioskId, events }));
  assert.equal(res.status, 200, res.text);
  return res.json.results as { key: string; status: string; reason?: string; field?: string }[];
};
const eventKeys = () => (snapshot(rig.dir)['backoffice.db:kiosk_events'] ?? []).map((r) => JSON.parse(r as string) as { key: string; kiosk_id: string });

test('paid: 0.5 beside valid events: the bad event is rejected with its reason, the others are applied', async () => {
  await authorizedIssuance(rig.dir, KIOSK_A, 'req-half');
  const results = await push(KIOSK_A, [
    event('half:reception', 'reception.created', { receptionRef: 'r-half', patientRef: 'p', department: 'naika' }),
    event('half:paid', 'certificate.paid', { requestId: 'req-half', paid: 0.5, method: 'cash' }, 'certificate:req-half'),
    event('half:payment', 'payment.captured', { paymentRef: 'pay-half', purpose: 'hospital_bill', subjectRef: 'b-half', amountYen: 300, method: 'cash' }),
    { key: 'half:no-kind', stream: null, payload: {}, createdAt: 1 },
  ]);
  assert.deepEqual(results.map((r) => r.status), ['applied', 'rejected', 'applied', 'rejected']);
  assert.equal(results[1]!.field, 'payload.paid');
  assert.match(results[1]!.reason ?? '', /^invalid_payload/);
  assert.deepEqual([results[3]!.field, results[3]!.reason?.split(':')[0]], ['kind', 'invalid_event']);
  const row = (await issuanceRow(rig.dir, 'req-half'))!;
  assert.deepEqual([row.state, row.paid], ['authorized', 0], 'the issuance is untouched');
  const keys = eventKeys().map((e) => e.key);
  assert.ok(keys.includes('half:reception') && keys.includes('half:payment') && !keys.includes('half:paid'));
  // Rejected for good: the same bytes again are rejected again, never applied later.
  assert.equal((await push(KIOSK_A, [event('half:paid', 'certificate.paid', { requestId: 'req-half', paid: 0.5, method: 'cash' }, 'certificate:req-half')]))[0]!.status, 'rejected');
});

test('money and states follow the stored record: no negative paid, no refund beyond paid, no revived void', async () => {
  await authorizedIssuance(rig.dir, KIOSK_A, 'req-money');
  await authorizedIssuance(rig.dir, KIOSK_A, 'req-void');
  const stream = 'certificate:req-money';
  const before = snapshot(rig.dir);
  const refused = await push(KIOSK_A, [
    event('m:neg', 'certificate.paid', { requestId: 'req-money', paid: -300 }, stream),
    event('m:str', 'certificate.paid', { requestId: 'req-money', paid: '300' }, stream),
    event('m:printed-early', 'certificate.printed', { requestId: 'req-money' }, stream),
    event('m:refund-unpaid', 'certificate.refunded', { requestId: 'req-money', refunded: 1_000_000 }, stream),
    event('m:unknown', 'certificate.paid', { requestId: 'req-never-authorized', paid: 300 }),
  ]);
  assert.deepEqual(refused.map((r) => r.status), ['rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
  assert.deepEqual(refused.map((r) => r.reason?.split(':')[0]), ['invalid_payload', 'invalid_payload', 'illegal_transition', 'illegal_transition', 'unknown_issuance']);
  assert.deepEqual(snapshot(rig.dir), before, 'nothing recorded');

  assert.deepEqual((await push(KIOSK_A, [event('m:paid', 'certificate.paid', { requestId: 'req-money', paid: 300 }, stream), event('m:failed', 'certificate.failed', { requestId: 'req-money' }, stream)])).map((r) => r.status), ['applied', 'applied']);
  const overRefund = await push(KIOSK_A, [event('m:refund-over', 'certificate.refunded', { requestId: 'req-money', refunded: 1_000_000 }, stream)]);
  assert.deepEqual([overRefund[0]!.status, overRefund[0]!.reason], ['rejected', 'refund_exceeds_paid']);
  assert.equal((await push(KIOSK_A, [event('m:refund', 'certificate.refunded', { requestId: 'req-money', refunded: 300 }, stream)]))[0]!.status, 'applied');
  assert.deepEqual((({ state, paid, refunded }) => ({ state, paid, refunded }))((await issuanceRow(rig.dir, 'req-money'))!), { state: 'refunded', paid: 300, refunded: 300 });

  assert.equal((await push(KIOSK_A, [event('v:void', 'certificate.voided', { requestId: 'req-void' })]))[0]!.status, 'applied');
  const revive = await push(KIOSK_A, [event('v:paid', 'certificate.paid', { requestId: 'req-void', paid: 300 }), event('v:printed', 'certificate.printed', { requestId: 'req-void' })]);
  assert.deepEqual(revive.map((r) => r.status), ['rejected', 'rejected']);
  assert.deepEqual([(await issuanceRow(rig.dir, 'req-void'))!.state, (await issuanceRow(rig.dir, 'req-void'))!.paid], ['voided', 0]);
});

test('the same event keys from another kiosk are its own events, not duplicates of this kiosk\'s', async () => {
  const shared = [event('shared:1', 'reception.created', { receptionRef: 'r-a1', patientRef: 'p', department: 'naika' }), event('shared:2', 'x.note', { n: 1 })];
  assert.deepEqual((await push(KIOSK_A, shared)).map((r) => r.status), ['applied', 'applied']);
  const aRows = eventKeys().filter((e) => e.kiosk_id === KIOSK_A && e.key.startsWith('shared:'));
  const fromB = [event('shared:1', 'reception.created', { receptionRef: 'r-b1', patientRef: 'q', department: 'geka' }), event('shared:2', 'x.note', { n: 1 })];
  assert.deepEqual((await push(KIOSK_B, fromB)).map((r) => r.status), ['applied', 'applied'], 'B\'s events are applied, not answered duplicate or conflict');
  assert.deepEqual((await push(KIOSK_B, fromB)).map((r) => r.status), ['duplicate', 'duplicate'], 'B\'s own replay is a duplicate');
  assert.deepEqual(eventKeys().filter((e) => e.kiosk_id === KIOSK_A && e.key.startsWith('shared:')), aRows, 'A\'s records are unchanged');
  assert.equal(eventKeys().filter((e) => e.kiosk_id === KIOSK_B && e.key.startsWith('shared:')).length, 2);
});

test('the kiosk sync engine dead-letters a rejected event with its reason and acknowledges the rest', async (t) => {
  await authorizedIssuance(rig.dir, KIOSK_A, 'req-engine');
  const dir = mkdtempSync(join(tmpdir(), 'sync-rejected-'));
  const db = openKioskDb({ path: join(dir, 'kiosk.db') });
  const queue = createQueue(db, { defaultMaxAttempts: 50, backoff: { baseMs: 1, maxMs: 5 } });
  const client = createBackOfficeClient({ baseUrl: rig.bo.url, kioskKey: kioskKeyOf(KIOSK_A) });
  t.after(() => { client.close(); db.close(); rmSync(dir, { recursive: true, force: true }); });
  const engine = createSyncEngine({ queue, client, kioskId: KIOSK_A, backoff: { baseMs: 1, maxMs: 5 } });
  queue.enqueue({ key: 'engine:reception', kind: 'reception.created', payload: { receptionRef: 'r-engine', patientRef: 'p', department: 'naika' } });
  queue.enqueue({ key: 'engine:paid', kind: 'certificate.paid', stream: 'certificate:req-engine', payload: { requestId: 'req-engine', paid: 0.5 } });
  queue.enqueue({ key: 'engine:note', kind: 'x.note', payload: { n: 2 } });
  const r = await engine.drain();
  assert.deepEqual([r.acked, r.dead, r.retried], [2, 1, 0]);
  assert.equal(queue.deadLetters()[0]?.key, 'engine:paid');
  assert.match(queue.deadLetters()[0]?.lastError ?? '', /^sync\.rejected: invalid_payload.*payload\.paid/);
  assert.equal((await engine.drain()).claimed, 0, 'nothing is retried');
  assert.equal(engine.health().deadLetters, 1);
  assert.equal(engine.health().lastError, null, 'the back office answered; only the event was bad');
});

test('a kiosk whose credential is refused keeps its events: retried with back-off, never dead-lettered', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sync-refused-'));
  const db = openKioskDb({ path: join(dir, 'kiosk.db') });
  const queue = createQueue(db, { defaultMaxAttempts: 50, backoff: { baseMs: 1, maxMs: 5 } });
  const client = createBackOfficeClient({ baseUrl: rig.bo.url, kioskKey: `${KIOSK_A}:not-the-registered-key-0123456789abcdef` });
  t.after(() => { client.close(); db.close(); rmSync(dir, { recursive: true, force: true }); });
  const engine = createSyncEngine({ queue, client, kioskId: KIOSK_A, backoff: { baseMs: 1, maxMs: 5 } });
  queue.enqueue({ key: 'refused:1', kind: 'x.note', payload: { n: 1 } });
  queue.enqueue({ key: 'refused:2', kind: 'x.note', payload: { n: 2 } });
  const before = snapshot(rig.dir);
  const r = await engine.pushOnce();
  assert.deepEqual([r.acked, r.retried, r.dead], [0, 2, 0]);
  assert.equal(queue.stats().dead, 0);
  assert.match(engine.health().lastError ?? '', /^sync\.rejected: HTTP 401/);
  assert.deepEqual(snapshot(rig.dir), before);
});

test('a first-release database (events keyed by key alone) is rebuilt per kiosk, every row kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bo-events-v1-'));
  try {
    openSqliteStore(dir).close();
    const db = new Database(join(dir, 'backoffice.db'));
    db.exec(`DROP TABLE kiosk_events; CREATE TABLE kiosk_events (
      key TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, kind TEXT NOT NULL, stream TEXT,
      payload TEXT NOT NULL, payload_hash TEXT NOT NULL, kiosk_created_at INTEGER NOT NULL, received_at INTEGER NOT NULL) STRICT;
      INSERT INTO kiosk_events VALUES ('k1', 'kiosk-a', 'x', NULL, '1', 'h', 1, 2), ('k2', 'kiosk-a', 'x', 's', '2', 'h2', 3, 4);`);
    db.close();
    const store = openSqliteStore(dir);
    assert.deepEqual(store.eventKeys().sort(), ['k1', 'k2']);
    assert.equal(store.applyEvent('kiosk-b', { key: 'k1', kind: 'x', stream: null, payloadJson: '1', createdAt: 1 }, 5).status, 'applied');
    assert.equal(store.applyEvent('kiosk-a', { key: 'k2', kind: 'x', stream: 's', payloadJson: '"other"', createdAt: 1 }, 5).status, 'conflict');
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
