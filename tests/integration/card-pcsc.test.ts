// The card client over the real stack: PcscService → pcsclite → pcscd → vpcd → virtual card.
import assert from 'node:assert/strict';
import { createHash, createPrivateKey, createPublicKey, verify as rsaVerify, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isKioskError } from '../../common/errors';
import { ExtendedLengthCache } from '../../native/apdu/extended-length';
import { JpkiCard } from '../../native/card/jpki-ap';
import { TextApCard } from '../../native/card/text-ap';
import { CountingTransport } from '../../native/counting-transport';
import { PcscService, type ReaderEvent } from '../../native/pcsc/pcsc-service';
import type { VirtualCardConfig } from '../../simulators/vcard/card';
import { fakeCertificateDer, fixtureCard, fixtureKeys } from '../../simulators/vcard/fixture-card';
import { insertCard, type InsertedCard } from '../../simulators/vcard/vpcd-link';
import { loadDemoWorld } from '../../simulators/vcard/world';

const READER = ['Virtual PCD 00 00', 'Virtual PCD 00 01'] as const;
const DI_PREFIX = Buffer.from('3031300D060960864801650304020105000420', 'hex');
const digestInfo = (msg: string) => new Uint8Array(Buffer.concat([DI_PREFIX, createHash('sha256').update(msg).digest()]));

let svc: PcscService;
let stateDir: string;
let seq = 0;
const events: ReaderEvent[] = [];

async function withCard<T>(
  overrides: Partial<VirtualCardConfig>,
  body: (ctx: { ins: InsertedCard; open: () => Promise<CountingTransport> }) => Promise<T>,
  reader: 0 | 1 = 0,
): Promise<T> {
  const card = fixtureCard({ id: `it-${process.pid}-${++seq}`, stateDir, ...overrides });
  const ins = await insertCard(card, { reader });
  const opened: CountingTransport[] = [];
  try {
    await svc.waitForCard(READER[reader], 5000);
    return await body({
      ins,
      open: async () => {
        const t = new CountingTransport(await svc.connect(READER[reader]));
        opened.push(t);
        return t;
      },
    });
  } finally {
    for (const t of opened) await t.close('unpower');
    await ins.remove();
    await waitUntil(() => !svc.readers().find((r) => r.name === READER[reader])?.cardPresent, 5000);
  }
}

async function waitUntil(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}

before(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'card-it-'));
  fixtureKeys();
  svc = await PcscService.start();
  svc.on((e) => events.push(e));
  assert.deepEqual(svc.readers().map((r) => r.name).sort(), [...READER]);
});

after(async () => {
  await svc.close();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('card client over pcscd + vpcd', () => {
  it('happy path login: 4 commands, signature verifies with the auth key', async () => {
    await withCard({}, async ({ open }) => {
      const t = await open();
      const card = new JpkiCard(t, { extendedLengthCache: new ExtendedLengthCache() });
      const cert = await card.readAuthCertificate();
      await card.verifyAuthPin('1234');
      const sig = await card.signWithAuthKey(digestInfo('login challenge'));
      const n = t.snapshot();
      assert.equal(n.apdus, 4, JSON.stringify(n.trace));
      assert.equal(card.lastReadPath, 'extended');
      assert.equal(cert[0], 0x30);
      const pub = createPublicKey(createPrivateKey({ key: Buffer.from(fixtureKeys().authKeyPkcs8), format: 'der', type: 'pkcs8' }));
      assert.equal(rsaVerify('sha256', Buffer.from('login challenge'), pub, sig), true);
      assert.ok(events.some((e) => e.type === 'card-inserted' && e.reader === READER[0] && e.atrHex));
    });
  });

  it('detection is 3 commands and rejects a non-JPKI card by AID and an old token by label', async () => {
    await withCard({}, async ({ open }) => {
      const t = await open();
      const d = await new JpkiCard(t).detect();
      assert.equal(d.tokenLabel, 'JPKIAPICCTOKEN2');
      assert.equal(d.authPinTriesLeft, 3);
      assert.equal(t.snapshot().apdus, 3);
    });
    await withCard({ kind: 'non-jpki' }, async ({ open }) => {
      await assert.rejects(new JpkiCard(await open()).detect(), (e) => isKioskError(e, 'card.not_my_number_card'));
    });
    await withCard({ quirks: { tokenLabel: 'JPKIAPICCTOKEN' } }, async ({ open }) => {
      await assert.rejects(new JpkiCard(await open()).detect(), (e) => isKioskError(e, 'card.not_my_number_card') && e.details.tokenLabel === 'JPKIAPICCTOKEN');
    });
  });

  it('wrong PIN lowers the tries left, persists across sessions, then blocks', async () => {
    await withCard({}, async ({ open }) => {
      const a = new JpkiCard(await open());
      await assert.rejects(a.verifyAuthPin('9999'), (e) => isKioskError(e, 'card.wrong_pin') && e.details.triesLeft === 2);
      const [first] = [await open().catch((e) => e)];
      assert.ok(isKioskError(first, 'card.busy'), 'one session per reader');
    });
    // Same card id → same persisted counter: a new insertion still shows 2, then blocks.
    seq--;
    await withCard({}, async ({ open }) => {
      const b = new JpkiCard(await open());
      assert.equal(await b.authPinTriesLeft(), 2);
      await assert.rejects(b.verifyAuthPin('9999'), (e) => isKioskError(e, 'card.wrong_pin') && e.details.triesLeft === 1);
      await assert.rejects(b.verifyAuthPin('9999'), (e) => isKioskError(e, 'card.pin_blocked'));
      await assert.rejects(b.verifyAuthPin('1234'), (e) => isKioskError(e, 'card.pin_blocked'));
      assert.equal(await b.authPinTriesLeft(), 0);
    });
  });

  it('an unpowered session end leaves no verified PIN for the next session (69 82)', async () => {
    await withCard({}, async ({ open }) => {
      const first = await open();
      const a = new JpkiCard(first);
      await a.verifyAuthPin('1234');
      await a.signWithAuthKey(digestInfo('one'));
      await first.close('unpower');
      const b = new JpkiCard(await open());
      await assert.rejects(b.signWithAuthKey(digestInfo('two')), (e) => isKioskError(e, 'card.security_status') && e.details.sw === '6982');
    });
  });

  it('chunked fallback on a short-only card stays within 12 commands per login', async () => {
    await withCard({ quirks: { extendedLength: false } }, async ({ open }) => {
      const t = await open();
      const card = new JpkiCard(t, { extendedLengthCache: new ExtendedLengthCache() });
      const cert = await card.readAuthCertificate();
      await card.verifyAuthPin('1234');
      await card.signWithAuthKey(digestInfo('x'));
      assert.equal(card.lastReadPath, 'chunked');
      assert.ok(cert.length > 1300);
      const n = t.snapshot().apdus;
      assert.ok(n <= 12, `${n} commands`);
    });
  });

  it('card pulled in the middle of a certificate read → card.removed, no hang', async () => {
    await withCard({ quirks: { extendedLength: false } }, async ({ ins, open }) => {
      const card = new JpkiCard(await open(), { extendedLengthCache: new ExtendedLengthCache() });
      ins.pullOnApdu((apdu) => apdu[1] === 0xb0 && apdu[2] === 0x02);
      const t0 = Date.now();
      await assert.rejects(card.readAuthCertificate(), (e) => isKioskError(e, 'card.removed'));
      assert.ok(Date.now() - t0 < 5000);
      // The dead session keeps failing fast with the same kind.
      await assert.rejects(card.authPinTriesLeft(), (e) => isKioskError(e, 'card.removed'));
      await waitUntil(() => events.some((e) => e.type === 'card-removed' && e.reader === READER[0]), 3000);
      await assert.rejects(svc.connect(READER[0]), (e) => isKioskError(e, 'card.not_present'));
    });
  });

  it('malformed card data (truncated DER, lying length) → card.malformed_response', async () => {
    const good = fakeCertificateDer('auth-cert', 1400);
    const truncatedInner = good.slice(0, 1200);
    truncatedInner[2] = (1196 >> 8) & 0xff;
    truncatedInner[3] = 1196 & 0xff; // outer header fits, inner elements run past it
    await withCard({ auth: { certDer: truncatedInner, keyPkcs8: fixtureKeys().authKeyPkcs8, caDer: good } }, async ({ open }) => {
      await assert.rejects(new JpkiCard(await open()).readAuthCertificate(), (e) => isKioskError(e, 'card.malformed_response'));
    });
    const lying = good.slice();
    lying[2] = 0x30; // claims 0x3000+ bytes, the file holds about 1.4 KB
    await withCard({ auth: { certDer: lying, keyPkcs8: fixtureKeys().authKeyPkcs8, caDer: good } }, async ({ open }) => {
      await assert.rejects(new JpkiCard(await open()).readAuthCertificate(), (e) => isKioskError(e, 'card.malformed_response'));
    });
  });

  it('two readers, two cards, two sessions in parallel: each card signs with its own holder\'s key', async () => {
    // Two demo holders with real test-PKI certificates, so each signature can be checked against the
    // certificate read from the card that made it, and the two cards cannot be confused.
    const world = await loadDemoWorld({ stateDir });
    const [taro, hanako] = await Promise.all(['yamada-taro', 'yamada-hanako'].map((id) => world.cardConfigFor(id, { stateDir })));
    await withCard(taro!, async (one) =>
      withCard(
        hanako!,
        async (two) => {
          const [a, b] = [new JpkiCard(await one.open()), new JpkiCard(await two.open())];
          const run = async (c: JpkiCard, pin: string, challenge: string) => {
            const certDer = await c.readAuthCertificate();
            await c.verifyAuthPin(pin);
            return { certDer, challenge: Buffer.from(challenge), sig: await c.signWithAuthKey(digestInfo(challenge)) };
          };
          const [ra, rb] = await Promise.all([run(a, taro!.pins.auth, 'challenge at reader 0'), run(b, hanako!.pins.auth, 'challenge at reader 1')]);
          // Each reader's card holds its holder's certificate: the ones the PKI issued to them, not the same one.
          assert.deepEqual(ra.certDer, (await world.holderFor('yamada-taro')).authCertDer, 'reader 0 holds 山田太郎\'s card');
          assert.deepEqual(rb.certDer, (await world.holderFor('yamada-hanako')).authCertDer, 'reader 1 holds 山田花子\'s card');
          const [certA, certB] = [new X509Certificate(Buffer.from(ra.certDer)), new X509Certificate(Buffer.from(rb.certDer))];
          assert.notEqual(certA.serialNumber, certB.serialNumber);
          assert.equal(certA.publicKey.equals(certB.publicKey), false, 'two holders, two keys');
          // Each signature verifies with the certificate from its own card, and not with the other one.
          const verifies = (cert: X509Certificate, r: typeof ra) => rsaVerify('sha256', r.challenge, cert.publicKey, Buffer.from(r.sig));
          assert.equal(verifies(certA, ra), true, 'reader 0 signature, reader 0 certificate');
          assert.equal(verifies(certB, rb), true, 'reader 1 signature, reader 1 certificate');
          assert.equal(verifies(certB, ra), false, 'reader 0 signature is not the other holder\'s');
          assert.equal(verifies(certA, rb), false, 'reader 1 signature is not the other holder\'s');
        },
        1,
      ),
    );
  });

  it('text AP: basic-4 and the My Number through the counter method', async () => {
    await withCard({ quirks: { basic4LongForm: true } }, async ({ open }) => {
      const text = new TextApCard(await open());
      assert.equal(await text.textPinTriesLeft(), 3);
      assert.deepEqual(await text.readBasic4('5678'), { name: '山田　太郎', address: '東京都千代田区霞が関１－２－３', dob: '19800217', sex: '1' });
      assert.match(await text.readMyNumberForMunicipalCounter('5678'), /^\d{12}$/);
    });
  });

  it('link to the card gone while idle → card.removed on the next command', async () => {
    await withCard({}, async ({ ins, open }) => {
      const card = new JpkiCard(await open());
      await card.detect();
      await ins.remove();
      await assert.rejects(card.readAuthCertificate(), (e) => isKioskError(e, 'card.removed'));
    });
  });
});
