// The payment account linked to the My Number Card, as a payment device (method 'linked'): collect()
// charges the patient's linked account at the back office (POST …/payment-links/{patientId}/charges)
// under the checkout's paymentId as the reference, which the back office keeps idempotent — asking
// again after a crash or a lost answer gets the first answer, never a second charge.
//
// What collect() answers (payment-device.ts's contract; nothing is ever held in cash: refunded 0):
// - approved → 'paid' (no change);
// - declined → 'failed' with the acquirer's reason ('insufficient_funds', …);
// - no link any more → 'failed' 'not_linked';
// - back office down before the request left (connection refused) → 'failed' 'unreachable': nothing
//   can have been charged;
// - no answer after the request left (timeout, reset, 5xx): the charge is looked up by reference; the
//   back office answering "none" → 'unreachable'; still no answer → 'failed' 'timeout' — like a card
//   terminal's timeout, a charge may exist, and lookup() finds it later for the kiosk to reverse.
// lookup() asks by reference alone (a restarted kiosk has no patient in hand) and THROWS when the back
// office cannot answer, so a restarted kiosk keeps the payment open instead of guessing "not paid".
// refund() finds the charge and its patient by reference, then gives back up to `amount` of what is
// left, under a refundRef fixed for this call so its own retries never refund twice.
import { isKioskError, toKioskError, type KioskError } from '../../../common/errors';
import type { CollectRequest, CollectResult, PaymentDevice } from '../payment/payment-device';
import type { LinkedCharge, PaymentLinksClient } from './payment-links-client';

export interface LinkedAccountDevice extends PaymentDevice {
  lookup(paymentId: string): Promise<CollectResult | null>;
}

const fromCharge = (c: LinkedCharge): CollectResult => (c.status === 'approved'
  ? { status: 'paid', method: 'linked', paid: c.amount, change: 0 }
  : { status: 'failed', reason: c.reason ?? 'declined', refunded: 0 });

/** Whether a failed call may have reached the back office (then a charge may exist). */
function mayHaveArrived(err: KioskError): boolean {
  return !(err.kind === 'sync.unreachable' && ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH'].includes(String(err.details.code ?? '')));
}

export function createLinkedAccount(links: PaymentLinksClient, log: (m: string) => void = () => undefined): LinkedAccountDevice {
  async function collect(req: CollectRequest, onProgress: Parameters<PaymentDevice['collect']>[1]): Promise<CollectResult> {
    if (!req.methods.includes('linked')) return { status: 'failed', reason: 'method_not_offered', refunded: 0 };
    if (!req.subject) return { status: 'failed', reason: 'no_patient', refunded: 0 };
    if (!Number.isInteger(req.amount) || req.amount <= 0) return { status: 'failed', reason: 'invalid_amount', refunded: 0 };
    onProgress({ inserted: 0, remaining: req.amount, method: 'linked' });
    try {
      return fromCharge(await links.charge(req.subject.patientId, { reference: req.paymentId, amount: req.amount, invoiceNumber: req.subject.invoiceNumber }));
    } catch (err) {
      const e = toKioskError(err);
      if (e.kind === 'billing.not_linked') return { status: 'failed', reason: 'not_linked', refunded: 0 };
      if (e.kind !== 'sync.unreachable') {
        // The back office refused the request itself (a reference reused for another amount, a kiosk
        // not registered to the hospital): nothing charged under this request.
        log(`billing: linked charge ${req.paymentId} refused (${e.kind})`);
        return { status: 'failed', reason: 'refused', refunded: 0 };
      }
      if (!mayHaveArrived(e)) return { status: 'failed', reason: 'unreachable', refunded: 0 };
      try {
        const found = await links.findCharge(req.paymentId);
        return found ? fromCharge(found) : { status: 'failed', reason: 'unreachable', refunded: 0 };
      } catch {
        log(`billing: linked charge ${req.paymentId} unanswered; a charge may exist and is looked up later`);
        return { status: 'failed', reason: 'timeout', refunded: 0 };
      }
    }
  }

  return {
    collect,
    async lookup(paymentId) {
      const found = await links.findCharge(paymentId);
      // A declined charge kept nothing: for the kiosk it never completed.
      return found?.status === 'approved' ? fromCharge(found) : null;
    },
    async refund(paymentId, amount) {
      const found = await links.findCharge(paymentId);
      if (!found || found.status !== 'approved') return { refunded: 0 };
      const give = Math.min(amount, found.amount - found.refunded);
      if (give <= 0) return { refunded: 0 };
      // Fixed by what was already given back: a retry of THIS call after a lost answer is the same refund.
      const refundRef = `${paymentId}:refund:${found.refunded}:${give}`;
      try {
        const after = await links.refund(found.patientRef, paymentId, { refundRef, amount: give });
        return { refunded: after.refunded - found.refunded };
      } catch (err) {
        if (!isKioskError(err, 'sync.unreachable')) throw err;
        const after = await links.refund(found.patientRef, paymentId, { refundRef, amount: give });
        return { refunded: after.refunded - found.refunded };
      }
    },
    // A charge is one request with no customer step to interrupt: nothing to cancel.
    cancel() {},
  };
}
