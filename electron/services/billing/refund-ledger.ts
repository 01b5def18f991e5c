// The refunds of payments, exactly once like the 入金: each refund is written BEFORE its device is
// asked (`returning`, its own reference `<paymentRef>-r<n>`), and the device's answer is written in
// the same transaction as the checkout's refunded total and its billing.refunded event. A refund of a
// payment the accounting system recorded then owes it a 返金 (incomev3 02/04) and stays `owed` until
// the accounting system has it: told at once, else by housekeeping (checkout-recovery.ts), after a
// restart too — the reference is idempotent there, so a retry never records twice.
import type { KioskDb } from '../../../db/kiosk-db';
import { createBillingRefunds, type RefundRow, type RefundState } from '../../../db/billing-refunds';
import type { CheckoutRow } from '../../../db/billing-checkouts';

export type { RefundRow, RefundState } from '../../../db/billing-refunds';

/** The checkout store's part the ledger writes with (checkout-machine.ts). */
interface CheckoutMoney {
  refunded(checkoutId: string, r: { amount: number; by: 'kiosk' | 'staff'; reason: string; to?: 'refunded' }): CheckoutRow;
  load(checkoutId: string): CheckoutRow;
}

export function createRefundLedger(db: KioskDb, checkouts: CheckoutMoney, clock: () => number) {
  const rows = createBillingRefunds(db);
  const load = (reference: string): RefundRow => rows.get(reference)!;

  return {
    /** Before the device is asked: the refund with its reference. A crash from here on leaves a trace. */
    begin(row: CheckoutRow, r: { asked: number; by: 'kiosk' | 'staff'; reason: string }): RefundRow {
      return db.durable(() => {
        const reference = rows.nextReference(row.checkoutId, row.paymentId!);
        rows.insert({ reference, checkoutId: row.checkoutId, ...r }, clock());
        return load(reference);
      });
    },

    /**
     * The device gave `amount` back: the checkout's refunded total (+ billing.refunded) and the refund
     * in one transaction — `owed` when the accounting system must hear a 返金 (its 入金 was recorded),
     * else `settled`; nothing back → `nothing_back`. `to` 'refunded': the checkout's state changes with it.
     */
    returned(reference: string, amount: number, o: { owes: boolean; to?: 'refunded' }): { refund: RefundRow; row: CheckoutRow } {
      return db.durable(() => {
        const refund = load(reference);
        if (amount <= 0) {
          rows.update(reference, { state: 'nothing_back', amount: 0 }, clock());
          return { refund: load(reference), row: checkouts.load(refund.checkoutId) };
        }
        const row = checkouts.refunded(refund.checkoutId, { amount, by: refund.by, reason: refund.reason, ...(o.to ? { to: o.to } : {}) });
        rows.update(reference, { state: o.owes ? 'owed' : 'settled', amount, returnedAt: clock() }, clock());
        return { refund: load(reference), row };
      });
    },

    /** recorded (the accounting system has the 返金), refused (staff record it), interrupted (the device's answer was lost). */
    mark(reference: string, state: Extract<RefundState, 'recorded' | 'refused' | 'interrupted'>, detail?: string): RefundRow {
      return db.durable(() => {
        rows.update(reference, { state, ...(detail ? { detail } : {}) }, clock());
        return load(reference);
      });
    },

    get: (reference: string): RefundRow | undefined => rows.get(reference),
    ofCheckout: (checkoutId: string): RefundRow[] => rows.ofCheckout(checkoutId),
    inState: (state: RefundState, limit: number): RefundRow[] => rows.inState(state, limit),
  };
}

export type RefundLedger = ReturnType<typeof createRefundLedger>;
