// ISO/IEC 7816-4 BER-TLV for the card's own data files (EF 0002 of the text AP, EF 0005, …).
// Why not asn1js here: the card's tag bytes are fixed by the card format and some are in the
// non-canonical high-tag form (`FF 10`, `DF 11`: tag numbers below 31 written in two bytes), and
// the 基本4情報 file exists with a deliberately non-minimal long-form length. asn1js emits only the
// canonical forms. X.509 objects are never built here (they come from the test PKI, via pkijs).

export type LengthForm = 'minimal' | 'long';

/** Length field: short form below 128 unless `long` is asked for; then `81 nn` or `82 nn nn`. */
export function encodeLength(n: number, form: LengthForm = 'minimal'): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff) throw new RangeError(`TLV length out of range: ${n}`);
  if (n < 0x80 && form === 'minimal') return Uint8Array.of(n);
  if (n <= 0xff) return Uint8Array.of(0x81, n);
  return Uint8Array.of(0x82, n >> 8, n & 0xff);
}

/** One TLV: `tag` is given as the exact bytes the card stores (1 or 2 bytes). */
export function tlv(tag: readonly number[], value: Uint8Array, form: LengthForm = 'minimal'): Uint8Array {
  return concat([Uint8Array.from(tag), encodeLength(value.length, form), value]);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The physical EF: the object followed by `FF` filler up to `size` bytes. */
export function padFF(object: Uint8Array, size: number): Uint8Array {
  if (size < object.length) throw new RangeError(`EF of ${size} bytes cannot hold ${object.length} bytes`);
  const out = new Uint8Array(size).fill(0xff);
  out.set(object);
  return out;
}

export function ascii(text: string): Uint8Array {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new RangeError('expected printable ASCII');
  return new TextEncoder().encode(text);
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function u16(n: number): Uint8Array {
  return Uint8Array.of((n >> 8) & 0xff, n & 0xff);
}

export function u32(n: number): Uint8Array {
  return Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}
