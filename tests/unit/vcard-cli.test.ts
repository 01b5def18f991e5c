// `madoguchi vcard --list` and its input errors, run as the technician runs it (a child process).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadProfiles } from '../../simulators/vcard/profiles';

const BIN = fileURLToPath(new URL('../../bin/madoguchi.mjs', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'vcard', ...args], { encoding: 'utf8', timeout: 30_000 });

test('vcard --list --json prints every profile with its demo PINs', () => {
  const r = run('--list', '--json');
  assert.equal(r.status, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as Array<Record<string, string>>;
  const profiles = loadProfiles();
  assert.equal(rows.length, profiles.length);
  assert.deepEqual(Object.keys(rows[0]!).sort(), ['authPin', 'id', 'kind', 'medium', 'name', 'signPassword']);
  assert.deepEqual(rows[0], { id: profiles[0]!.id, kind: 'resident', medium: 'card', name: profiles[0]!.name, authPin: profiles[0]!.authPin, signPassword: profiles[0]!.signPassword });
  // The phones and the old 住基カード are told apart from the card.
  const medium = (id: string) => rows.find((x) => x.id === id)?.medium;
  assert.deepEqual([medium('kato-yui'), medium('kimura-aoi'), medium('watanabe-kazuo')], ['android', 'iphone', 'juki-card']);
});

test('an unknown profile, reader or option is one clear line and a non-zero exit', () => {
  for (const args of [['--profile', 'nobody'], ['--reader', '7'], ['--frobnicate'], ['--phone', 'pager'], ['--phone', 'android', '--profile', 'kato-yui'], ['--profile', 'yamada-hanako', '--renewed']]) {
    const r = run(...args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /^madoguchi vcard: .*\[input\.invalid\]$/m);
  }
});
