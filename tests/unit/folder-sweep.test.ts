// The demo printer's output and the demo's copies of sent documents keep only their newest files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keepNewestFiles } from '../../electron/services/retention/folder-sweep';

test('keeps the newest n files, deletes the older ones, leaves folders alone; 0 keeps none', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-sweep-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const base = Date.now() / 1000 - 1000;
  for (let i = 0; i < 6; i++) {
    writeFileSync(join(dir, `job_${i}.pdf`), `certificate ${i}`);
    utimesSync(join(dir, `job_${i}.pdf`), base + i, base + i);
  }
  mkdirSync(join(dir, 'sub'));
  assert.equal(keepNewestFiles(dir, 2), 4);
  assert.deepEqual(readdirSync(dir).sort(), ['job_4.pdf', 'job_5.pdf', 'sub']);
  assert.equal(keepNewestFiles(dir, 0), 2);
  assert.deepEqual(readdirSync(dir), ['sub']);
  assert.equal(keepNewestFiles(join(dir, 'missing'), 1), 0, 'no folder: nothing to do');
  assert.throws(() => keepNewestFiles(dir, -1), RangeError);
});
