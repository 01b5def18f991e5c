// Smartphones and the eligibility-only grace on the real stack (pcscd + vpcd + virtual card +
// OCSP/CRL on loopback): an Android token shows its certificate only after the PIN, so its login is
// VERIFY → certificate → SIGN with the same one signature; an iPhone token and phones an installation
// refuses get a typed refusal before any PIN; a certificate expired less than 3 months ago passes a
// login for eligibility (hospital reception) and nothing else.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { KioskError } from '../../common/errors';
import { createCardAuthService } from '../../electron/services/auth/holder-auth-service';
import { JpkiCard } from '../../native/card/jpki-ap';
import type { CardTransport } from '../../native/transport';
import { holderSpecFor } from '../../simulators/vcard/world';
import { startAuthStack, vpcdReaderName, type AuthStack } from '../helpers/auth-stack';

const READER = vpcdReaderName(0);

function rejectsKind(p: Promise<unknown>, kind: string, details: Record<string, unknown> = {}): Promise<void> {
  return assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof KioskError, `expected a KioskError, got ${String(err)}`);
    assert.equal(err.kind, kind, err.message);
    for (const [k, v] of Object.entries(details)) assert.equal(err.details[k], v, `details.${k}`);
    return true;
  });
}

const serialOf = (der: Uint8Array) => new X509Certificate(Buffer.from(der)).serialNumber.toUpperCase().replace(/^0+/, '');

describe('phones and the eligibility-only grace (real card stack)', () => {
  let stack: AuthStack;
  before(async () => {
    stack = await startAuthStack();
  });
  after(async () => {
    await stack.close();
  });

  test('Android: the certificate is unreadable before the PIN and readable after it (on the token itself)', async () => {
    const phone = await stack.insert('kato-yui');
    const transport = await stack.pcsc.connect(READER, { exclusive: true });
    try {
      const card = new JpkiCard(transport);
      assert.equal((await card.detect({ acceptPhones: true })).medium, 'android');
      await rejectsKind(card.readAuthCertificate(), 'card.security_status');
      await card.verifyAuthPin('1234');
      assert.equal(serialOf(await card.readAuthCertificate()), serialOf((await stack.env.world.holderFor('kato-yui')).authCertDer));
    } finally {
      await transport.close('unpower');
      await phone.remove();
    }
  });

  test('Android: the login runs VERIFY → certificate → SIGN, one signature, and the holder is the phone\'s certificate', async () => {
    const instructions: string[] = [];
    const recording = (t: CardTransport): CardTransport => ({
      get readerName() { return t.readerName; },
      get atr() { return t.atr; },
      transmit: (apdu) => (instructions.push(apdu[1]!.toString(16).toUpperCase().padStart(2, '0')), t.transmit(apdu)),
      close: (d) => t.close(d),
    });
    const auth = await createCardAuthService(stack.env.authConfig, { pcsc: stack.pcsc, wrapTransport: recording });
    const phone = await stack.insert('kato-yui');
    try {
      const overview = await auth.open(READER);
      assert.deepEqual([overview.medium, overview.tokenLabel, overview.authPinTriesLeft], ['android', 'JPKIAPGPSETOKEN', 3]);
      await rejectsKind(auth.login('0000'), 'card.wrong_pin', { triesLeft: 2 });
      instructions.length = 0;
      const holder = await auth.login('1234');
      assert.deepEqual(instructions, ['20', 'B0', '2A'], 'PIN, then the certificate, then the one signature');
      assert.equal(holder.revocation, 'good');
      assert.equal(holder.certificate.serialHex.toUpperCase().replace(/^0+/, ''), serialOf((await stack.env.world.holderFor('kato-yui')).authCertDer));
    } finally {
      await auth.close();
      await phone.remove();
    }
    // The card itself keeps its order: the free certificate first.
    const card = await stack.insert('yamada-taro');
    try {
      const overview = await auth.open(READER);
      assert.equal(overview.medium, 'card');
      instructions.length = 0;
      await auth.login('1234');
      assert.deepEqual(instructions, ['B0', '20', '2A']);
    } finally {
      await auth.close();
      await card.remove();
    }
  });

  test('an installation that takes no phones, and an iPhone anywhere, are refused at open without a PIN try', async () => {
    const android = await stack.insert('kato-yui');
    const cardOnly = await stack.service({ acceptPhones: false });
    await rejectsKind(cardOnly.open(READER), 'card.phone_not_supported', { medium: 'android', reason: 'phones_not_accepted' });
    await android.remove();
    const iphone = await stack.insert('kimura-aoi');
    const auth = await stack.service();
    await rejectsKind(auth.open(READER), 'card.phone_not_supported', { medium: 'iphone', reason: 'iphone_undocumented' });
    const transport = await stack.pcsc.connect(READER, { exclusive: true });
    try {
      assert.equal(await new JpkiCard(transport).authPinTriesLeft(), 3, 'no try spent');
    } finally {
      await transport.close('unpower');
      await iphone.remove();
    }
  });

  test('a certificate expired 20 days ago: auth.expired for certificates, eligibility-only for reception', async () => {
    const card = await stack.insert('ishikawa-tsuneo');
    const auth = await stack.service();
    try {
      await auth.open(READER);
      await rejectsKind(auth.login('1234'), 'auth.expired');
      await auth.close();
      await auth.open(READER);
      const holder = await auth.login('1234', { purpose: 'eligibility' });
      assert.equal(holder.eligibilityOnly, true);
      assert.equal(holder.revocation, 'good', 'revocation is still checked');
      assert.ok(Date.parse(holder.certificate.notAfter) < Date.now());
      await auth.close();
      // A current certificate is never marked.
      await card.remove();
      const current = await stack.insert('yamada-taro');
      await auth.open(READER);
      assert.equal((await auth.login('1234', { purpose: 'eligibility' })).eligibilityOnly, undefined);
      await auth.close();
      await current.remove();
    } finally {
      await auth.close();
    }
  });

  test('expired more than 3 months ago, or revoked: refused for eligibility too', async () => {
    const profile = stack.env.world.profiles.find((p) => p.id === 'ishikawa-tsuneo')!;
    const old = await stack.env.world.pki.issueHolder({ ...holderSpecFor({ ...profile, expiredDaysAgo: 100 }), id: 'ishikawa-tsuneo-100d' });
    const card = await stack.insert('ishikawa-tsuneo', {
      mutate: (c) => ({ ...c, id: 'ishikawa-100d', auth: { ...c.auth, certDer: old.authCertDer, keyPkcs8: old.authKeyPkcs8 } }),
    });
    const auth = await stack.service();
    try {
      await auth.open(READER);
      await rejectsKind(auth.login('1234', { purpose: 'eligibility' }), 'auth.expired');
      await auth.close();
      await card.remove();
      const revoked = await stack.insert('suzuki-saburo');
      await auth.open(READER);
      await rejectsKind(auth.login('1234', { purpose: 'eligibility' }), 'auth.revoked', { reason: 'affiliationChanged' });
      await revoked.remove();
    } finally {
      await auth.close();
    }
  });
});
