// The packaged technician CLI: build-app bundles electron/cli into one file (bundle-cli.ts) that runs
// without the TypeScript loader, answers --help, and carries none of the development tools — asking
// for one is a clear api.unsupported line, not a missing-module crash.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCli, DEV_ONLY_FOLDERS, type CliBundle } from '../../electron/main/bundle-cli';

const root = fileURLToPath(new URL('../../', import.meta.url));
// Inside the checkout, as in the package: the native addons (external) resolve from node_modules.
const outDir = join(root, 'dist', `cli-bundle-test-${process.pid}`);
let bundle: CliBundle;

before(async () => {
  bundle = await bundleCli(join(outDir, 'madoguchi.js'));
});
after(() => rmSync(outDir, { recursive: true, force: true }));

const runBundle = (...args: string[]) => spawnSync(process.execPath, [bundle.outfile, ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });

test('the bundle exists and carries no source of simulators/, electron/demo/ or electron/dev-server/', () => {
  assert.ok(existsSync(bundle.outfile));
  assert.ok(bundle.inputs.some((i) => i.startsWith('electron/cli/')), 'the CLI itself is in it');
  const shipped = bundle.inputs.filter((i) => !i.startsWith('dev-only:'));
  for (const folder of DEV_ONLY_FOLDERS) {
    assert.deepEqual(shipped.filter((i) => i.startsWith(`${folder}/`)), [], `nothing from ${folder}/`);
  }
});

test('the bundled CLI answers --help without the TypeScript loader, for the CLI and a command', () => {
  const top = runBundle('--help');
  assert.equal(top.status, 0, top.stderr);
  assert.match(top.stdout, /^Usage: madoguchi <command>/);
  const verify = runBundle('verify', '--help');
  assert.equal(verify.status, 0, verify.stderr);
  assert.match(verify.stdout, /^Usage: madoguchi verify <document\.pdf>/);
  const wrong = runBundle('held', 'list', '--frobnicate');
  assert.equal(wrong.status, 2);
  assert.match(wrong.stderr, /unknown option '--frobnicate'/);
});

test('a development tool asked of the package is one line saying so, exit 1', () => {
  for (const args of [['vcard', '--list'], ['verify', 'any.pdf', '--demo']]) {
    const r = runBundle(...args);
    assert.equal(r.status, 1, args.join(' '));
    assert.match(r.stderr, /^madoguchi: simulators\/\S+ is a development tool, not part of the packaged kiosk \[api\.unsupported\]\n$/);
  }
});
