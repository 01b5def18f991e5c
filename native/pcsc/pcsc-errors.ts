// Maps the errors the pcsclite addon raises (plain Error objects whose message ends with the
// PC/SC result code, e.g. "SCardTransmit error: Card was removed.(0x80100069)") to typed errors.
import { KioskError, type ErrorKind } from '../../common/errors';

/** PC/SC result codes (pcsclite.h / winscard) that the kiosk tells apart. */
export const PCSC = {
  E_CANCELLED: 0x80100002,
  E_INVALID_HANDLE: 0x80100003,
  E_UNKNOWN_READER: 0x80100009,
  E_TIMEOUT: 0x8010000a,
  E_SHARING_VIOLATION: 0x8010000b,
  E_NO_SMARTCARD: 0x8010000c,
  E_NOT_TRANSACTED: 0x80100016,
  E_READER_UNAVAILABLE: 0x80100017,
  E_NO_SERVICE: 0x8010001d,
  E_SERVICE_STOPPED: 0x8010001e,
  E_NO_READERS_AVAILABLE: 0x8010002e,
  E_COMM_DATA_LOST: 0x8010002f,
  W_UNRESPONSIVE_CARD: 0x80100066,
  W_UNPOWERED_CARD: 0x80100067,
  W_RESET_CARD: 0x80100068,
  W_REMOVED_CARD: 0x80100069,
} as const;

/** The result code inside an addon error message, or undefined for errors raised in its JS layer. */
export function pcscCode(err: unknown): number | undefined {
  const msg = err instanceof Error ? err.message : String(err);
  const m = /\(0x([0-9a-fA-F]{8})\)\s*$/.exec(msg);
  return m?.[1] === undefined ? undefined : parseInt(m[1], 16);
}

function kindFor(code: number | undefined): ErrorKind {
  switch (code) {
    case PCSC.W_REMOVED_CARD:
    case PCSC.E_NO_SMARTCARD:
    case PCSC.E_COMM_DATA_LOST:
    case PCSC.W_UNPOWERED_CARD:
    case PCSC.E_NOT_TRANSACTED:
    case undefined:
      // pcsc-lite answers NOT_TRANSACTED when the card leaves in the middle of an exchange; no code
      // at all is the addon's own "Card Reader not connected" after a removal dropped the handle.
      return 'card.removed';
    case PCSC.W_RESET_CARD:
      return 'card.reset';
    case PCSC.W_UNRESPONSIVE_CARD:
    case PCSC.E_TIMEOUT:
      return 'card.unresponsive';
    case PCSC.E_SHARING_VIOLATION:
      return 'card.busy';
    case PCSC.E_UNKNOWN_READER:
    case PCSC.E_READER_UNAVAILABLE:
    case PCSC.E_INVALID_HANDLE:
      return 'reader.gone';
    case PCSC.E_NO_SERVICE:
    case PCSC.E_SERVICE_STOPPED:
      return 'reader.service_unavailable';
    case PCSC.E_NO_READERS_AVAILABLE:
      return 'reader.none';
    default:
      return 'card.unresponsive';
  }
}

/** Wraps an addon error; details.pcsc carries the hex code for logs and for the extended-length probe. */
export function fromPcscError(err: unknown, context: { reader: string; op: string }): KioskError {
  if (err instanceof KioskError) return err;
  const code = pcscCode(err);
  const details: Record<string, string> = { reader: context.reader, op: context.op };
  if (code !== undefined) details.pcsc = `0x${code.toString(16).padStart(8, '0')}`;
  const msg = err instanceof Error ? err.message : String(err);
  return new KioskError(kindFor(code), `${context.op} on "${context.reader}": ${msg}`, details, { cause: err });
}
