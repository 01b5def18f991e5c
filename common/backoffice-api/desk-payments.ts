// The payment half of the hospital's desk on the wire (GET /v1/hospital/desk/{date}/payments): a
// day's payments at every kiosk of the calling kiosk's hospital, as the back office folds the kiosks'
// billing.* events (billing.ts), beside the accounting system's bills still unpaid and its 収納 of
// the day (ORCA incomev3's 入金 / 返金 lines carrying a kiosk's Payment_Reference). The settlement
// puts the two side by side per payment, so a payment the accounting system never heard of, or one
// it recorded with another amount, is named rather than hidden in a total.
// No names: a patient is their patient ID; a payment its reference.
import { z } from 'zod';
import { BillingMethod } from './billing';
import { DeskDate } from './desk';

const Yen = z.number().int().min(-99_999_999).max(99_999_999);
const Ref = z.string().min(1).max(200);

/**
 * A payment as the desk sees it:
 * - paid: money taken, the accounting system not told yet (the kiosk retries its idempotent 入金 by itself);
 * - recorded: in the accounting system under its reference;
 * - held: money taken that could not be recorded or returned automatically — staff settle it;
 * - refunded: returned in full.
 */
export const DeskPaymentStatus = z.enum(['paid', 'recorded', 'held', 'refunded']);

export const DeskPaymentRow = z.object({
  /** The kiosk's payment reference, ORCA's Payment_Reference of its 入金: one payment ↔ one 伝票番号. */
  paymentRef: Ref,
  kioskId: z.string().max(100),
  /** When the kiosk took the money (ISO, the kiosk's clock). */
  at: z.string().min(10).max(40),
  patientRef: z.string().max(20),
  invoiceNumber: z.string().max(10),
  method: BillingMethod,
  amount: Yen,
  /** Returned so far (every refund, kiosk's or staff's). */
  refunded: Yen,
  status: DeskPaymentStatus,
  /** held: why (e.g. 'accounting_unavailable', 'bill_changed', 'device_fault'). */
  reason: z.string().max(60).optional(),
});
export type DeskPaymentRow = z.infer<typeof DeskPaymentRow>;

/** A bill of the day the accounting system still waits for (outpatient, due > 0). */
export const DeskUnpaidRow = z.object({
  patientRef: z.string().max(20),
  invoiceNumber: z.string().max(10),
  performedOn: z.string().max(10),
  department: z.string().max(4).optional(),
  due: Yen,
});

export const SettlementDifference = z.object({
  paymentRef: Ref,
  /** What the kiosks' journals say moved that day for this payment (taken − returned). */
  kiosk: Yen,
  /** What the accounting system's lines of the day carrying it say (入金 − 返金). */
  accounting: Yen,
});

export const Settlement = z.object({
  /** The day's money by method, net of the day's refunds. */
  byMethod: z.array(z.object({ method: BillingMethod, count: z.number().int().min(0), amount: Yen })).max(4),
  /** Taken by the kiosks that day, net of the day's refunds. */
  kiosksTotal: Yen,
  /** The accounting system's 収納 of the day from the kiosks (入金 − 返金 lines carrying a kiosk's reference). */
  accountingTotal: Yen,
  /** Every payment agrees (and so do the totals). */
  reconciled: z.boolean(),
  /** Each payment whose amount differs between the kiosks' journals and the accounting system. */
  differences: z.array(SettlementDifference).max(200),
});

export const DeskPaymentsResponse = z.object({
  date: DeskDate,
  medicalInstitutionCode: z.string(),
  /** 'unavailable': the accounting system could not be read (no unpaid list, nothing to reconcile against); 'none': no accounting system is mounted. */
  accounting: z.enum(['available', 'unavailable', 'none']),
  unpaid: z.array(DeskUnpaidRow).max(1000),
  held: z.array(DeskPaymentRow).max(1000),
  payments: z.array(DeskPaymentRow).max(2000),
  settlement: Settlement,
});
export type DeskPaymentsResponse = z.infer<typeof DeskPaymentsResponse>;
