// The session core with resident service modules, over a scripted CardAuthService and made-up
// modules (the real issuance module is exercised end to end in tests/integration and e2e): which
// services the kiosk says it offers, that another service's commands answer api.unsupported, that
// the back-office sign-in happens with no service at all, that a service keeping the card ends
// the session when it is pulled, and that each module settles its work when a session ends.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResidentService } from '../../common/api/contract';
import { KioskError, isKioskError } from '../../common/errors';
import type { AuthenticatedHolder, CardAuthService } from '../../electron/services/auth/holder-auth-service';
import type { HolderSignIn } from '../../electron/services/kiosk/holder-sign-in';
import { createKioskService } from '../../electron/services/kiosk/kiosk-service';
import type { ResidentServiceModule, ResidentSession } from '../../electron/services/kiosk/service-module';

const R = 'Virtual PCD 00 00';
const idle = { idleSec: 60, warnSec: 30 };

function scriptedAuth() {
  const listeners = new Set<(e: { type: 'reader-added' | 'reader-removed' | 'card-inserted' | 'card-removed'; reader: string }) => void>();
  const auth: CardAuthService = {
    readers: () => [{ name: R, cardPresent: true }],
    onReaderEvent: (l) => (listeners.add(l), () => listeners.delete(l)),
    open: async (reader) => ({ reader, tokenLabel: 'JPKIAPICCTOKEN2', medium: 'card', authPinTriesLeft: 3, atrHex: '3B' }),
    login: async (pin, opts) => {
      if (pin !== '1234') throw new KioskError('card.wrong_pin', undefined, { triesLeft: 2 });
      const challenge = await opts?.challenge;
      const holder: AuthenticatedHolder = {
        certificate: { serialHex: '01', subject: 'CN=x', issuer: 'CN=JPKI', notBefore: '2024-01-01T00:00:00.000Z', notAfter: '2029-01-01T00:00:00.000Z' },
        revocation: 'good', authenticatedAt: '2025-01-01T00:00:00.000Z',
      };
      return challenge ? { ...holder, signedChallenge: { challenge, authCertDer: new Uint8Array([1]), signature: new Uint8Array([2]) } } : holder;
    },
    close: async () => undefined,
  };
  return { auth, pull: () => listeners.forEach((l) => l({ type: 'card-removed', reader: R })) };
}

/** A back office that signs every holder in (token 'tok-<n>'). */
function backOffice(): { signIn: HolderSignIn; verified: number } {
  const bo: { signIn: HolderSignIn; verified: number } = {
    verified: 0,
    signIn: {
      challenge: async () => ({ challengeId: 'c1', challenge: new Uint8Array(32) }),
      verify: async () => ({ holderToken: `tok-${++bo.verified}`, expiresAt: '2099-01-01T00:00:00.000Z', name: '山田太郎' }),
    },
  };
  return bo;
}

/** A made-up service: 'issuance' answers its catalog with what it saw of the session; it records how it settled. */
function module(name: ResidentService, releasesCard: boolean, settled: string[], seen: (ResidentSession | null)[]): ResidentServiceModule {
  return {
    name, releasesCard, commands: name === 'issuance' ? ['issuance.catalog'] : [],
    open: (ctx) => ({
      api: name === 'issuance' ? { 'issuance.catalog': async () => (seen.push(ctx.session()), { entries: [], household: [] }) } : {},
      settle: async (_s, reason) => void settled.push(`${name}:${reason}`),
    }),
  };
}

const ended = (k: ReturnType<typeof createKioskService>) => {
  const reasons: string[] = [];
  k.events.on('session.ended', (e) => reasons.push(e.reason));
  return reasons;
};

describe('session core with resident service modules', () => {
  it('offers the configured modules in their order; another service’s commands answer api.unsupported', async () => {
    const { auth } = scriptedAuth();
    const none = createKioskService({ auth, version: '1', idle });
    assert.deepEqual((await none.api['system.info']({})).services, []);
    await assert.rejects(none.api['issuance.catalog']({}), (e: unknown) => isKioskError(e, 'api.unsupported') && /certificate issuance is not set up/.test(e.message));

    const k = createKioskService({ auth, version: '1', idle, modules: [module('reception', false, [], []), module('issuance', true, [], [])] });
    const info = await k.api['system.info']({});
    assert.deepEqual(info.services, ['reception', 'issuance']);

    const shadowing: ResidentServiceModule = { ...module('issuance', true, [], []), name: 'reception', commands: [] };
    assert.throws(() => createKioskService({ auth, version: '1', idle, modules: [shadowing] }), /service module reception answers commands it does not declare: issuance\.catalog/);
  });

  it('signs the holder in at the back office with no service configured, and a module sees the token on the session', async () => {
    const { auth } = scriptedAuth();
    const bo = backOffice();
    const alone = createKioskService({ auth, version: '1', idle, holderSignIn: bo.signIn });
    await alone.api['session.start']({ reader: R });
    const view = await alone.api['session.login']({ pin: '1234' });
    assert.equal(bo.verified, 1, 'the back office verified the card’s signature');
    assert.equal(view.name, '山田太郎');

    const seen: (ResidentSession | null)[] = [];
    const k = createKioskService({ auth, version: '1', idle, holderSignIn: bo.signIn, modules: [module('issuance', true, [], seen)] });
    await k.api['session.start']({ reader: R });
    await k.api['session.login']({ pin: '1234' });
    await k.api['issuance.catalog']({});
    assert.equal(seen[0]?.holderToken, 'tok-2');
    assert.equal(seen[0]?.signInError, null);
  });

  it('after sign-in, pulling the card ends the session only where a service needs the card; every module settles', async () => {
    for (const [releases, expected] of [[true, []], [false, ['card_removed']]] as const) {
      const { auth, pull } = scriptedAuth();
      const settled: string[] = [];
      const k = createKioskService({ auth, version: '1', idle, modules: [module('issuance', true, settled, []), module('reception', releases, settled, [])] });
      const reasons = ended(k);
      await k.api['session.start']({ reader: R });
      await k.api['session.login']({ pin: '1234' });
      pull();
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(reasons, expected, `reception releasesCard=${releases}`);
      assert.deepEqual(settled, expected.length ? ['issuance:card_removed', 'reception:card_removed'] : []);
      await k.shutdown();
    }
  });
});
