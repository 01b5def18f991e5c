// The issued test certificates have the J-LIS profile (jpki-card.md §11): what a card reader,
// the verifier and a human reading openssl output would see.
import { createPublicKey } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { loadTestPki } from '../../simulators/testpki/index';
import type { HolderSpec } from '../../simulators/testpki/index';
import { parseCertificate, OID_POLICY_AUTH, OID_POLICY_SIGN } from '../../common/jpki/index';

const TARO: HolderSpec = {
  id: 'profile-taro', name: '髙橋 太郎', nameAlt: '高橋 太郎', sex: '1', dob: '19900102',
  address: '東京都清瀬市中里一丁目1番地の2', addressAlt: '東京都清瀬市中里1-1-2',
  prefectureRomaji: 'Tokyo-to', cityRomaji: 'Kiyose-shi', issuedAt: '2025-10-27', withSignCert: true,
};

const pki = await loadTestPki();

function cert(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(der.slice().buffer);
}

function extension(c: pkijs.Certificate, oid: string): pkijs.Extension | undefined {
  return c.extensions?.find((e) => e.extnID === oid);
}

/** Number of RDNs (SETs) in a Name: J-LIS names have one attribute per RDN. */
function rdnCount(name: pkijs.RelativeDistinguishedNames): number {
  const seq = asn1js.fromBER(name.toSchema().toBER(false)).result as asn1js.Sequence;
  return seq.valueBlock.value.length;
}

function keyUsageByte(c: pkijs.Certificate): number {
  const ext = extension(c, '2.5.29.15');
  assert.ok(ext?.critical, 'keyUsage is critical');
  return (ext.parsedValue as asn1js.BitString).valueBlock.valueHexView[0]!;
}

test('roots: JPKI DN shape with O=JPKI-TEST, self-signed CA, keyCertSign+cRLSign, RSA-2048', async () => {
  for (const which of ['auth', 'sign'] as const) {
    const facts = parseCertificate(pki.roots[which]);
    const ou = which === 'auth' ? 'JPKI for user authentication' : 'JPKI for digital signature';
    assert.equal(facts.subject, `C=JP, O=JPKI-TEST, OU=${ou}, OU=Japan Agency for Local Authority Information Systems`);
    assert.equal(facts.issuer, facts.subject);
    assert.equal(facts.isCa, true);
    const c = cert(pki.roots[which]);
    assert.equal(rdnCount(c.subject), 4);
    assert.equal(keyUsageByte(c), 0x06);
    assert.equal(c.signatureAlgorithm.algorithmId, '1.2.840.113549.1.1.11');
    const key = createPublicKey({ key: Buffer.from(c.subjectPublicKeyInfo.toSchema().toBER(false)), format: 'der', type: 'spki' });
    assert.deepEqual(key.asymmetricKeyDetails, { modulusLength: 2048, publicExponent: 65537n });
    assert.ok(await c.verify(c), 'self-signed');
    const san = extension(c, '2.5.29.17')?.parsedValue as pkijs.AltName;
    assert.equal(san.altNames[0]?.type, 4);
    assert.match(JSON.stringify(san.altNames[0]?.value.toJSON()), /公的個人認証サービス/);
  }
});

test('look-alike roots carry the identical DN but a different key', () => {
  for (const which of ['auth', 'sign'] as const) {
    const real = cert(pki.roots[which]);
    const fake = cert(pki.untrustedRoots[which]);
    assert.equal(parseCertificate(pki.untrustedRoots[which]).subject, parseCertificate(pki.roots[which]).subject);
    assert.notDeepEqual(
      real.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView,
      fake.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView,
    );
  }
});

test('auth certificate: C=JP, CN=<opaque id>, no personal data, auth policy, digitalSignature', async () => {
  const holder = await pki.issueHolder(TARO);
  const facts = parseCertificate(holder.authCertDer);
  assert.match(facts.subject, /^C=JP, CN=[0-9A-Z]{23}$/);
  assert.equal(facts.kind, 'auth');
  assert.equal(facts.basic4, undefined);
  const c = cert(holder.authCertDer);
  assert.equal(extension(c, '2.5.29.17'), undefined, 'no subjectAltName on the auth certificate');
  assert.ok(!/髙橋|清瀬|1990/.test(Buffer.from(holder.authCertDer).toString('utf8')), 'no personal data bytes');
  assert.equal(keyUsageByte(c), 0x80);
  const policies = extension(c, '2.5.29.32')?.parsedValue as pkijs.CertificatePolicies;
  assert.deepEqual(policies.certificatePolicies.map((p) => p.policyIdentifier), [OID_POLICY_AUTH]);
  assert.deepEqual(holder.authCaDer, pki.roots.auth);
});

test('sign certificate: L=prefecture, L=city, CN=request time+seq+desk, 4 info round-trip with kanji', async () => {
  const holder = await pki.issueHolder(TARO);
  assert.ok(holder.signCertDer && holder.signKeyPkcs8);
  const facts = parseCertificate(holder.signCertDer);
  assert.match(facts.subject, /^C=JP, L=Tokyo-to, L=Kiyose-shi, CN=20251027\d{6}\d{5}[0-9A-Z]{9}$/);
  assert.equal(facts.kind, 'sign');
  assert.deepEqual(facts.basic4, {
    name: '髙橋 太郎', nameAlt: '高橋 太郎', sex: '1', dob: '19900102', dobRaw: '419900102',
    address: '東京都清瀬市中里一丁目1番地の2', addressAlt: '東京都清瀬市中里1-1-2',
  });
  const c = cert(holder.signCertDer);
  assert.equal(keyUsageByte(c), 0xc0, 'digitalSignature + nonRepudiation');
  const policies = extension(c, '2.5.29.32')?.parsedValue as pkijs.CertificatePolicies;
  assert.deepEqual(policies.certificatePolicies.map((p) => p.policyIdentifier), [OID_POLICY_SIGN]);
  const dp = extension(c, '2.5.29.31')?.parsedValue as pkijs.CRLDistributionPoints;
  const dpName = (dp.distributionPoints[0]?.distributionPoint as pkijs.GeneralName[])[0];
  assert.equal(dpName?.type, 4, 'CRL DP is a DirName, not a URL');
  assert.deepEqual(holder.signCaDer, pki.roots.sign);
});

test('DOB era digit follows the Japanese era of the birth date', async () => {
  const cases: [string, string][] = [['19890107', '319890107'], ['19890108', '419890108'], ['20190501', '520190501'], ['19261225', '319261225']];
  for (const [dob, raw] of cases) {
    const h = await pki.issueHolder({ ...TARO, id: `era-${dob}`, dob });
    assert.equal(parseCertificate(h.signCertDer!).basic4?.dobRaw, raw);
  }
});

test('validity runs to the end (JST) of the 5th birthday after issuance', async () => {
  // Reference example: issued 2025-10-27, birthday 02-17 → 2030-02-17.
  const h = await pki.issueHolder({ ...TARO, id: 'validity-1', dob: '19800217' });
  const facts = parseCertificate(h.authCertDer);
  assert.equal(facts.notBefore.toISOString(), '2025-10-26T15:00:00.000Z');
  assert.equal(facts.notAfter.toISOString(), '2030-02-17T14:59:59.000Z');
  assert.equal(parseCertificate(h.signCertDer!).notAfter.toISOString(), '2030-02-17T14:59:59.000Z');
  // A birthday on the issue day itself is not "after" issuance.
  const sameDay = await pki.issueHolder({ ...TARO, id: 'validity-2', dob: '19801027' });
  assert.equal(parseCertificate(sameDay.authCertDer).notAfter.toISOString(), '2030-10-27T14:59:59.000Z');
  // Birthday later in the issue year counts as the first.
  const later = await pki.issueHolder({ ...TARO, id: 'validity-3', dob: '19801201' });
  assert.equal(parseCertificate(later.authCertDer).notAfter.toISOString(), '2029-12-01T14:59:59.000Z');
});

test('a 29 February birthday ends on 28 February in a common year, 29 February in a leap year', async () => {
  // Issued 2024-03-01: birthdays after it 2025-02-28, 2026-02-28, 2027-02-28, 2028-02-29, 2029-02-28.
  const common = await pki.issueHolder({ ...TARO, id: 'leap-1', dob: '20000229', issuedAt: '2024-03-01' });
  assert.equal(parseCertificate(common.authCertDer).notAfter.toISOString(), '2029-02-28T14:59:59.000Z');
  // Issued 2023-03-01: the 5th birthday after is 2028-02-29 (leap year).
  const leap = await pki.issueHolder({ ...TARO, id: 'leap-2', dob: '20000229', issuedAt: '2023-03-01' });
  assert.equal(parseCertificate(leap.authCertDer).notAfter.toISOString(), '2028-02-29T14:59:59.000Z');
});

test('holders under 15 get no sign certificate; an explicit notAfter wins', async () => {
  const child = await pki.issueHolder({ ...TARO, id: 'child', dob: '20150505', withSignCert: false, notAfter: '2027-01-31' });
  assert.equal(child.signCertDer, undefined);
  assert.equal(child.signKeyPkcs8, undefined);
  assert.equal(parseCertificate(child.authCertDer).notAfter.toISOString(), '2027-01-31T14:59:59.000Z');
});

test('a bad holder spec is a typed input error, not a crash', async () => {
  await assert.rejects(pki.issueHolder({ ...TARO, dob: '19900230' }), { kind: 'input.invalid' });
  await assert.rejects(pki.issueHolder({ ...TARO, cityRomaji: '清瀬市' }), { kind: 'input.invalid' });
  await assert.rejects(pki.issueHolder({ ...TARO, issuedAt: '2030-01-01', notAfter: '2029-01-01' }), { kind: 'input.invalid' });
});
