// The demo world: profiles' cards carry certificates from the test PKI, sign with the keys those
// certificates certify, and the revoked profile is on the CRL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createHash, verify } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { isKioskError } from '../../common/errors';
import type { VirtualCard } from '../../simulators/vcard/card';
import { loadDemoWorld } from '../../simulators/vcard/world';

const JPKI = '00A4040C0AD392F000260100000001';
const stateDir = mkdtempSync(join(tmpdir(), 'vcard-world-'));
const world = await loadDemoWorld({ stateDir });

function tx(card: VirtualCard, hexApdu: string): { sw: string; data: Buffer } {
  const r = Buffer.from(card.transmit(Buffer.from(hexApdu.replace(/\s+/g, ''), 'hex')));
  return { sw: r.subarray(-2).toString('hex').toUpperCase(), data: r.subarray(0, -2) };
}
const verifyApdu = (p2: string, value: string) => `002000${p2}${value.length.toString(16).padStart(2, '0')}${Buffer.from(value).toString('hex')}`;
const certIn = (file: Buffer) => new X509Certificate(file.subarray(0, file.readUInt16BE(2) + 4));

test('the default resident signs a challenge that verifies with the certificate read from EF 000A', async () => {
  const p = world.profiles[0]!;
  const card = await world.cardFor(p.id);
  card.powerOn();
  tx(card, JPKI);
  const cert = certIn(tx(card, '00B08A00000000').data);
  assert.ok(cert.verify(new X509Certificate(Buffer.from(world.pki.roots.auth)).publicKey), 'issued by the test auth root');
  assert.ok(new Date(cert.validTo) > new Date('2026-11-23'), 'valid today');
  assert.equal(tx(card, verifyApdu('98', p.authPin)).sw, '9000');
  const challenge = Buffer.from('kiosk nonce 0001');
  const digestInfo = Buffer.concat([Buffer.from('3031300d060960864801650304020105000420', 'hex'), createHash('sha256').update(challenge).digest()]);
  const sig = tx(card, `802A0097${digestInfo.length.toString(16)}${digestInfo.toString('hex')}00`);
  assert.equal(sig.sw, '9000');
  assert.ok(verify('sha256', challenge, cert.publicKey, sig.data));
  // The sign certificate carries the 4 attributes; readable after the password.
  assert.equal(tx(card, verifyApdu('9B', p.signPassword)).sw, '9000');
  const signCert = certIn(tx(card, '00B08100000000').data);
  assert.deepEqual(new Uint8Array(signCert.raw), (await world.holderFor(p.id)).signCertDer);
});

test('text AP of a demo card holds the profile\'s 4 attributes', async () => {
  const p = world.profiles.find((x) => /髙/.test(x.name))!;
  const card = await world.cardFor(p.id);
  card.powerOn();
  tx(card, '00A4040C0AD3921000310001010408');
  tx(card, verifyApdu('91', p.textPin));
  const file = tx(card, '00B08200000000').data.toString('utf8');
  assert.ok(file.includes(p.name) && file.includes(p.address) && file.includes(p.dob));
});

test('edge-case cards: under 15, blocked, non-JPKI, old token, no extended length, untrusted issuer', async () => {
  const byKind = (k: string) => world.profiles.find((p) => p.kind === k)!;
  const open = async (k: string) => {
    const c = await world.cardFor(byKind(k).id);
    c.powerOn();
    return c;
  };
  const child = await open('under15');
  tx(child, JPKI);
  assert.equal(tx(child, '00B0880003').data[0], 0x00);
  assert.equal((await world.holderFor(byKind('under15').id)).signCertDer, undefined);
  const blocked = await open('blocked');
  tx(blocked, JPKI);
  assert.equal(tx(blocked, verifyApdu('98', byKind('blocked').authPin)).sw, '6984');
  assert.equal(tx(await open('non-jpki'), JPKI).sw, '6A82');
  const old = await open('old-token');
  tx(old, JPKI);
  assert.equal(tx(old, '00B0860020').data.toString('ascii').trimEnd(), 'JPKIAPICCTOKEN');
  const chunked = await open('no-extended');
  tx(chunked, JPKI);
  assert.equal(tx(chunked, '00B08A00000000').sw, '6700');
  const untrusted = await open('untrusted');
  tx(untrusted, JPKI);
  const cert = certIn(tx(untrusted, '00B08A00000000').data);
  assert.ok(!cert.verify(new X509Certificate(Buffer.from(world.pki.roots.auth)).publicKey));
  assert.ok(cert.verify(new X509Certificate(Buffer.from(world.pki.untrustedRoots.auth)).publicKey));
});

test('the revoked profile\'s certificates are on the test PKI\'s CRLs with reason affiliationChanged', async () => {
  const p = world.profiles.find((x) => x.kind === 'revoked')!;
  const holder = await world.holderFor(p.id);
  for (const [which, der] of [['auth', holder.authCertDer], ['sign', holder.signCertDer!]] as const) {
    const serial = new X509Certificate(Buffer.from(der)).serialNumber.toUpperCase();
    const crl = pkijs.CertificateRevocationList.fromBER(Buffer.from(await world.pki.crlDer(which, new Date('2026-11-23T00:00:00Z'))));
    const entry = (crl.revokedCertificates ?? []).find((r) => Buffer.from(r.userCertificate.valueBlock.valueHexView).toString('hex').toUpperCase() === serial);
    assert.ok(entry, `${which} certificate listed`);
    const reason = entry.crlEntryExtensions?.extensions.find((e) => e.extnID === '2.5.29.21');
    assert.ok(reason, 'reason code present');
    assert.equal(Buffer.from(reason.extnValue.valueBlock.valueHexView).at(-1), 3, 'affiliationChanged');
  }
});

test('an unknown profile id is a typed input error', async () => {
  await assert.rejects(world.cardFor('no-such-person'), (e) => isKioskError(e, 'input.invalid'));
});
