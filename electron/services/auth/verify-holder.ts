// Verification of one login: the card's signature over our fresh challenge, then the certificate
// (path to a configured anchor, validity now, revocation). Everything here is the shared pure code
// in common/jpki, so the back office verifies with exactly the same rules.
import { KioskError } from '../../../common/errors';
import {
  createHttpRevocationChecker,
  decodeCertificate,
  OID_EXT_SUBJECT_ALT_NAME,
  parseCertificate,
  validateCertificate,
  verifyCardSignature,
  type RevocationChecker,
} from '../../../common/jpki';
import { inEligibilityGrace } from '../../../common/jpki/eligibility-grace';
import type { AuthServiceConfig } from './config';

export interface AuthenticatedHolder {
  certificate: { serialHex: string; subject: string; issuer: string; notBefore: string; notAfter: string };
  revocation: 'good' | 'unchecked';
  authenticatedAt: string;
  /**
   * Set only on a login for 'eligibility' whose certificate expired less than 3 months ago: the
   * holder may confirm insurance eligibility and nothing else (and should renew the certificate).
   */
  eligibilityOnly?: true;
  /** Present when the card signed a relying party's challenge: what the kiosk forwards to it. */
  signedChallenge?: SignedChallenge;
}

/** The login's one card signature, over the relying party's challenge, verified here already. */
export interface SignedChallenge { challenge: Uint8Array; authCertDer: Uint8Array; signature: Uint8Array }

export function revocationCheckerFor(config: AuthServiceConfig, fetchImpl: typeof fetch = fetch): RevocationChecker | null {
  const { ocspUrl, crlUrl, timeoutMs } = config.revocation;
  if (!ocspUrl && !crlUrl) return null;
  return createHttpRevocationChecker({
    ...(ocspUrl ? { ocspUrl } : {}),
    ...(crlUrl ? { crlUrls: { auth: crlUrl } } : {}),
    fetch: fetchImpl,
    timeoutMs,
  });
}

/**
 * What the login is for. 'authentication' (default): every rule, an expired certificate is
 * `auth.expired`. 'eligibility' (hospital reception): a certificate expired less than 3 months ago
 * still passes, marked `eligibilityOnly`.
 */
export type LoginPurpose = 'authentication' | 'eligibility';

export async function verifyHolder(
  config: AuthServiceConfig,
  revocation: RevocationChecker | null,
  authCertDer: Uint8Array,
  challenge: Uint8Array,
  signature: Uint8Array,
  purpose: LoginPurpose = 'authentication',
): Promise<AuthenticatedHolder> {
  const facts = parseCertificate(authCertDer);
  if (facts.kind === 'sign') {
    // A signature certificate in the auth slot is not a genuine card layout.
    throw new KioskError('auth.bad_certificate', 'the authentication slot holds a signature certificate', { reason: 'signature_certificate' });
  }
  // J-LIS user-authentication certificates carry no personal data (jpki-card.md §11.2): a
  // subjectAltName there, however well signed, is not the profile and is refused as such.
  if (decodeCertificate(authCertDer).cert.extensions?.some((e) => e.extnID === OID_EXT_SUBJECT_ALT_NAME)) {
    throw new KioskError('auth.bad_certificate', 'the authentication certificate carries a subjectAltName, which this profile never has', {
      reason: 'unexpected_extension',
    });
  }
  // Signature first: it proves possession of the key (and the PIN) for THIS challenge; a stale
  // or replayed signature fails here before we spend a network round trip on revocation.
  if (!(await verifyCardSignature(authCertDer, challenge, signature))) {
    throw new KioskError('auth.signature_mismatch');
  }
  const now = (config.now ?? (() => new Date()))();
  // The grace moves only the certificate's own validity check (to its last valid moment); the
  // anchor, the signature path and revocation are checked now, exactly as for any login.
  const notAfter = facts.notAfter;
  const eligibilityOnly = purpose === 'eligibility' && inEligibilityGrace(notAfter, now);
  const validated = await validateCertificate(authCertDer, {
    anchors: config.anchors,
    now,
    revocation,
    revocationFailure: config.revocation.failure,
    ...(eligibilityOnly ? { certificateValidAt: notAfter } : {}),
  });
  return {
    certificate: {
      serialHex: validated.serialHex,
      subject: validated.subject,
      issuer: validated.issuer,
      notBefore: validated.notBefore.toISOString(),
      notAfter: validated.notAfter.toISOString(),
    },
    revocation: validated.revocation,
    authenticatedAt: now.toISOString(),
    ...(eligibilityOnly ? { eligibilityOnly: true as const } : {}),
  };
}
