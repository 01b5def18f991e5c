// Card signatures: the DigestInfo the card signs, and checking a signature with a certificate's key.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { KioskError } from '../errors';
import { toArrayBuffer } from './bytes';
import { OID_RSA_ENCRYPTION, OID_SHA256 } from './oids';
import { decodeCertificate } from './parse';

/** DER DigestInfo { AlgorithmIdentifier sha256 NULL, OCTET STRING hash } — 51 bytes (RFC 8017 §9.2). */
export function sha256DigestInfo(sha256: Uint8Array): Uint8Array {
  if (!(sha256 instanceof Uint8Array) || sha256.length !== 32) {
    throw new KioskError('input.invalid', 'a SHA-256 hash is 32 bytes', { field: 'sha256' });
  }
  const digestInfo = new pkijs.DigestInfo({
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256, algorithmParams: new asn1js.Null() }),
    digest: new asn1js.OctetString({ valueHex: toArrayBuffer(sha256) }),
  });
  return new Uint8Array(digestInfo.toSchema().toBER(false));
}

/** The certificate's RSA public key as a WebCrypto key for RSASSA-PKCS1-v1_5 / SHA-256. */
export async function rsaVerifyKey(cert: pkijs.Certificate): Promise<CryptoKey> {
  const spki = cert.subjectPublicKeyInfo;
  if (spki.algorithm.algorithmId !== OID_RSA_ENCRYPTION) {
    throw new KioskError('auth.bad_certificate', 'the certificate key is not RSA');
  }
  try {
    return await globalThis.crypto.subtle.importKey(
      'spki', spki.toSchema().toBER(false), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify'],
    );
  } catch (err) {
    throw new KioskError('auth.bad_certificate', 'the certificate RSA key does not import', {}, { cause: err });
  }
}

/**
 * RSASSA-PKCS1-v1_5 with SHA-256 over signedData, using the certificate's public key — what the
 * card produces for COMPUTE DIGITAL SIGNATURE over sha256DigestInfo(SHA-256(signedData)).
 * False for a signature that does not verify (any length); throws 'auth.bad_certificate' for a bad cert.
 */
export async function verifyCardSignature(certDer: Uint8Array, signedData: Uint8Array, signature: Uint8Array): Promise<boolean> {
  const { cert } = decodeCertificate(certDer);
  const key = await rsaVerifyKey(cert);
  if (!(signature instanceof Uint8Array) || !(signedData instanceof Uint8Array)) return false;
  try {
    return await globalThis.crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, toArrayBuffer(signature), toArrayBuffer(signedData));
  } catch {
    return false;
  }
}

/**
 * Whether `issuer`'s key signed `cert` (certificate or anything with the same verify shape).
 * pkijs throws on unsupported algorithms and malformed signatures; both mean "not signed by it".
 */
export async function isSignedBy(cert: pkijs.Certificate, issuer: pkijs.Certificate): Promise<boolean> {
  try {
    return await cert.verify(issuer);
  } catch {
    return false;
  }
}
