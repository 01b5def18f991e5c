// The kiosk's view of a payment terminal: a cash acceptor (coins and notes, change dispenser) or an
// IC e-money reader. Real devices (e.g. a JCM/Glory acceptor over its serial protocol, or an IC
// terminal SDK) are adapted to this shape; the demo and tests use simulators/payment.
//
// Contract every implementation keeps, because the issuance state machine relies on it:
// - collect() resolves exactly once: 'paid' (money kept, change already dispensed), 'cancelled'
//   or 'failed' — and in both of the latter every yen inserted has been returned (`refunded`).
// - collect() with a paymentId that already completed answers the SAME 'paid' result again
//   without taking money twice (a restart may ask again after a crash).
// - refund() returns money for a completed payment (a certificate that could not be printed);
//   refunding a paymentId twice returns nothing the second time.
// - cancel() asks a running collect() to stop and return the money; it is a no-op otherwise.

export type PaymentMethod = 'cash' | 'ic';

export interface CollectRequest {
  /** Unique per attempt to pay a request; the device's own idempotency key. */
  paymentId: string;
  /** Yen to collect (> 0). */
  amount: number;
  methods: PaymentMethod[];
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
