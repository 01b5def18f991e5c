// Holder authentication end to end on the real stack (pcscd + vpcd + virtual card + OCSP/CRL on
// loopback): the happy path and every failure class, each asserting the typed error a resident's
// screen is chosen by.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, randomBytes, verify, X509Certificate } from 'node:crypto';
import { KioskError } from '../../common/errors';
import { startAuthStack, vpcdReaderName, type AuthStack } from '../helpers/auth-stack';

const READER = vpcdReaderName(0);

async function rejectsKind(p: Promise<unknown>, kind: string, check?: (e: KioskError) => void): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof KioskError, `expected a KioskError, got ${String(err)}`);
    assert.equal(err.kind, kind, err.message);
    check?.(err);
    return true;
  });
}

describe('holder authentication (real card stack)', () => {
  let stack: AuthStack;
  before(async () => {
    stack = await startAuthStack();
  });
  after(async () => {
    await stack.close();
  });

  test('an ordinary resident logs in: the result names the auth certificate on the card, revocation checked', async () => {
    const card = await stack.insert('yamada-taro');
    const auth = await stack.service();
    const overview = await auth.open(READER);
    assert.equal(overview.tokenLabel, 'JPKIAPICCTOKEN2');
    assert.equal(overview.authPinTriesLeft, 3);
    const holder = await auth.login('1234');
    const issued = await stack.env.world.holderFor('yamada-taro');
    const x509 = new X509Certificate(Buffer.from(issued.authCertDer));
    assert.equal(holder.certificate.serialHex.toUpperCase().replace(/^0+/, ''), x509.serialNumber.toUpperCase().replace(/^0+/, ''));
    assert.match(holder.certificate.subject, /C=JP/);
    assert.doesNotMatch(holder.certificate.subject, /山田/, 'the auth certificate carries no personal data');
    assert.equal(holder.revocation, 'good');
    await auth.close();
    await card.remove();
  });

  test('the login\'s one signature is over a relying party\'s challenge when given one (verified here, forwarded as is)', async () => {
    const card = await stack.insert('shibasaki-ken');
    const auth = await stack.service();
    await auth.open(READER);
    const challenge = new Uint8Array(randomBytes(32));
    const holder = await auth.login('9012', { challenge: Promise.resolve(challenge) });
    assert.equal(holder.revocation, 'good');
    const signed = holder.signedChallenge;
    assert.ok(signed, 'the relying party gets what the card signed');
    assert.deepEqual(signed.challenge, challenge);
    const cert = new X509Certificate(Buffer.from(signed.authCertDer));
    assert.ok(verify('sha256', challenge, cert.publicKey, Buffer.from(signed.signature)), 'the signature verifies with the auth certificate');
    await auth.close();
    // Without one (or with one that never came) the card signs the kiosk's own: nothing to forward.
    await auth.open(READER);
    assert.equal((await auth.login('9012', { challenge: Promise.resolve(null) })).signedChallenge, undefined);
    await auth.close();
    await card.remove();
  });

  test('a wrong PIN reports the tries left; the right PIN afterwards succeeds and restores the counter', async () => {
    const card = await stack.insert('yamada-hanako');
    const auth = await stack.service();
    await auth.open(READER);
    await rejectsKind(auth.login('0000'), 'card.wrong_pin', (e) => assert.equal(e.details.triesLeft, 2));
    await rejectsKind(auth.login('1111'), 'card.wrong_pin', (e) => assert.equal(e.details.triesLeft, 1));
    const holder = await auth.login('2580');
    assert.equal(holder.revocation, 'good');
    await auth.close();
    const again = await auth.open(READER);
    assert.equal(again.authPinTriesLeft, 3, 'a correct PIN resets the card counter');
    await auth.close();
    await card.remove();
  });

  test('a malformed PIN is refused before the card sees it (no try consumed)', async () => {
    const card = await stack.insert('yamada-taro');
    const auth = await stack.service();
    await auth.open(READER);
    await rejectsKind(auth.login('12a4'), 'card.pin_format');
    await rejectsKind(auth.login('12345'), 'card.pin_format');
    assert.equal((await auth.open(READER)).authPinTriesLeft, 3);
    await auth.close();
    await card.remove();
  });

  test('the third wrong PIN blocks the card; a blocked card is reported as blocked', async () => {
    const card = await stack.insert('kobayashi-naoko'); // one try left
    const auth = await stack.service();
    assert.equal((await auth.open(READER)).authPinTriesLeft, 1);
    await rejectsKind(auth.login('9999'), 'card.pin_blocked');
    await rejectsKind(auth.login('1234'), 'card.pin_blocked');
    await auth.close();
    await card.remove();
    const blocked = await stack.insert('tanaka-miho');
    assert.equal((await auth.open(READER)).authPinTriesLeft, 0);
    await rejectsKind(auth.login('1234'), 'card.pin_blocked');
    await auth.close();
    await blocked.remove();
  });

  test('cards that are not My Number Cards are refused at open (an old 住基カード among them)', async () => {
    for (const id of ['nakamura-kenichi', 'watanabe-kazuo']) {
      const card = await stack.insert(id);
      const auth = await stack.service();
      await rejectsKind(auth.open(READER), 'card.not_my_number_card');
      await card.remove();
    }
  });

  test('an untrusted issuer, an expired and a revoked (異動) certificate are refused after the PIN', async () => {
    const cases: Array<[string, string, (e: KioskError) => void]> = [
      ['ito-makoto', 'auth.untrusted_issuer', () => undefined],
      ['sato-jiro', 'auth.expired', () => undefined],
      ['suzuki-saburo', 'auth.revoked', (e) => assert.equal(e.details.reason, 'affiliationChanged')],
    ];
    for (const [id, kind, check] of cases) {
      const card = await stack.insert(id);
      const auth = await stack.service();
      await auth.open(READER);
      await rejectsKind(auth.login('1234'), kind, check);
      await auth.close();
      await card.remove();
    }
  });

  test('a card whose key does not match its certificate fails with signature_mismatch', async () => {
    const other = await stack.env.world.holderFor('yamada-hanako');
    const card = await stack.insert('yamada-taro', {
      mutate: (c) => ({ ...c, id: 'cloned-cert', auth: { ...c.auth, keyPkcs8: other.authKeyPkcs8 } }),
    });
    // Sanity: the substituted key really is different from the certificate's.
    const cert = new X509Certificate(Buffer.from((await stack.env.world.holderFor('yamada-taro')).authCertDer));
    assert.notEqual(cert.publicKey.export({ format: 'der', type: 'spki' }).toString('hex'),
      createPublicKey(createPrivateKey({ key: Buffer.from(other.authKeyPkcs8), format: 'der', type: 'pkcs8' })).export({ format: 'der', type: 'spki' }).toString('hex'));
    const auth = await stack.service();
    await auth.open(READER);
    await rejectsKind(auth.login('1234'), 'auth.signature_mismatch');
    await auth.close();
    await card.remove();
  });

  test('revocation service unreachable: fail-closed refuses, fail-open logs in as unchecked', async () => {
    stack.env.revocationServer.setMode('down');
    try {
      const card = await stack.insert('yamada-taro');
      const closed = await stack.service();
      await closed.open(READER);
      await rejectsKind(closed.login('1234'), 'auth.revocation_unreachable');
      await closed.close();
      const open = await stack.service({ revocation: { ...stack.env.authConfig.revocation, failure: 'fail-open' } });
      await open.open(READER);
      assert.equal((await open.login('1234')).revocation, 'unchecked');
      await open.close();
      await card.remove();
    } finally {
      stack.env.revocationServer.setMode('ok');
    }
  });

  test('a card pulled before the PIN is entered gives card.removed, not a crash', async () => {
    const card = await stack.insert('yamada-taro');
    const auth = await stack.service();
    await auth.open(READER);
    await card.remove();
    await rejectsKind(auth.login('1234'), 'card.removed');
    await auth.close();
  });

  test('a card pulled during the signature gives card.removed and the PIN try is not lost', async () => {
    const card = await stack.insert('yamada-taro');
    card.pullOnApdu((apdu) => apdu[0] === 0x80 && apdu[1] === 0x2a);
    const auth = await stack.service();
    await auth.open(READER);
    await rejectsKind(auth.login('1234'), 'card.removed');
    await auth.close();
    const again = await stack.insert('yamada-taro');
    assert.equal((await auth.open(READER)).authPinTriesLeft, 3);
    await auth.close();
    await again.remove();
  });
});
