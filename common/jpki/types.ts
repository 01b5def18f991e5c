// Shapes shared by the verifier (common/jpki) and the test PKI that issues what it verifies.

/** CRLReason names of RFC 5280 §5.3.1 that J-LIS uses (jpki-card.md §11.4). */
export type RevocationReason =
  | 'unspecified'
  | 'keyCompromise'
  | 'cACompromise'
  | 'affiliationChanged'
  | 'superseded'
  | 'cessationOfOperation'
  | 'certificateHold';

/** CRLReason ENUMERATED values (RFC 5280); 7 is unused, 8 (removeFromCRL) never occurs here. */
export const REVOCATION_REASON_CODES: Record<RevocationReason, number> = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
};

/** Maps a CRLReason code back to its name; unknown codes read as 'unspecified' (RFC 5280 default). */
export function reasonFromCode(code: number | undefined): RevocationReason {
  for (const [name, value] of Object.entries(REVOCATION_REASON_CODES)) {
    if (value === code) return name as RevocationReason;
  }
  return 'unspecified';
}

/** 基本4情報 as carried in the sign certificate's subjectAltName. */
export interface Basic4 {
  name: string;
  nameAlt?: string;
  /** Code as written in the certificate (ISO 5218 digit in the test hierarchy). */
  sex: string;
  /** Gregorian 'YYYYMMDD' (the certificate's leading era digit removed). */
  dob: string;
  address: string;
  addressAlt?: string;
  /** The DOB value exactly as in the certificate, e.g. '419900102' (era digit + Gregorian date). */
  dobRaw?: string;
}

export interface CertFacts {
  serialHex: string;
  /** RFC 4514-style attribute list in certificate order, e.g. 'C=JP, CN=…'. */
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** By certificate policy OID (jpki-card.md §11.2). */
  kind: 'auth' | 'sign' | 'unknown';
  basic4?: Basic4;
  sha256FingerprintHex: string;
  /** True for a CA certificate (basicConstraints cA) — never acceptable as a holder certificate. */
  isCa?: boolean;
}

export type RevocationOutcome =
  | { status: 'good'; source: 'ocsp' | 'crl' }
  | { status: 'revoked'; reason: RevocationReason; revokedAt: Date; source: 'ocsp' | 'crl' }
  | { status: 'unreachable'; detail: string };

export interface RevocationChecker {
  check(certDer: Uint8Array, issuerDer: Uint8Array, now: Date): Promise<RevocationOutcome>;
}

export interface ValidationPolicy {
  anchors: Uint8Array[];
  now: Date;
  revocation: RevocationChecker | null;
  revocationFailure: 'fail-closed' | 'fail-open';
  /** Optional: require this certificate kind; another kind gives 'auth.bad_certificate'. */
  expectKind?: 'auth' | 'sign';
  /**
   * Optional: the moment the holder certificate's own validity period is checked (default `now`).
   * The eligibility-only rule (eligibility-grace.ts) checks a recently expired certificate at its
   * expiry; the anchor and revocation are still checked at `now`.
   */
  certificateValidAt?: Date;
}

export interface ValidatedCert extends CertFacts {
  anchorFingerprintHex: string;
  revocation: 'good' | 'unchecked';
}
