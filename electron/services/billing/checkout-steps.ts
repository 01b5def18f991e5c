// The steps the patient's flow, the restart and the staff share: the cashier's lock (E1038 / E9999 →
// release our own and retry once), the idempotent 入金 after money (recorded / stays paid / held with
// an automatic refund where the device can), a device's refund, and the documents' print.
import { createHash } from 'node:crypto';
import type { BillingMethodView } from '../../../common/api/billing-schemas';
import { isKioskError, KioskError, toKioskError } from '../../../common/errors';
import type { PaymentDevice } from '../payment/payment-device';
import type { CheckoutRow } from './checkout-machine';
import type { Bill, CashierLock, IcCode, StatementItem } from './ports';
import type { BillingDeps, BillingPhase, DocumentLanguage } from './types';

/** ORCA's 入金方法 per method: cash 01, card and the linked account 02 (credit), IC e-money 03. */
export const IC_CODE: Record<BillingMethodView, IcCode> = { cash: '01', card: '02', linked: '02', ic: '03' };

/** Methods whose device gives money back on its own (a reversal); cash is handed back by staff. */
const REFUNDS_ON_ITS_OWN: readonly BillingMethodView[] = ['card', 'linked'];

export const billOf = (row: CheckoutRow): Bill => {
  if (!row.billJson) throw new KioskError('billing.invalid_state', 'the checkout has no bill', { state: row.state });
  return JSON.parse(row.billJson) as Bill;
};
const statementOf = (row: CheckoutRow): StatementItem[] => (row.statementJson ? JSON.parse(row.statementJson) as StatementItem[] : []);

export function createCheckoutSteps(deps: BillingDeps) {
  const { checkouts, cashier } = deps;
  const clock = deps.clock ?? Date.now;
  const log = deps.log ?? (() => undefined);
  // A release that did not reach the accounting system leaves the patient open at this terminal.
  let lockLeft = false;

  /**
   * Runs `fn` with a lock on the patient: the checkout's own when it has one, else a fresh one (01/01).
   * Another terminal's lock (E1038) or ORCA's screens (E9999): our own released (99) and one retry.
   * The lock is released afterwards unless `keep`.
   */
  async function withLock<T>(row: CheckoutRow, fn: (lock: CashierLock) => Promise<T>, keep = false): Promise<T> {
    for (let round = 0; ; round++) {
      let lock = round === 0 ? row.cashierLock : null;
      let opened = false;
      try {
        if (!lock) {
          lock = (await cashier.unpaidBills(row.patientId!)).lock;
          opened = true;
        }
        const out = await fn(lock);
        if (opened && !keep) await cashier.unlock(lock).catch(() => undefined);
        if (opened && keep) checkouts.patch(row.checkoutId, { cashierLock: lock });
        return out;
      } catch (err) {
        if (opened && lock) await cashier.unlock(lock).catch(() => undefined);
        if (!isKioskError(err, 'accounting.patient_locked') || round > 0) throw err;
        // Maybe our own lock from before (a restart, a lost answer): release this terminal's, then once more.
        await cashier.unlock().catch(() => undefined);
        if (row.cashierLock) row = checkouts.patch(row.checkoutId, { cashierLock: null });
      }
    }
  }

  /** Releases the checkout's lock (cancel, done, abandon, session end); the accounting system may be down. */
  async function release(row: CheckoutRow): Promise<CheckoutRow> {
    if (!row.cashierLock) return row;
    await cashier.unlock(row.cashierLock).catch((err: unknown) => {
      lockLeft = true;
      log(`billing: unlock of checkout ${row.checkoutId} failed (${toKioskError(err).kind}); housekeeping releases it`);
    });
    return checkouts.patch(row.checkoutId, { cashierLock: null });
  }

  /** Gives `amount` of a kept payment back through its device; the refunded amount (0 when the device cannot). */
  async function deviceRefund(row: CheckoutRow, amount: number): Promise<number> {
    const device: PaymentDevice | undefined = row.method ? deps.devices[row.method] : undefined;
    if (!device || !row.paymentId) return 0;
    return (await device.refund(row.paymentId, amount)).refunded;
  }

  /**
   * 入金 (02/01) for a paid checkout with Payment_Reference = its paymentId and Ac_Money = the total
   * shown: idempotent, so a retry after a crash never records twice. Down → stays 'paid' (housekeeping
   * retries); refused after money (bill changed, any rejection) → 'held', and a card / linked payment
   * is reversed at once (cash: staff hand it back).
   */
  async function record(row: CheckoutRow, onPhase?: BillingPhase): Promise<CheckoutRow> {
    onPhase?.({ phase: 'recording' });
    const bill = billOf(row);
    try {
      await withLock(row, (lock) => cashier.recordPayment({
        patientId: row.patientId!, invoiceNumber: row.invoiceNumber!, lock, amount: row.paid, shownTotal: row.shownTotal ?? bill.total,
        icCode: IC_CODE[row.method!], reference: row.paymentId!, at: clock(),
      }));
    } catch (err) {
      const e = toKioskError(err);
      if (e.kind === 'accounting.unavailable' || e.kind === 'accounting.patient_locked') {
        log(`billing: 入金 of checkout ${row.checkoutId} not recorded yet (${e.kind}); housekeeping retries`);
        return release(checkouts.load(row.checkoutId));
      }
      if (row.state === 'held') throw e; // staff asked to record a held payment: they see why not
      const reason = e.kind === 'accounting.bill_changed' ? 'bill_changed' : 'accounting_rejected';
      let held = checkouts.transition(row.checkoutId, 'held', { from: ['paid'], patch: { heldReason: reason }, detail: e.kind });
      held = await release(held);
      if (REFUNDS_ON_ITS_OWN.includes(held.method!)) {
        try {
          const back = await deviceRefund(held, held.paid - held.refunded);
          if (back > 0) held = checkouts.refunded(held.checkoutId, { amount: back, by: 'kiosk', reason, ...(back >= held.paid - held.refunded ? { to: 'refunded' as const } : {}) });
        } catch (refundErr) {
          log(`billing: automatic refund of held checkout ${held.checkoutId} failed (${toKioskError(refundErr).kind}); staff settle it`);
        }
      }
      return held;
    }
    const recorded = checkouts.transition(row.checkoutId, 'recorded', { from: ['paid', 'held'], patch: { recordedAt: clock() } });
    return release(recorded);
  }

  /**
   * 領収証 + 明細書 for a paid checkout. A copy that came out before (or may have) makes this one a
   * 【再発行】, counted by the cashier (09). Printing is no condition of the payment: held or failed is
   * reported on the checkout, not waited for.
   */
  async function printDocuments(row: CheckoutRow, language: DocumentLanguage, onPhase?: BillingPhase): Promise<CheckoutRow> {
    if (!deps.printer || !deps.renderDocuments) return checkouts.patch(row.checkoutId, { docsStatus: 'failed', docsReason: 'no_printer' });
    onPhase?.({ phase: 'documents' });
    const reprint = row.docsOut;
    if (reprint) {
      await withLock(row, (lock) => cashier.reissue({ patientId: row.patientId!, invoiceNumber: row.invoiceNumber!, lock }))
        .catch((err: unknown) => log(`billing: 再発行 of checkout ${row.checkoutId} not counted by the accounting system (${toKioskError(err).kind})`));
    }
    const binding = {
      documentId: row.checkoutId, requestId: row.paymentId!,
      subjectHash: createHash('sha256').update(`${row.checkoutId}:${row.patientId ?? ''}:${row.invoiceNumber ?? ''}`).digest('hex'),
    };
    try {
      const pdf = await deps.renderDocuments({
        checkoutId: row.checkoutId, paymentId: row.paymentId!, bill: billOf(row), statement: statementOf(row), method: row.method!,
        received: row.paid, change: row.change, reprint, language, issuedAt: new Date(clock()).toISOString(), kioskId: deps.kioskId,
      }, binding);
      const outcome = await deps.printer.print({ ...binding, kind: 'hospital-receipt', pdf, copies: 1, title: `receipt ${row.invoiceNumber ?? row.checkoutId}` },
        { onProgress: (p) => onPhase?.({ phase: p.phase }), timeoutMs: deps.documentsTimeoutMs ?? 60_000 });
      if (outcome.status !== 'printed' && outcome.jobId !== undefined) await deps.printer.cancel(outcome.jobId).catch(() => undefined);
      const out = outcome.status === 'printed' || outcome.maybePrinted;
      return checkouts.patch(row.checkoutId, outcome.status === 'printed'
        ? { docsStatus: 'printed', docsReason: null, docsOut: true }
        : { docsStatus: outcome.status, docsReason: outcome.reason.slice(0, 80), docsOut: row.docsOut || out }, `documents ${outcome.status}${reprint ? ' (reprint)' : ''}`);
    } catch (err) {
      return checkouts.patch(row.checkoutId, { docsStatus: 'failed', docsReason: toKioskError(err).kind }, 'documents failed');
    }
  }

  /** Housekeeping, with no checkout open here: every lock of this terminal released once a release had failed. */
  async function releaseLeftLocks(): Promise<boolean> {
    if (!lockLeft) return false;
    await cashier.unlock();
    lockLeft = false;
    return true;
  }

  return { withLock, release, record, deviceRefund, printDocuments, releaseLeftLocks };
}

export type CheckoutSteps = ReturnType<typeof createCheckoutSteps>;
