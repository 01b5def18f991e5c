// What happens to checkouts outside a patient's command: the restart (resume), housekeeping (recheck,
// retention) and the staff's decisions (refund, settle a held payment). The device's journal is the
// truth about money; the accounting system is told idempotently (Payment_Reference, the 返金's own
// reference); never a second collect. Refunds themselves are checkout-refunds.ts.
import { KioskError, toKioskError } from '../../../common/errors';
import type { CheckoutRow } from './checkout-machine';
import { createCheckoutRefunds } from './checkout-refunds';
import type { CheckoutSteps } from './checkout-steps';
import type { BillingDeps, CheckoutService, HeldPayment } from './types';

const DAY_MS = 86_400_000;
/** Even with retention 0 a checkout stays a minute after its last change (its command may still read it). */
const MIN_AGE_MS = 60_000;
/** A 'paid' checkout younger than this belongs to its own command (its 入金 may be under way). */
const OWN_COMMAND_MS = 30_000;
/** How long a card attempt the kiosk gave up on is watched for a late approval. */
const LATE_APPROVAL_WATCH_MS = 15 * 60_000;

type Recovery = Pick<CheckoutService, 'resume' | 'recheck' | 'housekeep' | 'refund' | 'settleHeld' | 'held'>;

export function createCheckoutRecovery(deps: BillingDeps, steps: CheckoutSteps, isRunning: (checkoutId: string) => boolean): Recovery {
  const { checkouts, cashier } = deps;
  const clock = deps.clock ?? Date.now;
  const log = deps.log ?? (() => undefined);
  const refunds = createCheckoutRefunds(deps, steps);

  /** A payment by its key (the Payment_Reference staff see) or by its checkout id. */
  function paymentOf(paymentRef: string): CheckoutRow {
    const row = checkouts.byPaymentId(paymentRef) ?? checkouts.get(paymentRef);
    if (!row || !row.paymentId || row.paid === 0) throw new KioskError('billing.not_found', 'no payment of this kiosk has this reference', { paymentRef });
    return row;
  }

  async function recordQuietly(row: CheckoutRow): Promise<CheckoutRow> {
    try {
      return await steps.record(row);
    } catch (err) {
      log(`billing: 入金 of checkout ${row.checkoutId} not recorded (${toKioskError(err).kind}); retried next round`);
      return checkouts.load(row.checkoutId);
    }
  }

  /** 'paid' → 'recorded' → 'done' (the documents came out with the payment, or the patient has gone). */
  async function finish(row: CheckoutRow): Promise<boolean> {
    const after = await recordQuietly(row);
    if (after.state !== 'recorded') return after.state !== row.state;
    checkouts.transition(after.checkoutId, 'done', { from: ['recorded'], ...(after.docsStatus === 'pending' ? { patch: { docsStatus: 'failed', docsReason: 'restart' } } : {}) });
    return true;
  }

  /** A 'paying' checkout found after a restart: the device's journal says whether money was kept. */
  async function resolvePaying(row: CheckoutRow): Promise<void> {
    const device = row.method ? deps.devices[row.method] : undefined;
    if (!device?.lookup) {
      checkouts.transition(row.checkoutId, 'held', { from: ['paying'], patch: { heldReason: 'device_unknown' }, detail: 'restart: the device cannot say' });
      return;
    }
    const r = await device.lookup(row.paymentId!);
    if (r?.status === 'paid') {
      const paid = checkouts.transition(row.checkoutId, 'paid', { from: ['paying'], patch: { payStatus: 'paid', paid: r.paid, change: r.change, inserted: r.paid + r.change }, detail: 'restart: the device kept it' });
      await finish(paid);
      return;
    }
    // Nothing kept (an acceptor returns its escrow at power-up); a card terminal may still approve late: watched.
    checkouts.transition(row.checkoutId, 'abandoned', {
      from: ['paying'], detail: 'restart: nothing kept',
      patch: { payStatus: 'cancelled', payReason: 'restart', ...(row.method === 'card' || row.method === 'linked' ? { reverseCheck: row.paymentId } : {}) },
    });
  }

  /** A card approval that came after the kiosk gave up: reversed; nothing kept: watched a while, then forgotten. */
  async function reverseLate(row: CheckoutRow): Promise<boolean> {
    const device = row.method ? deps.devices[row.method] : undefined;
    const key = row.reverseCheck!;
    if (!device?.lookup) return Boolean(checkouts.patch(row.checkoutId, { reverseCheck: null }));
    const r = await device.lookup(key);
    if (r?.status === 'paid') {
      const back = await device.refund(key, r.paid);
      checkouts.patch(row.checkoutId, { reverseCheck: null }, `late approval of ${key} reversed (${back.refunded})`);
      return true;
    }
    if (clock() - row.updatedAt > LATE_APPROVAL_WATCH_MS) checkouts.patch(row.checkoutId, { reverseCheck: null }, `no late approval of ${key}`);
    return false;
  }

  /** The staff's answer: a payment returned in full is 'refunded' whatever its state (a done one keeps its state: its 入金 stands, with its 返金). */
  const action = (row: CheckoutRow) => ({
    paymentRef: row.paymentId!, refunded: row.refunded,
    status: (row.state === 'refunded' || (row.paid > 0 && row.refunded >= row.paid) ? 'refunded' : row.state === 'held' ? 'held' : 'recorded') as 'recorded' | 'refunded' | 'held',
  });

  return {
    async resume() {
      // Our own locks from before the restart (ORCA keeps a lock until 99): released for this terminal.
      await cashier.unlock().catch((err: unknown) => log(`billing: unlock at start failed (${toKioskError(err).kind}); the first lookup retries it`));
      for (const row of checkouts.inStates(['looking_up', 'bill_shown', 'paying', 'paid', 'recorded', 'held'])) {
        if (row.cashierLock) checkouts.patch(row.checkoutId, { cashierLock: null });
      }
      for (const row of checkouts.inStates(['looking_up', 'bill_shown'])) checkouts.transition(row.checkoutId, 'abandoned', { detail: 'restart' });
      refunds.markInterrupted();
      for (const row of checkouts.inStates(['paying'])) {
        await resolvePaying(row).catch((err: unknown) => log(`billing: checkout ${row.checkoutId} still paying after restart (${toKioskError(err).kind}); housekeeping asks again`));
      }
      for (const row of checkouts.inStates(['paid', 'recorded'])) await finish(checkouts.load(row.checkoutId));
    },

    async recheck() {
      let changed = 0;
      for (const row of checkouts.inStates(['paying'])) {
        // Only a checkout no command holds (the restart could not ask the device then).
        if (isRunning(row.checkoutId) || clock() - row.updatedAt < OWN_COMMAND_MS) continue;
        await resolvePaying(row).then(() => changed++, (err: unknown) => log(`billing: checkout ${row.checkoutId} still paying (${toKioskError(err).kind})`));
      }
      for (const row of checkouts.inStates(['paid', 'recorded'])) {
        if (isRunning(row.checkoutId) || clock() - row.updatedAt < OWN_COMMAND_MS) continue;
        if (await finish(row)) changed++;
      }
      // 返金 owed since the accounting system was down at the refund (or the kiosk restarted).
      changed += await refunds.retryOwed().catch((err: unknown) => {
        log(`billing: owed 返金 not retried (${toKioskError(err).kind})`);
        return 0;
      });
      for (const row of checkouts.awaitingReversalCheck(20)) {
        if (isRunning(row.checkoutId)) continue;
        await reverseLate(row).then((r) => { if (r) changed++; }, (err: unknown) => log(`billing: late approval check of checkout ${row.checkoutId} failed (${toKioskError(err).kind})`));
      }
      // Only while no checkout is open here: a terminal-wide unlock would release a patient being served.
      if (checkouts.inStates(['looking_up', 'bill_shown', 'paying']).length === 0) {
        await steps.releaseLeftLocks().catch((err: unknown) => log(`billing: locks left open not released yet (${toKioskError(err).kind})`));
      }
      return changed;
    },

    housekeep(retentionDays) {
      const cutoff = clock() - Math.max(retentionDays * DAY_MS, MIN_AGE_MS);
      let deleted = 0;
      for (let i = 0; i < 20; i++) {
        const n = checkouts.deleteFinished(cutoff, 50);
        deleted += n;
        if (n < 50) break;
      }
      return { deleted };
    },

    async refund(paymentRef, amount, reason) {
      const row = paymentOf(paymentRef);
      if (!['recorded', 'done'].includes(row.state)) throw new KioskError('billing.invalid_state', `a ${row.state} payment is settled, not refunded`, { state: row.state });
      if (!Number.isInteger(amount) || amount < 1 || amount > row.paid - row.refunded) {
        throw new KioskError('input.invalid', `at most ${row.paid - row.refunded} yen can be refunded`, { field: 'amount' });
      }
      // The money that went back is kept on the checkout (and told to the back office) whatever the
      // accounting system says; its 返金 is owed until the accounting system has it.
      return action(await refunds.refund(row, amount, reason));
    },

    async settleHeld(paymentRef, decision) {
      const row = paymentOf(paymentRef);
      if (row.state !== 'held') throw new KioskError('billing.invalid_state', `the payment is ${row.state}, not held`, { state: row.state });
      if (decision === 'record') {
        const after = await steps.record(row);
        if (after.state === 'recorded') return action(checkouts.transition(after.checkoutId, 'done', { from: ['recorded'] }));
        throw new KioskError('accounting.unavailable', 'the accounting system did not record it; try again', { paymentRef });
      }
      return action(await refunds.refundHeld(row));
    },

    held(): HeldPayment[] {
      return checkouts.inStates(['held']).map((row) => ({
        checkoutId: row.checkoutId, paymentRef: row.paymentId ?? row.checkoutId, kioskId: deps.kioskId, at: new Date(row.updatedAt).toISOString(),
        patientRef: row.patientId ?? '', invoiceNumber: row.invoiceNumber ?? '', method: row.method ?? 'cash', amount: row.paid, refunded: row.refunded,
        status: 'held' as const, ...(row.heldReason ? { reason: row.heldReason } : {}),
      }));
    },
  };
}
