// Holder-certificate validation: a path to a configured anchor, validity at `now`, revocation.
// JPKI roots of every generation share one DN (jpki-card.md §11.1), so the issuer is chosen by
// key identifier and proven by signature — a name match alone proves nothing.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { z } from 'zod';
import { KioskError } from '../errors';
import { bytesEqual } from './bytes';
import { OID_EXT_AUTHORITY_KEY_ID, OID_EXT_SUBJECT_KEY_ID } from './oids';
import type { DecodedCertificate } from './parse';
import { decodeCertificate, factsOf } from './parse';
import { isSignedBy } from './signature';
import type { RevocationOutcome, ValidatedCert, ValidationPolicy } from './types';

const policySchema = z.object({
  anchors: z.array(z.instanceof(Uint8Array)).min(1, 'at least one trust anchor is required'),
  now: z.date().refine((d) => !Number.isNaN(d.getTime()), 'now must be a valid date'),
  revocation: z.object({ check: z.custom<(...args: unknown[]) => unknown>((v) => typeof v === 'function') }).nullable(),
  revocationFailure: z.enum(['fail-closed', 'fail-open']),
  expectKind: z.enum(['auth', 'sign']).optional(),
  certificateValidAt: z.date().refine((d) => !Number.isNaN(d.getTime()), 'certificateValidAt must be a valid date').optional(),
});

function keyIdOf(cert: pkijs.Certificate, oid: string): Uint8Array | undefined {
  const value = cert.extensions?.find((e) => e.extnID === oid)?.parsedValue;
  if (value instanceof pkijs.AuthorityKeyIdentifier) return value.keyIdentifier?.valueBlock.valueHexView;
  if (value instanceof asn1js.OctetString) return value.valueBlock.valueHexView;
  return undefined;
}

function decodeAnchors(anchors: Uint8Array[]): DecodedCertificate[] {
  return anchors.map((der, index) => {
    try {
      return decodeCertificate(der);
    } catch (err) {
      throw new KioskError('input.invalid', `trust anchor #${index} is not a certificate`, { field: 'anchors' }, { cause: err });
    }
  });
}

/** The anchor whose key signed `cert`: key-id matches are tried first, then every other anchor. */
async function findIssuingAnchor(cert: pkijs.Certificate, anchors: DecodedCertificate[]): Promise<DecodedCertificate | undefined> {
  const aki = keyIdOf(cert, OID_EXT_AUTHORITY_KEY_ID);
  const matchesKeyId = (a: DecodedCertificate): boolean => {
    const ski = keyIdOf(a.cert, OID_EXT_SUBJECT_KEY_ID);
    return aki !== undefined && ski !== undefined && bytesEqual(aki, ski);
  };
  const ordered = [...anchors.filter(matchesKeyId), ...anchors.filter((a) => !matchesKeyId(a))];
  for (const anchor of ordered) {
    if (await isSignedBy(cert, anchor.cert)) return anchor;
  }
  return undefined;
}

function checkValidity(notBefore: Date, notAfter: Date, now: Date, which: 'certificate' | 'anchor'): void {
  if (now.getTime() < notBefore.getTime()) {
    throw new KioskError('auth.not_yet_valid', `the ${which} is valid from ${notBefore.toISOString()}`, { which, notBefore: notBefore.toISOString() });
  }
  if (now.getTime() > notAfter.getTime()) {
    throw new KioskError('auth.expired', `the ${which} expired at ${notAfter.toISOString()}`, { which, notAfter: notAfter.toISOString() });
  }
}

async function checkRevocation(
  policy: ValidationPolicy, certDer: Uint8Array, anchorDer: Uint8Array,
): Promise<'good' | 'unchecked'> {
  if (policy.revocation === null) return 'unchecked';
  let outcome: RevocationOutcome;
  try {
    outcome = await policy.revocation.check(certDer, anchorDer, policy.now);
  } catch (err) {
    // A checker that throws has not answered; treat it like an unreachable source.
    outcome = { status: 'unreachable', detail: err instanceof Error ? err.message : String(err) };
  }
  if (outcome.status === 'good') return 'good';
  if (outcome.status === 'revoked') {
    throw new KioskError('auth.revoked', `revoked (${outcome.reason}) at ${outcome.revokedAt.toISOString()}`, {
      reason: outcome.reason, revokedAt: outcome.revokedAt.toISOString(), source: outcome.source,
    });
  }
  if (policy.revocationFailure === 'fail-open') return 'unchecked';
  throw new KioskError('auth.revocation_unreachable', `revocation status unavailable: ${outcome.detail}`, { detail: outcome.detail });
}

/**
 * Validates a holder certificate (JPKI: issued directly by a root). Throws KioskError with kind
 * 'auth.bad_certificate' | 'auth.untrusted_issuer' | 'auth.not_yet_valid' | 'auth.expired' |
 * 'auth.revoked' (details.reason) | 'auth.revocation_unreachable'; 'input.invalid' for a bad policy.
 * `revocation: null` disables the check (result 'unchecked'), whatever revocationFailure says.
 */
export async function validateCertificate(certDer: Uint8Array, policy: ValidationPolicy): Promise<ValidatedCert> {
  const checkedPolicy = policySchema.safeParse(policy);
  if (!checkedPolicy.success) {
    throw new KioskError('input.invalid', `validation policy: ${checkedPolicy.error.message}`, { field: 'policy' });
  }
  const decoded = decodeCertificate(certDer);
  const facts = factsOf(decoded);
  if (facts.isCa) throw new KioskError('auth.bad_certificate', 'a CA certificate is not a holder certificate');
  if (policy.expectKind && facts.kind !== policy.expectKind) {
    throw new KioskError('auth.bad_certificate', `expected a ${policy.expectKind} certificate, got ${facts.kind}`, { kind: facts.kind });
  }
  const anchor = await findIssuingAnchor(decoded.cert, decodeAnchors(policy.anchors));
  if (!anchor) throw new KioskError('auth.untrusted_issuer', `no trust anchor signed this certificate (issuer ${facts.issuer})`);
  checkValidity(facts.notBefore, facts.notAfter, policy.certificateValidAt ?? policy.now, 'certificate');
  checkValidity(anchor.cert.notBefore.value, anchor.cert.notAfter.value, policy.now, 'anchor');
  const revocation = await checkRevocation(policy, decoded.der, anchor.der);
  return { ...facts, anchorFingerprintHex: factsOf(anchor).sha256FingerprintHex, revocation };
}
