// The hospital-payment service: one patient's checkout from the card to the 領収証, on the persisted
// checkout machine (checkout-machine.ts), exactly once (design: "Exactly once" 1–4):
//   1. before money the bill is re-confirmed under the lock; a total other than the one shown is
//      accounting.bill_changed, the new bill is shown, nothing is taken;
//   2. 'paying' with paymentId = <checkoutId>-<attempt> is written, THEN the device collects;
//   3. the device says paid → 'paid' (+ billing.paid);
//   4. 入金 with Payment_Reference = paymentId → 'recorded'; then the documents → 'done'.
// Restart, housekeeping and the staff's refunds are checkout-recovery.ts.
import { randomUUID } from 'node:crypto';
import type { BillingMethodView, BillView, CheckoutView, LinkView } from '../../../common/api/billing-schemas';
import { isKioskError, KioskError, toKioskError } from '../../../common/errors';
import type { LinkedAccount } from '../../../common/backoffice-api/billing';
import type { CollectRequest, CollectResult } from '../payment/payment-device';
import { OPEN_BEFORE_MONEY, type CheckoutRow } from './checkout-machine';
import { createCheckoutRecovery } from './checkout-recovery';
import { billOf, createCheckoutSteps } from './checkout-steps';
import type { BillingDeps, BillingPhase, CheckoutService, DocumentLanguage } from './types';

const BILL_VIEW_KEYS = ['invoiceNumber', 'performedOn', 'department', 'total', 'alreadyPaid', 'due', 'ratioPercent', 'insurance', 'publicAid', 'outOfInsurance', 'limitApplied', 'categories'] as const;

/** The screen's part of the bill (the port's Bill carries the patient and names for the documents). */
function billView(row: CheckoutRow): BillView | undefined {
  if (!row.billJson) return undefined;
  const bill = billOf(row) as unknown as Record<string, unknown>;
  return Object.fromEntries(BILL_VIEW_KEYS.filter((k) => bill[k] !== undefined).map((k) => [k, bill[k]])) as BillView;
}

/** What a collect that did not end in 'paid' means for the screen. */
function notPaid(method: BillingMethodView, r: Exclude<CollectResult, { status: 'paid' }>): { payStatus: 'cancelled' | 'declined' | 'failed' | 'timeout'; payReason: string | null } {
  if (r.status === 'cancelled') return { payStatus: 'cancelled', payReason: null };
  if (r.reason === 'timeout') return { payStatus: 'timeout', payReason: 'timeout' };
  // A card terminal's or the acquirer's refusal (the linked account's 'not_linked', 'unreachable' too: nothing charged) is a decline; an acceptor's failure is a device fault.
  return { payStatus: method === 'card' || method === 'linked' ? 'declined' : 'failed', payReason: r.reason.slice(0, 60) };
}

export function createCheckoutService(deps: BillingDeps): CheckoutService {
  const { checkouts, cashier } = deps;
  const log = deps.log ?? (() => undefined);
  const steps = createCheckoutSteps(deps);
  // The collect under way per checkout (cancel and the session's end stop it, then wait for its end).
  const running = new Map<string, Promise<unknown>>();
  // Checkouts asked to stop: a pay still re-confirming the bill must not go on to the device.
  const stopping = new Set<string>();
  // The patient's linked account as the back office said at the start (the screen's 'linked' button).
  const linked = new Map<string, LinkedAccount | null>();

  function methodsOf(row: CheckoutRow): BillingMethodView[] {
    if (row.state !== 'bill_shown') return [];
    return (['cash', 'ic', 'card', 'linked'] as const).filter((m) => deps.devices[m] && (m !== 'linked' || linked.get(row.checkoutId)));
  }

  function toView(row: CheckoutRow): CheckoutView {
    const bill = billView(row);
    const account = linked.get(row.checkoutId);
    return {
      checkoutId: row.checkoutId, state: row.state, ...(bill ? { bill } : {}), methods: methodsOf(row),
      ...(account ? { linkedAccount: { brand: account.brand, last4: account.last4 } } : {}),
      ...(row.method && row.payStatus ? {
        payment: { method: row.method, status: row.payStatus, inserted: row.inserted, paid: row.paid, change: row.change, refunded: row.refunded, ...(row.payReason ? { reason: row.payReason } : {}) },
      } : {}),
      documents: { status: row.docsStatus, ...(row.docsReason ? { reason: row.docsReason } : {}) },
      ...(row.deskReason ? { deskReason: row.deskReason as CheckoutView['deskReason'] } : {}),
      moreUnpaid: row.moreUnpaid,
    };
  }

  function at(checkoutId: string, states: readonly CheckoutRow['state'][]): CheckoutRow {
    const row = checkouts.load(checkoutId);
    if (!states.includes(row.state)) throw new KioskError('billing.invalid_state', `the checkout is ${row.state}`, { state: row.state });
    return row;
  }

  async function toDesk(row: CheckoutRow, reason: string, detail: string): Promise<CheckoutRow> {
    const released = await steps.release(row);
    return checkouts.transition(released.checkoutId, 'sent_to_desk', { from: ['looking_up', 'bill_shown'], patch: { deskReason: reason }, detail });
  }

  const deskReasonOf = (kind: string) => (kind === 'accounting.patient_locked' ? 'locked_elsewhere' : kind === 'accounting.unavailable' ? 'accounting_unavailable' : 'other');

  /** 01/01 (lock) → the oldest unpaid bill 01/02 → its statement: 'bill_shown', or nothing due. */
  async function lookUp(row: CheckoutRow): Promise<CheckoutRow> {
    const patientId = row.patientId!;
    try {
      // Another terminal's lock, or our own from before a restart: ours released (99), one retry.
      const { bills, lock } = await cashier.unpaidBills(patientId).catch(async (err: unknown) => {
        if (!isKioskError(err, 'accounting.patient_locked')) throw err;
        await cashier.unlock().catch(() => undefined);
        return cashier.unpaidBills(patientId);
      });
      row = checkouts.patch(row.checkoutId, { cashierLock: lock });
      const open = bills.filter((b) => b.due > 0);
      if (open.length === 0) {
        await steps.release(row);
        return checkouts.transition(row.checkoutId, 'nothing_due', { from: ['looking_up'] });
      }
      const bill = await cashier.confirm(patientId, open[0]!.invoiceNumber, lock);
      const statement = await cashier.statement(patientId, bill.invoiceNumber).catch((err: unknown) => {
        log(`billing: statement of checkout ${row.checkoutId} not read (${toKioskError(err).kind}); the 明細書 is left out`);
        return [];
      });
      linked.set(row.checkoutId, deps.links && deps.devices.linked ? await deps.links.get(patientId).catch(() => null) : null);
      return checkouts.transition(row.checkoutId, 'bill_shown', {
        from: ['looking_up'],
        patch: { invoiceNumber: bill.invoiceNumber, billJson: JSON.stringify(bill), statementJson: JSON.stringify(statement), shownTotal: bill.total, due: bill.due, moreUnpaid: open.length - 1 },
      });
    } catch (err) {
      const e = toKioskError(err);
      if (e.kind === 'billing.invalid_state') throw e; // the session ended meanwhile
      return toDesk(checkouts.load(row.checkoutId), deskReasonOf(e.kind), e.kind);
    }
  }

  /** Exactly once 1: the bill as the accounting system has it now, under the lock, equal to the one shown. */
  async function reconfirm(row: CheckoutRow): Promise<CheckoutRow> {
    const bill = await steps.withLock(row, (lock) => cashier.confirm(row.patientId!, row.invoiceNumber!, lock), true);
    row = checkouts.load(row.checkoutId);
    if (bill.total === row.shownTotal && bill.due === row.due && bill.due > 0) return row;
    const shown = checkouts.transition(row.checkoutId, 'bill_shown', {
      from: ['bill_shown'], patch: { billJson: JSON.stringify(bill), shownTotal: bill.total, due: bill.due, payStatus: null, payReason: null }, detail: 'bill_changed',
    });
    throw new KioskError('accounting.bill_changed', undefined, { total: bill.total, due: bill.due, checkoutId: shown.checkoutId });
  }

  /** Exactly once 2–3: 'paying' written with the attempt's key, then the device; its answer written. */
  async function collect(row: CheckoutRow, method: BillingMethodView, onPhase?: BillingPhase): Promise<CheckoutRow> {
    const device = deps.devices[method]!;
    // Cancelled (or the session ended) while the bill was re-confirmed: the device is never asked.
    if (stopping.has(row.checkoutId)) return row;
    const attempt = row.attempt + 1;
    const paymentId = `${row.checkoutId}-${attempt}`;
    const due = row.due!;
    row = checkouts.transition(row.checkoutId, 'paying', {
      from: ['bill_shown'], patch: { method, attempt, paymentId, payStatus: 'collecting', payReason: null, inserted: 0, paid: 0, change: 0 }, detail: method,
    });
    onPhase?.({ phase: method === 'card' ? 'authorizing' : 'collecting', inserted: 0, remaining: due });
    // The linked account charges the back office for this patient's bill (subject); other devices ignore it.
    const req: CollectRequest & { subject: { patientId: string; invoiceNumber: string } } = {
      paymentId, amount: due, methods: [method] as CollectRequest['methods'], subject: { patientId: row.patientId!, invoiceNumber: row.invoiceNumber! },
    };
    let result: CollectResult | null;
    try {
      result = await device.collect(req, (p) => onPhase?.({ phase: 'collecting', inserted: p.inserted, remaining: p.remaining }));
    } catch (err) {
      // The device broke mid-collect: its journal is the truth, never a guess.
      log(`billing: collect of checkout ${row.checkoutId} failed (${toKioskError(err).kind}); asking the device's journal`);
      result = device.lookup ? await device.lookup(paymentId).catch(() => null) : null;
      if (!result && !device.lookup) return checkouts.transition(row.checkoutId, 'held', { from: ['paying'], patch: { heldReason: 'device_fault', payStatus: 'failed', payReason: 'device_fault' } });
      result ??= { status: 'failed', reason: 'device_fault', refunded: 0 };
    }
    if (result.status === 'paid') {
      return checkouts.transition(row.checkoutId, 'paid', { from: ['paying'], patch: { payStatus: 'paid', paid: result.paid, change: result.change, inserted: result.paid + result.change } });
    }
    const outcome = notPaid(method, result);
    return checkouts.transition(row.checkoutId, 'bill_shown', {
      from: ['paying'], detail: outcome.payStatus,
      patch: { ...outcome, inserted: result.refunded, ...(outcome.payStatus === 'timeout' && (method === 'card' || method === 'linked') ? { reverseCheck: paymentId } : {}) },
    });
  }

  async function pay(checkoutId: string, method: BillingMethodView, onPhase?: BillingPhase, language: DocumentLanguage = 'ja'): Promise<CheckoutView> {
    let row = at(checkoutId, ['bill_shown']);
    if (!methodsOf(row).includes(method)) {
      if (method === 'linked' && deps.devices.linked) throw new KioskError('billing.not_linked');
      throw new KioskError('input.invalid', `${method} is not taken here`, { field: 'method' });
    }
    try {
      row = await reconfirm(row);
    } catch (err) {
      if (isKioskError(err, 'accounting.bill_changed')) throw err;
      return toView(await toDesk(checkouts.load(checkoutId), deskReasonOf(toKioskError(err).kind), toKioskError(err).kind));
    }
    row = await collect(row, method, onPhase);
    if (row.state !== 'paid') return toView(row);
    row = await steps.record(row, onPhase);
    if (row.state === 'held' || row.state === 'refunded') return toView(row);
    // Recorded, or paid with the accounting system down: the amounts are the bill's, the patient gets the documents.
    row = await steps.printDocuments(row, language, onPhase);
    if (row.state === 'recorded') row = checkouts.transition(row.checkoutId, 'done', { from: ['recorded'] });
    return toView(row);
  }

  /** Runs `fn` as the checkout's one running step (a second one meanwhile is refused); cancel and settle wait for it. */
  function tracked<T>(checkoutId: string, fn: () => Promise<T>): Promise<T> {
    if (running.has(checkoutId)) {
      return Promise.reject(new KioskError('billing.invalid_state', 'the checkout is busy with another step', { state: checkouts.load(checkoutId).state }));
    }
    const p = fn();
    running.set(checkoutId, p);
    const clear = () => { if (running.get(checkoutId) === p) running.delete(checkoutId); };
    p.then(clear, clear);
    return p;
  }

  async function stopRunning(row: CheckoutRow): Promise<void> {
    const p = running.get(row.checkoutId);
    if (!p) return;
    stopping.add(row.checkoutId);
    try {
      if (row.state === 'paying' && row.method) deps.devices[row.method]?.cancel();
      await p.catch(() => undefined);
    } finally {
      stopping.delete(row.checkoutId);
    }
  }

  async function abandon(checkoutId: string, detail: string): Promise<CheckoutRow> {
    let row = checkouts.load(checkoutId);
    if (!OPEN_BEFORE_MONEY.includes(row.state)) return row;
    row = await steps.release(row);
    return checkouts.transition(checkoutId, 'abandoned', { from: OPEN_BEFORE_MONEY, detail });
  }

  const recovery = createCheckoutRecovery(deps, steps, (id) => running.has(id));

  return {
    async start(check, medium, onPhase) {
      const checkoutId = deps.newId?.() ?? randomUUID();
      if ('deskReason' in check) {
        checkouts.create(checkoutId, medium, {});
        return toView(checkouts.transition(checkoutId, 'sent_to_desk', { patch: { deskReason: check.deskReason }, detail: check.deskReason }));
      }
      const row = checkouts.create(checkoutId, medium, { patientId: check.patientId });
      onPhase?.({ phase: 'looking_up' });
      return toView(await tracked(checkoutId, () => lookUp(row)));
    },
    view: (checkoutId) => toView(checkouts.load(checkoutId)),
    pay: (checkoutId, method, onPhase, language) => tracked(checkoutId, () => pay(checkoutId, method, onPhase, language)),
    async cancel(checkoutId) {
      const row = at(checkoutId, ['bill_shown', 'paying']);
      await stopRunning(row);
      return toView(await abandon(checkoutId, 'cancelled'));
    },
    print: (checkoutId, language = 'ja', onPhase) => tracked(checkoutId, async () => {
      const row = at(checkoutId, ['paid', 'recorded', 'done']);
      const after = await steps.printDocuments(row, language, onPhase);
      return toView(after.state === 'recorded' ? checkouts.transition(checkoutId, 'done', { from: ['recorded'] }) : after);
    }),
    async link(checkoutId): Promise<LinkView> {
      const row = checkouts.load(checkoutId);
      if (!deps.links || !deps.tokenizer || !row.patientId) throw new KioskError('billing.invalid_state', 'linking is not offered here', { state: row.state });
      const read = await deps.tokenizer.tokenize();
      if ('status' in read) return { status: read.status };
      const view = await deps.links.link(row.patientId, read.token, { brand: read.brand, last4: read.last4 });
      if (view.status === 'linked' && view.account) linked.set(checkoutId, view.account);
      return view;
    },
    async unlink(checkoutId) {
      const row = checkouts.load(checkoutId);
      if (!deps.links || !row.patientId) throw new KioskError('billing.invalid_state', 'linking is not offered here', { state: row.state });
      const view = await deps.links.unlink(row.patientId);
      linked.set(checkoutId, null);
      return view;
    },
    async settle(checkoutId) {
      await stopRunning(checkouts.load(checkoutId));
      const row = await abandon(checkoutId, 'session_ended');
      linked.delete(checkoutId);
      // After money the checkout goes on alone: 入金 and documents (or housekeeping's retry).
      if (row.state === 'paid') await steps.record(row).catch((err: unknown) => log(`billing: 入金 of checkout ${checkoutId} left to housekeeping (${toKioskError(err).kind})`));
      const now = checkouts.load(checkoutId);
      if (now.state === 'recorded') checkouts.transition(checkoutId, 'done', { from: ['recorded'], ...(now.docsStatus === 'pending' ? { patch: { docsStatus: 'failed', docsReason: 'session_ended' } } : {}) });
    },
    ...recovery,
  };
}
