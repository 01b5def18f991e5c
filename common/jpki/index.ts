// JPKI certificate facts, card-signature checks and holder-certificate validation.
// Pure TypeScript (pkijs/asn1js + WebCrypto): the kiosk and the back office run this same code.
export type {
  Basic4, CertFacts, RevocationChecker, RevocationOutcome, RevocationReason, ValidatedCert, ValidationPolicy,
} from './types';
export { REVOCATION_REASON_CODES, reasonFromCode } from './types';
export { parseCertificate, decodeCertificate } from './parse';
export { sha256DigestInfo, verifyCardSignature } from './signature';
export { createHttpRevocationChecker } from './revocation';
export type { HttpRevocationCheckerOptions } from './revocation';
export { validateCertificate } from './validate';
export * from './oids';
