// What the payment desk shows, as pure functions (unit-tested in Node): amounts in words, a payment's
// status as a symbol and a word (never colour alone), what may still be refunded, the refund form's
// check, and the message of a failed action. The figures come from the back office unchanged; nothing
// here decides whether the day reconciles.
import type { DeskPaymentRowView, DeskPaymentsView } from '../../../../common/api/contract';
import type { ErrorKind } from '../../../../common/errors';
import type { MessageKey, Vars } from '../../i18n';

type Status = DeskPaymentRowView['status'];
type Method = DeskPaymentRowView['method'];

/** 1790 → 「1,790」 (the yen sign or 円 comes from the message 'desk.pay.yen'). */
export const groupedYen = (n: number): string => new Intl.NumberFormat('ja-JP').format(n);
export const yenVars = (n: number): Vars => ({ n: groupedYen(n) });

/** The status as a symbol beside its word, so it reads the same in greyscale and to a screen reader. */
export const STATUS_SYMBOL: Record<Status, string> = { recorded: '✓', paid: '…', held: '⚠', refunded: '↩' };
export const statusKey = (s: Status): MessageKey => `desk.pay.status.${s}`;
export const methodKey = (m: Method): MessageKey => `desk.pay.method.${m}`;

const KNOWN_REASONS = ['accounting_unavailable', 'accounting_rejected', 'bill_changed', 'device_fault', 'device_unknown'] as const;
/** A held payment's reason in words; one this screen does not know is shown as its code. */
export function heldReason(reason: string | undefined): { k: MessageKey; vars?: Vars } | null {
  if (!reason) return null;
  return (KNOWN_REASONS as readonly string[]).includes(reason) ? { k: `desk.pay.reason.${reason as (typeof KNOWN_REASONS)[number]}` } : { k: 'desk.pay.reason.other', vars: { code: reason } };
}

/** What may still be returned: a recorded (or awaiting-record) payment, less what was refunded. Held ones are settled, not refunded in part. */
export function refundable(r: DeskPaymentRowView): number {
  return r.status === 'recorded' || r.status === 'paid' ? Math.max(0, r.amount - r.refunded) : 0;
}

/** The reasons staff choose from (the kiosk has no keyboard); the code is what the billing service keeps. */
export const REFUND_REASONS = ['order_cancelled', 'wrong_amount', 'paid_twice', 'patient_request', 'other'] as const;

/** The refund form's check before the confirm step: null when it may go on. */
export function refundProblem(r: DeskPaymentRowView, amountText: string, reason: string): { k: MessageKey; vars?: Vars } | null {
  const max = refundable(r);
  const amount = /^\d{1,8}$/.test(amountText.trim()) ? Number(amountText.trim()) : NaN;
  if (!(amount >= 1 && amount <= max)) return { k: 'desk.pay.invalid.amount', vars: { max: groupedYen(max) } };
  if (reason.trim().length === 0) return { k: 'desk.pay.invalid.reason' };
  return null;
}

/** The message of a refund or a held payment's decision that failed; staff.locked is not one (the screen leaves). */
export function actionErrorKey(kind: ErrorKind): MessageKey {
  if (kind === 'api.unsupported') return 'desk.pay.error.unsupported';
  if (kind === 'billing.not_found') return 'desk.pay.error.notFound';
  if (kind === 'billing.invalid_state' || kind === 'input.invalid') return 'desk.pay.error.state';
  if (kind.startsWith('payment.')) return 'desk.pay.error.device';
  if (kind.startsWith('accounting.')) return 'desk.pay.error.accounting';
  return 'desk.pay.error.other';
}

/** The message of a failed load. */
export function loadErrorKey(kind: ErrorKind): MessageKey {
  if (kind === 'sync.unreachable' || kind === 'sync.server_error') return 'desk.error.unreachable';
  if (kind === 'backoffice.refused' || kind === 'backoffice.unauthenticated') return 'desk.pay.error.refused';
  return 'desk.pay.error.other';
}

/** The settlement's verdict: checked and equal, checked and not, or not checkable (accounting unreachable). */
export function verdict(view: DeskPaymentsView): 'reconciled' | 'mismatch' | 'unchecked' {
  if (view.accounting !== 'available') return 'unchecked';
  return view.settlement.reconciled ? 'reconciled' : 'mismatch';
}
