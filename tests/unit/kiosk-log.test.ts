// The kiosk's log file: structured lines a technician reads with `madoguchi logs`, rotated by size
// (bounded whatever the uptime), and nothing of a resident in it — no PIN, 個人番号, name or address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKioskLog } from '../../electron/services/logging/kiosk-log';
import { logFiles, recentLogLines } from '../../electron/services/logging/read-logs';

test('no PIN, 個人番号, name or address reaches the file, in the message or in fields', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-log-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const log = await openKioskLog({ dataDir });
  log.write('card read for 山田　太郎 at 東京都千代田区霞が関1-2-3, my number 123456789012, pin 1234', { name: '山田　太郎', requestId: 'req-1', holder: { address: '東京都千代田区', pin: '1234' }, note: 'マイナンバー 1234 5678 9012' });
  log.write('printer ready');
  await log.close();
  const text = logFiles(join(dataDir, 'logs')).map((f) => readFileSync(f, 'utf8')).join('');
  for (const secret of ['山田', '太郎', '東京都', '千代田', '123456789012', '1234 5678 9012', 'pin 1234', '"1234"']) {
    assert.ok(!text.includes(secret), `${secret} in the log: ${text}`);
  }
  const [first, second] = recentLogLines(join(dataDir, 'logs'), 10);
  assert.equal(first?.requestId, 'req-1', 'what is not personal stays, for the technician');
  assert.equal(first?.name, '[redacted]');
  assert.equal(second?.msg, 'printer ready');
});

test('size-based rotation keeps a bounded number of files; madoguchi logs shows the newest lines', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-log-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const log = await openKioskLog({ dataDir, maxFileBytes: 4096, keepFiles: 2 });
  for (let i = 0; i < 600; i++) {
    log.write(`housekeeping round ${i}`, { i });
    await new Promise((r) => setTimeout(r, 0)); // a kiosk logs now and then: the stream drains and rolls between lines
  }
  await log.close();
  const files = logFiles(join(dataDir, 'logs'));
  assert.ok(files.length <= 3, `${files.length} files kept: ${files.join(', ')}`);
  const total = files.reduce((n, f) => n + statSync(f).size, 0);
  assert.ok(total < 4 * 4096, `bounded: ${total} bytes`);

  const cli = spawnSync(process.execPath, ['--import', 'tsx', 'bin/madoguchi.mjs', 'logs', '--data-dir', dataDir, '--lines', '3'], { encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  const lines = cli.stdout.trim().split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[2]!, /info housekeeping round 599 \{"i":599\}$/);
});
