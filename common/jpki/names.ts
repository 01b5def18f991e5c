// Distinguished names as readable strings, and the 基本4情報 otherNames of the sign certificate.
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import {
  OID_AT_COMMON_NAME, OID_AT_COUNTRY, OID_AT_LOCALITY, OID_AT_ORG, OID_AT_ORG_UNIT,
  OID_SAN_ADDRESS, OID_SAN_ADDRESS_ALT, OID_SAN_DOB, OID_SAN_NAME, OID_SAN_NAME_ALT, OID_SAN_SEX,
} from './oids';
import type { Basic4 } from './types';

const SHORT_NAMES: Record<string, string> = {
  [OID_AT_COUNTRY]: 'C',
  [OID_AT_ORG]: 'O',
  [OID_AT_ORG_UNIT]: 'OU',
  [OID_AT_LOCALITY]: 'L',
  [OID_AT_COMMON_NAME]: 'CN',
  '2.5.4.8': 'ST',
  '2.5.4.5': 'serialNumber',
};

/** RFC 4514 escaping of one attribute value. */
function escapeValue(value: string): string {
  let out = value.replace(/([,+"\\<>;=])/g, '\\$1');
  if (out.startsWith('#') || out.startsWith(' ')) out = `\\${out}`;
  if (out.endsWith(' ') && out.length > 0) out = `${out.slice(0, -1)}\\ `;
  return out;
}

/** The string value of any ASN.1 string type; other types are shown as '#<hex DER>' (RFC 4514). */
export function asn1StringValue(value: unknown): string | undefined {
  if (value instanceof asn1js.Utf8String || value instanceof asn1js.PrintableString
    || value instanceof asn1js.IA5String || value instanceof asn1js.TeletexString
    || value instanceof asn1js.BmpString || value instanceof asn1js.UniversalString
    || value instanceof asn1js.NumericString || value instanceof asn1js.VisibleString) {
    return value.valueBlock.value;
  }
  return undefined;
}

/**
 * Renders a name in certificate order ('C=JP, O=JPKI, …'), which is how JPKI documents write
 * its DNs; RFC 4514 proper reverses the order, but readers here compare with the J-LIS tables.
 */
export function nameToString(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((atv) => {
      const key = SHORT_NAMES[atv.type] ?? atv.type;
      const text = asn1StringValue(atv.value);
      if (text !== undefined) return `${key}=${escapeValue(text)}`;
      const der = new Uint8Array(atv.value.toBER(false));
      return `${key}=#${Array.from(der, (b) => b.toString(16).padStart(2, '0')).join('')}`;
    })
    .join(', ');
}

const BASIC4_FIELDS: Record<string, keyof Basic4> = {
  [OID_SAN_NAME]: 'name',
  [OID_SAN_NAME_ALT]: 'nameAlt',
  [OID_SAN_SEX]: 'sex',
  [OID_SAN_DOB]: 'dobRaw',
  [OID_SAN_ADDRESS]: 'address',
  [OID_SAN_ADDRESS_ALT]: 'addressAlt',
};

/**
 * Reads the 基本4情報 from a subjectAltName extension value: each entry is
 * `[0] { type-id OID, [0] EXPLICIT UTF8String }`. Returns undefined when the SAN carries none
 * of the JPKI otherNames (e.g. a CA's DirName SAN). Throws on a malformed entry.
 */
export function parseBasic4FromSan(extnValue: ArrayBuffer): Basic4 | undefined {
  const parsed = asn1js.fromBER(extnValue);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) {
    throw new Error('subjectAltName is not a SEQUENCE');
  }
  const found: Partial<Record<keyof Basic4, string>> = {};
  for (const entry of parsed.result.valueBlock.value) {
    const isOtherName = entry.idBlock.tagClass === 3 && entry.idBlock.tagNumber === 0;
    if (!isOtherName || !(entry instanceof asn1js.Constructed)) continue;
    const [typeId, wrapped] = entry.valueBlock.value;
    if (!(typeId instanceof asn1js.ObjectIdentifier)) throw new Error('otherName without type-id');
    const field = BASIC4_FIELDS[typeId.valueBlock.toString()];
    if (!field) continue;
    const inner = wrapped instanceof asn1js.Constructed ? wrapped.valueBlock.value[0] : undefined;
    const text = asn1StringValue(inner);
    if (text === undefined) throw new Error(`otherName ${typeId.valueBlock.toString()} has no string value`);
    found[field] = text;
  }
  if (Object.keys(found).length === 0) return undefined;
  if (found.name === undefined || found.sex === undefined || found.dobRaw === undefined || found.address === undefined) {
    throw new Error('sign certificate SAN lacks one of name, sex, date of birth, address');
  }
  // 'EYYYYMMDD': one era digit, then the Gregorian date (jpki-card.md §11.2).
  const dob = /^\d{9}$/.test(found.dobRaw) ? found.dobRaw.slice(1) : found.dobRaw;
  const basic4: Basic4 = { name: found.name, sex: found.sex, dob, address: found.address, dobRaw: found.dobRaw };
  if (found.nameAlt !== undefined) basic4.nameAlt = found.nameAlt;
  if (found.addressAlt !== undefined) basic4.addressAlt = found.addressAlt;
  return basic4;
}
