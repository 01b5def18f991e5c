// Restart recovery (kiosk-domain.md §2.6): after kill -9 or a power cut, every request found in the
// middle of a step is put in a safe state before anyone is served. Unpaid requests are voided; money
// the device took is found in its journal and returned; a request found mid-print is held for staff,
// never reprinted automatically, because paper may or may not have come out.
import type { PaymentDevice } from '../payment/payment-device';
import type { RequestRow, RequestStore } from './state-machine';

export interface ResumeDeps {
  store: RequestStore;
  payment: Pick<PaymentDevice, 'lookup'>;
  /** The service's refund: returns the money through the device and records it. */
  refund(row: RequestRow, detail: string): Promise<unknown>;
}

/** What a restart does with a request it finds unfinished (kill -9 / power cut mid-step). */
export async function resumeOne(row: RequestRow, deps: ResumeDeps): Promise<void> {
  const { store, refund } = deps;
  switch (row.state) {
    case 'requested':
      // The answer was lost: the back office learns the request is void (its number is released).
      store.transition(row.requestId, 'voided', { detail: 'interrupted_before_authorization' });
      return;
    case 'authorized': {
      const found = row.paymentId && deps.payment.lookup ? await deps.payment.lookup(row.paymentId) : null;
      if (found?.status === 'paid') {
        // The device took the money but the kiosk died before recording it: record, then return it.
        const paid = store.transition(row.requestId, 'paid', { patch: { paid: found.paid, change: found.change, paymentMethod: found.method },
          detail: 'recovered_from_payment_device', event: { paid: found.paid, method: found.method, paymentId: row.paymentId } });
        await refund(paid, 'interrupted_before_printing');
        return;
      }
      store.transition(row.requestId, 'voided', { detail: 'interrupted_before_payment' });
      return;
    }
    case 'paid':
      // The resident is no longer at the kiosk after a restart: never print for nobody; refund.
      await refund(row, 'interrupted_before_printing');
      return;
    case 'printing':
      // Paper may or may not have come out: never reprint automatically (§2.6). Staff decide.
      store.transition(row.requestId, 'held', { detail: 'interrupted_during_printing', patch: { maybePrinted: true }, event: { maybePrinted: true } });
      return;
    default:
      return;
  }
}
