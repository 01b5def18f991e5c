// The demo tray's hint for the phone and grace holders follows what the kiosk now does with them:
// an Android phone is taken like the card, an iPhone is refused before any certificate, and a
// certificate in the eligibility-only grace still fails authentication for certificates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoHint } from '../../electron/dev-server/demo-hints';
import { demoMediumOf, loadProfiles } from '../../simulators/vcard/profiles';

test('phones and the recently expired holder get the hint of what the certificate kiosk does with them', () => {
  const profiles = loadProfiles();
  const byId = (id: string) => profiles.find((p) => p.id === id)!;
  assert.equal(demoMediumOf(byId('kato-yui')), 'android');
  assert.notEqual(demoHint(byId('kato-yui')), 'notCard', 'an Android phone reaches the menu');
  assert.equal(demoMediumOf(byId('kimura-aoi')), 'iphone');
  assert.equal(demoHint(byId('kimura-aoi')), 'notCard');
  assert.equal(demoHint(byId('ishikawa-tsuneo')), 'authFails');
  assert.equal(demoHint(byId('watanabe-kazuo')), 'notCard');
});
