// The card-linked payment accounts and their charges, kept by the back office: one link per (hospital,
// patient ID) — the hospital's ORCA Patient_ID (照会番号) follows the insured person, not the card's
// certificate, so a renewed card finds the same link — and every charge and refund under the
// reference the kiosk chose, so a retried request can be answered from what was done.
// Two stores of one asynchronous shape: its own SQLite file (payment-links.db in the data directory,
// WAL + synchronous=FULL like the back office's other files) by default, and the PostgreSQL store's
// database when that is the store (postgres-links-store.ts, migration 5), so instances behind a load
// balancer share the links and never charge one reference twice.
// `exclusive(key, fn)`: the charge's check, the acquirer and the write run with no other request for
// the same reference in between (SQLite: one process, a queue per key; PostgreSQL: a transaction under
// an advisory lock), so two retries arriving together reach the acquirer once.
import type Database from 'better-sqlite3';
import { openSqliteFile } from '../storage/sqlite-file';

export interface PaymentLinkRow { institution: string; patientId: string; token: string; brand: string; last4: string; linkedAt: number; kioskId: string }

export interface LinkedChargeRow {
  institution: string; reference: string; patientId: string; invoiceNumber: string; amount: number;
  status: 'approved' | 'declined'; reason: string | null; approvalCode: string | null; refunded: number; at: number; kioskId: string;
}

export interface LinkedRefundRow { institution: string; refundRef: string; reference: string; amount: number; at: number }

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS payment_links (
    institution TEXT NOT NULL, patient_id TEXT NOT NULL, token TEXT NOT NULL, brand TEXT NOT NULL, last4 TEXT NOT NULL,
    linked_at INTEGER NOT NULL, kiosk_id TEXT NOT NULL, PRIMARY KEY (institution, patient_id)) STRICT;
  CREATE TABLE IF NOT EXISTS linked_charges (
    institution TEXT NOT NULL, reference TEXT NOT NULL, patient_id TEXT NOT NULL, invoice_number TEXT NOT NULL,
    amount INTEGER NOT NULL, status TEXT NOT NULL, reason TEXT, approval_code TEXT, refunded INTEGER NOT NULL DEFAULT 0,
    at INTEGER NOT NULL, kiosk_id TEXT NOT NULL, PRIMARY KEY (institution, reference)) STRICT;
  CREATE TABLE IF NOT EXISTS linked_refunds (
    institution TEXT NOT NULL, refund_ref TEXT NOT NULL, reference TEXT NOT NULL, amount INTEGER NOT NULL, at INTEGER NOT NULL,
    PRIMARY KEY (institution, refund_ref)) STRICT;
`;

export interface PaymentLinksStore {
  link(institution: string, patientId: string): Promise<PaymentLinkRow | undefined>;
  putLink(row: PaymentLinkRow): Promise<void>;
  /** True when a link was there. */
  deleteLink(institution: string, patientId: string): Promise<boolean>;
  charge(institution: string, reference: string): Promise<LinkedChargeRow | undefined>;
  putCharge(row: LinkedChargeRow): Promise<void>;
  refund(institution: string, refundRef: string): Promise<LinkedRefundRow | undefined>;
  /** Records the refund and adds it to its charge, in one transaction. */
  addRefund(row: LinkedRefundRow): Promise<void>;
  /** Runs fn with no other exclusive run of the same key in between (and, on PostgreSQL, as one transaction). */
  exclusive<T>(key: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const linkRow = (r: Record<string, unknown>): PaymentLinkRow => ({
  institution: r.institution as string, patientId: r.patient_id as string, token: r.token as string, brand: r.brand as string,
  last4: r.last4 as string, linkedAt: r.linked_at as number, kioskId: r.kiosk_id as string,
});

export const chargeRow = (r: Record<string, unknown>): LinkedChargeRow => ({
  institution: r.institution as string, reference: r.reference as string, patientId: r.patient_id as string,
  invoiceNumber: r.invoice_number as string, amount: r.amount as number, status: r.status as LinkedChargeRow['status'],
  reason: r.reason as string | null, approvalCode: r.approval_code as string | null, refunded: r.refunded as number,
  at: r.at as number, kioskId: r.kiosk_id as string,
});

export function openPaymentLinksStore(dataDir: string): PaymentLinksStore {
  const db: Database.Database = openSqliteFile(dataDir, 'payment-links.db');
  db.exec(SCHEMA);
  const st = {
    link: db.prepare('SELECT * FROM payment_links WHERE institution = ? AND patient_id = ?'),
    putLink: db.prepare(`INSERT INTO payment_links VALUES (@institution, @patientId, @token, @brand, @last4, @linkedAt, @kioskId)
      ON CONFLICT (institution, patient_id) DO UPDATE SET token = excluded.token, brand = excluded.brand, last4 = excluded.last4,
      linked_at = excluded.linked_at, kiosk_id = excluded.kiosk_id`),
    deleteLink: db.prepare('DELETE FROM payment_links WHERE institution = ? AND patient_id = ?'),
    charge: db.prepare('SELECT * FROM linked_charges WHERE institution = ? AND reference = ?'),
    putCharge: db.prepare(`INSERT INTO linked_charges VALUES (@institution, @reference, @patientId, @invoiceNumber, @amount, @status,
      @reason, @approvalCode, @refunded, @at, @kioskId)`),
    refund: db.prepare('SELECT * FROM linked_refunds WHERE institution = ? AND refund_ref = ?'),
    putRefund: db.prepare('INSERT INTO linked_refunds VALUES (@institution, @refundRef, @reference, @amount, @at)'),
    addRefunded: db.prepare('UPDATE linked_charges SET refunded = refunded + @amount WHERE institution = @institution AND reference = @reference'),
  };
  const addRefund = db.transaction((row: LinkedRefundRow) => {
    st.putRefund.run(row);
    st.addRefunded.run(row);
  });
  /** The tail of each key's queue: a run starts when the one before it has settled. */
  const queues = new Map<string, Promise<unknown>>();
  return {
    async link(institution, patientId) {
      const r = st.link.get(institution, patientId) as Record<string, unknown> | undefined;
      return r ? linkRow(r) : undefined;
    },
    async putLink(row) { st.putLink.run(row); },
    deleteLink: async (institution, patientId) => st.deleteLink.run(institution, patientId).changes > 0,
    async charge(institution, reference) {
      const r = st.charge.get(institution, reference) as Record<string, unknown> | undefined;
      return r ? chargeRow(r) : undefined;
    },
    async putCharge(row) { st.putCharge.run(row); },
    async refund(institution, refundRef) {
      const r = st.refund.get(institution, refundRef) as Record<string, unknown> | undefined;
      return r ? { institution, refundRef, reference: r.reference as string, amount: r.amount as number, at: r.at as number } : undefined;
    },
    async addRefund(row) { addRefund(row); },
    exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
      const run = (queues.get(key) ?? Promise.resolve()).then(fn, fn);
      const tail = run.catch(() => undefined);
      queues.set(key, tail);
      void tail.then(() => { if (queues.get(key) === tail) queues.delete(key); });
      return run;
    },
    async close() { db.close(); },
  };
}
