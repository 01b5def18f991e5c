// Command APDU encoding (ISO/IEC 7816-4 cases 1, 2, 3, 4 in short and extended form) and response
// splitting. Pure byte work; the channel above adds GET RESPONSE / resend handling.
import { KioskError } from '../../common/errors';

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data?: Uint8Array;
  /** Expected response length: 1–256 short, 1–65,536 extended; undefined = no response data. */
  le?: number;
  /** Force the extended-length form even when short would fit. */
  extended?: boolean;
}

export interface ResponseApdu {
  data: Uint8Array;
  sw1: number;
  sw2: number;
  /** SW1 SW2 as one number, e.g. 0x9000. */
  sw: number;
}

function byte(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0 || n > 0xff) throw new KioskError('input.invalid', `APDU ${what} must be one byte`, { field: what });
  return n;
}

export function encodeApdu(cmd: CommandApdu): Uint8Array {
  const head = [byte(cmd.cla, 'cla'), byte(cmd.ins, 'ins'), byte(cmd.p1, 'p1'), byte(cmd.p2, 'p2')];
  const data = cmd.data ?? new Uint8Array(0);
  const le = cmd.le;
  if (le !== undefined && (!Number.isInteger(le) || le < 1 || le > 65_536)) {
    throw new KioskError('input.invalid', 'APDU Le must be 1–65536', { field: 'le' });
  }
  if (data.length > 65_535) throw new KioskError('input.invalid', 'APDU data longer than 65535 bytes', { field: 'data' });
  const extended = cmd.extended === true || data.length > 255 || (le !== undefined && le > 256);
  const out: number[] = [...head];
  if (!extended) {
    if (data.length > 0) out.push(data.length, ...data);
    if (le !== undefined) out.push(le === 256 ? 0 : le);
    return Uint8Array.from(out);
  }
  // Extended: one 00 marker byte, then 2-byte Lc and/or 2-byte Le (00 00 = 65,536).
  out.push(0);
  if (data.length > 0) out.push(data.length >> 8, data.length & 0xff, ...data);
  if (le !== undefined) {
    const v = le === 65_536 ? 0 : le;
    out.push(v >> 8, v & 0xff);
  }
  return Uint8Array.from(out);
}

export function parseResponse(raw: Uint8Array): ResponseApdu {
  if (raw.length < 2) {
    throw new KioskError('card.malformed_response', `response of ${raw.length} bytes has no status word`, { length: raw.length });
  }
  const sw1 = raw[raw.length - 2] as number;
  const sw2 = raw[raw.length - 1] as number;
  return { data: raw.subarray(0, raw.length - 2), sw1, sw2, sw: (sw1 << 8) | sw2 };
}

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}
