// Client-side credential format checks, done before any VERIFY so a typing mistake never costs
// one of the card's few tries (the card only compares bytes; jpki-card.md §6, §12 #6).
import { KioskError } from '../../common/errors';

/** 4 ASCII digits (auth PIN, text-AP PIN). Returns the bytes to send. */
export function fourDigitPinBytes(pin: unknown): Uint8Array {
  if (typeof pin !== 'string' || !/^[0-9]{4}$/.test(pin)) {
    throw new KioskError('card.pin_format', 'the PIN must be exactly 4 digits', { field: 'pin', rule: '4digits' });
  }
  return new TextEncoder().encode(pin);
}

/** Sign password: 6–16 of A–Z 0–9, input upper-cased first. Returns the bytes to send. */
export function signPasswordBytes(pw: unknown): Uint8Array {
  const upper = typeof pw === 'string' ? pw.toUpperCase() : '';
  if (!/^[A-Z0-9]{6,16}$/.test(upper)) {
    throw new KioskError('card.pin_format', 'the signature password must be 6–16 letters A–Z or digits', { field: 'password', rule: '6to16alnum' });
  }
  return new TextEncoder().encode(upper);
}

/** Overwrites a PIN buffer once the command has been sent (best effort; JS strings cannot be wiped). */
export function wipe(bytes: Uint8Array): void {
  bytes.fill(0);
}
