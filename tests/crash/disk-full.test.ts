// Disk full: the kiosk database on a 2 MB tmpfs. The write that does not fit fails with the typed
// db.disk_full; every earlier acknowledged record is still there; the file passes integrity_check;
// once space is freed the kiosk writes again. Without permission to mount, SQLite's own
// max_page_count limit produces the same SQLITE_FULL path (reported as a diagnostic).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKioskDb, type KioskDb } from '../../db/kiosk-db';
import { createQueue } from '../../db/queue';
import { isKioskError } from '../../common/errors';

test('a full disk gives db.disk_full, loses nothing acknowledged, and corrupts nothing', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'diskfull-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir]).status === 0;
  let db: KioskDb | undefined;
  t.after(() => {
    try { db?.close(); } catch { /* already closed */ }
    if (mounted) spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  if (!mounted) t.diagnostic('mount not permitted: using max_page_count to exhaust space instead of a tmpfs');
  const path = join(dir, 'kiosk.db');
  // A ballast file that can be deleted to "free disk space" afterwards.
  if (mounted) writeFileSync(join(dir, 'ballast'), Buffer.alloc(256 * 1024));
  db = openKioskDb({ path });
  if (!mounted) db.sqlite.pragma('max_page_count = 400');
  let queue = createQueue(db);
  const acknowledged: string[] = [];
  let failure: unknown;
  for (let i = 0; i < 10_000; i++) {
    try {
      queue.enqueue({ key: `pay-${i}`, kind: 'payment.captured', payload: { memo: 'x'.repeat(1500), i } });
      acknowledged.push(`pay-${i}`);
    } catch (err) {
      failure = err;
      break;
    }
  }
  assert.ok(isKioskError(failure, 'db.disk_full'), `expected db.disk_full, got ${String(failure)}`);
  assert.ok(acknowledged.length > 50);
  db.close();

  if (mounted) unlinkSync(join(dir, 'ballast'));
  db = openKioskDb({ path, integrity: 'full' });
  assert.deepEqual(db.integrityProblems(), []);
  const keys = db.sqlite.prepare('SELECT idempotency_key FROM outbox ORDER BY id').pluck().all();
  assert.deepEqual(keys, acknowledged, 'every acknowledged record survived, nothing half-written');
  queue = createQueue(db);
  if (!mounted) db.sqlite.pragma('max_page_count = 100000');
  assert.equal(queue.enqueue({ key: 'after-cleanup', kind: 'payment.captured', payload: {} }).created, true);
});
