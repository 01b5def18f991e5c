// The kiosk's view of a payment terminal: a cash acceptor (coins and notes, change dispenser), an
// IC e-money reader, a credit-card terminal, or the payment account linked to the My Number Card
// (billing/linked-account.ts: a charge at the back office). Real devices (e.g. a JCM/Glory acceptor
// over its serial protocol, an IC or card terminal SDK) are adapted to this shape; the demo and tests
// use simulators/payment.
//
// Contract every implementation keeps, because the issuance state machine relies on it:
// - collect() resolves exactly once: 'paid' (money kept, change already dispensed), 'cancelled'
//   or 'failed' — and in both of the latter every yen inserted has been returned (`refunded`).
// - collect() with a paymentId that already completed answers the SAME 'paid' result again
//   without taking money twice (a restart may ask again after a crash).
// - refund() returns money for a completed payment (a certificate that could not be printed, a bill
//   the accounting system refused): cash back from the acceptor, a reversal or refund on the card
//   account; refunding a paymentId twice returns nothing the second time.
// - 'card' and 'linked' never give change and never hold cash: 'failed' and 'cancelled' answer
//   refunded 0 for them (nothing was taken). A card terminal that did not answer in time reports
//   'failed' reason 'timeout'; if it approved afterwards, lookup() finds that approval and the kiosk
//   reverses it with refund().
// - cancel() asks a running collect() to stop and return the money; it is a no-op otherwise.

export type PaymentMethod = 'cash' | 'ic' | 'card' | 'linked';

export interface CollectRequest {
  /** Unique per attempt to pay a request; the device's own idempotency key. */
  paymentId: string;
  /** Yen to collect (> 0). */
  amount: number;
  methods: PaymentMethod[];
  /** Whose bill this pays (hospital payment): the linked account charges this patient's account and
   *  names the invoice to the acquirer. The acceptor and card terminal ignore it. */
  subject?: { patientId: string; invoiceNumber: string };
}

export interface CollectProgress {
  inserted: number;
  remaining: number;
  method?: PaymentMethod;
}

export type CollectResult =
  | { status: 'paid'; method: PaymentMethod; paid: number; change: number }
  | { status: 'cancelled'; refunded: number }
  | { status: 'failed'; reason: string; refunded: number };

export interface PaymentDevice {
  collect(req: CollectRequest, onProgress: (p: CollectProgress) => void): Promise<CollectResult>;
  refund(paymentId: string, amount: number): Promise<{ refunded: number }>;
  cancel(): void;
  /** What the device's journal says about a payment (null: never completed). A restarted kiosk asks
   *  this for a payment that was running when it died, instead of guessing. */
  lookup?(paymentId: string): Promise<CollectResult | null>;
}
