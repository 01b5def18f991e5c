// Disk full: the kiosk database on a 2 MB tmpfs. The write that does not fit fails with the typed
// db.disk_full; every earlier acknowledged record is still there; the file passes integrity_check;
// once space is freed the kiosk writes again. Mounting needs root (as `npm test` runs on a build
// machine); where the mount cannot be made the test is skipped and says why. It never substitutes
// SQLite's own page limit: that would test SQLITE_FULL without the file system ever being full.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKioskDb, type KioskDb } from '../../db/kiosk-db';
import { createQueue } from '../../db/queue';
import { isKioskError } from '../../common/errors';

const TMPFS_MAGIC = 0x01021994;
const SIZE = 2 * 1024 * 1024;

/** Mounts a SIZE tmpfs on dir; returns why not when it cannot. */
function mountSmallTmpfs(dir: string): string | undefined {
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root (run the suite as root)';
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${SIZE},mode=0700`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.error) return `mount could not run: ${r.error.message}`;
  if (r.status !== 0) return `mount -t tmpfs failed (exit ${r.status}): ${r.stderr.trim()}`;
  return undefined;
}

test('a full disk gives db.disk_full, loses nothing acknowledged, and corrupts nothing', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'diskfull-'));
  const whyNot = mountSmallTmpfs(dir);
  let db: KioskDb | undefined;
  t.after(() => {
    try { db?.close(); } catch { /* already closed */ }
    if (!whyNot) spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  if (whyNot) {
    t.skip(whyNot);
    return;
  }
  // The database really lives on the small tmpfs, so only the file system can run out.
  const fs0 = statfsSync(dir);
  assert.equal(fs0.type, TMPFS_MAGIC, 'the test directory is a tmpfs');
  assert.ok(fs0.blocks * fs0.bsize <= SIZE, `tmpfs of ${fs0.blocks * fs0.bsize} bytes`);

  const path = join(dir, 'kiosk.db');
  // A ballast file that can be deleted to "free disk space" afterwards.
  writeFileSync(join(dir, 'ballast'), Buffer.alloc(256 * 1024));
  db = openKioskDb({ path });
  let queue = createQueue(db);
  const acknowledged: string[] = [];
  let failure: unknown;
  // 10,000 records of ~1.5 KB (~15 MB) cannot fit in 2 MB: the loop ends with the disk full.
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
  const free = statfsSync(dir);
  assert.ok(free.bavail * free.bsize < 64 * 1024, `the file system is full (${free.bavail * free.bsize} bytes free)`);
  db.close();

  unlinkSync(join(dir, 'ballast'));
  db = openKioskDb({ path, integrity: 'full' });
  assert.deepEqual(db.integrityProblems(), []);
  const keys = db.sqlite.prepare('SELECT idempotency_key FROM outbox ORDER BY id').pluck().all();
  assert.deepEqual(keys, acknowledged, 'every acknowledged record survived, nothing half-written');
  queue = createQueue(db);
  assert.equal(queue.enqueue({ key: 'after-cleanup', kind: 'payment.captured', payload: {} }).created, true);
});
