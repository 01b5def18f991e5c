// Names and extensions of the test hierarchy, shaped like J-LIS's (jpki-card.md §11.1–§11.2).
// The only deliberate difference from production is O=JPKI-TEST (the organisation J-LIS's own
// test hierarchy uses), so a test certificate can never be mistaken for a real one by a human
// reading a log — while the verifier still must tell them apart by key, never by name.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  OID_AT_COMMON_NAME, OID_AT_COUNTRY, OID_AT_LOCALITY, OID_AT_ORG, OID_AT_ORG_UNIT,
  OID_EXT_AUTHORITY_KEY_ID, OID_EXT_BASIC_CONSTRAINTS, OID_EXT_CERT_POLICIES, OID_EXT_CRL_DP,
  OID_EXT_KEY_USAGE, OID_EXT_SUBJECT_ALT_NAME, OID_EXT_SUBJECT_KEY_ID,
  OID_SAN_ADDRESS, OID_SAN_ADDRESS_ALT, OID_SAN_DOB, OID_SAN_NAME, OID_SAN_NAME_ALT, OID_SAN_SEX,
} from '../../common/jpki/oids';

export const TEST_ORGANIZATION = 'JPKI-TEST';
const JLIS_OU = 'Japan Agency for Local Authority Information Systems';
export const CA_OU = { auth: 'JPKI for user authentication', sign: 'JPKI for digital signature' } as const;

type Attr = [oid: string, value: string];

function printable(value: string): asn1js.BaseStringBlock {
  // PrintableString where the characters allow (as J-LIS does for ASCII names), UTF8String otherwise.
  return /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value)
    ? new asn1js.PrintableString({ value })
    : new asn1js.Utf8String({ value });
}

/**
 * A Name with one attribute per RDN, as J-LIS names are. pkijs would put every attribute into a
 * single multi-valued RDN, so the SEQUENCE OF SET is built with asn1js and read back by pkijs
 * (which then keeps these exact bytes).
 */
export function makeName(attrs: Attr[]): pkijs.RelativeDistinguishedNames {
  const sequence = new asn1js.Sequence({
    value: attrs.map(([type, value]) => new asn1js.Set({
      value: [new pkijs.AttributeTypeAndValue({ type, value: printable(value) }).toSchema()],
    })),
  });
  return pkijs.RelativeDistinguishedNames.fromBER(sequence.toBER(false));
}

/** `C=JP, O=JPKI-TEST, OU=JPKI for user authentication|digital signature, OU=Japan Agency …`. */
export function caName(which: 'auth' | 'sign'): pkijs.RelativeDistinguishedNames {
  return makeName([[OID_AT_COUNTRY, 'JP'], [OID_AT_ORG, TEST_ORGANIZATION], [OID_AT_ORG_UNIT, CA_OU[which]], [OID_AT_ORG_UNIT, JLIS_OU]]);
}

export function authSubject(opaqueId: string): pkijs.RelativeDistinguishedNames {
  return makeName([[OID_AT_COUNTRY, 'JP'], [OID_AT_COMMON_NAME, opaqueId]]);
}

export function signSubject(prefecture: string, city: string, cn: string): pkijs.RelativeDistinguishedNames {
  return makeName([[OID_AT_COUNTRY, 'JP'], [OID_AT_LOCALITY, prefecture], [OID_AT_LOCALITY, city], [OID_AT_COMMON_NAME, cn]]);
}

function ext(extnID: string, critical: boolean, value: asn1js.BaseBlock | pkijs.PkiObject): pkijs.Extension {
  const schema = value instanceof pkijs.PkiObject ? value.toSchema() : value;
  return new pkijs.Extension({ extnID, critical, extnValue: schema.toBER(false) });
}

/** keyUsage bits, first bit = digitalSignature (RFC 5280 §4.2.1.3), DER-minimal BIT STRING. */
function keyUsage(bits: number[]): pkijs.Extension {
  const highest = Math.max(...bits);
  const byteCount = Math.floor(highest / 8) + 1;
  const bytes = new Uint8Array(byteCount);
  for (const bit of bits) bytes[bit >> 3]! |= 0x80 >> (bit & 7);
  const unusedBits = byteCount * 8 - 1 - highest;
  return ext(OID_EXT_KEY_USAGE, true, new asn1js.BitString({ valueHex: bytes.buffer, unusedBits }));
}

const DIGITAL_SIGNATURE = 0, NON_REPUDIATION = 1, KEY_CERT_SIGN = 5, CRL_SIGN = 6;

function dirName(name: pkijs.RelativeDistinguishedNames): pkijs.GeneralName {
  return new pkijs.GeneralName({ type: 4, value: name });
}

function crlDistributionPoint(name: pkijs.RelativeDistinguishedNames): pkijs.Extension {
  return ext(OID_EXT_CRL_DP, false, new pkijs.CRLDistributionPoints({
    distributionPoints: [new pkijs.DistributionPoint({ distributionPoint: [dirName(name)] })],
  }));
}

export function rootExtensions(which: 'auth' | 'sign', subjectKeyId: Uint8Array): pkijs.Extension[] {
  const publicService = makeName([[OID_AT_COUNTRY, 'JP'], [OID_AT_ORG, '公的個人認証サービス']]);
  return [
    ext(OID_EXT_BASIC_CONSTRAINTS, true, new pkijs.BasicConstraints({ cA: true })),
    keyUsage([KEY_CERT_SIGN, CRL_SIGN]),
    ext(OID_EXT_SUBJECT_KEY_ID, false, new asn1js.OctetString({ valueHex: subjectKeyId.slice().buffer })),
    ext(OID_EXT_SUBJECT_ALT_NAME, false, new pkijs.AltName({ altNames: [dirName(publicService)] })),
    crlDistributionPoint(caName(which)),
  ];
}

function policies(oid: string): pkijs.Extension {
  return ext(OID_EXT_CERT_POLICIES, true, new pkijs.CertificatePolicies({
    certificatePolicies: [new pkijs.PolicyInformation({ policyIdentifier: oid })],
  }));
}

function authorityKeyId(keyId: Uint8Array): pkijs.Extension {
  return ext(OID_EXT_AUTHORITY_KEY_ID, false, new pkijs.AuthorityKeyIdentifier({
    keyIdentifier: new asn1js.OctetString({ valueHex: keyId.slice().buffer }),
  }));
}

export function authExtensions(policyOid: string, caKeyId: Uint8Array, subjectKeyId: Uint8Array): pkijs.Extension[] {
  return [
    authorityKeyId(caKeyId),
    ext(OID_EXT_SUBJECT_KEY_ID, false, new asn1js.OctetString({ valueHex: subjectKeyId.slice().buffer })),
    keyUsage([DIGITAL_SIGNATURE]),
    policies(policyOid),
  ];
}

export interface SanBasic4 { name: string; nameAlt?: string; sex: string; dobWithEra: string; address: string; addressAlt?: string }

/** One `[0] { type-id, [0] EXPLICIT UTF8String }` otherName (pkijs' GeneralName cannot encode otherName). */
function otherName(typeId: string, value: string): asn1js.Constructed {
  return new asn1js.Constructed({
    idBlock: { tagClass: 3, tagNumber: 0 },
    value: [
      new asn1js.ObjectIdentifier({ value: typeId }),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Utf8String({ value })] }),
    ],
  });
}

export function signExtensions(
  policyOid: string, caKeyId: Uint8Array, subjectKeyId: Uint8Array, basic4: SanBasic4, prefecture: string, city: string,
): pkijs.Extension[] {
  const entries: asn1js.Constructed[] = [otherName(OID_SAN_NAME, basic4.name)];
  if (basic4.nameAlt !== undefined) entries.push(otherName(OID_SAN_NAME_ALT, basic4.nameAlt));
  entries.push(otherName(OID_SAN_SEX, basic4.sex), otherName(OID_SAN_DOB, basic4.dobWithEra), otherName(OID_SAN_ADDRESS, basic4.address));
  if (basic4.addressAlt !== undefined) entries.push(otherName(OID_SAN_ADDRESS_ALT, basic4.addressAlt));
  // CRL DP partitioned per municipality, as a DirName rather than a URL (jpki-card.md §11.2).
  const crlPartition = makeName([
    [OID_AT_COUNTRY, 'JP'], [OID_AT_ORG, TEST_ORGANIZATION], [OID_AT_ORG_UNIT, CA_OU.sign],
    [OID_AT_ORG_UNIT, 'CRL Distribution Points'], [OID_AT_ORG_UNIT, prefecture], [OID_AT_COMMON_NAME, city],
  ]);
  return [
    authorityKeyId(caKeyId),
    ext(OID_EXT_SUBJECT_KEY_ID, false, new asn1js.OctetString({ valueHex: subjectKeyId.slice().buffer })),
    keyUsage([DIGITAL_SIGNATURE, NON_REPUDIATION]),
    policies(policyOid),
    ext(OID_EXT_SUBJECT_ALT_NAME, false, new asn1js.Sequence({ value: entries })),
    crlDistributionPoint(crlPartition),
  ];
}
