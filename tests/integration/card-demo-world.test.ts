// The card client against demo-world cards carrying real test-PKI certificates.
import assert from 'node:assert/strict';
import { createHash, verify as rsaVerify, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { ExtendedLengthCache } from '../../native/apdu/extended-length';
import { JpkiCard } from '../../native/card/jpki-ap';
import { CountingTransport } from '../../native/counting-transport';
import { PcscService } from '../../native/pcsc/pcsc-service';
import { loadDemoWorld, type DemoWorld } from '../../simulators/vcard/world';
import { insertCard } from '../../simulators/vcard/vpcd-link';

const READER = 'Virtual PCD 00 00';
const DI_PREFIX = Buffer.from('3031300D060960864801650304020105000420', 'hex');
let svc: PcscService;
let world: DemoWorld;
let stateDir: string;

before(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'card-world-'));
  world = await loadDemoWorld({ stateDir });
  svc = await PcscService.start();
});

after(async () => {
  await svc.close();
  rmSync(stateDir, { recursive: true, force: true });
});

async function login(profileId: string, pin: string) {
  const ins = await insertCard(await world.cardFor(profileId), { reader: 0 });
  try {
    await svc.waitForCard(READER, 5000);
    const t = new CountingTransport(await svc.connect(READER));
    try {
      const card = new JpkiCard(t, { extendedLengthCache: new ExtendedLengthCache() });
      const certDer = await card.readAuthCertificate();
      await card.verifyAuthPin(pin);
      const challenge = Buffer.from(`challenge for ${profileId}`);
      const di = new Uint8Array(Buffer.concat([DI_PREFIX, createHash('sha256').update(challenge).digest()]));
      const sig = await card.signWithAuthKey(di);
      return { certDer, sig, challenge, apdus: t.snapshot().apdus, path: card.lastReadPath };
    } finally {
      await t.close('unpower');
    }
  } finally {
    await ins.remove();
    while (svc.readers().find((r) => r.name === READER)?.cardPresent) await new Promise((r) => setTimeout(r, 20));
  }
}

it('resident: login signature verifies with the public key of the certificate read from the card', async () => {
  const p = world.profiles.find((x) => x.id === 'yamada-taro');
  assert.ok(p);
  const r = await login(p.id, p.authPin);
  assert.equal(r.apdus, 4);
  assert.equal(r.path, 'extended');
  const cert = new X509Certificate(Buffer.from(r.certDer));
  assert.equal(rsaVerify('sha256', r.challenge, cert.publicKey, Buffer.from(r.sig)), true);
});

it('no-extended card: chunked fallback login within 12 commands, same certificate bytes', async () => {
  const p = world.profiles.find((x) => x.kind === 'no-extended');
  assert.ok(p);
  const r = await login(p.id, p.authPin);
  assert.equal(r.path, 'chunked');
  assert.ok(r.apdus <= 12, `${r.apdus} commands`);
  assert.deepEqual(r.certDer, (await world.holderFor(p.id)).authCertDer);
  const cert = new X509Certificate(Buffer.from(r.certDer));
  assert.equal(rsaVerify('sha256', r.challenge, cert.publicKey, Buffer.from(r.sig)), true);
});
