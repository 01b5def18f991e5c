// The cashier's records (収納) of the accounting system, in ORCA's own file (orca.db) beside its
// patients and receptions: the bills (伝票, one per reception billed), each bill's history of 請求 /
// 入金 / 返金 lines, the patients a cashier terminal holds open (排他制御), and what the window
// registered about a patient that bears on the share (適用区分, 公費). Synchronous like OrcaStore.
import { randomUUID } from 'node:crypto';
import type { CopayBill, CopayPatient, CopayResult } from '../../copay';
import type { OrcaStore } from '../orca-store';

/** What a bill was computed from and what the copay engine answered (the 領収証 and 明細書 read it). */
export interface StoredBill { charges: Pick<CopayBill, 'items' | 'outOfInsurance' | 'forSpecificDisease'>; copay: CopayResult }

export interface InvoiceRow {
  invoiceNumber: string; patientId: string; inOut: 'I' | 'O'; performDate: string; issuedDate: string;
  departmentCode: string; insuranceCombination: string; ratePercent: number;
  acceptanceDate: string | null; acceptanceId: string | null;
  acMoney: number; icMoney: number; bill: StoredBill; cancelled: boolean; reissues: number;
}

export type HistoryState = '9' | '2' | '4' | '6';
export interface HistoryRow {
  invoiceNumber: string; historyNumber: number; processingDate: string; processingTime: string;
  state: HistoryState; acMoney: number | null; icMoney: number; icCode: string | null; paymentReference: string | null;
}

export interface IncomeLock { patientId: string; karteUid: string; orcaUid: string }

/** The terminal name this cashier writes into ORCA's own patient lock (A's patient_locks). */
export const lockTerminal = (karteUid: string) => `incomev3:${karteUid}`;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS income_invoices (
    invoice_number TEXT PRIMARY KEY, patient_id TEXT NOT NULL, in_out TEXT NOT NULL, perform_date TEXT NOT NULL,
    issued_date TEXT NOT NULL, department_code TEXT NOT NULL, insurance_combination TEXT NOT NULL, rate_percent INTEGER NOT NULL,
    acceptance_date TEXT, acceptance_id TEXT, ac_money INTEGER NOT NULL, bill TEXT NOT NULL,
    cancelled INTEGER NOT NULL DEFAULT 0, reissues INTEGER NOT NULL DEFAULT 0,
    UNIQUE (acceptance_date, acceptance_id)) STRICT;
  CREATE INDEX IF NOT EXISTS income_invoices_patient ON income_invoices (patient_id, perform_date);
  -- One line per 請求 / 入金 / 返金; a payment reference names exactly one line, so one payment is one 入金 on one 伝票.
  CREATE TABLE IF NOT EXISTS income_history (
    invoice_number TEXT NOT NULL, history_number INTEGER NOT NULL, processing_date TEXT NOT NULL, processing_time TEXT NOT NULL,
    state TEXT NOT NULL, ac_money INTEGER, ic_money INTEGER NOT NULL, ic_code TEXT, payment_reference TEXT UNIQUE,
    PRIMARY KEY (invoice_number, history_number)) STRICT;
  CREATE TABLE IF NOT EXISTS income_locks (patient_id TEXT PRIMARY KEY, karte_uid TEXT NOT NULL, orca_uid TEXT NOT NULL UNIQUE, locked_at INTEGER NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS income_profiles (patient_id TEXT PRIMARY KEY, profile TEXT NOT NULL) STRICT;
`;

interface InvoiceDb {
  invoice_number: string; patient_id: string; in_out: string; perform_date: string; issued_date: string; department_code: string;
  insurance_combination: string; rate_percent: number; acceptance_date: string | null; acceptance_id: string | null;
  ac_money: number; bill: string; cancelled: number; reissues: number; ic_money: number;
}
interface HistoryDb {
  invoice_number: string; history_number: number; processing_date: string; processing_time: string; state: string;
  ac_money: number | null; ic_money: number; ic_code: string | null; payment_reference: string | null;
}

const invoiceOf = (r: InvoiceDb): InvoiceRow => ({
  invoiceNumber: r.invoice_number, patientId: r.patient_id, inOut: r.in_out === 'I' ? 'I' : 'O', performDate: r.perform_date,
  issuedDate: r.issued_date, departmentCode: r.department_code, insuranceCombination: r.insurance_combination, ratePercent: r.rate_percent,
  acceptanceDate: r.acceptance_date, acceptanceId: r.acceptance_id, acMoney: r.ac_money, icMoney: r.ic_money,
  bill: JSON.parse(r.bill) as StoredBill, cancelled: r.cancelled === 1, reissues: r.reissues,
});
const historyOf = (r: HistoryDb): HistoryRow => ({
  invoiceNumber: r.invoice_number, historyNumber: r.history_number, processingDate: r.processing_date, processingTime: r.processing_time,
  state: r.state as HistoryState, acMoney: r.ac_money, icMoney: r.ic_money, icCode: r.ic_code, paymentReference: r.payment_reference,
});

// 入金額 is the sum of the bill's history lines (請求 lines carry what was paid at billing, usually 0).
const INVOICE_SELECT = `SELECT i.*, COALESCE((SELECT sum(h.ic_money) FROM income_history h WHERE h.invoice_number = i.invoice_number), 0) AS ic_money FROM income_invoices i`;

export class IncomeStore {
  constructor(readonly orca: OrcaStore) { orca.db.exec(SCHEMA); }

  private get db() { return this.orca.db; }

  transaction<T>(fn: () => T): T { return this.db.transaction(fn)(); }

  invoice(invoiceNumber: string): InvoiceRow | undefined {
    const r = this.db.prepare(`${INVOICE_SELECT} WHERE i.invoice_number = ?`).get(invoiceNumber) as InvoiceDb | undefined;
    return r ? invoiceOf(r) : undefined;
  }

  invoicesOf(patientId: string): InvoiceRow[] {
    return (this.db.prepare(`${INVOICE_SELECT} WHERE i.patient_id = ? ORDER BY i.perform_date, i.invoice_number`).all(patientId) as InvoiceDb[]).map(invoiceOf);
  }

  /** Every bill of a day of care (YYYY-MM-DD), for the desk's list of what is still unpaid. */
  invoicesOn(performDate: string): InvoiceRow[] {
    return (this.db.prepare(`${INVOICE_SELECT} WHERE i.perform_date = ? ORDER BY i.invoice_number`).all(performDate) as InvoiceDb[]).map(invoiceOf);
  }

  billedReception(date: string, acceptanceId: string): boolean {
    return this.db.prepare('SELECT 1 FROM income_invoices WHERE acceptance_date = ? AND acceptance_id = ?').get(date, acceptanceId) !== undefined;
  }

  /** A new bill with the next 伝票番号 (7 digits, as ORCA's) and its 請求 line. */
  addInvoice(row: Omit<InvoiceRow, 'invoiceNumber' | 'icMoney' | 'cancelled' | 'reissues'>, at: { date: string; time: string }): InvoiceRow {
    return this.transaction(() => {
      const max = (this.db.prepare('SELECT max(CAST(invoice_number AS INTEGER)) AS m FROM income_invoices').get() as { m: number | null }).m ?? 0;
      const invoiceNumber = String(max + 1).padStart(7, '0');
      this.db.prepare('INSERT INTO income_invoices VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)').run(
        invoiceNumber, row.patientId, row.inOut, row.performDate, row.issuedDate, row.departmentCode, row.insuranceCombination,
        row.ratePercent, row.acceptanceDate, row.acceptanceId, row.acMoney, JSON.stringify(row.bill));
      this.addHistory(invoiceNumber, { state: '9', acMoney: row.acMoney, icMoney: 0, icCode: '01', paymentReference: null, ...at });
      return this.invoice(invoiceNumber)!;
    });
  }

  /** The bill changed after the fact (the desk corrected an order): new amount, and a 請求 line saying so. */
  reviseInvoice(invoiceNumber: string, acMoney: number, bill: StoredBill, at: { date: string; time: string }): void {
    this.transaction(() => {
      this.db.prepare('UPDATE income_invoices SET ac_money = ?, bill = ?, rate_percent = ? WHERE invoice_number = ?')
        .run(acMoney, JSON.stringify(bill), bill.copay.rateTenths * 10, invoiceNumber);
      this.addHistory(invoiceNumber, { state: '9', acMoney, icMoney: 0, icCode: '01', paymentReference: null, ...at });
    });
  }

  history(invoiceNumber: string): HistoryRow[] {
    return (this.db.prepare('SELECT * FROM income_history WHERE invoice_number = ? ORDER BY history_number').all(invoiceNumber) as HistoryDb[]).map(historyOf);
  }

  addHistory(invoiceNumber: string, h: Omit<HistoryRow, 'invoiceNumber' | 'historyNumber' | 'processingDate' | 'processingTime'> & { date: string; time: string }): number {
    const next = ((this.db.prepare('SELECT max(history_number) AS m FROM income_history WHERE invoice_number = ?').get(invoiceNumber) as { m: number | null }).m ?? 0) + 1;
    this.db.prepare('INSERT INTO income_history VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(invoiceNumber, next, h.date, h.time, h.state, h.acMoney, h.icMoney, h.icCode, h.paymentReference);
    return next;
  }

  /** The 入金 / 返金 lines processed on a day that carry a payer's reference (the kiosks' 収納 of the day). */
  referencedLinesOn(processingDate: string): HistoryRow[] {
    return (this.db.prepare(`SELECT * FROM income_history WHERE processing_date = ? AND payment_reference IS NOT NULL AND state IN ('2', '4')
      ORDER BY processing_time, invoice_number, history_number`).all(processingDate) as HistoryDb[]).map(historyOf);
  }

  byPaymentReference(reference: string): HistoryRow | undefined {
    const r = this.db.prepare('SELECT * FROM income_history WHERE payment_reference = ?').get(reference) as HistoryDb | undefined;
    return r ? historyOf(r) : undefined;
  }

  countReissue(invoiceNumber: string): void { this.db.prepare('UPDATE income_invoices SET reissues = reissues + 1 WHERE invoice_number = ?').run(invoiceNumber); }

  lockOf(patientId: string): IncomeLock | undefined {
    return this.db.prepare('SELECT patient_id AS patientId, karte_uid AS karteUid, orca_uid AS orcaUid FROM income_locks WHERE patient_id = ?').get(patientId) as IncomeLock | undefined;
  }

  /** Opens the patient at this cashier terminal: a new Orca_Uid, and ORCA's own patient lock so its
   *  other APIs (acceptmodv2) see the patient as in use too. */
  lock(patientId: string, karteUid: string, now: number): IncomeLock {
    const orcaUid = randomUUID();
    this.transaction(() => {
      this.db.prepare('INSERT INTO income_locks VALUES (?, ?, ?, ?)').run(patientId, karteUid, orcaUid, now);
      this.orca.lockPatient(patientId, lockTerminal(karteUid));
    });
    return { patientId, karteUid, orcaUid };
  }

  /** Releases what this Karte_Uid holds: the one Orca_Uid named, or all of them (a terminal that
   *  restarted and lost its Orca_Uid). Answers how many were released. */
  unlock(karteUid: string, orcaUid: string | undefined): number {
    return this.transaction(() => {
      const held = (this.db.prepare('SELECT patient_id AS patientId, orca_uid AS orcaUid FROM income_locks WHERE karte_uid = ?').all(karteUid) as { patientId: string; orcaUid: string }[])
        .filter((l) => orcaUid === undefined || l.orcaUid === orcaUid);
      for (const l of held) {
        this.db.prepare('DELETE FROM income_locks WHERE patient_id = ?').run(l.patientId);
        if (this.orca.lockedBy(l.patientId) === lockTerminal(karteUid)) this.orca.unlockPatient(l.patientId);
      }
      return held.length;
    });
  }

  profile(patientId: string): Omit<CopayPatient, 'birthDate'> {
    const r = this.db.prepare('SELECT profile FROM income_profiles WHERE patient_id = ?').get(patientId) as { profile: string } | undefined;
    return r ? JSON.parse(r.profile) as Omit<CopayPatient, 'birthDate'> : {};
  }

  /** What the window registered about the patient's share (適用区分, 公費, 特定疾病, the 75+ ratio). */
  putProfile(patientId: string, profile: Omit<CopayPatient, 'birthDate'>): void {
    this.db.prepare('INSERT OR REPLACE INTO income_profiles VALUES (?, ?)').run(patientId, JSON.stringify(profile));
  }
}

const stores = new WeakMap<OrcaStore, IncomeStore>();
/** One IncomeStore per ORCA file: the schema is created once, on first use. */
export function incomeStoreOf(orca: OrcaStore): IncomeStore {
  let s = stores.get(orca);
  if (!s) { s = new IncomeStore(orca); stores.set(orca, s); }
  return s;
}
