// The one seam between card logic and the hardware. Everything above (APDU channel, JPKI AP, text
// AP) talks to a card only through this interface, so the same logic runs over PC/SC, over the
// benchmark's counting wrapper, and over scripted byte-level doubles in unit tests.

export type Disposition = 'unpower' | 'reset' | 'leave';

export interface CardTransport {
  readonly readerName: string;
  /** Answer-to-reset as reported by the reader. Logged for diagnostics, never used to decide. */
  readonly atr: Uint8Array;
  /** Sends one command APDU; resolves with the raw response APDU including SW1 SW2. */
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
  /**
   * Ends the session. 'unpower' is the kiosk default: a power cycle is the only disposition known to
   * clear a verified PIN on every card generation (jpki-card.md §7).
   */
  close(disposition: Disposition): Promise<void>;
}
