// Contents of the card's data files, byte for byte as jpki-card.md §2.1, §4 and §5 describe them.
// Pure builders: the caller decides which AP holds which file and who may read it.
import { createHash, createPublicKey, sign as rsaSign, type KeyObject } from 'node:crypto';
import { ascii, concat, padFF, tlv, u16, u32, utf8, type LengthForm } from './tlv';

/** EF 0006: PKCS#11 CK_TOKEN_INFO, 160 bytes, big-endian CK_ULONGs; only the label matters to clients. */
export function tokenInfo(label: string, serial: string): Uint8Array {
  const text = (s: string, n: number) => ascii(s.padEnd(n, ' ').slice(0, n));
  // CKF_RNG | CKF_LOGIN_REQUIRED | CKF_USER_PIN_INITIALIZED | CKF_TOKEN_INITIALIZED
  const flags = 0x0000_0001 | 0x0000_0004 | 0x0000_0008 | 0x0000_0400;
  const counters = [1, 0, 1, 0, 4, 4, 0, 0, 0, 0].map(u32); // sessions, PIN length 4..4, memory unknown
  const out = concat([text(label, 32), text('J-LIS', 32), text('JPKI', 16), text(serial, 16), u32(flags), ...counters,
    Uint8Array.of(1, 0), Uint8Array.of(1, 0), text('', 16)]);
  if (out.length !== 160) throw new Error(`CK_TOKEN_INFO is ${out.length} bytes, expected 160`);
  return out;
}

/** EF 0008: `8F 8F 00` when both certificates exist; a first byte other than 8F = no sign certificate. */
export function certificateAvailability(hasSignCert: boolean): Uint8Array {
  return Uint8Array.of(hasSignCert ? 0x8f : 0x00, 0x8f, 0x00);
}

/** A certificate EF: the DER object, then FF filler (files are allocated larger than the object). */
export function certificateFile(der: Uint8Array): Uint8Array {
  const size = Math.max(2048, Math.ceil((der.length + 1) / 256) * 256);
  return padFF(der, size);
}

/** Text AP EF 0001: `FF 10 0C` + 12 ASCII digits + `FF FF`, exactly 17 bytes. */
export function myNumberFile(myNumber: string): Uint8Array {
  if (!/^\d{12}$/.test(myNumber)) throw new RangeError('個人番号 must be 12 digits');
  return padFF(tlv([0xff, 0x10], ascii(myNumber)), 17);
}

export interface Basic4 {
  name: string;
  address: string;
  dob: string; // YYYYMMDD, Gregorian
  sex: '1' | '2' | '9';
}

export interface Basic4File {
  file: Uint8Array;
  /** The outer value from DF 22 to its end (what EF 0003's DF 32 hashes). */
  valueWithoutOffsets: Uint8Array;
}

/**
 * Text AP EF 0002: `FF 20 <len>` { DF 21 offset table · DF 22 name · DF 23 address · DF 24 DOB ·
 * DF 25 sex } + FF filler. The offsets are from the start of the file to each element's tag.
 */
export function basic4File(b: Basic4, form: LengthForm): Basic4File {
  const items = [tlv([0xdf, 0x22], utf8(b.name)), tlv([0xdf, 0x23], utf8(b.address)), tlv([0xdf, 0x24], ascii(b.dob)), tlv([0xdf, 0x25], ascii(b.sex))];
  const rest = concat(items);
  const valueLength = 11 + rest.length; // DF 21 08 + 8 bytes
  const header = 2 + (form === 'long' || valueLength >= 0x80 ? (valueLength > 0xff ? 3 : 2) : 1);
  const offsets: number[] = [];
  let at = header + 11;
  for (const item of items) {
    offsets.push(at);
    at += item.length;
  }
  const value = concat([tlv([0xdf, 0x21], concat(offsets.map(u16))), rest]);
  const object = tlv([0xff, 0x20], value, form);
  return { file: padFF(object, Math.ceil((object.length + 1) / 64) * 64), valueWithoutOffsets: rest };
}

/**
 * Text AP EF 0003: `FF 30 82 01 4B` { DF 31 SHA-256 of EF 0001 · DF 32 SHA-256 of EF 0002 without
 * DF 21 · DF 33 RSA signature over the bytes before it, by the AP key certified in EF 0004 }.
 */
export function integrityFile(myNumberEf: Uint8Array, basic4ValueWithoutOffsets: Uint8Array, apKey: KeyObject): Uint8Array {
  const sha = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());
  const d31 = tlv([0xdf, 0x31], sha(myNumberEf));
  const d32 = tlv([0xdf, 0x32], sha(basic4ValueWithoutOffsets));
  const header = Uint8Array.of(0xff, 0x30, 0x82, 0x01, 0x4b);
  const signed = concat([header, d31, d32]);
  const signature = new Uint8Array(rsaSign('sha256', signed, apKey));
  const d33 = tlv([0xdf, 0x33], signature);
  return concat([signed, d33]);
}

function modulusOf(key: KeyObject): Uint8Array {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  const n = Buffer.from(jwk.n ?? '', 'base64url');
  return new Uint8Array(n[0] === 0 ? n.subarray(1) : n);
}

/** A 16-byte key ID; test hierarchy IDs start with `6` (production ones with `5`). */
export function keyId(seed: string): Uint8Array {
  return ascii(`6${createHash('sha256').update(seed).digest('hex').slice(0, 15).toUpperCase()}`);
}

/**
 * Text AP EF 0004, 568 bytes: `7F 21 82 02 33` { `5F 4E 82 01 29` issuer key ID · subject key ID ·
 * `90` exponent · `91` modulus · `5F 37 82 01 00` signature }. Issued by the AP key itself here:
 * a test card has no J-LIS CV-certificate authority behind it.
 */
export function cvCertificate(apKey: KeyObject, subjectKeyId: Uint8Array): Uint8Array {
  const publicPart = concat([tlv([0x90], Uint8Array.of(1, 0, 1)), tlv([0x91], modulusOf(apKey), 'long')]);
  const body = tlv([0x5f, 0x4e], concat([ascii('6000033'.padEnd(16, '0')), subjectKeyId, publicPart]), 'long');
  const signature = tlv([0x5f, 0x37], new Uint8Array(rsaSign('sha256', body, apKey)), 'long');
  return tlv([0x7f, 0x21], concat([body, signature]), 'long');
}

/** Text AP EF 0005: `FF 40` { DF 41 version/extended-length flag/vendor · DF 42 key ID · DF 43 }. */
export function textApBasicInfo(extendedLength: boolean, apKeyId: Uint8Array): Uint8Array {
  const df43 = padFF(new Uint8Array(32).fill(0x30), 128);
  return tlv([0xff, 0x40], concat([tlv([0xdf, 0x41], Uint8Array.of(0x01, extendedLength ? 0x03 : 0x00, 0x0e, 0x01)),
    tlv([0xdf, 0x42], apKeyId), tlv([0xdf, 0x43], df43)]));
}

export interface CardFacts {
  /** 15-digit card serial. */
  serial: string;
  /** 全国地方公共団体コード; the card stores the 5 digits without the check digit. */
  municipalityCode: string;
  /** Card expiry, YYYYMMDD. */
  expiry: string;
}

/** 共通AP EF 0001, record 1: `01 1C` + 28 ASCII digits (serial 15, municipality 5, expiry 8). */
export function commonApRecord(f: CardFacts): Uint8Array {
  const digits = `${f.serial}${f.municipalityCode.slice(0, 5)}${f.expiry}`;
  if (!/^\d{28}$/.test(digits)) throw new RangeError('共通AP record needs 15 + 5 + 8 digits');
  return tlv([0x01], ascii(digits));
}

/** 券面事項確認AP EF 0003: `FF 30` { DF 31 · DF 32 key ID · DF 33 version · DF 34 municipality code }. */
export function visualApBasicInfo(f: CardFacts, apKeyId: Uint8Array): Uint8Array {
  return tlv([0xff, 0x30], concat([tlv([0xdf, 0x31], Uint8Array.of(0x06, 0x03, 0x0e, 0x01)), tlv([0xdf, 0x32], apKeyId),
    tlv([0xdf, 0x33], Uint8Array.of(0x01)), tlv([0xdf, 0x34], ascii(f.municipalityCode.slice(0, 5)))]));
}

/**
 * 券面事項確認AP EF 0002 (card face), text items only: DF 22 DOB · DF 23 sex · DF 29 card expiry.
 * The name/address/photo images are left out; no client of this kiosk reads them.
 */
export function visualFaceFile(b: Basic4, f: CardFacts): Uint8Array {
  const value = concat([tlv([0xdf, 0x22], ascii(b.dob)), tlv([0xdf, 0x23], ascii(b.sex)), tlv([0xdf, 0x29], ascii(f.expiry))]);
  return padFF(tlv([0xff, 0x20], value, 'long'), 256);
}

/** 和暦 YYMMDD for a Gregorian YYYYMMDD (明治 … 令和), as the 照合番号B and DOB key use. */
export function warekiYYMMDD(dob: string): string {
  const eras: Array<[string, number]> = [['20190501', 2018], ['19890108', 1988], ['19261225', 1925], ['19120730', 1911], ['18680125', 1867]];
  const era = eras.find(([start]) => dob >= start);
  if (!era) throw new RangeError(`date before 明治: ${dob}`);
  const year = Number(dob.slice(0, 4)) - era[1];
  return `${String(year).padStart(2, '0')}${dob.slice(4, 8)}`;
}

/** 照合番号B: 和暦 DOB YYMMDD + card expiry year + 4-digit security code (14 digits). */
export function collationNumberB(dob: string, cardExpiry: string, securityCode: string): string {
  return `${warekiYYMMDD(dob)}${cardExpiry.slice(0, 4)}${securityCode}`;
}
