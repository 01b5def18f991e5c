// Migration 0040 and the persisted state machine: only the drawn edges are allowed, each change
// writes the audit event AND the back-office outbox event in the same durable transaction, and a
// synced request keeps ids, states and amounts but loses its document and personal data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { isKioskError } from '../../common/errors';
import { openKioskDb } from '../../db/kiosk-db';
import { runMigrations, currentVersion } from '../../db/migrate';
import { KIOSK_MIGRATIONS } from '../../db/migrations';
import { createQueue } from '../../db/queue';
import { createRequestStore, TRANSITIONS } from '../../electron/services/issuance/state-machine';

test('0040 issuance requests: states, copies 1–10 and refunded ≤ paid are enforced by the schema', () => {
  const db = new Database(':memory:');
  runMigrations(db, KIOSK_MIGRATIONS.filter((m) => m.version <= 40));
  assert.equal(currentVersion(db), 40);
  const ins = db.prepare(`INSERT INTO issuance_requests (request_id, state, certificate_type, scope, copies, paid, refunded, created_at, updated_at) VALUES (?, ?, 'juminhyo', 'self', ?, ?, ?, 0, 0)`);
  ins.run('a', 'requested', 1, 0, 0);
  assert.throws(() => ins.run('b', 'lost', 1, 0, 0), /CHECK/);
  assert.throws(() => ins.run('c', 'paid', 11, 0, 0), /CHECK/);
  assert.throws(() => ins.run('d', 'refunded', 1, 200, 300), /CHECK/);
  db.close();
});

test('transitions follow the drawn edges; each writes an audit event and an ordered outbox event', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-sm-'));
  const db = openKioskDb({ path: join(dir, 'kiosk.db') });
  t.after(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });
  const queue = createQueue(db);
  const store = createRequestStore(db, queue, 'kiosk-1', () => 1_000);
  const id = '00000000-0000-4000-8000-000000000001';
  store.create({ requestId: id, type: 'juminhyo', scope: 'household', copies: 2, summary: ['住民票の写し'] });
  assert.throws(() => store.transition(id, 'paid'), (e) => isKioskError(e, 'issuance.invalid_state') && e.details.state === 'requested');
  store.transition(id, 'authorized', { patch: { fee: 400, issuanceId: 'iss-1', documentPdf: new Uint8Array([1, 2, 3]), documentJson: '{}' } });
  store.transition(id, 'paid', { patch: { paid: 400 }, event: { paid: 400 } });
  store.transition(id, 'printing');
  assert.throws(() => store.transition(id, 'printing'), (e) => isKioskError(e, 'issuance.invalid_state'));
  store.transition(id, 'printed', { patch: { printJobId: 7 } });
  assert.deepEqual(store.events(id).map((e) => e.state), ['requested', 'authorized', 'paid', 'printing', 'printed']);
  const jobs = queue.claim({ limit: 10 });
  assert.deepEqual(jobs.map((j) => j.kind), ['certificate.authorized', 'certificate.paid', 'certificate.printing', 'certificate.printed']);
  assert.equal((jobs[1]!.payload as { paid: number }).paid, 400);
  assert.equal(store.fullySynced(id), false);
  queue.ack(jobs);
  assert.equal(store.fullySynced(id), true);
  store.transition(id, 'synced');
  store.wipePersonal(id);
  const row = store.load(id);
  assert.deepEqual([row.state, row.fee, row.paid, row.issuanceId, row.printJobId, row.documentPdf, row.summary], ['synced', 400, 400, 'iss-1', 7, null, null]);
  assert.deepEqual(TRANSITIONS.synced, []);
});

test('a reprint asked for is a column until answered: it survives a restart, a refusal or the reprint itself closes it', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-sm-'));
  const path = join(dir, 'kiosk.db');
  let db = openKioskDb({ path });
  t.after(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });
  let store = createRequestStore(db, createQueue(db), 'kiosk-1', () => 1_000);
  const id = '00000000-0000-4000-8000-000000000002';
  store.create({ requestId: id, type: 'inkan', scope: 'self', copies: 1, summary: [] });
  store.transition(id, 'authorized', { patch: { fee: 300, issuanceId: 'iss-2', subjectHash: 'b'.repeat(64) } });
  store.transition(id, 'paid', { patch: { paid: 300 } });
  store.transition(id, 'printing');
  store.transition(id, 'held', { detail: 'offline' });
  assert.equal(store.load(id).pendingReprint, null);

  const first = { reprintId: '0b6f3c1e-8a59-4f55-9a3b-5f0e7c1d2a44', note: 'tray empty' };
  store.note(id, 'reprint_requested', { detail: `${first.reprintId} staff: ${first.note}`, pendingReprint: first });
  db.close();
  db = openKioskDb({ path });
  store = createRequestStore(db, createQueue(db), 'kiosk-1', () => 2_000);
  assert.deepEqual(store.load(id).pendingReprint, first, 'after a restart the same reprint id is sent again');

  store.note(id, 'reprint_refused', { detail: 'reprint_limit' });
  assert.equal(store.load(id).pendingReprint, null, 'a refusal answers it');

  store.note(id, 'reprint_requested', { detail: 'second', pendingReprint: { reprintId: '1c6f3c1e-8a59-4f55-9a3b-5f0e7c1d2a44', note: 'jam' } });
  const reprinting = store.transition(id, 'printing', { from: ['held'], detail: 'reprint' });
  assert.deepEqual([reprinting.state, reprinting.pendingReprint], ['printing', null], 'the reprint itself answers it');
});
