// `madoguchi vcard` inserts a demo card until it is told to stop: a signal or its stdin closing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/madoguchi.mjs', import.meta.url));

function start(profile: string) {
  const child = spawn(process.execPath, [BIN, 'vcard', '--profile', profile, '--reader', '1', '--state-dir', mkdtempSync(join(tmpdir(), 'vcard-cli-'))],
    { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const inserted = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no 'inserted' line: ${out}${err}`)), 20_000);
    child.stdout.on('data', () => {
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(() => reject(new Error(`exited early: ${out}${err}`)));
  });
  return { child, inserted, exited, output: () => ({ out, err }) };
}

test('SIGTERM removes the card and exits 0', async () => {
  const p = start('yamada-hanako');
  await p.inserted;
  assert.match(p.output().out, /^inserted yamada-hanako \(resident, 山田\u3000花子\) into vpcd reader 1/);
  p.child.kill('SIGTERM');
  assert.equal(await p.exited, 0);
  assert.match(p.output().out, /removed yamada-hanako after \d+ APDUs/);
});

test('closing stdin removes the card (a parent process controls the lifetime)', async () => {
  const p = start('yamada-shota');
  await p.inserted;
  p.child.stdin.end();
  assert.equal(await p.exited, 0);
  assert.match(p.output().out, /removed yamada-shota/);
});
