// Turns the reader status words that PC/SC reports into card-inserted / card-removed events.
// Pure so the transitions are unit-tested without hardware.

export const SCARD_STATE = {
  CHANGED: 0x0002,
  UNKNOWN: 0x0004,
  UNAVAILABLE: 0x0008,
  EMPTY: 0x0010,
  PRESENT: 0x0020,
  EXCLUSIVE: 0x0080,
  INUSE: 0x0100,
  MUTE: 0x0200,
} as const;

export interface CardSlotState {
  present: boolean;
  /** pcsc-lite counts insertions and removals in the upper 16 bits of the event state. */
  eventCounter: number;
  atrHex?: string;
}

export type SlotChange = { type: 'card-inserted'; atrHex: string } | { type: 'card-removed' };

export function toHexString(bytes: Uint8Array | undefined): string {
  if (!bytes) return '';
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s.toUpperCase();
}

export function slotStateFrom(state: number, atr: Uint8Array | undefined): CardSlotState {
  const present = (state & SCARD_STATE.PRESENT) !== 0;
  const out: CardSlotState = { present, eventCounter: (state >>> 16) & 0xffff };
  if (present) out.atrHex = toHexString(atr);
  return out;
}

/**
 * Events between two observed states. A removal followed by a new insertion between two polls
 * (present → present with a different event counter, e.g. a quick card swap) is reported as both,
 * so a session from the previous card is never mistaken for the new holder's.
 */
export function slotChanges(prev: CardSlotState | undefined, next: CardSlotState): SlotChange[] {
  const wasPresent = prev?.present ?? false;
  if (!wasPresent && next.present) return [{ type: 'card-inserted', atrHex: next.atrHex ?? '' }];
  if (wasPresent && !next.present) return [{ type: 'card-removed' }];
  if (wasPresent && next.present && prev && prev.eventCounter !== next.eventCounter) {
    return [{ type: 'card-removed' }, { type: 'card-inserted', atrHex: next.atrHex ?? '' }];
  }
  return [];
}
