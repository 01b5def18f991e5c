// Hospital payment checkouts and their audit events (migration 0090), typed. The checkout machine
// (electron/services/billing/checkout-machine.ts) decides WHICH changes are allowed and wraps them
// in one durable transaction with their outbox event; this module only reads and writes rows, so
// every SQL statement about a checkout lives here (retention of finished checkouts included).
import type { KioskDb } from './kiosk-db';
import { createRowUpdate } from './row-update';

export type CheckoutState = 'looking_up' | 'bill_shown' | 'paying' | 'paid' | 'recorded' | 'done' | 'nothing_due' | 'sent_to_desk' | 'held' | 'refunded' | 'abandoned';
export type CheckoutMethod = 'cash' | 'ic' | 'card' | 'linked';
export type PayStatus = 'collecting' | 'paid' | 'declined' | 'cancelled' | 'failed' | 'timeout';
export type DocsStatus = 'pending' | 'printed' | 'held' | 'failed';

export interface CheckoutRow {
  checkoutId: string;
  state: CheckoutState;
  medium: 'card' | 'android' | 'iphone';
  patientId: string | null;
  invoiceNumber: string | null;
  cashierLock: string | null;
  billJson: string | null;
  statementJson: string | null;
  shownTotal: number | null;
  due: number | null;
  moreUnpaid: number;
  method: CheckoutMethod | null;
  attempt: number;
  paymentId: string | null;
  payStatus: PayStatus | null;
  payReason: string | null;
  inserted: number;
  paid: number;
  change: number;
  refunded: number;
  reverseCheck: string | null;
  recordedAt: number | null;
  heldReason: string | null;
  docsStatus: DocsStatus;
  docsReason: string | null;
  docsOut: boolean;
  deskReason: string | null;
  createdAt: number;
  updatedAt: number;
}

export type CheckoutPatch = Partial<Omit<CheckoutRow, 'checkoutId' | 'state' | 'medium' | 'createdAt' | 'updatedAt'>>;

const COLUMNS: Record<keyof CheckoutPatch, string> = {
  patientId: 'patient_id', invoiceNumber: 'invoice_number', cashierLock: 'cashier_lock', billJson: 'bill_json', statementJson: 'statement_json',
  shownTotal: 'shown_total', due: 'due', moreUnpaid: 'more_unpaid', method: 'method', attempt: 'attempt', paymentId: 'payment_id',
  payStatus: 'pay_status', payReason: 'pay_reason', inserted: 'inserted', paid: 'paid', change: 'change_given', refunded: 'refunded',
  reverseCheck: 'reverse_check', recordedAt: 'recorded_at', heldReason: 'held_reason', docsStatus: 'docs_status', docsReason: 'docs_reason',
  docsOut: 'docs_out', deskReason: 'desk_reason',
};

type Raw = Record<string, unknown>;

function fromRaw(r: Raw): CheckoutRow {
  const row = { checkoutId: r.checkout_id, state: r.state, medium: r.medium, createdAt: r.created_at, updatedAt: r.updated_at } as Record<string, unknown>;
  for (const [key, column] of Object.entries(COLUMNS)) row[key] = r[column] ?? null;
  for (const k of ['moreUnpaid', 'attempt', 'inserted', 'paid', 'change', 'refunded'] as const) row[k] = Number(row[k] ?? 0);
  row.docsOut = r.docs_out === 1;
  return row as unknown as CheckoutRow;
}

/** Checkouts whose states are final: nothing more happens at the kiosk. */
export const FINAL_CHECKOUT_STATES: readonly CheckoutState[] = ['done', 'nothing_due', 'sent_to_desk', 'abandoned', 'refunded'];

/**
 * Rows and events of checkouts. Writes do not open transactions of their own: the caller puts them
 * in db.durable() together with the outbox event that tells the back office.
 */
export function createBillingCheckouts(db: KioskDb) {
  const s = db.sqlite;
  const insertRow = s.prepare('INSERT INTO billing_checkouts (checkout_id, state, medium, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  const selectRow = s.prepare('SELECT * FROM billing_checkouts WHERE checkout_id = ?');
  const selectByPayment = s.prepare('SELECT * FROM billing_checkouts WHERE payment_id = ?');
  const insertEvent = s.prepare('INSERT INTO billing_events (checkout_id, at, state, detail) VALUES (?, ?, ?, ?)');
  const selectEvents = s.prepare('SELECT at, state, detail FROM billing_events WHERE checkout_id = ? ORDER BY id');
  const selectByStates = s.prepare('SELECT * FROM billing_checkouts WHERE state IN (SELECT value FROM json_each(?)) ORDER BY created_at');
  const selectReverse = s.prepare('SELECT * FROM billing_checkouts WHERE reverse_check IS NOT NULL ORDER BY updated_at LIMIT ?');
  // Final, unchanged since the cutoff, every event of its payment acknowledged by the back office, and
  // no refund whose 返金 the accounting system has still to hear.
  const dueForDeletion = s.prepare(`SELECT c.checkout_id FROM billing_checkouts c
    WHERE c.state IN ('done', 'nothing_due', 'sent_to_desk', 'abandoned', 'refunded') AND c.reverse_check IS NULL AND c.updated_at <= ?
      AND (c.payment_id IS NULL OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.stream = 'billing:' || c.payment_id AND o.state <> 'done'))
      AND NOT EXISTS (SELECT 1 FROM billing_refunds r WHERE r.checkout_id = c.checkout_id AND r.state IN ('returning', 'owed'))
    LIMIT ?`).pluck();
  const delEvents = s.prepare('DELETE FROM billing_events WHERE checkout_id = ?');
  const delRefunds = s.prepare('DELETE FROM billing_refunds WHERE checkout_id = ?');
  const delOutbox = s.prepare(`DELETE FROM outbox WHERE stream = 'billing:' || (SELECT payment_id FROM billing_checkouts WHERE checkout_id = ?) AND state = 'done'`);
  const delRow = s.prepare('DELETE FROM billing_checkouts WHERE checkout_id = ?');
  const updateRow = createRowUpdate<CheckoutPatch, CheckoutState>(s, 'billing_checkouts', 'checkout_id', COLUMNS);

  return {
    insert(checkoutId: string, state: CheckoutState, medium: CheckoutRow['medium'], now: number): void {
      insertRow.run(checkoutId, state, medium, now, now);
      insertEvent.run(checkoutId, now, state, null);
    },

    get(checkoutId: string): CheckoutRow | undefined {
      const raw = selectRow.get(checkoutId) as Raw | undefined;
      return raw ? fromRaw(raw) : undefined;
    },

    /** The checkout whose attempt has this device key / Payment_Reference. */
    byPaymentId(paymentId: string): CheckoutRow | undefined {
      const raw = selectByPayment.get(paymentId) as Raw | undefined;
      return raw ? fromRaw(raw) : undefined;
    },

    /** Sets the patched columns (and the state when given); updated_at is always `now`. */
    update: updateRow,

    /** Appends an audit event; returns its id (unique, so it can key an outbox event). */
    appendEvent: (checkoutId: string, at: number, state: CheckoutState, detail: string | null): number =>
      Number(insertEvent.run(checkoutId, at, state, detail).lastInsertRowid),

    events: (checkoutId: string): { at: number; state: CheckoutState; detail: string | null }[] =>
      selectEvents.all(checkoutId) as { at: number; state: CheckoutState; detail: string | null }[],

    inStates: (states: readonly CheckoutState[]): CheckoutRow[] => (selectByStates.all(JSON.stringify(states)) as Raw[]).map(fromRaw),

    awaitingReversalCheck: (limit: number): CheckoutRow[] => (selectReverse.all(limit) as Raw[]).map(fromRaw),

    /**
     * Retention: finished checkouts, fully synced and unchanged since `cutoff`, leave the database with
     * their events and done outbox rows (the bill's JSON with them), in one short transaction.
     */
    deleteFinished(cutoff: number, limit: number): number {
      const ids = dueForDeletion.all(cutoff, limit) as string[];
      if (ids.length === 0) return 0;
      return db.relaxed(() => {
        for (const id of ids) {
          delEvents.run(id);
          delRefunds.run(id);
          delOutbox.run(id);
          delRow.run(id);
        }
        return ids.length;
      });
    },
  };
}

export type BillingCheckouts = ReturnType<typeof createBillingCheckouts>;
