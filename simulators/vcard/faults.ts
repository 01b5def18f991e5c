// Hostile and damaged cards for the kiosk's card client: ways of answering on the vpcd link that a
// genuine card never shows (silence, slowness, a byte at a time, lying lengths, endless 61 xx,
// impossible retry counters, odd signature sizes, the link dropping mid-command). Content faults
// (deep / truncated / zero-length TLV, other people's or bad certificates) are card configurations:
// see tests/helpers/hostile-cards.ts. README.md lists every mode.

/** What the card does with one command: answer (possibly late), stay silent, or drop the link. */
export type FaultAction = { kind: 'reply'; reply: Uint8Array; delayMs?: number } | { kind: 'silent' } | { kind: 'drop' };

/** `own(apdu)` is the card's genuine answer; a fault decides what actually goes back. */
export type LinkFault = (apdu: Uint8Array, index: number, own: (apdu: Uint8Array) => Uint8Array) => FaultAction;

export const LINK_FAULTS = [
  'silent', 'silent-at-sign', 'slow', 'slow-login', 'drip', 'drip-huge', 'lying-length', 'short-file',
  'endless-61xx', 'bad-sw', 'tries-63CF', 'tries-63C0', 'verify-63CF', 'sig-255', 'sig-512', 'sig-empty',
  'disconnect-sign', 'disconnect-read',
] as const;
export type LinkFaultMode = (typeof LINK_FAULTS)[number];

const INS = { VERIFY: 0x20, SIGN: 0x2a, GET_RESPONSE: 0xc0, READ_BINARY: 0xb0, SELECT: 0xa4 } as const;
const AUTH_CERT_SFI = 0x0a;
const reply = (bytes: Uint8Array, delayMs?: number): FaultAction => ({ kind: 'reply', reply: bytes, ...(delayMs ? { delayMs } : {}) });
const sw = (hi: number, lo: number, data: ArrayLike<number> = []): Uint8Array => Uint8Array.from([...Array.from(data), hi, lo]);

/** READ BINARY of the auth certificate EF (by SFI, or by offset after an SFI read made it current). */
function readsAuthCert(apdu: Uint8Array, state: { certCurrent: boolean }): boolean {
  if (apdu[1] !== INS.READ_BINARY) {
    if (apdu[1] === INS.SELECT) state.certCurrent = false;
    return false;
  }
  const p1 = apdu[2] ?? 0;
  if (p1 & 0x80) state.certCurrent = (p1 & 0x1f) === AUTH_CERT_SFI;
  return state.certCurrent;
}

/** Offset a READ BINARY starts at (SFI form: P2; otherwise P1 P2). */
function readOffset(apdu: Uint8Array): number {
  const p1 = apdu[2] ?? 0;
  const p2 = apdu[3] ?? 0;
  return p1 & 0x80 ? p2 : ((p1 & 0x7f) << 8) | p2;
}

/** The genuine answer with the certificate's outer length replaced by `declared` (30 82 hi lo). */
function withDeclaredLength(apdu: Uint8Array, res: Uint8Array, declared: number): Uint8Array {
  const out = res.slice();
  const off = readOffset(apdu);
  const header = [0x30, 0x82, (declared - 4) >> 8, (declared - 4) & 0xff];
  for (let i = 0; i < header.length; i++) {
    const at = i - off;
    if (at >= 0 && at < out.length - 2) out[at] = header[i] as number;
  }
  return out;
}

export function linkFault(mode: LinkFaultMode): LinkFault {
  const state = { certCurrent: false, verified: false };
  return (apdu, _index, own) => {
    const ins = apdu[1];
    const cert = readsAuthCert(apdu, state);
    switch (mode) {
      case 'silent':
        return { kind: 'silent' };
      case 'silent-at-sign':
        return ins === INS.SIGN ? { kind: 'silent' } : reply(own(apdu));
      case 'slow':
        // 3 s per command: every step would still "succeed" without an overall deadline.
        return reply(own(apdu), 3_000);
      case 'slow-login':
        // Quick to detect; then each login step answers just inside its own budget (certificate
        // 3.5 s, VERIFY 1.8 s, signature 3.5 s): only the budget of the whole PIN step stops it.
        if (cert) return reply(own(apdu), 3_500);
        if (ins === INS.VERIFY && apdu.length > 5) return reply(own(apdu), 1_800);
        return reply(own(apdu), ins === INS.SIGN ? 3_500 : 0);
      case 'drip': {
        if (!cert) return reply(own(apdu));
        const res = own(apdu);
        return res.length > 2 ? reply(sw(0x90, 0x00, res.subarray(0, 1))) : reply(res);
      }
      case 'drip-huge': {
        if (!cert) return reply(own(apdu));
        const res = withDeclaredLength(apdu, own(apdu), 30_000);
        return res.length > 2 ? reply(sw(0x90, 0x00, res.subarray(0, 1))) : reply(res);
      }
      case 'lying-length':
        return reply(cert ? withDeclaredLength(apdu, own(apdu), 30_000) : own(apdu));
      case 'short-file':
        // Claims 4,000 bytes; the EF ends at 2,048 (6B 00 there).
        return reply(cert ? withDeclaredLength(apdu, own(apdu), 4_000) : own(apdu));
      case 'endless-61xx':
        if (ins === INS.GET_RESPONSE || cert) return reply(sw(0x61, 0xff, new Uint8Array(255).fill(0x30)));
        return reply(own(apdu));
      case 'bad-sw':
        return ins === INS.READ_BINARY ? reply(sw(0x64, 0x00)) : reply(own(apdu));
      case 'tries-63CF':
        return ins === INS.VERIFY && apdu.length <= 5 ? reply(sw(0x63, 0xcf)) : reply(own(apdu));
      case 'tries-63C0':
        return ins === INS.VERIFY && apdu.length <= 5 ? reply(sw(0x63, 0xc0)) : reply(own(apdu));
      case 'verify-63CF':
        return ins === INS.VERIFY && apdu.length > 5 ? reply(sw(0x63, 0xcf)) : reply(own(apdu));
      case 'sig-255':
      case 'sig-512':
      case 'sig-empty': {
        if (ins !== INS.SIGN) return reply(own(apdu));
        const res = own(apdu);
        if (res.length < 258) return reply(res);
        const sig = res.subarray(0, 256);
        const data = mode === 'sig-255' ? sig.subarray(0, 255) : mode === 'sig-512' ? Uint8Array.from([...sig, ...sig]) : new Uint8Array(0);
        return reply(sw(0x90, 0x00, data));
      }
      case 'disconnect-sign':
        return ins === INS.SIGN ? { kind: 'drop' } : reply(own(apdu));
      case 'disconnect-read':
        return cert ? { kind: 'drop' } : reply(own(apdu));
    }
  };
}
