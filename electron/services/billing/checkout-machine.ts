// THE checkout state machine of hospital payment, persisted in the kiosk database (migration 0090).
// Every state change goes through transition(): it checks the edge against TRANSITIONS, updates the
// row, appends the audit event and enqueues the back-office event in ONE synchronous=FULL
// transaction, so after kill -9 the row, its history and what the back office learns agree.
//
//   looking_up ─► bill_shown ─► paying ─► paid ─► recorded ─► done
//      │  │  │      ▲  │  │ │     │ │ │     │
//      │  │  │      └──┘  │ │     │ │ │     └─► held ─► recorded | refunded (staff, or the device at once)
//      │  │  │  (changed) │ │     │ │ └─► held
//      │  │  └► nothing_due │     │ └─► bill_shown (declined / cancelled / timeout: choose again)
//      │  └─► sent_to_desk ◄┘     └─► abandoned (restart: the device's journal says nothing was kept)
//      └─► abandoned ◄── bill_shown
//
// 'paying' is written with the attempt's paymentId BEFORE the device is asked: a restart asks the
// device's journal about that key instead of collecting again. Past 'paid' a checkout never goes
// back: the money exists whatever happens to the patient, the screen or the accounting system.
import { KioskError } from '../../../common/errors';
import type { KioskDb } from '../../../db/kiosk-db';
import type { KioskQueue } from '../../../db/queue';
import { createBillingCheckouts, type CheckoutPatch, type CheckoutRow, type CheckoutState } from '../../../db/billing-checkouts';
import { createRefundLedger } from './refund-ledger';

export type { CheckoutPatch, CheckoutRow, CheckoutState } from '../../../db/billing-checkouts';

export const TRANSITIONS: Readonly<Record<CheckoutState, readonly CheckoutState[]>> = {
  looking_up: ['bill_shown', 'nothing_due', 'sent_to_desk', 'abandoned'],
  bill_shown: ['paying', 'abandoned', 'sent_to_desk', 'bill_shown'],
  paying: ['paid', 'bill_shown', 'abandoned', 'held'],
  paid: ['recorded', 'held'],
  recorded: ['done'],
  held: ['recorded', 'refunded'],
  done: [],
  nothing_due: [],
  sent_to_desk: [],
  abandoned: [],
  refunded: [],
};

/** States a session's end turns into 'abandoned' (no money is at stake yet). */
export const OPEN_BEFORE_MONEY: readonly CheckoutState[] = ['looking_up', 'bill_shown'];

/** Outbox stream of one payment: its events reach the back office strictly in order. */
export const streamOf = (paymentRef: string) => `billing:${paymentRef}`;

/** The facts every billing.* event carries (common/backoffice-api/billing.ts PaymentFacts). No name. */
function facts(row: CheckoutRow, kioskId: string, at: number): Record<string, unknown> {
  return {
    paymentRef: row.paymentId, kioskId, patientRef: row.patientId, invoiceNumber: row.invoiceNumber,
    method: row.method, amount: row.paid, at: new Date(at).toISOString(),
  };
}

/** The back-office event a state change announces (billing.paid / recorded / held), or none. */
export function paymentEvent(row: CheckoutRow, kioskId: string, at: number): { kind: string; payload: Record<string, unknown> } | null {
  if (!row.paymentId || !row.patientId || !row.invoiceNumber || !row.method) return null;
  switch (row.state) {
    case 'paid': return { kind: 'billing.paid', payload: { ...facts(row, kioskId, at), change: row.change } };
    case 'recorded': return { kind: 'billing.recorded', payload: facts(row, kioskId, at) };
    case 'held': return { kind: 'billing.held', payload: { ...facts(row, kioskId, at), reason: (row.heldReason ?? 'other').slice(0, 60) } };
    default: return null;
  }
}

export function createCheckoutStore(db: KioskDb, queue: KioskQueue, kioskId: string, clock: () => number) {
  const rows = createBillingCheckouts(db);

  function load(checkoutId: string): CheckoutRow {
    const row = rows.get(checkoutId);
    if (!row) throw new KioskError('billing.not_found', undefined, { checkoutId });
    return row;
  }

  function tell(row: CheckoutRow, key: string, e: { kind: string; payload: Record<string, unknown> } | null): void {
    if (e && row.paymentId) queue.enqueueInTransaction({ key, kind: e.kind, stream: streamOf(row.paymentId), payload: e.payload });
  }

  const store = {
    create(checkoutId: string, medium: CheckoutRow['medium'], patch: CheckoutPatch): CheckoutRow {
      return db.durable(() => {
        rows.insert(checkoutId, 'looking_up', medium, clock());
        rows.update(checkoutId, patch, undefined, clock());
        return load(checkoutId);
      });
    },

    get: (checkoutId: string): CheckoutRow | undefined => rows.get(checkoutId),
    byPaymentId: (paymentId: string): CheckoutRow | undefined => rows.byPaymentId(paymentId),
    load,
    events: (checkoutId: string) => rows.events(checkoutId),

    /** Columns that change WITHOUT a state change (progress of a collect, the documents' outcome, the lock). */
    patch(checkoutId: string, patch: CheckoutPatch, detail?: string): CheckoutRow {
      return db.durable(() => {
        rows.update(checkoutId, patch, undefined, clock());
        const row = load(checkoutId);
        if (detail) rows.appendEvent(checkoutId, clock(), row.state, detail);
        return row;
      });
    },

    /** The only way a state changes; `from` guards against a racing step (the session ending meanwhile). */
    transition(checkoutId: string, to: CheckoutState, opts: { from?: readonly CheckoutState[]; patch?: CheckoutPatch; detail?: string } = {}): CheckoutRow {
      return db.durable(() => {
        const row = load(checkoutId);
        const allowed = (opts.from ?? [row.state]).includes(row.state) && TRANSITIONS[row.state].includes(to);
        if (!allowed) throw new KioskError('billing.invalid_state', `cannot go from ${row.state} to ${to}`, { state: row.state, to });
        rows.update(checkoutId, opts.patch ?? {}, to, clock());
        const id = rows.appendEvent(checkoutId, clock(), to, opts.detail ?? null);
        const after = load(checkoutId);
        tell(after, `billing:${checkoutId}:${to}:${id}`, paymentEvent(after, kioskId, clock()));
        return after;
      });
    },

    /**
     * Money given back (the device's refund or reversal; the 返金 recorded when the 入金 was): the row's
     * refunded total, an audit event and billing.refunded in one transaction; `to` 'refunded' when
     * the state changes with it (a held payment returned in full).
     */
    refunded(checkoutId: string, r: { amount: number; by: 'kiosk' | 'staff'; reason: string; to?: 'refunded' }): CheckoutRow {
      return db.durable(() => {
        const row = load(checkoutId);
        if (r.to && !TRANSITIONS[row.state].includes(r.to)) throw new KioskError('billing.invalid_state', `cannot go from ${row.state} to ${r.to}`, { state: row.state, to: r.to });
        const total = row.refunded + r.amount;
        rows.update(checkoutId, { refunded: total }, r.to, clock());
        const id = rows.appendEvent(checkoutId, clock(), r.to ?? row.state, `refunded ${r.amount} by ${r.by}`);
        const after = load(checkoutId);
        tell(after, `billing:${checkoutId}:refunded:${id}`, after.paymentId && after.patientId && after.invoiceNumber && after.method ? {
          kind: 'billing.refunded',
          payload: { ...facts(after, kioskId, clock()), refunded: r.amount, totalRefunded: total, by: r.by, reason: r.reason.slice(0, 200) },
        } : null);
        return after;
      });
    },

    inStates: (states: readonly CheckoutState[]): CheckoutRow[] => rows.inStates(states),
    awaitingReversalCheck: (limit: number): CheckoutRow[] => rows.awaitingReversalCheck(limit),

    /** True when the back office acknowledged every event of the payment. */
    fullySynced: (row: CheckoutRow): boolean => !row.paymentId || queue.unfinishedInStream(streamOf(row.paymentId)) === 0,

    deleteFinished: (cutoff: number, limit: number): number => rows.deleteFinished(cutoff, limit),
  };
  // Refunds are written with the checkout's money in one transaction (refund-ledger.ts).
  return { ...store, refunds: createRefundLedger(db, store, clock) };
}

export type CheckoutStore = ReturnType<typeof createCheckoutStore>;
