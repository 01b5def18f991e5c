// The payment half of the reception desk (schemas only; contract.ts lists the commands): hospital
// staff, in staff mode at a kiosk offering billing, see the day's payments of every kiosk of the
// hospital as the back office answers them — bills still unpaid, payments held by a device fault,
// refunds — and the day's settlement by payment method reconciled against the accounting system's
// 収納 (ORCA's 入金 and 返金 lines of the day). Staff refund a payment or settle a held one here.
// No names: patients are named by their patient ID.
import { z } from 'zod';
import { BillingMethodSchema } from './billing-schemas';

const yen = z.number().int().min(-99_999_999).max(99_999_999);
const ref = z.string().min(1).max(100);

export const DeskPaymentsInputSchema = z.object({ refresh: z.boolean() }).strict();

export const DeskPaymentRowSchema = z.object({
  /** The kiosk's payment reference (its checkout id): one payment ↔ one 伝票番号. */
  paymentRef: ref,
  kioskId: z.string().max(100),
  at: z.string().min(10).max(40),
  patientRef: z.string().max(20),
  invoiceNumber: z.string().max(10),
  method: BillingMethodSchema,
  amount: yen,
  refunded: yen,
  /** recorded: in the accounting system; held: money taken, staff settle it; refunded: returned in full. */
  status: z.enum(['recorded', 'held', 'refunded']),
  /** held: why (e.g. 'accounting_unavailable', 'bill_changed', 'device_fault'). */
  reason: z.string().max(60).optional(),
});

export const DeskUnpaidRowSchema = z.object({
  patientRef: z.string().max(20),
  invoiceNumber: z.string().max(10),
  performedOn: z.string().max(10),
  department: z.string().max(4).optional(),
  due: yen,
});

export const SettlementSchema = z.object({
  byMethod: z.array(z.object({ method: BillingMethodSchema, count: z.number().int().min(0), amount: yen })).max(4),
  /** Taken by the kiosks, net of refunds. */
  kiosksTotal: yen,
  /** The accounting system's 収納 of the day from the kiosks (入金 − 返金 lines carrying a kiosk's reference). */
  accountingTotal: yen,
  reconciled: z.boolean(),
  /** Each payment whose amount differs between the kiosk's journal and the accounting system. */
  differences: z.array(z.object({ paymentRef: ref, kiosk: yen, accounting: yen })).max(200),
});

export const DeskPaymentsViewSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  unpaid: z.array(DeskUnpaidRowSchema).max(1000),
  held: z.array(DeskPaymentRowSchema).max(1000),
  payments: z.array(DeskPaymentRowSchema).max(2000),
  settlement: SettlementSchema,
  fetchedAt: z.string().min(10).max(40),
});

/** Staff's refund of (part of) a payment made at this kiosk, or the decision on a held one. */
export const DeskRefundInputSchema = z.object({ paymentRef: ref, amount: z.number().int().min(1).max(99_999_999), reason: z.string().min(1).max(200) }).strict();
export const DeskSettleHeldInputSchema = z.object({ paymentRef: ref, decision: z.enum(['record', 'refund']) }).strict();
export const DeskPaymentActionSchema = z.object({ paymentRef: ref, status: z.enum(['recorded', 'refunded', 'held']), refunded: yen });

export type DeskPaymentRowView = z.infer<typeof DeskPaymentRowSchema>;
export type DeskPaymentsView = z.infer<typeof DeskPaymentsViewSchema>;
export type SettlementView = z.infer<typeof SettlementSchema>;
