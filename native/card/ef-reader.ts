// Reads one whole BER-TLV object from an EF addressed by its short file identifier.
// Fast path: one extended-Le read `00 B0 <80+SFI> 00 00 00 00` (whole file, filler stripped).
// Fallback: SFI read of the first 256 bytes, learn the object length from its TLV header, then
// 256-byte chunks by offset (the SFI read made the EF current). The extended probe runs once per
// reader + card; a 67 00, 6C xx, a transport error or a short answer marks the pair short-only.
import { KioskError, isKioskError } from '../../common/errors';
import type { ApduChannel } from '../apdu/apdu-channel';
import { errorForStatus, SW } from '../apdu/status-words';
import type { ExtendedLengthCache, ExtendedSupport } from '../apdu/extended-length';
import { PCSC } from '../pcsc/pcsc-errors';
import { parseTlvHeader, type TlvHeader } from '../tlv/ber-tlv';

const CHUNK = 256;
/** Highest offset the short READ BINARY form can address (15 bits). */
const MAX_SHORT_OFFSET = 0x7fff;
/** Largest object an EF on this card can hold in one extended read. */
const MAX_OBJECT = 65_536;
// (Each caller passes the format's own, much smaller limit: budgets.ts.)

export interface EfReadContext {
  channel: ApduChannel;
  cache: ExtendedLengthCache;
  cacheKey: string;
}

export interface EfReadOutcome {
  bytes: Uint8Array;
  path: 'extended' | 'chunked';
}

function readSfiCommand(sfi: number, le: number, extended: boolean) {
  return { cla: 0x00, ins: 0xb0, p1: 0x80 | sfi, p2: 0x00, le, extended };
}

/** Header of the object at the start of `prefix`, or undefined when it needs more bytes. */
function headerIfComplete(prefix: Uint8Array): TlvHeader | undefined {
  try {
    return parseTlvHeader(prefix, 0);
  } catch (err) {
    // With fewer than 8 bytes the header might just be cut short; with more it is truly malformed.
    if (prefix.length < 8 && isKioskError(err, 'card.malformed_response') && /truncated/.test(err.message)) return undefined;
    throw err;
  }
}

/** Refuses an object larger than the format allows before a single body byte is read. */
function checkedTotal(h: TlvHeader, what: string, maxBytes: number): number {
  if (h.totalLength > Math.min(maxBytes, MAX_OBJECT)) {
    throw new KioskError('card.malformed_response', `${what}: object claims ${h.totalLength} bytes, at most ${maxBytes} are allowed`, {
      declared: h.totalLength, reason: 'object_too_large',
    });
  }
  return h.totalLength;
}

/** Transport failures that mean "this reader cannot carry the long frame", not "the card left". */
function isLinkRefusal(err: unknown): boolean {
  if (!isKioskError(err)) return false;
  if (err.kind === 'card.removed' && err.details.pcsc === `0x${PCSC.E_NOT_TRANSACTED.toString(16)}`) return true;
  return false;
}

export async function readWholeEf(ctx: EfReadContext, sfi: number, what: string, maxBytes = MAX_OBJECT): Promise<EfReadOutcome> {
  const known: ExtendedSupport | undefined = ctx.cache.get(ctx.cacheKey);
  let prefix = new Uint8Array(0);
  if (known !== 'no') {
    let res;
    try {
      res = await ctx.channel.send(readSfiCommand(sfi, MAX_OBJECT, true));
    } catch (err) {
      if (!isLinkRefusal(err)) throw err;
      res = undefined;
    }
    if (res && (res.sw === SW.OK || res.sw === SW.EOF_WARNING) && res.data.length > 0) {
      const h = headerIfComplete(res.data);
      const total = h ? checkedTotal(h, what, maxBytes) : undefined;
      if (total !== undefined && res.data.length >= total) {
        ctx.cache.set(ctx.cacheKey, 'yes');
        return { bytes: res.data.slice(0, total), path: 'extended' };
      }
      // A short answer to an extended Le: keep what came as the first part, continue in chunks.
      prefix = res.data.slice();
    } else if (res && res.sw !== SW.WRONG_LENGTH && res.sw1 !== 0x6c && !(res.sw === SW.OK && res.data.length === 0)) {
      // A real refusal (69 82, 6A 82, …) says nothing about extended length: report it as such.
      throw errorForStatus(res.sw, what);
    }
  }
  const bytes = await readChunked(ctx.channel, sfi, prefix, what, maxBytes);
  if (known !== 'no') ctx.cache.set(ctx.cacheKey, 'no');
  return { bytes, path: 'chunked' };
}

async function readChunked(channel: ApduChannel, sfi: number, prefix: Uint8Array, what: string, maxBytes: number): Promise<Uint8Array> {
  let have = prefix;
  if (have.length === 0) have = await channel.expectOk(readSfiCommand(sfi, CHUNK, false), what);
  if (have.length === 0) throw new KioskError('card.malformed_response', `${what}: empty file`, { length: 0 });
  // A card may hand out fewer bytes than asked (even one at a time): keep reading until the header is
  // known, then until the object is complete. The operation's APDU budget bounds how long that takes.
  let total: number | undefined;
  const cap = Math.min(maxBytes, MAX_SHORT_OFFSET + CHUNK);
  const learnTotal = () => {
    const h = headerIfComplete(have);
    if (!h) return;
    total = checkedTotal(h, what, maxBytes);
    if (total > cap) throw new KioskError('card.malformed_response', `${what}: ${total} bytes cannot be read without extended length`, { declared: total });
  };
  learnTotal();
  const out = new Uint8Array(cap);
  out.set(have.subarray(0, Math.min(have.length, out.length)), 0);
  let got = Math.min(have.length, total ?? out.length);
  // `got < total` or, before the header is known, fewer than 8 bytes (headerIfComplete decides).
  while (total === undefined || got < total) {
    const want = total === undefined ? CHUNK : Math.min(CHUNK, total - got);
    const res = await channel.send({ cla: 0x00, ins: 0xb0, p1: (got >> 8) & 0x7f, p2: got & 0xff, le: want });
    if (res.sw === SW.OFFSET_BEYOND_EOF || ((res.sw === SW.EOF_WARNING || res.sw === SW.OK) && res.data.length === 0)) {
      throw new KioskError('card.malformed_response', `${what}: file ends at ${got} bytes but the object claims ${total ?? 'more'}`, {
        declared: total ?? -1, available: got, reason: 'object_truncated',
      });
    }
    if (res.sw !== SW.OK && res.sw !== SW.EOF_WARNING) throw errorForStatus(res.sw, what);
    const take = Math.min(res.data.length, want, out.length - got);
    out.set(res.data.subarray(0, take), got);
    got += take;
    if (total === undefined) {
      have = out.subarray(0, got);
      learnTotal();
    }
  }
  return out.slice(0, total);
}

/** A small read of a known size by SFI (token label, My Number, certificate flags). */
export function readSfiBytes(channel: ApduChannel, sfi: number, length: number, what: string): Promise<Uint8Array> {
  return channel.expectOk(readSfiCommand(sfi, length, false), what);
}
