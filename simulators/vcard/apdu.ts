// Command-APDU parsing (ISO/IEC 7816-4 cases 1, 2, 3, 4 in short and extended form) and the
// status words the card answers with (jpki-card.md §8).

export const SW = {
  OK: 0x9000,
  EOF_WARNING: 0x6282, // end of file reached (some cards answer this instead of 6B 00)
  WRONG_LENGTH: 0x6700,
  CHANNEL_NOT_SUPPORTED: 0x6881,
  SM_NOT_SUPPORTED: 0x6882,
  CHAINING_NOT_SUPPORTED: 0x6884,
  INCOMPATIBLE_FILE: 0x6981,
  SECURITY_STATUS: 0x6982,
  BLOCKED: 0x6984,
  CONDITIONS_OF_USE: 0x6985,
  NO_CURRENT_EF: 0x6986,
  WRONG_DATA: 0x6a80,
  FILE_NOT_FOUND: 0x6a82,
  RECORD_NOT_FOUND: 0x6a83,
  WRONG_P1P2: 0x6a86,
  DATA_NOT_FOUND: 0x6a88,
  OFFSET_BEYOND_EOF: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  NO_PRECISE_DIAGNOSIS: 0x6f00,
} as const;

export function triesLeftSw(tries: number): number {
  return 0x63c0 | Math.max(0, Math.min(15, tries));
}

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data: Uint8Array;
  /** Expected response length Ne (256 / 65,536 when Le is 00 / 00 00), or undefined when absent. */
  ne: number | undefined;
  /** True when Lc or Le used the 3-byte extended form. */
  extended: boolean;
}

/** Parses a C-APDU; returns undefined when the byte layout is inconsistent (→ 67 00). */
export function parseCommand(bytes: Uint8Array): CommandApdu | undefined {
  if (bytes.length < 4) return undefined;
  const [cla, ins, p1, p2] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
  const base = { cla, ins, p1, p2 };
  const body = bytes.subarray(4);
  if (body.length === 0) return { ...base, data: new Uint8Array(0), ne: undefined, extended: false };
  if (body.length === 1) return { ...base, data: new Uint8Array(0), ne: body[0] || 256, extended: false };
  if (body[0] !== 0) {
    const lc = body[0]!;
    const rest = body.length - 1 - lc;
    if (rest !== 0 && rest !== 1) return undefined;
    const ne = rest === 1 ? body[1 + lc] || 256 : undefined;
    return { ...base, data: body.slice(1, 1 + lc), ne, extended: false };
  }
  // Extended: 00 followed by a 2-byte Le (case 2E) or a 2-byte Lc, data and an optional 2-byte Le.
  if (body.length === 3) return { ...base, data: new Uint8Array(0), ne: ((body[1]! << 8) | body[2]!) || 65_536, extended: true };
  const lc = (body[1]! << 8) | body[2]!;
  if (lc === 0) return undefined;
  const rest = body.length - 3 - lc;
  if (rest !== 0 && rest !== 2) return undefined;
  const ne = rest === 2 ? ((body[3 + lc]! << 8) | body[4 + lc]!) || 65_536 : undefined;
  return { ...base, data: body.slice(3, 3 + lc), ne, extended: true };
}

/** R-APDU: data followed by SW1 SW2. */
export function respond(sw: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out[data.length] = sw >> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) throw new RangeError(`not hex: ${text}`);
  return Uint8Array.from(Buffer.from(clean, 'hex'));
}
