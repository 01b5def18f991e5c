// What the payment desk asks of the billing service on this kiosk: staff's refund of a payment made
// here, and their decision on a payment held here (money taken that could not be recorded or
// returned by itself). The billing module supplies it (its checkout service's refund / settleHeld,
// which move the device and the accounting system and write the checkout's state and outbox event);
// the desk only checks staff mode and the 30-minute rule before calling it.
import type { DeskPaymentAction } from '../../../common/api/desk-payments-schemas';

export interface StaffPaymentActions {
  /**
   * Returns `amount` of the payment to the payer (the device's refund or reversal; cash: counted out
   * by staff) and records the 返金 in the accounting system under its own reference. Failures:
   * billing.not_found (no such payment at this kiosk), billing.invalid_state, input.invalid (more
   * than is left), payment.* and accounting.* of the steps.
   */
  refund(paymentRef: string, amount: number, reason: string): Promise<DeskPaymentAction>;
  /** A held payment: 'record' tells the accounting system (its idempotent 入金), 'refund' returns it in full. */
  settleHeld(paymentRef: string, decision: 'record' | 'refund'): Promise<DeskPaymentAction>;
}
