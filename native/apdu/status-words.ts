// Status word → typed error. Every non-success answer the card can give ends up as a KioskError
// whose kind the UI maps to a message (tries left, blocked → municipal office, …); details.sw keeps
// the raw value for logs and support.
import { KioskError } from '../../common/errors';
import { swHex } from './apdu';

export const SW = {
  OK: 0x9000,
  EOF_WARNING: 0x6282,
  WRONG_LENGTH: 0x6700,
  SECURITY_STATUS: 0x6982,
  PIN_BLOCKED: 0x6984,
  CONDITIONS: 0x6985,
  NO_CURRENT_EF: 0x6986,
  FILE_NOT_FOUND: 0x6a82,
  WRONG_P1P2: 0x6a86,
  OFFSET_BEYOND_EOF: 0x6b00,
  POWER_CYCLE_FIRST: 0x6f00,
} as const;

/**
 * 63 Cx: a VERIFY answer carrying the tries left, or undefined for any other SW. With `max` (the
 * key's retry limit, e.g. 3 for the JPKI auth PIN) a count above it is not believed: such a card is
 * malformed, and a resident must never be told "15 tries left" for a 3-try PIN.
 */
export function triesFromSw(sw: number, max?: number): number | undefined {
  if ((sw & 0xfff0) !== 0x63c0) return undefined;
  const tries = sw & 0x0f;
  if (max !== undefined && tries > max) {
    throw new KioskError('card.malformed_response', `the card reports ${tries} PIN tries where at most ${max} exist`, {
      sw: swHex(sw), reason: 'tries_out_of_range',
    });
  }
  return tries;
}

const MESSAGES: Record<number, string> = {
  0x6700: 'wrong length',
  0x6881: 'logical channel not supported',
  0x6882: 'secure messaging not supported',
  0x6981: 'command incompatible with file structure',
  0x6985: 'conditions of use not satisfied',
  0x6986: 'no current EF',
  0x6a82: 'file or application not found',
  0x6a83: 'record not found',
  0x6a86: 'wrong P1/P2',
  0x6a88: 'referenced data not found',
  0x6b00: 'offset beyond end of file',
  0x6d00: 'instruction not supported',
  0x6e00: 'class not supported',
  0x6f00: 'no precise diagnosis (first command after power-up)',
};

/** The typed error for a status word; `what` names the step for the message (never a PIN). */
export function errorForStatus(sw: number, what: string, maxTries?: number): KioskError {
  const hex = swHex(sw);
  let tries: number | undefined;
  try {
    tries = triesFromSw(sw, maxTries);
  } catch (err) {
    return err as KioskError;
  }
  if (tries !== undefined) {
    if (tries === 0) return new KioskError('card.pin_blocked', `${what}: the PIN is now blocked (63 C0)`, { sw: hex, triesLeft: 0 });
    return new KioskError('card.wrong_pin', `${what}: wrong PIN, ${tries} tries left`, { sw: hex, triesLeft: tries });
  }
  if (sw === SW.PIN_BLOCKED) return new KioskError('card.pin_blocked', `${what}: the PIN is blocked (69 84)`, { sw: hex, triesLeft: 0 });
  if (sw === SW.SECURITY_STATUS) return new KioskError('card.security_status', `${what}: security status not satisfied (69 82)`, { sw: hex });
  const text = MESSAGES[sw] ?? 'unexpected status word';
  return new KioskError('card.status_word', `${what}: ${text} (${hex})`, { sw: hex, step: what });
}
