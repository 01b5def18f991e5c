// Turns certificate bytes into the facts the kiosk needs, or a typed error — never a crash.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { KioskError } from '../errors';
import { serialToHex, sha256Sync, toArrayBuffer, toHex } from './bytes';
import { nameToString, parseBasic4FromSan } from './names';
import {
  OID_EXT_BASIC_CONSTRAINTS, OID_EXT_CERT_POLICIES, OID_EXT_SUBJECT_ALT_NAME, OID_POLICY_AUTH, OID_POLICY_SIGN,
} from './oids';
import type { CertFacts } from './types';

/** A decoded certificate with the exact DER it came from (trailing card filler removed). */
export interface DecodedCertificate {
  cert: pkijs.Certificate;
  der: Uint8Array;
}

function bad(message: string, cause?: unknown): KioskError {
  return new KioskError('auth.bad_certificate', message, {}, { cause });
}

/**
 * Decodes DER. Card EFs pad the object with FF filler (jpki-card.md §12 #2), so trailing FF bytes
 * are tolerated and cut off; any other trailing byte means the input is not one certificate.
 */
/**
 * Decoded certificates by the byte array they came from. One login passes the same array through
 * parsing, the signature check, path validation and revocation, and the anchors are the same arrays
 * on every login; decoding once per array saves most of the host time. Keyed by identity, so a
 * different (even equal) array is decoded afresh; callers never mutate certificate bytes.
 */
const decodedByArray = new WeakMap<Uint8Array, DecodedCertificate>();

export function decodeCertificate(der: Uint8Array): DecodedCertificate {
  const cached = der instanceof Uint8Array ? decodedByArray.get(der) : undefined;
  if (cached) return cached;
  const decoded = decodeCertificateUncached(der);
  decodedByArray.set(der, decoded);
  return decoded;
}

function decodeCertificateUncached(der: Uint8Array): DecodedCertificate {
  if (!(der instanceof Uint8Array) || der.length < 16) throw bad('certificate is empty or too short');
  const asn1 = asn1js.fromBER(toArrayBuffer(der));
  if (asn1.offset === -1 || asn1.result.error) throw bad(`certificate does not decode: ${asn1.result.error}`);
  for (let i = asn1.offset; i < der.length; i++) {
    if (der[i] !== 0xff) throw bad('unexpected bytes after the certificate');
  }
  let cert: pkijs.Certificate;
  try {
    cert = new pkijs.Certificate({ schema: asn1.result });
  } catch (err) {
    throw bad('not an X.509 certificate', err);
  }
  return { cert, der: der.subarray(0, asn1.offset) };
}

function extension(cert: pkijs.Certificate, oid: string): pkijs.Extension | undefined {
  return cert.extensions?.find((ext) => ext.extnID === oid);
}

function kindOf(cert: pkijs.Certificate): CertFacts['kind'] {
  const ext = extension(cert, OID_EXT_CERT_POLICIES);
  if (!ext) return 'unknown';
  const policies = ext.parsedValue instanceof pkijs.CertificatePolicies
    ? ext.parsedValue.certificatePolicies.map((p) => p.policyIdentifier)
    : [];
  if (policies.includes(OID_POLICY_AUTH)) return 'auth';
  if (policies.includes(OID_POLICY_SIGN)) return 'sign';
  return 'unknown';
}

/** Facts from an already decoded certificate. Throws 'auth.bad_certificate' on a malformed field. */
export function factsOf(decoded: DecodedCertificate): CertFacts {
  const { cert, der } = decoded;
  try {
    const facts: CertFacts = {
      serialHex: serialToHex(cert.serialNumber.valueBlock.valueHexView.slice().buffer),
      subject: nameToString(cert.subject),
      issuer: nameToString(cert.issuer),
      notBefore: cert.notBefore.value,
      notAfter: cert.notAfter.value,
      kind: kindOf(cert),
      sha256FingerprintHex: toHex(sha256Sync(der)),
    };
    if (Number.isNaN(facts.notBefore.getTime()) || Number.isNaN(facts.notAfter.getTime())) {
      throw new Error('validity dates do not parse');
    }
    const bc = extension(cert, OID_EXT_BASIC_CONSTRAINTS)?.parsedValue;
    facts.isCa = bc instanceof pkijs.BasicConstraints && bc.cA === true;
    const san = extension(cert, OID_EXT_SUBJECT_ALT_NAME);
    if (san) {
      const basic4 = parseBasic4FromSan(toArrayBuffer(san.extnValue.valueBlock.valueHexView));
      if (basic4) facts.basic4 = basic4;
    }
    return facts;
  } catch (err) {
    if (err instanceof KioskError) throw err;
    throw bad(`certificate field does not parse: ${err instanceof Error ? err.message : String(err)}`, err);
  }
}

/** Parses a certificate (DER, optional FF filler). Throws KioskError('auth.bad_certificate') on junk. */
export function parseCertificate(der: Uint8Array): CertFacts {
  return factsOf(decodeCertificate(der));
}
