// Builds and signs the test certificates with pkijs (RSA-2048, sha256WithRSAEncryption).
// Every field comes from the seed and the holder spec, and PKCS#1 v1.5 signatures are
// deterministic, so the same inputs always give the same bytes.
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID_POLICY_AUTH, OID_POLICY_SIGN } from '../../common/jpki/oids';
import type { DeterministicKeyStore, KeyPairDer } from './keys';
import { authExtensions, authSubject, caName, rootExtensions, signExtensions, signSubject } from './profile';
import type { SanBasic4 } from './profile';

export interface CaMaterial {
  which: 'auth' | 'sign';
  hierarchy: 'test' | 'untrusted';
  certDer: Uint8Array;
  cert: pkijs.Certificate;
  keyId: Uint8Array;
  privateKey: CryptoKey;
  /** SHA-1 of the subjectPublicKey BIT STRING contents: the OCSP CertID issuerKeyHash and our SKI. */
  keySha1: Uint8Array;
  keySha256: Uint8Array;
}

const SIGN_ALG = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
// The test roots' lifetime: wide enough for any holder scenario a test may set up, and UTCTime-encodable.
const ROOT_NOT_BEFORE = new Date('2015-12-31T15:00:00Z');
const ROOT_NOT_AFTER = new Date('2049-12-31T14:59:59Z');

export function hashBytes(alg: 'sha1' | 'sha256', ...parts: (string | Uint8Array)[]): Uint8Array {
  const h = createHash(alg);
  for (const part of parts) h.update(part);
  return new Uint8Array(h.digest());
}

/** A positive 8-byte serial without a leading zero octet, from a label. */
export function serialFor(seed: string, label: string): Uint8Array {
  const bytes = hashBytes('sha256', 'serial|', seed, '|', label).slice(0, 8);
  bytes[0] = (bytes[0]! & 0x3f) | 0x40;
  return bytes;
}

/** DER time type per RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
export function x509Time(date: Date): pkijs.Time {
  return new pkijs.Time({ type: date.getUTCFullYear() >= 2050 ? 1 : 0, value: date });
}

export async function importSigningKey(pair: KeyPairDer): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey('pkcs8', pair.pkcs8.slice().buffer, SIGN_ALG, false, ['sign']);
}

interface CertInput {
  serial: Uint8Array;
  issuer: pkijs.RelativeDistinguishedNames;
  subject: pkijs.RelativeDistinguishedNames;
  notBefore: Date;
  notAfter: Date;
  spki: Uint8Array;
  extensions: pkijs.Extension[];
  signer: CryptoKey;
}

async function buildCertificate(input: CertInput): Promise<{ der: Uint8Array; cert: pkijs.Certificate }> {
  const cert = new pkijs.Certificate({
    version: 2,
    serialNumber: new asn1js.Integer({ valueHex: input.serial.slice().buffer }),
    issuer: input.issuer,
    subject: input.subject,
    notBefore: x509Time(input.notBefore),
    notAfter: x509Time(input.notAfter),
    subjectPublicKeyInfo: pkijs.PublicKeyInfo.fromBER(input.spki.slice().buffer),
    extensions: input.extensions,
  });
  await cert.sign(input.signer, 'SHA-256');
  const der = new Uint8Array(cert.toSchema(true).toBER(false));
  return { der, cert: pkijs.Certificate.fromBER(der.slice().buffer) };
}

function publicKeyBits(spki: Uint8Array): Uint8Array {
  return pkijs.PublicKeyInfo.fromBER(spki.slice().buffer).subjectPublicKey.valueBlock.valueHexView;
}

export async function createRoot(
  keys: DeterministicKeyStore, seed: string, which: 'auth' | 'sign', hierarchy: 'test' | 'untrusted',
): Promise<CaMaterial> {
  const pair = keys.get(`root|${hierarchy}|${which}`);
  const bits = publicKeyBits(pair.spki);
  const keySha1 = hashBytes('sha1', bits);
  const privateKey = await importSigningKey(pair);
  const name = caName(which);
  const { der, cert } = await buildCertificate({
    serial: serialFor(seed, `root|${hierarchy}|${which}`), issuer: name, subject: caName(which),
    notBefore: ROOT_NOT_BEFORE, notAfter: ROOT_NOT_AFTER, spki: pair.spki,
    extensions: rootExtensions(which, keySha1), signer: privateKey,
  });
  return { which, hierarchy, certDer: der, cert, keyId: keySha1, privateKey, keySha1, keySha256: hashBytes('sha256', bits) };
}

export interface EndEntityInput {
  seed: string;
  label: string;
  ca: CaMaterial;
  keys: KeyPairDer;
  notBefore: Date;
  notAfter: Date;
}

export async function createAuthCert(input: EndEntityInput, opaqueId: string): Promise<Uint8Array> {
  const { der } = await buildCertificate({
    serial: serialFor(input.seed, input.label), issuer: input.ca.cert.subject, subject: authSubject(opaqueId),
    notBefore: input.notBefore, notAfter: input.notAfter, spki: input.keys.spki,
    extensions: authExtensions(OID_POLICY_AUTH, input.ca.keyId, hashBytes('sha1', publicKeyBits(input.keys.spki))),
    signer: input.ca.privateKey,
  });
  return der;
}

export async function createSignCert(
  input: EndEntityInput, basic4: SanBasic4, place: { prefecture: string; city: string }, cn: string,
): Promise<Uint8Array> {
  const { der } = await buildCertificate({
    serial: serialFor(input.seed, input.label), issuer: input.ca.cert.subject,
    subject: signSubject(place.prefecture, place.city, cn),
    notBefore: input.notBefore, notAfter: input.notAfter, spki: input.keys.spki,
    extensions: signExtensions(OID_POLICY_SIGN, input.ca.keyId, hashBytes('sha1', publicKeyBits(input.keys.spki)), basic4, place.prefecture, place.city),
    signer: input.ca.privateKey,
  });
  return der;
}
