// One test per migration (schema it creates, constraints users rely on), plus the runner's rules:
// all-or-nothing, user_version tracking, refusing a database from newer software.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runMigrations, currentVersion, latestVersion, type Migration } from '../../db/migrate';
import { KIOSK_MIGRATIONS } from '../../db/migrations';
import { openKioskDb } from '../../db/kiosk-db';
import { createIssuanceRequests } from '../../db/issuance-requests';
import { createQueue } from '../../db/queue';
import { isKioskError } from '../../common/errors';

function memDbAt(version: number): Database.Database {
  const db = new Database(':memory:');
  runMigrations(db, KIOSK_MIGRATIONS.filter((m) => m.version <= version));
  return db;
}

function columns(db: Database.Database, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
}

test('0010 outbox: idempotency key is unique per queue, state is constrained', () => {
  const db = memDbAt(10);
  assert.equal(currentVersion(db), 10);
  assert.ok(columns(db, 'outbox').includes('lease_token'));
  const ins = db.prepare(`INSERT INTO outbox (queue, idempotency_key, kind, payload, max_attempts, run_at, created_at) VALUES (?, ?, 'k', '{}', 3, 0, 0)`);
  ins.run('sync', 'a');
  ins.run('other', 'a');
  assert.throws(() => ins.run('sync', 'a'), /UNIQUE/);
  assert.throws(() => db.exec(`UPDATE outbox SET state = 'lost'`), /CHECK/);
});

test('0020 records: issuances, payments, receptions refuse negative fees and bad states', () => {
  const db = memDbAt(20);
  assert.equal(currentVersion(db), 20);
  assert.throws(() => db.exec(`INSERT INTO issuances (request_id, certificate_kind, copies, fee_yen, state, created_at, updated_at)
    VALUES ('r', 'juminhyo', 1, -300, 'paid', 0, 0)`), /CHECK/);
  assert.throws(() => db.exec(`INSERT INTO payments (payment_ref, purpose, subject_ref, amount_yen, method, state, created_at)
    VALUES ('p', 'fee', 's', 300, 'cash', 'pending?', 0)`), /CHECK/);
  db.exec(`INSERT INTO receptions (reception_ref, patient_ref, department, created_at) VALUES ('r1', 'p1', 'naika', 0)`);
  assert.throws(() => db.exec(`INSERT INTO receptions (reception_ref, patient_ref, department, created_at) VALUES ('r1', 'p2', 'geka', 0)`), /UNIQUE/);
});

test('0030 sync state: config cache keeps an ETag per document', () => {
  const db = memDbAt(30);
  assert.equal(currentVersion(db), 30);
  assert.deepEqual(columns(db, 'config_cache'), ['name', 'etag', 'body', 'fetched_at']);
  assert.ok(columns(db, 'sync_state').includes('value'));
});

test('0050 issuance maybe-printed: an optional 0/1 flag on each request, NULL on rows from before', () => {
  const db = memDbAt(40);
  const ins = (id: string) => db.prepare(`INSERT INTO issuance_requests (request_id, state, certificate_type, scope, copies, created_at, updated_at) VALUES (?, 'held', 'inkan', 'self', 1, 0, 0)`).run(id);
  ins('old');
  runMigrations(db, KIOSK_MIGRATIONS.filter((m) => m.version <= 50));
  assert.equal(currentVersion(db), 50);
  assert.ok(columns(db, 'issuance_requests').includes('maybe_printed'));
  assert.equal(db.prepare(`SELECT maybe_printed FROM issuance_requests WHERE request_id = 'old'`).pluck().get(), null);
  ins('new');
  db.exec(`UPDATE issuance_requests SET maybe_printed = 1 WHERE request_id = 'new'`);
  assert.throws(() => db.exec(`UPDATE issuance_requests SET maybe_printed = 2 WHERE request_id = 'new'`), /CHECK/);
});

test('0070 records as written: a kiosk database at 0060 opens with its pending requests, events and outbox intact', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kdb-'));
  try {
    const path = join(dir, 'kiosk.db');
    const old = new Database(path);
    runMigrations(old, KIOSK_MIGRATIONS.filter((m) => m.version <= 60));
    const request = old.prepare(`INSERT INTO issuance_requests (request_id, state, certificate_type, scope, copies, fee, paid, payment_id,
      issuance_id, subject_hash, summary_json, document_pdf, created_at, updated_at) VALUES (?, ?, 'juminhyo', 'self', 1, 300, 300, ?, ?, ?, '["山田 太郎"]', X'255044462d', 1, 2)`);
    const event = old.prepare('INSERT INTO issuance_events (request_id, at, state, detail) VALUES (?, 3, ?, ?)');
    const reprintId = '0b6f3c1e-8a59-4f55-9a3b-5f0e7c1d2a44';
    request.run('paid-1', 'paid', 'pay-1', 'iss-1', 'a'.repeat(64));
    request.run('held-pending', 'held', 'pay-2', 'iss-2', 'b'.repeat(64));
    event.run('held-pending', 'held', 'printer_offline');
    event.run('held-pending', 'held', `reprint_requested: ${reprintId} staff: tray empty`);
    request.run('held-refused', 'held', 'pay-3', 'iss-3', 'c'.repeat(64));
    event.run('held-refused', 'held', `reprint_requested: ${reprintId.replace('0b', '1c')} staff: jam`);
    event.run('held-refused', 'held', 'reprint_refused: reprint_limit');
    old.prepare(`INSERT INTO outbox (queue, idempotency_key, stream, kind, payload, max_attempts, run_at, created_at)
      VALUES ('sync', 'certificate:paid-1:paid', 'certificate:paid-1', 'certificate.paid', '{}', 10, 0, 1)`).run();
    old.close();

    const db = openKioskDb({ path });
    try {
      assert.equal(db.schemaVersion, latestVersion(KIOSK_MIGRATIONS), 'every later migration applied too');
      const rows = createIssuanceRequests(db);
      const paid = rows.get('paid-1');
      assert.deepEqual([paid?.state, paid?.paid, paid?.paymentId, paid?.summary, paid?.documentPdf?.length], ['paid', 300, 'pay-1', ['山田 太郎'], 5]);
      assert.deepEqual(rows.get('held-pending')?.pendingReprint, { reprintId, note: 'tray empty' }, 'the unanswered reprint is carried over');
      assert.equal(rows.get('held-refused')?.pendingReprint, null, 'a refused reprint is not pending');
      assert.equal(rows.events('held-pending').length, 2);
      assert.equal(createQueue(db).unfinishedInStream('certificate:paid-1'), 1, 'the event not yet sent still waits in the outbox');
      const tables = db.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all();
      assert.deepEqual(tables, ['billing_checkouts', 'billing_events', 'billing_refunds', 'issuance_events', 'issuance_requests', 'outbox', 'reception_events', 'reception_visits'], 'only what the services write (0080: hospital reception, 0090 and 0100: hospital payment)');
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('0090 billing checkouts: states, methods and money are constrained, one row per payment key', () => {
  const db = memDbAt(90);
  assert.equal(currentVersion(db), 90);
  const ins = db.prepare(`INSERT INTO billing_checkouts (checkout_id, state, medium, payment_id, created_at, updated_at) VALUES (?, ?, 'card', ?, 0, 0)`);
  ins.run('c1', 'paying', 'c1-1');
  assert.throws(() => ins.run('c2', 'paying', 'c1-1'), /UNIQUE/, 'a device key names one checkout');
  assert.throws(() => ins.run('c3', 'charged', null), /CHECK/);
  assert.throws(() => db.exec(`UPDATE billing_checkouts SET method = 'cheque'`), /CHECK/);
  assert.throws(() => db.exec(`UPDATE billing_checkouts SET paid = -1`), /CHECK/);
  assert.ok(columns(db, 'billing_events').includes('detail'));
});

test('pending migrations run in one transaction: a failing step leaves the old version intact', () => {
  const db = memDbAt(10);
  const broken: Migration = { version: 20, name: 'broken', up: (d) => { d.exec('CREATE TABLE half (x)'); d.exec('SELECT * FROM nowhere'); } };
  assert.throws(() => runMigrations(db, [KIOSK_MIGRATIONS[0]!, broken]));
  assert.equal(currentVersion(db), 10);
  assert.equal(db.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'`).pluck().get(), 0);
});

test('a database written by newer software is refused with db.newer_version, untouched', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kdb-'));
  try {
    const path = join(dir, 'kiosk.db');
    openKioskDb({ path }).close();
    const raw = new Database(path);
    raw.pragma('user_version = 990');
    raw.close();
    assert.throws(() => openKioskDb({ path }), (err) => isKioskError(err, 'db.newer_version') && err.details.found === 990);
    const check = new Database(path);
    assert.equal(currentVersion(check), 990);
    check.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('migrations are numbered in tens and strictly increasing', () => {
  const versions = KIOSK_MIGRATIONS.map((m) => m.version);
  assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
  for (const v of versions) assert.equal(v % 10, 0);
});
