// Set-up must start pcscd and the D-Bus system bus on a machine that stopped without shutting them
// down: their pid files survive in /run while the processes are gone (dbus-daemon then refuses to
// start at all, pcscd whenever the pid now belongs to another live process).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeStalePidFile } from '../../scripts/stale-pid.mjs';

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-stale-pid-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('a pid file naming no running process is removed, with the socket beside it', (t) => {
  const dir = tempDir(t);
  const pidFile = join(dir, 'pid');
  const socket = join(dir, 'system_bus_socket');
  // Pids above /proc/sys/kernel/pid_max cannot be running.
  const pidMax = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8'));
  writeFileSync(pidFile, `${pidMax + 1}\n`);
  writeFileSync(socket, '');
  const said = removeStalePidFile(pidFile, 'dbus-daemon', [socket]);
  assert.match(said ?? '', /stale .*pid .* is not a running dbus-daemon/);
  assert.equal(existsSync(pidFile), false);
  assert.equal(existsSync(socket), false);
});

test('a pid reused by another program counts as stale; a live daemon of that name is left alone', async (t) => {
  const dir = tempDir(t);
  const pidFile = join(dir, 'pcscd.pid');
  const sleeper = spawn('sleep', ['30']);
  t.after(() => sleeper.kill());
  await new Promise((resolve) => sleeper.once('spawn', resolve));
  writeFileSync(pidFile, `${sleeper.pid}\n`);

  // The pid is alive, but it is `sleep`, not pcscd: the file is stale.
  assert.ok(removeStalePidFile(pidFile, 'pcscd'));
  assert.equal(existsSync(pidFile), false);

  // The same pid file for the process that really runs under that pid is kept.
  writeFileSync(pidFile, `${sleeper.pid}\n`);
  assert.equal(removeStalePidFile(pidFile, 'sleep'), undefined);
  assert.equal(existsSync(pidFile), true);
});

test('a pid file that holds no pid is removed; a missing one is nothing to do', (t) => {
  const dir = tempDir(t);
  const pidFile = join(dir, 'garbled.pid');
  writeFileSync(pidFile, 'not a pid');
  assert.match(removeStalePidFile(pidFile, 'pcscd') ?? '', /names no pid/);
  assert.equal(existsSync(pidFile), false);
  assert.equal(removeStalePidFile(join(dir, 'absent.pid'), 'pcscd'), undefined);
});

test("pcscd's own pid file format (`<pid>\\n\\0`) is read as that pid", async (t) => {
  const dir = tempDir(t);
  const pidFile = join(dir, 'pcscd.pid');
  const sleeper = spawn('sleep', ['30']);
  t.after(() => sleeper.kill());
  await new Promise((resolve) => sleeper.once('spawn', resolve));
  writeFileSync(pidFile, `${sleeper.pid}\n\0`);
  // A live process of that name keeps its file; the reason for another name is the pid, not "no pid".
  assert.equal(removeStalePidFile(pidFile, 'sleep'), undefined);
  assert.match(removeStalePidFile(pidFile, 'pcscd') ?? '', new RegExp(`pid ${sleeper.pid} is not a running pcscd`));
});
