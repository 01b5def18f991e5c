// 基本4情報 (EF 0002 of the text AP) and the 17-byte My Number file (EF 0001), parsed strictly:
//   FF 20 <len, short or long form> { DF 21 08 <4 × u16 offsets from the start of the file>
//     DF 22 name · DF 23 address · DF 24 08 YYYYMMDD · DF 25 01 sex } FF… filler
// The offset table is followed, and each offset must land on the element it names, inside the
// object; anything else is 'card.malformed_response'.
import { KioskError } from '../../common/errors';
import { isValidMyNumber } from '../../common/domain/my-number';
import { parseTlv, tagHex } from '../tlv/ber-tlv';
import { MY_NUMBER_FILE_LENGTH } from './constants';

export interface Basic4Info {
  /** Family and given name separated by U+3000, as on the card. */
  name: string;
  address: string;
  /** Gregorian YYYYMMDD. */
  dob: string;
  /** ISO 5218 digit as on the card ('1' male, '2' female, '9' not applicable, '0' seen). */
  sex: string;
}

const TAG = { BASIC4: 0xff20, OFFSETS: 0xdf21, NAME: 0xdf22, ADDRESS: 0xdf23, DOB: 0xdf24, SEX: 0xdf25, MY_NUMBER: 0xff10 } as const;

function malformed(msg: string, details: Record<string, string | number> = {}): KioskError {
  return new KioskError('card.malformed_response', `basic-4 file: ${msg}`, details);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function text(bytes: Uint8Array, field: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw malformed(`${field} is not valid UTF-8`, { field });
  }
}

/** Parses the basic-4 object; `file` may carry FF filler after it. */
export function parseBasic4(file: Uint8Array): Basic4Info {
  const outer = parseTlv(file, 0);
  if (outer.tag !== TAG.BASIC4) throw malformed(`outer tag ${tagHex(outer.tag)} instead of FF20`);
  const objectEnd = outer.totalLength;
  const valueStart = outer.headerLength;
  const table = parseTlv(file, valueStart, objectEnd);
  if (table.tag !== TAG.OFFSETS || table.length !== 8) throw malformed('missing DF21 offset table');
  const offsets = [0, 1, 2, 3].map((i) => ((table.value[i * 2] as number) << 8) | (table.value[i * 2 + 1] as number));
  const fieldAt = (index: number, tag: number, field: string): Uint8Array => {
    const off = offsets[index] as number;
    if (off < valueStart || off >= objectEnd) throw malformed(`${field} offset ${off} outside the object`, { field, offset: off });
    const t = parseTlv(file, off, objectEnd);
    if (t.tag !== tag) throw malformed(`${field} offset points at ${tagHex(t.tag)}`, { field, offset: off });
    return t.value;
  };
  const name = text(fieldAt(0, TAG.NAME, 'name'), 'name');
  const address = text(fieldAt(1, TAG.ADDRESS, 'address'), 'address');
  const dob = text(fieldAt(2, TAG.DOB, 'dob'), 'dob');
  const sex = text(fieldAt(3, TAG.SEX, 'sex'), 'sex');
  if (!/^[0-9]{8}$/.test(dob)) throw malformed('date of birth is not YYYYMMDD', { field: 'dob' });
  if (!/^[0-9]$/.test(sex)) throw malformed('sex is not one digit', { field: 'sex' });
  if (name.length === 0) throw malformed('empty name', { field: 'name' });
  return { name, address, dob, sex };
}

/** Parses the 17-byte My Number file and validates the check digit. */
export function parseMyNumberFile(file: Uint8Array): string {
  if (file.length < MY_NUMBER_FILE_LENGTH) {
    throw new KioskError('card.malformed_response', `My Number file of ${file.length} bytes`, { length: file.length });
  }
  const t = parseTlv(file, 0, MY_NUMBER_FILE_LENGTH);
  if (t.tag !== TAG.MY_NUMBER || t.length !== 12) {
    throw new KioskError('card.malformed_response', `My Number object ${tagHex(t.tag)}/${t.length} instead of FF10/12`);
  }
  let digits = '';
  for (const b of t.value) digits += String.fromCharCode(b);
  if (!isValidMyNumber(digits)) throw new KioskError('card.malformed_response', 'My Number fails its check digit');
  return digits;
}
