// The payment half of the reception desk (schemas only; contract.ts lists the commands): hospital
// staff, in staff mode at a hospital kiosk, see the day's payments of every kiosk of the hospital as
// the back office answers them (common/backoffice-api/desk-payments.ts) — bills still unpaid,
// payments held by a device fault, refunds — and the day's settlement by payment method reconciled
// against the accounting system's 収納 (ORCA's 入金 and 返金 lines of the day). Staff refund a payment
// or settle a held one here. No names: patients are named by their patient ID.
import { z } from 'zod';
import { DeskPaymentRow, DeskPaymentsResponse, DeskUnpaidRow, Settlement } from '../backoffice-api';

const yen = z.number().int().min(-99_999_999).max(99_999_999);
const ref = z.string().min(1).max(100);

/** refresh: the screen's own periodic refresh (not staff's activity); false: staff opened or asked for it. */
export const DeskPaymentsInputSchema = z.object({ refresh: z.boolean() }).strict();

export const DeskPaymentRowSchema = DeskPaymentRow;
export const DeskUnpaidRowSchema = DeskUnpaidRow;
export const SettlementSchema = Settlement;

export const DeskPaymentsViewSchema = DeskPaymentsResponse.extend({
  /** When the kiosk got this answer (ISO). */
  fetchedAt: z.string().min(10).max(40),
});

/** Staff's refund of (part of) a payment made at this kiosk, or the decision on a held one. */
export const DeskRefundInputSchema = z.object({ paymentRef: ref, amount: z.number().int().min(1).max(99_999_999), reason: z.string().min(1).max(200) }).strict();
export const DeskSettleHeldInputSchema = z.object({ paymentRef: ref, decision: z.enum(['record', 'refund']) }).strict();
export const DeskPaymentActionSchema = z.object({ paymentRef: ref, status: z.enum(['recorded', 'refunded', 'held']), refunded: yen });

export type DeskPaymentRowView = z.infer<typeof DeskPaymentRowSchema>;
export type DeskPaymentsView = z.infer<typeof DeskPaymentsViewSchema>;
export type SettlementView = z.infer<typeof SettlementSchema>;
export type DeskPaymentAction = z.infer<typeof DeskPaymentActionSchema>;
