// One login, one card signature, on the real stack (pcscd + vpcd + virtual card, the test PKI's
// OCSP/CRL responders, the reference back office on loopback) through the kiosk's session.login:
// the card is sent exactly one COMPUTE DIGITAL SIGNATURE, over the back office's challenge; the
// kiosk verifies it (one revocation check of its own) and the back office accepts those very bytes.
// The typed failures a resident's screen is chosen by are unchanged, and an unreachable back office
// does not undo the login.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify, X509Certificate } from 'node:crypto';
import { isKioskError } from '../../common/errors';
import { createHttpRevocationChecker } from '../../common/jpki';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import { createCardAuthService } from '../../electron/services/auth/holder-auth-service';
import { CHALLENGE_WAIT_MS, createHolderSignIn } from '../../electron/services/kiosk/holder-sign-in';
import { createKioskService, type KioskService } from '../../electron/services/kiosk/kiosk-service';
import type { CardTransport } from '../../native/transport';
import { startRevocationServer, type RevocationServer } from '../../simulators/testpki';
import { startAuthStack, vpcdReaderName, type AuthStack } from '../helpers/auth-stack';
import { kioskKeyOf, testCredentials } from '../helpers/backoffice-access';
import { startBackOfficeRelay, type BackOfficeRelay } from '../helpers/backoffice-relay';

const READER = vpcdReaderName(0);
const KIOSK_ID = 'kiosk-one-signature';
/** COMPUTE DIGITAL SIGNATURE (JPKI: CLA 80, INS 2A). */
const INS_SIGN = 0x2a;
const idle = { idleSec: 60, warnSec: 30 };

describe('one login, one card signature (real card stack and back office)', () => {
  let stack: AuthStack;
  let dir: string;
  let boRevocation: RevocationServer;
  let bo: RunningBackOffice;
  before(async () => {
    stack = await startAuthStack();
    dir = mkdtempSync(join(tmpdir(), 'madoguchi-one-signature-'));
    // The back office is the legal verifier and checks revocation itself, at its own responder, so
    // each side's checks are counted apart.
    boRevocation = await startRevocationServer(stack.env.world.pki);
    bo = await startBackOffice({
      dataDir: join(dir, 'backoffice'), demo: true, credentials: testCredentials([KIOSK_ID]), revocationFailure: 'fail-closed',
      revocation: createHttpRevocationChecker({ ocspUrl: boRevocation.ocspUrl, crlUrls: { auth: boRevocation.crlUrl('auth') }, fetch, timeoutMs: 2000 }),
    });
  });
  after(async () => {
    await bo.close();
    await boRevocation.close();
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A kiosk as installed with a back office (through a recording relay), plus what its card returned to each signature. */
  async function kiosk(relay: BackOfficeRelay | null): Promise<{ k: KioskService; signatures: Uint8Array[]; log: string[]; close(): Promise<void> }> {
    const signatures: Uint8Array[] = [];
    const keepSignatures = (t: CardTransport): CardTransport => ({
      get readerName() {
        return t.readerName;
      },
      get atr() {
        return t.atr;
      },
      async transmit(apdu) {
        const res = await t.transmit(apdu);
        if (apdu[1] === INS_SIGN && res.length > 2) signatures.push(res.slice(0, -2));
        return res;
      },
      close: (d) => t.close(d),
    });
    const auth = await createCardAuthService(stack.env.authConfig, { pcsc: stack.pcsc, wrapTransport: keepSignatures });
    const log: string[] = [];
    const k = createKioskService({
      auth, version: 'test', idle, log: (m) => log.push(m),
      ...(relay ? { holderSignIn: createHolderSignIn({ backOffice: { baseUrl: relay.url, kioskKey: kioskKeyOf(KIOSK_ID) }, kioskId: KIOSK_ID }) } : {}),
    });
    return { k, signatures, log, close: () => k.shutdown() };
  }

  const revocationChecks = (r: RevocationServer) => r.hits.ocsp + r.hits.crl;

  test('the card signs once, the kiosk verifies that signature, the back office accepts the same bytes', async () => {
    const relay = await startBackOfficeRelay(bo.url);
    const card = await stack.insert('yamada-taro');
    const { k, signatures, close } = await kiosk(relay);
    try {
      await k.api['session.start']({ reader: READER });
      const kioskChecks = revocationChecks(stack.env.revocationServer);
      const boChecks = revocationChecks(boRevocation);
      const signsBefore = card.commandsWithIns(INS_SIGN);
      const view = await k.api['session.login']({ pin: '1234' });

      assert.equal(card.commandsWithIns(INS_SIGN) - signsBefore, 1, 'exactly one signature command reached the card');
      assert.equal(view.revocation, 'good', 'verified at the kiosk');
      assert.match(view.name ?? '', /山田/, 'the back office signed the resident in (the greeting\'s registered name)');
      assert.equal(revocationChecks(stack.env.revocationServer) - kioskChecks, 1, 'the kiosk checked revocation once');
      assert.equal(revocationChecks(boRevocation) - boChecks, 1, 'the back office checked revocation once, itself');

      assert.deepEqual(relay.exchanges.map((x) => `${x.path} ${x.status}`), ['/v1/auth/challenges 201', '/v1/auth/verify 200']);
      const issued = JSON.parse(relay.exchanges[0]!.response) as { challenge: string };
      const sent = JSON.parse(relay.exchanges[1]!.request) as { authCertDer: string; signature: string };
      assert.equal(signatures.length, 1);
      assert.equal(sent.signature, Buffer.from(signatures[0]!).toString('base64'), 'the back office was sent the card\'s one signature, as the card gave it');
      const holder = await stack.env.world.holderFor('yamada-taro');
      assert.equal(sent.authCertDer, Buffer.from(holder.authCertDer).toString('base64'));
      const cert = new X509Certificate(Buffer.from(holder.authCertDer));
      assert.ok(verify('sha256', Buffer.from(issued.challenge, 'base64'), cert.publicKey, Buffer.from(signatures[0]!)), 'it signs the back office\'s own challenge');
    } finally {
      await close();
      await relay.down();
      await card.remove();
    }
  });

  test('wrong PIN, blocked card and revoked certificate keep their typed errors; no signature reaches the back office', async () => {
    const relay = await startBackOfficeRelay(bo.url);
    const { k, close } = await kiosk(relay);
    try {
      const wrong = await stack.insert('yamada-hanako');
      await k.api['session.start']({ reader: READER });
      await assert.rejects(k.api['session.login']({ pin: '0000' }), (e: unknown) => isKioskError(e, 'card.wrong_pin') && e.details.triesLeft === 2);
      assert.equal(wrong.commandsWithIns(INS_SIGN), 0, 'a wrong PIN costs no signature');
      await k.api['session.end']({ reason: 'user' });
      await wrong.remove();

      const blocked = await stack.insert('kobayashi-naoko'); // one try left
      await k.api['session.start']({ reader: READER });
      await assert.rejects(k.api['session.login']({ pin: '9999' }), (e: unknown) => isKioskError(e, 'card.pin_blocked'));
      await assert.rejects(k.api['session.login']({ pin: '1234' }), (e: unknown) => isKioskError(e, 'card.pin_blocked'));
      await k.api['session.end']({ reason: 'user' });
      await blocked.remove();

      const revoked = await stack.insert('suzuki-saburo');
      await k.api['session.start']({ reader: READER });
      await assert.rejects(k.api['session.login']({ pin: '1234' }), (e: unknown) => isKioskError(e, 'auth.revoked') && e.details.reason === 'affiliationChanged');
      assert.equal(revoked.commandsWithIns(INS_SIGN), 1);
      await k.api['session.end']({ reason: 'user' });
      await revoked.remove();

      assert.deepEqual(relay.exchanges.filter((x) => x.path === '/v1/auth/verify'), [], 'the kiosk refused first: nothing to verify there');
    } finally {
      await close();
      await relay.down();
    }
  });

  test('an unreachable back office: still one signature (the kiosk\'s own challenge), the login stands, the sign-in failure is logged', async () => {
    const relay = await startBackOfficeRelay(bo.url);
    await relay.down();
    const card = await stack.insert('yamada-taro');
    const { k, log, close } = await kiosk(relay);
    try {
      await k.api['session.start']({ reader: READER });
      const view = await k.api['session.login']({ pin: '1234' });
      assert.equal(view.revocation, 'good');
      assert.equal(view.name, undefined, 'no registered name without the back office');
      assert.equal(card.commandsWithIns(INS_SIGN), 1);
      assert.ok(log.includes('back-office sign-in failed (sync.unreachable)'), log.join('\n'));
    } finally {
      await close();
      await card.remove();
    }
  });

  test('a back office that gives no challenge within 2 s does not hold the resident up: the kiosk\'s own challenge, one signature', async () => {
    // Accepts connections and never answers: a hung back office, not a refused one.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const card = await stack.insert('yamada-taro');
    const signIn = createHolderSignIn({ backOffice: { baseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`, kioskKey: kioskKeyOf(KIOSK_ID) }, kioskId: KIOSK_ID });
    const auth = await createCardAuthService(stack.env.authConfig, { pcsc: stack.pcsc });
    const log: string[] = [];
    const k = createKioskService({ auth, version: 'test', idle, log: (m) => log.push(m), holderSignIn: signIn });
    try {
      await k.api['session.start']({ reader: READER });
      const t0 = performance.now();
      const view = await k.api['session.login']({ pin: '1234' });
      const ms = performance.now() - t0;
      assert.equal(view.revocation, 'good');
      assert.ok(ms >= CHALLENGE_WAIT_MS - 50 && ms < CHALLENGE_WAIT_MS + 3000, `the login took ${ms.toFixed(0)} ms`);
      assert.equal(card.commandsWithIns(INS_SIGN), 1);
      assert.ok(log.includes('back-office sign-in failed (sync.unreachable)'), log.join('\n'));
    } finally {
      await k.shutdown();
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
      await card.remove();
    }
  });

  test('a kiosk without a back office (authentication only) signs its own challenge, once', async () => {
    const card = await stack.insert('yamada-taro');
    const { k, log, close } = await kiosk(null);
    try {
      await k.api['session.start']({ reader: READER });
      assert.equal((await k.api['session.login']({ pin: '1234' })).revocation, 'good');
      assert.equal(card.commandsWithIns(INS_SIGN), 1);
      assert.ok(!log.some((l) => l.includes('sign-in failed')), 'nothing to sign in to');
    } finally {
      await close();
      await card.remove();
    }
  });
});
