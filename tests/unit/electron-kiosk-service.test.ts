// The kiosk session service's own rules, over a scripted CardAuthService (the real one is
// exercised end to end in tests/e2e-browser): what the UI may see, when a session ends, and that
// ending it always closes the card session.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KioskError, isKioskError } from '../../common/errors';
import type { AuthenticatedHolder, CardAuthService } from '../../electron/services/auth/holder-auth-service';
import { createKioskService } from '../../electron/services/kiosk/kiosk-service';
import type { Timers } from '../../electron/services/kiosk/watchdog';

const R = 'Virtual PCD 00 00';
const authenticated: AuthenticatedHolder = {
  certificate: { serialHex: '0123456789abcdef', subject: 'CN=opaque-holder-id', issuer: 'C=JP, O=JPKI, OU=JPKI for user authentication, OU=J-LIS', notBefore: '2024-01-01T00:00:00.000Z', notAfter: '2029-01-01T00:00:00.000Z' },
  revocation: 'good',
  authenticatedAt: '2025-01-01T00:00:00.000Z',
};

function scriptedAuth() {
  const listeners = new Set<(e: { type: 'reader-added' | 'reader-removed' | 'card-inserted' | 'card-removed'; reader: string }) => void>();
  const calls: string[] = [];
  const auth: CardAuthService = {
    readers: () => [{ name: R, cardPresent: true }, { name: 'Spare 01', cardPresent: false }],
    onReaderEvent: (l) => (listeners.add(l), () => listeners.delete(l)),
    open: async (reader) => (calls.push(`open ${reader}`), { reader, tokenLabel: 'JPKIAPICCTOKEN2', medium: 'card', authPinTriesLeft: 3, atrHex: '3B' }),
    login: async (pin) => {
      calls.push('login');
      if (pin !== '1234') throw new KioskError('card.wrong_pin', undefined, { triesLeft: 2 });
      return authenticated;
    },
    close: async () => void calls.push('close'),
  };
  return { auth, calls, emit: (type: 'card-removed' | 'card-inserted', reader = R) => listeners.forEach((l) => l({ type, reader })) };
}

function manualTimers(): Timers & { fire(): void } {
  let pending: (() => void) | null = null;
  return { setTimeout: (fn) => ((pending = fn), 1), clearTimeout: () => (pending = null), fire: () => pending?.() };
}

const idle = { idleSec: 60, warnSec: 30 };

describe('kiosk session service', () => {
  it('gives the UI the certificate facts only, never the subject or full serial', async () => {
    const { auth } = scriptedAuth();
    const k = createKioskService({ auth, version: '0.1.0', idle });
    await k.api['session.start']({ reader: R });
    const view = await k.api['session.login']({ pin: '1234' });
    assert.deepEqual(view, { issuer: 'JPKI — JPKI for user authentication', notBefore: authenticated.certificate.notBefore, notAfter: authenticated.certificate.notAfter, serialTail: 'CDEF', revocation: 'good', authenticatedAt: authenticated.authenticatedAt });
    assert.ok(!JSON.stringify(view).includes('opaque-holder-id'));
  });

  it('logs every failed command by its kind (what the resident is then shown), never the PIN or details', async () => {
    const { auth } = scriptedAuth();
    const lines: string[] = [];
    const k = createKioskService({ auth, version: '0.1.0', idle, log: (m) => lines.push(m) });
    await assert.rejects(k.api['session.login']({ pin: '1234' }), (e) => isKioskError(e) && e.kind === 'card.removed');
    await k.api['session.start']({ reader: R });
    await assert.rejects(k.api['session.login']({ pin: '9876' }), (e) => isKioskError(e) && e.kind === 'card.wrong_pin');
    assert.deepEqual(lines.filter((l) => l.includes('failed')), ['session.login failed: card.removed', 'session.login failed: card.wrong_pin']);
    assert.ok(!lines.join('\n').includes('9876'), 'the PIN is never logged');
  });

  it('ends the session (and closes the card) when the card is pulled before the PIN, not after', async () => {
    const { auth, calls, emit } = scriptedAuth();
    const k = createKioskService({ auth, version: '0.1.0', idle });
    const ended: string[] = [];
    k.events.on('session.ended', (e) => ended.push(e.reason));
    await k.api['session.start']({ reader: R });
    emit('card-removed');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(ended, ['card_removed']);
    assert.equal(calls.at(-1), 'close');
    await assert.rejects(k.api['session.login']({ pin: '1234' }), (e: unknown) => isKioskError(e, 'card.removed'));

    await k.api['session.start']({ reader: R });
    await k.api['session.login']({ pin: '1234' });
    emit('card-removed');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(ended, ['card_removed'], 'taking the card after the PIN keeps the session');
    assert.deepEqual(await k.api['session.end']({ reason: 'user' }), { ended: true });
    assert.deepEqual(await k.api['session.end']({ reason: 'user' }), { ended: false });
  });

  it('ends an abandoned session by itself (renderer gone) and wipes it', async () => {
    const { auth, calls } = scriptedAuth();
    const timers = manualTimers();
    const k = createKioskService({ auth, version: '0.1.0', idle, timers });
    const ended: string[] = [];
    k.events.on('session.ended', (e) => ended.push(e.reason));
    await k.api['session.start']({ reader: R });
    timers.fire();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(ended, ['timeout']);
    assert.equal(calls.at(-1), 'close');
  });

  it('ignores readers that are not the kiosk\'s and refuses sessions on them', async () => {
    const { auth, emit } = scriptedAuth();
    const k = createKioskService({ auth, version: '0.1.0', idle, acceptReader: (n) => n === R });
    const seen: string[] = [];
    k.events.on('card.event', (e) => seen.push(e.reader));
    emit('card-inserted', 'Spare 01');
    emit('card-inserted', R);
    assert.deepEqual(seen, [R]);
    assert.deepEqual((await k.api['card.readers']({})).map((r) => r.name), [R]);
    await assert.rejects(k.api['session.start']({ reader: 'Spare 01' }), (e: unknown) => isKioskError(e, 'reader.gone'));
  });

  it('offers the demo tray only in demo mode', async () => {
    const k = createKioskService({ auth: scriptedAuth().auth, version: '0.1.0', idle });
    assert.equal((await k.api['system.info']({})).demo, false);
    await assert.rejects(k.api['demo.holders']({}), (e: unknown) => isKioskError(e, 'api.unsupported'));
  });
});
