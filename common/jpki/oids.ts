// Object identifiers of the JPKI certificate profile (jpki-card.md §11) and the X.509/OCSP
// pieces the verifier reads. Kept in one place so the issuer (test PKI) and the verifier
// can never drift apart.

/** Certificate policy of the 利用者証明用 (user-authentication) certificate. */
export const OID_POLICY_AUTH = '1.2.392.200149.8.5.1.3.30';
/** Certificate policy of the 署名用 (digital-signature) certificate. */
export const OID_POLICY_SIGN = '1.2.392.200149.8.5.1.1.20';

/** subjectAltName otherName type-ids of the 基本4情報 in the sign certificate. */
export const OID_SAN_NAME = '1.2.392.200149.8.5.5.1';
export const OID_SAN_NAME_ALT = '1.2.392.200149.8.5.5.2';
export const OID_SAN_SEX = '1.2.392.200149.8.5.5.3';
export const OID_SAN_DOB = '1.2.392.200149.8.5.5.4';
export const OID_SAN_ADDRESS = '1.2.392.200149.8.5.5.5';
export const OID_SAN_ADDRESS_ALT = '1.2.392.200149.8.5.5.6';

// X.509 extensions
export const OID_EXT_SUBJECT_KEY_ID = '2.5.29.14';
export const OID_EXT_KEY_USAGE = '2.5.29.15';
export const OID_EXT_SUBJECT_ALT_NAME = '2.5.29.17';
export const OID_EXT_BASIC_CONSTRAINTS = '2.5.29.19';
export const OID_EXT_CRL_NUMBER = '2.5.29.20';
export const OID_EXT_CRL_REASON = '2.5.29.21';
export const OID_EXT_CRL_DP = '2.5.29.31';
export const OID_EXT_CERT_POLICIES = '2.5.29.32';
export const OID_EXT_AUTHORITY_KEY_ID = '2.5.29.35';

// Algorithms
export const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
export const OID_SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
export const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
export const OID_SHA1 = '1.3.14.3.2.26';

// OCSP
export const OID_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
export const OID_OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2';

// Attribute types used in JPKI names
export const OID_AT_COUNTRY = '2.5.4.6';
export const OID_AT_LOCALITY = '2.5.4.7';
export const OID_AT_ORG = '2.5.4.10';
export const OID_AT_ORG_UNIT = '2.5.4.11';
export const OID_AT_COMMON_NAME = '2.5.4.3';
