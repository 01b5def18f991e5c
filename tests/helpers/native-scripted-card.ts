// Byte-level card doubles for unit tests of the card client's parsing and command logic (the
// integration tests use pcscd + vpcd + the virtual card instead). Answers are written from
// jpki-card.md, so the tests also pin the exact command bytes the client sends.
import * as asn1js from 'asn1js';
import type { CardTransport, Disposition } from '../../native/transport';

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();
export const bytes = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h.replace(/\s+/g, ''), 'hex'));

type Handler = (apdu: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/** A transport that hands every command to `handler` and records what was sent. */
export class HandlerTransport implements CardTransport {
  readonly sent: string[] = [];
  closedWith: Disposition | undefined;
  constructor(private readonly handler: Handler, readonly readerName = 'scripted reader', readonly atr = bytes('3BE000FF8131FE4514')) {}
  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    this.sent.push(hex(apdu));
    return this.handler(apdu);
  }
  async close(d: Disposition): Promise<void> {
    this.closedWith = d;
  }
}

/** Exact script: each command must match the next expected hex; the answer is returned. */
export function scripted(steps: Array<[string, string]>): HandlerTransport {
  let i = 0;
  return new HandlerTransport((apdu) => {
    const step = steps[i++];
    if (!step) throw new Error(`unexpected extra command ${hex(apdu)}`);
    const want = step[0].replace(/\s+/g, '').toUpperCase();
    if (hex(apdu) !== want) throw new Error(`command ${i}: sent ${hex(apdu)}, script expects ${want}`);
    return bytes(step[1]);
  });
}

export interface FileCardOptions {
  /** Extended Le accepted (default true); false answers 67 00 like a short-only card. */
  extended?: boolean;
  files: Record<number, Uint8Array>;
  /** EOF status word (6B 00 or 62 82). */
  eofSw?: string;
}

/** A READ BINARY-only card over a set of files by SFI, for EF reader tests. */
export function fileCard(opts: FileCardOptions): HandlerTransport {
  let current: Uint8Array | undefined;
  const ok = (d: Uint8Array) => Uint8Array.from([...d, 0x90, 0x00]);
  return new HandlerTransport((a) => {
    if (a[1] !== 0xb0) return bytes('6D00');
    const p1 = a[2] as number;
    const p2 = a[3] as number;
    const isExt = a.length === 7 && a[4] === 0;
    if (isExt && opts.extended === false) return bytes('6700');
    let offset: number;
    if (p1 & 0x80) {
      current = opts.files[p1 & 0x1f];
      if (!current) return bytes('6A82');
      offset = p2;
    } else {
      if (!current) return bytes('6986');
      offset = (p1 << 8) | p2;
    }
    const le = isExt ? ((((a[5] as number) << 8) | (a[6] as number)) || 65536) : (a[4] as number) || 256;
    if (offset >= current.length) return bytes(opts.eofSw ?? '6B00');
    return ok(current.subarray(offset, Math.min(current.length, offset + le)));
  });
}

/** A DER SEQUENCE of `size` bytes built with asn1js (content: one OCTET STRING). */
export function derObject(size: number): Uint8Array {
  // 30 82 LL LL + 04 82 LL LL + content
  const content = new Uint8Array(size - 8).map((_, i) => (i * 7) & 0xff);
  const der = new Uint8Array(new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: content })] }).toBER());
  if (der.length !== size) throw new Error(`built ${der.length} bytes, wanted ${size}`);
  return der;
}

export function withFiller(obj: Uint8Array, total: number): Uint8Array {
  const out = new Uint8Array(total).fill(0xff);
  out.set(obj);
  return out;
}
