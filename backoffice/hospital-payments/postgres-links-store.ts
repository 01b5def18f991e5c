// The card-linked payment accounts (links-store.ts) in the PostgreSQL store's database (migration 5):
// every instance behind the load balancer sees the same links, and a charge's check, acquirer call and
// write run in one transaction under an advisory lock on its reference, so the same reference sent to
// two instances at once is charged once. Calls made inside `exclusive` join its transaction (the
// store's AsyncLocalStorage connection).
import type { PostgresBackOfficeStore } from '../storage/postgres-store';
import { chargeRow, linkRow, type PaymentLinksStore } from './links-store';

type Row = Record<string, unknown>;

/** BIGINT columns come back as strings from pg: the amounts and instants are numbers again. */
const numbers = (r: Row, keys: string[]): Row => ({ ...r, ...Object.fromEntries(keys.map((k) => [k, Number(r[k])])) });

export function postgresPaymentLinksStore(db: PostgresBackOfficeStore): PaymentLinksStore {
  const one = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows[0] as Row | undefined;
  return {
    async link(institution, patientId) {
      const r = await one('SELECT * FROM payment_links WHERE institution = $1 AND patient_id = $2', [institution, patientId]);
      return r ? linkRow(numbers(r, ['linked_at'])) : undefined;
    },
    async putLink(l) {
      await db.query(`INSERT INTO payment_links VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (institution, patient_id) DO UPDATE SET token = excluded.token, brand = excluded.brand, last4 = excluded.last4,
        linked_at = excluded.linked_at, kiosk_id = excluded.kiosk_id`,
      [l.institution, l.patientId, l.token, l.brand, l.last4, l.linkedAt, l.kioskId]);
    },
    deleteLink: async (institution, patientId) =>
      ((await db.query('DELETE FROM payment_links WHERE institution = $1 AND patient_id = $2', [institution, patientId])).rowCount ?? 0) > 0,
    async charge(institution, reference) {
      const r = await one('SELECT * FROM linked_charges WHERE institution = $1 AND reference = $2', [institution, reference]);
      return r ? chargeRow(numbers(r, ['amount', 'refunded', 'at'])) : undefined;
    },
    async putCharge(c) {
      await db.query('INSERT INTO linked_charges VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
        [c.institution, c.reference, c.patientId, c.invoiceNumber, c.amount, c.status, c.reason, c.approvalCode, c.refunded, c.at, c.kioskId]);
    },
    async refund(institution, refundRef) {
      const r = await one('SELECT * FROM linked_refunds WHERE institution = $1 AND refund_ref = $2', [institution, refundRef]);
      return r ? { institution, refundRef, reference: r.reference as string, amount: Number(r.amount), at: Number(r.at) } : undefined;
    },
    addRefund: (r) => db.transaction(async () => {
      await db.query('INSERT INTO linked_refunds VALUES ($1, $2, $3, $4, $5)', [r.institution, r.refundRef, r.reference, r.amount, r.at]);
      await db.query('UPDATE linked_charges SET refunded = refunded + $1 WHERE institution = $2 AND reference = $3', [r.amount, r.institution, r.reference]);
    }),
    exclusive: (key, fn) => db.exclusive('payment-link', key, fn),
    // The connection pool is the main store's: it closes with it.
    close: async () => undefined,
  };
}
