// Money given back by staff: a refund of a recorded payment (desk.refund) and a held payment returned
// in full (desk.settle_held 'refund'). Each refund is written before the device is asked
// (refund-ledger.ts); a recorded payment's refund then owes the accounting system its 返金 (02/04,
// reference `<paymentRef>-r<n>`), told at once and, while the accounting system is down, by
// housekeeping until it answers — so the day reconciles. A held payment has no 入金 there: its refund
// owes no 返金.
import { KioskError, toKioskError } from '../../../common/errors';
import type { CheckoutRow } from './checkout-machine';
import type { CheckoutSteps } from './checkout-steps';
import type { RefundRow } from './refund-ledger';
import type { BillingDeps } from './types';

/** The accounting system cannot answer now (down, or the patient open elsewhere): the 返金 stays owed. */
const LATER = ['accounting.unavailable', 'accounting.patient_locked'];
/** States in which a patient is being served here: a terminal-wide unlock would release them. */
const OPEN: readonly CheckoutRow['state'][] = ['looking_up', 'bill_shown', 'paying'];

export function createCheckoutRefunds(deps: BillingDeps, steps: CheckoutSteps) {
  const { checkouts, cashier } = deps;
  const ledger = checkouts.refunds;
  const clock = deps.clock ?? Date.now;
  const log = deps.log ?? (() => undefined);

  /** One refund through the device, written before it is asked; what came back is kept whatever follows. */
  async function giveBack(row: CheckoutRow, amount: number, o: { reason: string; owes: boolean; whole?: boolean }): Promise<{ refund: RefundRow; row: CheckoutRow }> {
    if (ledger.ofCheckout(row.checkoutId).some((r) => r.state === 'returning')) {
      throw new KioskError('billing.invalid_state', 'a refund of this payment is under way', { state: row.state });
    }
    const begun = ledger.begin(row, { asked: amount, by: 'staff', reason: o.reason });
    let back: number;
    try {
      back = await steps.deviceRefund(row, amount);
    } catch (err) {
      // The device's answer is lost: whether money went back is its journal's to say, not a guess.
      ledger.mark(begun.reference, 'interrupted', toKioskError(err).kind);
      throw err;
    }
    return ledger.returned(begun.reference, back, { owes: o.owes, ...(o.whole && back >= amount ? { to: 'refunded' as const } : {}) });
  }

  /** The 返金 of an owed refund, idempotent by its reference. True once the accounting system has it. */
  async function tell(refund: RefundRow): Promise<boolean> {
    const row = checkouts.load(refund.checkoutId);
    try {
      await steps.withLock(row, (lock) => cashier.recordRefund({
        patientId: row.patientId!, invoiceNumber: row.invoiceNumber!, lock, amount: refund.amount, reference: refund.reference, at: refund.returnedAt ?? clock(),
      }));
    } catch (err) {
      const kind = toKioskError(err).kind;
      if (LATER.includes(kind)) {
        log(`billing: 返金 ${refund.reference} owed to the accounting system (${kind}); housekeeping retries`);
        return false;
      }
      ledger.mark(refund.reference, 'refused', kind);
      log(`billing: the accounting system refused 返金 ${refund.reference} (${kind}); record it at the desk`);
      return false;
    }
    ledger.mark(refund.reference, 'recorded');
    return true;
  }

  return {
    /** Staff: part or all of a recorded payment returned by its device; its 返金 owed until recorded. */
    async refund(row: CheckoutRow, amount: number, reason: string): Promise<CheckoutRow> {
      const { refund } = await giveBack(row, amount, { reason, owes: true });
      if (refund.state !== 'owed') throw new KioskError('payment.failed', 'the device returned nothing', { reason: 'refund_refused', refunded: 0 });
      await tell(refund);
      return checkouts.load(row.checkoutId);
    },

    /** Staff: a held payment returned in full (no 入金 was recorded, so no 返金 is owed). */
    async refundHeld(row: CheckoutRow): Promise<CheckoutRow> {
      const left = row.paid - row.refunded;
      if (left <= 0) return checkouts.refunded(row.checkoutId, { amount: 0, by: 'staff', reason: `held: ${row.heldReason ?? 'other'}`, to: 'refunded' });
      const { refund, row: after } = await giveBack(row, left, { reason: `held: ${row.heldReason ?? 'other'}`, owes: false, whole: true });
      if (refund.amount < left) throw new KioskError('payment.failed', 'the device did not return the whole amount', { reason: 'refund_partial', refunded: refund.amount });
      return after;
    },

    /** Housekeeping: every owed 返金 told again, except a patient being served here right now. Returns how many were recorded. */
    async retryOwed(): Promise<number> {
      const served = new Set(checkouts.inStates(OPEN).map((r) => r.patientId));
      let recorded = 0;
      for (const refund of ledger.inState('owed', 20)) {
        if (served.has(checkouts.load(refund.checkoutId).patientId)) continue;
        if (await tell(refund)) recorded++;
      }
      return recorded;
    },

    /** Restart: a refund whose device answer was lost is marked for staff (never asked again: it may have paid out). */
    markInterrupted(): void {
      for (const refund of ledger.inState('returning', 100)) {
        ledger.mark(refund.reference, 'interrupted', 'restart');
        log(`billing: refund ${refund.reference} was under way when the kiosk stopped; staff check the device's journal`);
      }
    },
  };
}
