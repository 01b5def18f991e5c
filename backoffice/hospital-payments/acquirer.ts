// The card acquirer behind the card-linked payment — a SIMULATOR: no real acquirer can be reached from
// a build machine. It has the shape of a real acquirer's token API (a token for a card it knows, a
// charge by token with the merchant's reference, a refund against that charge) and its rules are
// written down here so tests and the demo can rely on them:
// - the tokens it issued are `simtok-<BRAND>-<last4>-<16 hex>` (simulators/payment/card-terminal.ts
//   tokenizes cards in that format); any other token is unknown to it;
// - test cards as acquirers publish them: a card ending 0002 is declined 'insufficient_funds' when
//   charged (it links fine: the account exists), one ending 0069 'expired_card'; every other card
//   is approved, with an approval code derived from the reference (the same reference, the same code).
// A real acquirer replaces this file; the routes and the store do not change.
import { createHash } from 'node:crypto';

const TOKEN = /^simtok-([A-Z0-9]{2,20})-([0-9]{4})-[0-9a-f]{16}$/;
const DECLINES: Record<string, string> = { '0002': 'insufficient_funds', '0069': 'expired_card' };

export type AcquirerAnswer = { status: 'approved'; approvalCode: string } | { status: 'declined'; reason: string };

export interface Acquirer {
  /** Whether the token is one this acquirer issued for a card of that brand and last 4 digits. */
  knows(token: string, account: { brand: string; last4: string }): boolean;
  charge(token: string, amount: number, reference: string): AcquirerAnswer;
}

export function simulatedAcquirer(): Acquirer {
  return {
    knows(token, account) {
      const m = TOKEN.exec(token);
      return !!m && m[1] === account.brand && m[2] === account.last4;
    },
    charge(token, _amount, reference) {
      const last4 = TOKEN.exec(token)?.[2];
      if (!last4) return { status: 'declined', reason: 'unknown_token' };
      const reason = DECLINES[last4];
      if (reason) return { status: 'declined', reason };
      return { status: 'approved', approvalCode: createHash('sha256').update(reference).digest('hex').slice(0, 6).toUpperCase() };
    },
  };
}
