// The menu after sign-in, driven by the services the main process reports (system.info.services)
// and the renderer's registry (renderer/src/app/services.ts): none → a calm ending, one → its one
// button as before, two → a choice, each service with its own card policy. The second service here
// is a made-up registry entry: the reducer only knows services by their policy.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flow, holdsSession, initialFlow, type FlowAction, type FlowState } from '../../renderer/src/app/flow';
import { offeredServices, SERVICES } from '../../renderer/src/app/services';
import { screenSpeech, type Spoken } from '../../renderer/src/app/spoken';
import { LANGS, plain } from '../../renderer/src/i18n';
import { ja } from '../../renderer/src/i18n/ja';
import type { ServiceModule, ServicePolicy } from '../../renderer/src/shared/service';
import { ResidentServiceSchema } from '../../common/api/contract';

const R = 'Virtual PCD 00 00';
const holder = { issuer: 'JPKI-TEST', notBefore: '2024-01-01T00:00:00Z', notAfter: '2029-01-01T00:00:00Z', serialTail: 'ABCD', revocation: 'good' as const, authenticatedAt: '2025-01-01T00:00:00Z', name: '山田　太郎' };
const run = (actions: FlowAction[], from: FlowState = initialFlow) => actions.reduce(flow, from);
const policies = (mods: ServiceModule[]): ServicePolicy[] => mods.map(({ name, cardOffFirst }) => ({ name, cardOffFirst }));
const say = (parts: Spoken | null) => (parts ?? []).map((p) => plain('ja', p.k, p.vars ?? {}, true)).join('。');

/** Signed in with the card still on the reader, at a kiosk offering `offered`. */
const signedIn = (offered: ServicePolicy[]) => run([
  { type: 'offered', services: offered },
  { type: 'card-inserted', reader: R },
  { type: 'start-ok', overview: { reader: R, authPinTriesLeft: 3 } },
  { type: 'login-submitted' },
  { type: 'login-ok', holder },
]);

// A second service that, unlike issuance, lets the resident go on with the card on the reader.
const counter: ServiceModule = { name: 'counter', label: 'auth.done', testId: 'to-counter', cardOffFirst: false, Flow: () => null };

describe('the service menu after sign-in', () => {
  it('with no service: the menu says there is nothing else here, and nothing opens', () => {
    const s = signedIn(policies(offeredServices([])));
    assert.equal(s.screen.name, 'authenticated');
    const gone = run([{ type: 'card-removed', reader: R }, { type: 'open-service', service: 'issuance' }], s);
    assert.equal(gone.screen.name, 'authenticated', 'a service the kiosk does not offer never opens');
    assert.match(say(screenSpeech(gone.screen, { cardOnReader: false, noReader: false, offered: 0 })), /ほかにありません。カードをおもちかえりください/);
    assert.deepEqual(run([{ type: 'home' }], gone).screen, { name: 'goodbye', reader: null });
  });

  it('with one service: its one button, only once the card is off the reader (as before)', () => {
    const offered = offeredServices(['issuance']);
    assert.deepEqual(offered.map((m) => m.testId), ['to-certificates']);
    const s = signedIn(policies(offered));
    assert.deepEqual(run([{ type: 'open-service', service: 'issuance' }], s), s, 'J-LIS 取り忘れ対策: nothing opens while the card is on the reader');
    const open = run([{ type: 'card-removed', reader: R }, { type: 'open-service', service: 'issuance' }], s);
    assert.deepEqual(open.screen, { name: 'service', service: 'issuance', reader: R, holderName: '山田　太郎' });
    assert.ok(holdsSession(open.screen), 'the idle timer runs inside a service');
    const ended = run([{ type: 'session-ended', reason: 'timeout' }], open);
    assert.deepEqual(ended.screen, { name: 'goodbye', reader: null, timedOut: true });
    assert.ok(!JSON.stringify(ended).includes('山田'), 'the holder name goes with the session');
    assert.doesNotMatch(say(screenSpeech(s.screen, { cardOnReader: true, noReader: false, offered: 1 })), /ごようけん|ほかにありません/);
  });

  it('with two services: a choice, each with its own card policy, in the order main reports', () => {
    // The menu's services (those chosen before the card never reach it), plus a made-up second one.
    const known = [...SERVICES.filter((m) => !m.beforeCard), counter];
    const offered = offeredServices(['counter', 'billing', 'issuance'], known);
    assert.deepEqual(offered.map((m) => m.name), ['counter', 'issuance'], 'a service without a flow here is not offered');
    const s = signedIn(policies(offered));
    assert.deepEqual(run([{ type: 'open-service', service: 'issuance' }], s), s);
    assert.deepEqual(run([{ type: 'open-service', service: 'counter' }], s).screen, { name: 'service', service: 'counter', reader: R, holderName: '山田　太郎' });
    assert.match(say(screenSpeech(s.screen, { cardOnReader: true, noReader: false, offered: 2 })), /ごようけんをおえらびください/);
    const off = run([{ type: 'card-removed', reader: R }], s);
    assert.equal(run([{ type: 'open-service', service: 'issuance' }], off).screen.name, 'service');
  });
});

describe('the service registry', () => {
  it('names only contract services, once each, with a menu label in every language', () => {
    const names = SERVICES.map((m) => m.name);
    assert.deepEqual(names, [...new Set(names)]);
    assert.deepEqual(SERVICES.map((m) => m.testId), [...new Set(SERVICES.map((m) => m.testId))]);
    for (const m of SERVICES) {
      assert.ok(ResidentServiceSchema.safeParse(m.name).success, m.name);
      for (const lang of LANGS) assert.ok(plain(lang.code, m.label).length > 0, `${m.name} ${lang.code}`);
      assert.ok(ja[m.label], m.name);
    }
  });
});
