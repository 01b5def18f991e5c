// The demo tray's entry for a card after certificate renewal: yamada-taro (profiles.json `renewal`)
// appears twice — as issued and renewed, same name and PIN — the renewed line asks the demo world
// for the generation-1 card and carries the hint that the same person's 照会番号 and linked payment
// account stay. Other holders keep one line each. (Putting a card into vpcd is the e2e tests' part.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isKioskError } from '../../common/errors';
import { demoHint } from '../../electron/dev-server/demo-hints';
import { createDemoTray, RENEWED_KIND, RENEWED_SUFFIX } from '../../electron/dev-server/demo-tray';
import { loadProfiles } from '../../simulators/vcard/profiles';
import { plain } from '../../renderer/src/i18n';

const profiles = loadProfiles();

test('the renewed card is one more tray line right after the card as issued, the same person and PIN', () => {
  const tray = createDemoTray({ profiles, cardFor: () => { throw new Error('not inserted here'); } }, undefined, demoHint);
  const holders = tray.holders();
  const renewedProfiles = profiles.filter((p) => p.renewal);
  assert.ok(renewedProfiles.some((p) => p.id === 'yamada-taro'));
  assert.equal(holders.length, profiles.length + renewedProfiles.length);
  const i = holders.findIndex((h) => h.id === 'yamada-taro');
  const [issued, renewed] = [holders[i]!, holders[i + 1]!];
  assert.deepEqual([renewed.id, renewed.kind, renewed.name, renewed.pin, renewed.insertedIn], [`yamada-taro${RENEWED_SUFFIX}`, RENEWED_KIND, issued.name, issued.pin, null]);
  assert.equal(issued.kind, 'resident');
  assert.equal(issued.hint, 'household', 'the card as issued keeps its own hint');
  assert.equal(renewed.hint, 'renewed');
  assert.match(plain('ja', 'demo.hint.renewed'), /同じ人.*支払い用に登録したカードもそのまま/);
  assert.match(plain('en', 'demo.kind.renewed'), /Renewed/);
});

test('inserting the renewed line asks for the generation-1 card of the same profile; an unknown id is refused', async () => {
  const asked: unknown[] = [];
  const tray = createDemoTray({ profiles, cardFor: (id, opts) => { asked.push([id, opts?.generation ?? 0]); throw new Error('stop before vpcd'); } });
  await assert.rejects(tray.insert(`yamada-taro${RENEWED_SUFFIX}`, 0), /stop before vpcd/);
  await assert.rejects(tray.insert('yamada-taro', 0), /stop before vpcd/);
  assert.deepEqual(asked, [['yamada-taro', 1], ['yamada-taro', 0]]);
  await assert.rejects(tray.insert('nobody.renewed', 0), (e: unknown) => isKioskError(e, 'input.invalid'));
  assert.equal(tray.holders().filter((h) => h.insertedIn !== null).length, 0, 'nothing in a reader after a failed insert');
});
