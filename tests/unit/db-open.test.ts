// Opening the kiosk database: durability settings read back, damaged files preserved with a clear
// error, consistent backups.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openKioskDb } from '../../db/kiosk-db';
import { createQueue } from '../../db/queue';
import { latestVersion } from '../../db/migrate';
import { KIOSK_MIGRATIONS } from '../../db/migrations';
import { isKioskError } from '../../common/errors';

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'kdb-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('opens in WAL with synchronous=FULL and relaxed() returns to FULL afterwards', (t) => {
  const db = openKioskDb({ path: join(tempDir(t), 'kiosk.db') });
  t.after(() => db.close());
  assert.equal(db.sqlite.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.sqlite.pragma('synchronous', { simple: true }), 2);
  createQueue(db).purgeDone(0); // a relaxed write

  assert.equal(db.sqlite.pragma('synchronous', { simple: true }), 2);
  assert.equal(db.schemaVersion, latestVersion(KIOSK_MIGRATIONS), 'every migration applied at open');
});

test('a file that is not a database gives db.corrupt and a preserved copy', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'kiosk.db');
  writeFileSync(path, Buffer.alloc(8192, 0x41));
  assert.throws(() => openKioskDb({ path }), (err) => {
    assert.ok(isKioskError(err, 'db.corrupt'));
    const preservedAt = String(err.details.preservedAt);
    assert.ok(existsSync(preservedAt));
    assert.deepEqual(readFileSync(preservedAt), readFileSync(path));
    return true;
  });
});

test('a damaged b-tree page is caught by the integrity check at open', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'kiosk.db');
  const db = openKioskDb({ path });
  db.durable(() => {
    const queue = createQueue(db);
    for (let i = 0; i < 2000; i++) queue.enqueueInTransaction({ key: `key-${i}`, kind: 'k', payload: 'x'.repeat(100) });
  });
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const bytes = readFileSync(path);
  // Overwrite the middle of the file (table pages), keeping the header valid.
  bytes.fill(0xff, 4096 * 5, 4096 * 5 + 3000);
  writeFileSync(path, bytes);
  assert.throws(() => openKioskDb({ path, integrity: 'full' }), (err) => isKioskError(err, 'db.corrupt') && existsSync(String(err.details.preservedAt)));
});

test('backupTo writes a verified, consistent copy with every committed row', async (t) => {
  const dir = tempDir(t);
  const db = openKioskDb({ path: join(dir, 'kiosk.db') });
  t.after(() => db.close());
  createQueue(db).enqueue({ key: 'payment:p-1', kind: 'payment.captured', payload: { paymentRef: 'p-1', amountYen: 300 } });
  const dest = join(dir, 'backup', 'kiosk-copy.db');
  await db.backupTo(dest);
  const copy = new Database(dest, { readonly: true });
  t.after(() => copy.close());
  assert.equal(JSON.parse(copy.prepare('SELECT payload FROM outbox WHERE idempotency_key = ?').pluck().get('payment:p-1') as string).amountYen, 300);
});
