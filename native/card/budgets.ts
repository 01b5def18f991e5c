// Every card operation's deadline and APDU budget, in one place. The numbers come from the card's
// own limits (jpki-card.md §3.3, §9, §10) with margin, so a genuine card never meets them and a
// damaged or hostile one (silent, slow, answering a byte at a time, chaining 61 xx forever) is cut
// off with a typed 'card.too_slow' instead of holding the kiosk.

/** Short READ BINARY / GET RESPONSE chunk. */
export const CHUNK_BYTES = 256;

/**
 * Largest certificate the format allows on this card. CA certificates are 1,301–1,319 bytes and
 * holder certificates 1.4–2 KB (§10); twice the largest observed leaves room for longer names and
 * addresses. A header announcing more is refused before a single body byte is read.
 */
export const MAX_CERTIFICATE_BYTES = 4_096;

/** 基本4情報 (EF 0002 of the text AP): four short UTF-8 fields; a long address stays far below this. */
export const MAX_BASIC4_BYTES = 2_048;

/** RSA-2048 signature. */
export const SIGNATURE_BYTES = 256;

/** Commands a chunked read of `maxBytes` needs: extended probe, the chunks, and two spare for 6C xx / 6F 00. */
function chunkedReadApdus(maxBytes: number): number {
  return 1 + Math.ceil(maxBytes / CHUNK_BYTES) + 2;
}

export interface OperationBudget {
  /** Wall-clock limit for the whole operation, link and card processing included. */
  deadlineMs: number;
  /** Commands the operation may send (GET RESPONSE and resends count). */
  apdus: number;
  /** Largest response (after 61 xx chaining) any one command of the operation may return. */
  responseBytes: number;
}

export type CardOperation = 'detect' | 'pinStatus' | 'readCertificate' | 'verifyPin' | 'sign' | 'readText' | 'login' | 'command';

/**
 * Measured on pcscd + vpcd a login's commands take ~0.3 ms each and a real contact chip needs up to
 * ~1.5 s for RSA-2048 (§10), so the deadlines are generous for a good card and short for the kiosk.
 */
export const CARD_BUDGETS: Readonly<Record<CardOperation, OperationBudget>> = {
  // SELECT AP, token label, empty VERIFY, EF 0008; + a 6F 00 after power-up and a re-select after a reset.
  detect: { deadlineMs: 2_500, apdus: 8, responseBytes: 512 },
  // Empty VERIFY (+ SELECT when the AP is not selected yet, + one spare).
  pinStatus: { deadlineMs: 1_500, apdus: 4, responseBytes: 64 },
  readCertificate: { deadlineMs: 4_000, apdus: chunkedReadApdus(MAX_CERTIFICATE_BYTES) + 1, responseBytes: MAX_CERTIFICATE_BYTES + CHUNK_BYTES },
  // VERIFY, and a 6F 00 resend at most.
  verifyPin: { deadlineMs: 2_000, apdus: 3, responseBytes: 64 },
  // COMPUTE DIGITAL SIGNATURE: one command, a 61 xx GET RESPONSE pair at most, a 6C xx resend.
  sign: { deadlineMs: 4_000, apdus: 4, responseBytes: 2 * SIGNATURE_BYTES },
  // 券面 (text AP): VERIFY + a chunked read of EF 0002 or the 17-byte My Number file.
  readText: { deadlineMs: 4_000, apdus: 2 + chunkedReadApdus(MAX_BASIC4_BYTES) + 1, responseBytes: MAX_BASIC4_BYTES + CHUNK_BYTES },
  // The whole PIN step seen by the resident (certificate + VERIFY + signature): no card holds the
  // kiosk longer than this, even one answering each step just inside its own budget.
  login: { deadlineMs: 8_000, apdus: 40, responseBytes: MAX_CERTIFICATE_BYTES + CHUNK_BYTES },
  // Any command outside a named operation (technician tools): one command's worth.
  command: { deadlineMs: 4_000, apdus: 4, responseBytes: MAX_CERTIFICATE_BYTES + CHUNK_BYTES },
};

/** How long closing a session waits for a command still on the wire before abandoning it. */
export const CLOSE_GRACE_MS = 250;
