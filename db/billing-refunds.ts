// Refunds of hospital payments (migration 0100), typed: one row per refund, written before the
// device is asked. The refund ledger (electron/services/billing/refund-ledger.ts) decides the state
// changes and wraps them with the checkout's own in one durable transaction; this module only reads
// and writes rows.
import type { KioskDb } from './kiosk-db';

export type RefundState = 'returning' | 'owed' | 'recorded' | 'settled' | 'nothing_back' | 'interrupted' | 'refused';

export interface RefundRow {
  reference: string;
  checkoutId: string;
  asked: number;
  amount: number;
  state: RefundState;
  by: 'kiosk' | 'staff';
  reason: string;
  detail: string | null;
  returnedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

type Raw = {
  reference: string; checkout_id: string; asked: number; amount: number; state: RefundState; by_whom: 'kiosk' | 'staff';
  reason: string; detail: string | null; returned_at: number | null; created_at: number; updated_at: number;
};

const fromRaw = (r: Raw): RefundRow => ({
  reference: r.reference, checkoutId: r.checkout_id, asked: r.asked, amount: r.amount, state: r.state, by: r.by_whom,
  reason: r.reason, detail: r.detail, returnedAt: r.returned_at, createdAt: r.created_at, updatedAt: r.updated_at,
});

export function createBillingRefunds(db: KioskDb) {
  const s = db.sqlite;
  const insert = s.prepare(`INSERT INTO billing_refunds (reference, checkout_id, asked, state, by_whom, reason, created_at, updated_at)
    VALUES (?, ?, ?, 'returning', ?, ?, ?, ?)`);
  const countOf = s.prepare('SELECT count(*) FROM billing_refunds WHERE checkout_id = ?').pluck();
  const selectOne = s.prepare('SELECT * FROM billing_refunds WHERE reference = ?');
  const selectOfCheckout = s.prepare('SELECT * FROM billing_refunds WHERE checkout_id = ? ORDER BY created_at, reference');
  const selectInState = s.prepare('SELECT * FROM billing_refunds WHERE state = ? ORDER BY updated_at LIMIT ?');
  const update = s.prepare(`UPDATE billing_refunds SET state = @state, amount = coalesce(@amount, amount), detail = coalesce(@detail, detail),
    returned_at = coalesce(@returnedAt, returned_at), updated_at = @now WHERE reference = @reference`);

  return {
    /** The next refund of a checkout: `<paymentRef>-r<n>`, n counting every refund of that checkout. */
    nextReference: (checkoutId: string, paymentRef: string): string => `${paymentRef}-r${Number(countOf.get(checkoutId)) + 1}`,
    insert(r: { reference: string; checkoutId: string; asked: number; by: 'kiosk' | 'staff'; reason: string }, now: number): void {
      insert.run(r.reference, r.checkoutId, r.asked, r.by, r.reason.slice(0, 200), now, now);
    },
    get(reference: string): RefundRow | undefined {
      const raw = selectOne.get(reference) as Raw | undefined;
      return raw ? fromRaw(raw) : undefined;
    },
    ofCheckout: (checkoutId: string): RefundRow[] => (selectOfCheckout.all(checkoutId) as Raw[]).map(fromRaw),
    inState: (state: RefundState, limit: number): RefundRow[] => (selectInState.all(state, limit) as Raw[]).map(fromRaw),
    update(reference: string, p: { state: RefundState; amount?: number; detail?: string; returnedAt?: number }, now: number): void {
      update.run({ reference, state: p.state, amount: p.amount ?? null, detail: p.detail?.slice(0, 200) ?? null, returnedAt: p.returnedAt ?? null, now });
    },
  };
}

export type BillingRefunds = ReturnType<typeof createBillingRefunds>;
