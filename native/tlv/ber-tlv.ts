// BER-TLV header parsing for everything this card stores (X.509 certificates, FF 20 basic-4
// objects, FF 10 My Number, CK_TOKEN_INFO wrappers). Card data is untrusted input: every length is
// checked against the bytes actually present, so a lying or truncated header yields a typed
// 'card.malformed_response' and never an out-of-range read or an endless loop.
import { KioskError } from '../../common/errors';

export interface TlvHeader {
  /** Tag bytes as a number, e.g. 0x30, 0xFF20, 0xDF22. */
  tag: number;
  tagLength: number;
  /** Declared length of the value. */
  length: number;
  headerLength: number;
  /** headerLength + length: the bytes the whole object occupies. */
  totalLength: number;
}

export interface Tlv extends TlvHeader {
  /** Offset of the object's first byte in the parsed buffer. */
  offset: number;
  value: Uint8Array;
}

/** Longest tag (3 bytes) and length field (84 + 4 bytes) the parser accepts. */
const MAX_TAG_BYTES = 3;
const MAX_LENGTH_BYTES = 4;

function malformed(what: string, details: Record<string, string | number> = {}): KioskError {
  return new KioskError('card.malformed_response', `BER-TLV: ${what}`, details);
}

/**
 * Parses the tag and length at `offset`. Needs only the header bytes, so it works on the first
 * chunk of a file to learn how much to read. Does not require the value to be present.
 */
export function parseTlvHeader(bytes: Uint8Array, offset = 0): TlvHeader {
  let pos = offset;
  const at = (i: number, what: string): number => {
    const b = bytes[i];
    if (b === undefined) throw malformed(`truncated ${what}`, { offset: i });
    return b;
  };
  const first = at(pos++, 'tag');
  let tag = first;
  if ((first & 0x1f) === 0x1f) {
    // Multi-byte tag: subsequent bytes continue while bit 8 is set.
    let more = true;
    while (more) {
      if (pos - offset >= MAX_TAG_BYTES) throw malformed('tag longer than 3 bytes', { offset });
      const b = at(pos++, 'tag');
      tag = tag * 256 + b;
      more = (b & 0x80) !== 0;
    }
  }
  const tagLength = pos - offset;
  const lenByte = at(pos++, 'length');
  let length: number;
  if (lenByte < 0x80) {
    length = lenByte;
  } else if (lenByte === 0x80) {
    throw malformed('indefinite length is not used on this card', { offset });
  } else {
    const n = lenByte & 0x7f;
    if (n > MAX_LENGTH_BYTES) throw malformed(`length field of ${n} bytes`, { offset });
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + at(pos++, 'length');
  }
  const headerLength = pos - offset;
  return { tag, tagLength, length, headerLength, totalLength: headerLength + length };
}

/** Parses one complete TLV at `offset`; the value must lie within `end` (default: buffer end). */
export function parseTlv(bytes: Uint8Array, offset = 0, end = bytes.length): Tlv {
  if (end > bytes.length || offset < 0 || offset > end) throw malformed('bounds outside the buffer', { offset, end });
  const h = parseTlvHeader(bytes.subarray(0, end), offset);
  const valueStart = offset + h.headerLength;
  if (valueStart + h.length > end) {
    throw malformed('value runs past the end of the data', { offset, declared: h.length, available: end - valueStart });
  }
  return { ...h, offset, value: bytes.subarray(valueStart, valueStart + h.length) };
}

/** Parses consecutive TLVs filling exactly [start, end) (a constructed value's children). */
export function parseTlvSequence(bytes: Uint8Array, start = 0, end = bytes.length): Tlv[] {
  const out: Tlv[] = [];
  let pos = start;
  while (pos < end) {
    const t = parseTlv(bytes, pos, end);
    out.push(t);
    pos += t.totalLength; // totalLength ≥ 2, so the loop always advances
  }
  return out;
}

/** Hex form of a tag for messages, e.g. 'FF20'. */
export function tagHex(tag: number): string {
  const s = tag.toString(16).toUpperCase();
  return s.length % 2 ? `0${s}` : s;
}
