// Staff mode at the kiosk, over the kiosk session service with a scripted card service and a
// stand-in issuance service: the staff code's hash, wrong codes and the lockout, what staff mode
// unlocks and ends (the resident's session first), its expiry, and that no code reaches the log.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { isKioskError, type KioskError } from '../../common/errors';
import type { AuthenticatedHolder, CardAuthService } from '../../electron/services/auth/holder-auth-service';
import type { IssuanceService } from '../../electron/services/issuance/types';
import { createIssuanceModule } from '../../electron/services/issuance/module';
import { createKioskService, type KioskServiceOptions } from '../../electron/services/kiosk/kiosk-service';
import type { Timers } from '../../electron/services/kiosk/watchdog';
import { hashStaffCode, parseStaffCodeHash, StaffCodeHashSchema, verifyStaffCode } from '../../electron/services/staff/staff-code';
import { InstallationConfigSchema } from '../../electron/services/installation/config';

const CODE = '246800';
// A cheaper cost than the default keeps the suite quick; the format and the check are the same.
const CHEAP = { N: 1 << 14, r: 8, p: 1 };
const codeHash = await hashStaffCode(CODE, CHEAP);
const R = 'Virtual PCD 00 00';
const REQ = '0b1f9c1e-3c57-4a3a-9d1e-2f6a1c0d4e5f';
const idle = { idleSec: 60, warnSec: 30 };

const holder: AuthenticatedHolder = {
  certificate: { serialHex: '0123456789abcdef', subject: 'CN=opaque-holder-id', issuer: 'C=JP, O=JPKI', notBefore: '2024-01-01T00:00:00.000Z', notAfter: '2029-01-01T00:00:00.000Z' },
  revocation: 'good',
  authenticatedAt: '2025-01-01T00:00:00.000Z',
};

function scriptedAuth() {
  const calls: string[] = [];
  const auth: CardAuthService = {
    readers: () => [{ name: R, cardPresent: true }],
    onReaderEvent: () => () => undefined,
    open: async (reader) => (calls.push('open'), { reader, tokenLabel: 'JPKIAPICCTOKEN2', medium: 'card', authPinTriesLeft: 3, atrHex: '3B' }),
    login: async () => (calls.push('login'), holder),
    close: async () => void calls.push('close'),
  };
  return { auth, calls };
}

/** The issuance service as the staff commands see it: one held request, decisions recorded. */
function heldService() {
  const decisions: { requestId: string; decision: string; note: string }[] = [];
  let state: 'held' | 'refunded' = 'held';
  const service = {
    listHeld: () => state === 'held'
      ? [{ requestId: REQ, state: 'held' as const, type: 'inkan', issuanceNumber: '2025-000123', paid: 200, updatedAt: '2025-06-01T01:02:03.000Z',
        lastDetail: 'media-jam', maybePrinted: false }]
      : [],
    resolveHeld: async (requestId: string, decision: string, note: string) => {
      decisions.push({ requestId, decision, note });
      state = 'refunded';
      return { state: 'refunded' as const, refunded: 200 };
    },
    get: () => null,
  } as unknown as IssuanceService;
  return { service, decisions };
}

function manualTimers(): Timers & { fireAll(): void } {
  const pending = new Map<number, () => void>();
  let next = 1;
  return {
    setTimeout: (fn) => (pending.set(next, fn), next++),
    clearTimeout: (h) => void pending.delete(h as number),
    fireAll: () => { const fns = [...pending.values()]; pending.clear(); fns.forEach((f) => f()); },
  };
}

function kiosk(extra: Partial<KioskServiceOptions> = {}) {
  const { auth, calls } = scriptedAuth();
  const { service, decisions } = heldService();
  const lines: string[] = [];
  let now = Date.parse('2025-06-01T10:00:00Z');
  const timers = manualTimers();
  const printer = { status: async () => ({ state: 'stopped' as const, needsStaff: true, message: 'printer.media-jam' }) };
  const k = createKioskService({
    auth, version: '0.1.0', idle, log: (m) => lines.push(m), timers, clock: () => now,
    holderSignIn: { challenge: async () => ({ challengeId: 'c', challenge: new Uint8Array(32) }), verify: async () => ({ holderToken: 't', expiresAt: '' }) },
    modules: [createIssuanceModule({ service, printer })],
    staff: { codeHash },
    ...extra,
  });
  return { k, calls, decisions, lines, timers, advance: (ms: number) => { now += ms; } };
}

const is = (kind: Parameters<typeof isKioskError>[1]) => (e: unknown) => isKioskError(e, kind);

describe('staff code hash', () => {
  it('round-trips: one string with the cost, salt and hash; the right code verifies, others do not', async () => {
    const h = await hashStaffCode('12345678', CHEAP);
    assert.match(h, /^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    assert.deepEqual([parseStaffCodeHash(h)?.N, parseStaffCodeHash(h)?.salt.length, parseStaffCodeHash(h)?.hash.length], [16384, 16, 32]);
    assert.equal(await verifyStaffCode('12345678', h), true);
    for (const wrong of ['12345679', '1234567', '', '12345678 ', 'abcdefgh']) assert.equal(await verifyStaffCode(wrong, h), false, wrong);
    assert.notEqual(await hashStaffCode('12345678', CHEAP), h, 'a fresh salt each time');
    assert.ok(!h.includes('12345678'));
  });

  it('refuses malformed hashes and codes that are not 6–8 digits', async () => {
    for (const bad of ['', 'scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(43), codeHash.replace('scrypt', 'bcrypt'), codeHash.slice(0, -10)]) {
      assert.equal(parseStaffCodeHash(bad), null, bad);
      assert.equal(StaffCodeHashSchema.safeParse(bad).success, false);
    }
    await assert.rejects(hashStaffCode('12345'));
    await assert.rejects(hashStaffCode('123456789'));
  });

  it('the installation configuration takes an optional staff section with the hash only', () => {
    const base = { trust: { mode: 'test', anchorFiles: ['/x.cer'] }, revocation: { failure: 'fail-open' } };
    assert.equal(InstallationConfigSchema.safeParse(base).success, true);
    assert.equal(InstallationConfigSchema.safeParse({ ...base, staff: { codeHash } }).success, true);
    const plain = InstallationConfigSchema.safeParse({ ...base, staff: { codeHash: CODE } });
    assert.equal(plain.success, false);
    assert.deepEqual(plain.error?.issues[0]?.path, ['staff', 'codeHash']);
  });
});

describe('madoguchi staff-code', () => {
  const BIN = fileURLToPath(new URL('../../bin/madoguchi.mjs', import.meta.url));
  const run = (input: string) => spawnSync(process.execPath, [BIN, 'staff-code'], { input, encoding: 'utf8', timeout: 30_000 });

  it('asks twice and prints one hash line that verifies the code; the code is printed nowhere', async () => {
    const r = run('24681357\n24681357\n');
    assert.equal(r.status, 0, r.stderr);
    const line = r.stdout.trim();
    assert.equal(r.stdout.split('\n').filter(Boolean).length, 1);
    assert.equal(await verifyStaffCode('24681357', line), true);
    assert.ok(!`${r.stdout}${r.stderr}`.includes('24681357'));
  });

  it('refuses two different codes or a code that is not 6–8 digits, printing no hash', () => {
    for (const input of ['246813\n246814\n', '24681\n24681\n', '\n']) {
      const r = run(input);
      assert.equal(r.status, 1, input);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /\[input\.invalid\]/);
    }
  });
});

describe('staff mode', () => {
  it('a wrong code is a typed error with the tries left; the fifth locks every code out for 5 minutes', async () => {
    const { k, advance } = kiosk();
    for (const left of [4, 3, 2, 1]) {
      await assert.rejects(k.api['staff.unlock']({ code: '135799' }), (e: unknown) => is('staff.wrong_code')(e) && (e as KioskError).details.triesLeft === left);
    }
    await assert.rejects(k.api['staff.unlock']({ code: '135799' }), (e: unknown) => is('staff.locked_out')(e) && (e as KioskError).details.secondsLeft === 300);
    // Locked out: even the right code is refused, with the seconds still to wait.
    advance(100_000);
    await assert.rejects(k.api['staff.unlock']({ code: CODE }), (e: unknown) => is('staff.locked_out')(e) && (e as KioskError).details.secondsLeft === 200);
    await assert.rejects(k.api['staff.held']({}), is('staff.locked'));
    advance(200_000);
    const held = await k.api['staff.unlock']({ code: CODE });
    assert.equal(held.held.length, 1);
  });

  it('taps in parallel cannot slip past the count', async () => {
    const { k } = kiosk();
    const results = await Promise.allSettled(Array.from({ length: 7 }, () => k.api['staff.unlock']({ code: '000000' })));
    const kinds = results.map((r) => (r.status === 'rejected' ? (r.reason as KioskError).kind : 'unlocked'));
    assert.deepEqual(kinds, ['staff.wrong_code', 'staff.wrong_code', 'staff.wrong_code', 'staff.wrong_code', 'staff.locked_out', 'staff.locked_out', 'staff.locked_out']);
  });

  it('the right code unlocks and answers the held list without personal data, and the printer state', async () => {
    const { k } = kiosk();
    const held = await k.api['staff.unlock']({ code: CODE });
    assert.deepEqual(held, {
      printer: { state: 'stopped', needsStaff: true, message: 'printer.media-jam' },
      held: [{ requestId: REQ, state: 'held', type: 'inkan', issuanceNumber: '2025-000123', paid: 200, since: '2025-06-01T01:02:03.000Z',
        what: 'media-jam', maybePrinted: false, moneyOwed: false }],
    });
    assert.deepEqual(await k.api['staff.held']({}), held);
    const info = await k.api['system.info']({});
    assert.equal(info.staff, true);
    assert.equal(info.demoStaffCode, undefined, 'no demo code outside demo mode');
  });

  it('every staff command but unlock refuses while locked; staff.lock locks', async () => {
    const { k, decisions } = kiosk();
    await assert.rejects(k.api['staff.held']({}), is('staff.locked'));
    await assert.rejects(k.api['staff.resolve']({ requestId: REQ, decision: 'refund', reason: 'no-paper-out' }), is('staff.locked'));
    await assert.rejects(k.api['staff.lock']({}), is('staff.locked'));
    await k.api['staff.unlock']({ code: CODE });
    const locked: string[] = [];
    k.events.on('staff.locked', (e) => locked.push(e.reason));
    assert.deepEqual(await k.api['staff.lock']({}), { locked: true });
    assert.deepEqual(locked, ['lock']);
    await assert.rejects(k.api['staff.resolve']({ requestId: REQ, decision: 'refund', reason: 'no-paper-out' }), is('staff.locked'));
    assert.deepEqual(decisions, []);
  });

  it('a decision reaches the issuance service with the preset reason as the audit note', async () => {
    const { k, decisions } = kiosk();
    await k.api['staff.unlock']({ code: CODE });
    assert.deepEqual(await k.api['staff.resolve']({ requestId: REQ, decision: 'refund', reason: 'no-paper-out' }), { requestId: REQ, state: 'refunded', refunded: 200 });
    assert.deepEqual(decisions, [{ requestId: REQ, decision: 'refund', note: '用紙は出ていなかった（係員画面）' }]);
    // Settled: it is no longer a held request, so a second decision on it is refused.
    await assert.rejects(k.api['staff.resolve']({ requestId: REQ, decision: 'refund', reason: 'other' }), is('issuance.not_found'));
  });

  it('entering staff mode ends the resident session first: card closed, holder gone', async () => {
    const { k, calls } = kiosk();
    const ended: string[] = [];
    k.events.on('session.ended', (e) => ended.push(e.reason));
    await k.api['session.start']({ reader: R });
    await k.api['session.login']({ pin: '1234' });
    await assert.rejects(k.api['staff.unlock']({ code: '999999' }), is('staff.wrong_code'));
    assert.deepEqual(ended, [], 'a wrong code leaves the resident alone');
    await k.api['staff.unlock']({ code: CODE });
    assert.deepEqual(ended, ['staff']);
    assert.equal(calls.at(-1), 'close', 'the card was unpowered');
    await assert.rejects(k.api['issuance.catalog']({}), is('card.removed'));
    assert.deepEqual(await k.api['session.end']({ reason: 'user' }), { ended: false });
  });

  it('locks itself after the idle policy without staff commands, and when a resident card session starts', async () => {
    const { k, timers } = kiosk();
    const locked: string[] = [];
    k.events.on('staff.locked', (e) => locked.push(e.reason));
    await k.api['staff.unlock']({ code: CODE });
    timers.fireAll();
    assert.deepEqual(locked, ['timeout']);
    await assert.rejects(k.api['staff.held']({}), is('staff.locked'));
    await k.api['staff.unlock']({ code: CODE });
    await k.api['session.start']({ reader: R });
    assert.deepEqual(locked, ['timeout', 'resident']);
    await assert.rejects(k.api['staff.held']({}), is('staff.locked'));
  });

  it('never writes a code to the log, wrong or right', async () => {
    const { k, lines } = kiosk();
    for (const code of ['135799', '86420975', '1111']) await assert.rejects(k.api['staff.unlock']({ code }));
    await k.api['staff.unlock']({ code: CODE });
    await k.api['staff.resolve']({ requestId: REQ, decision: 'refund', reason: 'other' });
    await k.api['staff.lock']({});
    assert.ok(lines.some((l) => /staff code wrong \(2 tries left\)/.test(l)), lines.join('\n'));
    assert.ok(lines.includes('staff mode unlocked'));
    for (const code of ['135799', '86420975', '1111', CODE]) assert.ok(lines.every((l) => !l.includes(code)), `${code} in the log`);
  });

  it('does not exist without a staff code or without issuance', async () => {
    for (const k of [kiosk({ staff: undefined }).k, kiosk({ modules: [] }).k]) {
      assert.equal((await k.api['system.info']({})).staff, false);
      await assert.rejects(k.api['staff.unlock']({ code: CODE }), is('api.unsupported'));
    }
  });
});
