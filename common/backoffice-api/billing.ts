// Hospital payment between the kiosk and the back office: the events a kiosk's outbox sends about
// each payment (stream `billing:<paymentRef>`, strictly in order), and the card-linked payment
// account (the token the card terminal gave, kept at the back office, keyed by the hospital's patient
// ID — which follows the insured person, not the certificate, so it survives certificate renewal).
// No names, no card numbers: a patient is their patient ID, an account its brand and last 4 digits.
import { z } from 'zod';
import { KioskId } from './primitives';

const Yen = z.number().int().min(0).max(100_000_000);
const Ref = z.string().min(1).max(200);
export const BillingMethod = z.enum(['cash', 'ic', 'card', 'linked']);
export const PatientRef = z.string().regex(/^[0-9]{1,20}$/);

const PaymentFacts = z.looseObject({
  paymentRef: Ref,
  kioskId: KioskId.optional(),
  patientRef: PatientRef,
  invoiceNumber: z.string().regex(/^[0-9]{1,10}$/),
  method: BillingMethod,
  amount: Yen,
  at: z.string().max(40),
});

/** Payloads by kind (merged into SYNC_EVENT_PAYLOADS). */
export const BILLING_EVENT_PAYLOADS = {
  /** The device took the money (journal first); the accounting system is told next. */
  'billing.paid': PaymentFacts.extend({ change: Yen }),
  /** The accounting system recorded the 入金 under this reference (one payment ↔ one 伝票番号). */
  'billing.recorded': PaymentFacts,
  /** Money taken that could not be recorded or returned automatically: staff settle it. */
  'billing.held': PaymentFacts.extend({ reason: z.string().min(1).max(60) }),
  /** Money returned (the device's refund or reversal, and the 返金 recorded when the 入金 was). */
  'billing.refunded': PaymentFacts.extend({ refunded: Yen, totalRefunded: Yen, by: z.enum(['kiosk', 'staff']), reason: z.string().max(200) }),
} as const;

/** A linked payment account as anyone but the acquirer sees it. */
export const LinkedAccount = z.object({ brand: z.string().min(1).max(20), last4: z.string().regex(/^[0-9]{4}$/) });
export type LinkedAccount = z.infer<typeof LinkedAccount>;

/** PUT /v1/hospital/payment-links/{patientRef} (caller: kiosk, after the card's signature and PIN this session). */
export const PaymentLinkRequest = z.object({ token: z.string().min(8).max(200), account: LinkedAccount }).strict();
export const PaymentLinkResponse = z.object({ linked: z.boolean(), account: LinkedAccount.optional() });

/** POST /v1/hospital/payment-links/{patientRef}/charges (caller: kiosk): idempotent by `reference`. */
export const LinkedChargeRequest = z.object({ reference: Ref, amount: Yen.min(1), invoiceNumber: z.string().regex(/^[0-9]{1,10}$/) }).strict();
export const LinkedChargeResponse = z.object({
  reference: Ref,
  status: z.enum(['approved', 'declined']),
  amount: Yen,
  /** declined: the acquirer's reason key (e.g. 'insufficient_funds', 'expired_card'). */
  reason: z.string().max(60).optional(),
  approvalCode: z.string().max(20).optional(),
  refunded: Yen,
});
/** GET /v1/hospital/payment-charges/{reference} (caller: kiosk): a charge of the kiosk's hospital by the
 *  kiosk's reference alone — a restarted kiosk asks it (device lookup) before anything, and finds whose it is. */
export const LinkedChargeLookupResponse = LinkedChargeResponse.extend({ patientRef: PatientRef });
/** POST …/charges/{reference}/refunds (caller: kiosk): `amount` back to the account; idempotent by refundRef. */
export const LinkedRefundRequest = z.object({ refundRef: Ref, amount: Yen.min(1) }).strict();
