// The outside systems hospital payment talks to, as the billing module sees them:
// the accounting system's cashier (ORCA's /orca23/incomev3 and, for the 明細書, its statement of the
// bill's items), the payment devices (payment/payment-device.ts: the cash/IC acceptor, the card
// terminal, the account linked to the card), and the back office's payment links.
// Failures are KioskErrors of the kinds named beside each port (common/errors.ts).
import type { BillView, LinkView } from '../../../common/api/billing-schemas';
import type { LinkedAccount } from '../../../common/backoffice-api/billing';

/** One bill as the cashier shows it (incomev3 01/02 請求確認 with its Copay_Detail): the screen's BillView and a little more. */
export interface Bill extends BillView {
  patientId: string;
  /** 入外区分: 'O' outpatient (the kiosk pays only these). */
  inOut: 'I' | 'O';
  /** 保険種別 / 負担 as ORCA names them (for the 領収証), when given. */
  insuranceName?: string;
  /** 公費 programme name, when one applied. */
  publicAidName?: string;
  /** 保険外 lines with their names (for the 領収証). */
  outOfInsuranceLines: { name: string; yen: number }[];
  /** Times the 領収証 was reissued (09 再発行). */
  reissueCount: number;
}

/** One line of the 診療明細書. */
export interface StatementItem { part: string; code: string; name: string; points: number; count: number }

/** The lock token (Orca_Uid) the cashier answered: every change must name it; unlock releases it. */
export type CashierLock = string;

/** ORCA's 入金方法 (Ic_Code): 01 現金, 02 クレジットカード, 03 電子マネー. */
export type IcCode = '01' | '02' | '03';

/**
 * The accounting system's cashier (incomev3). Failures: 'accounting.patient_locked' (E1038 another
 * terminal, E9999 ORCA's own screens: unlock and retry, or the desk), 'accounting.bill_changed'
 * (E0113: nothing recorded), 'accounting.unavailable' (down, timeout, 5xx), 'accounting.rejected'
 * (any other Api_Result, details.apiResult).
 */
export interface Cashier {
  /** 01/01 Information_Class 2: the patient's unpaid outpatient bills, oldest first; opens (locks) the patient here. */
  unpaidBills(patientId: string): Promise<{ lock: CashierLock; bills: { invoiceNumber: string; performedOn: string; due: number }[] }>;
  /** 01/02: one bill with its breakdown, under the lock. */
  confirm(patientId: string, invoiceNumber: string, lock: CashierLock): Promise<Bill>;
  /** 02/01 入金 with Payment_Reference (idempotent) and Ac_Money (the total shown: E0113 when changed). */
  recordPayment(p: { patientId: string; invoiceNumber: string; lock: CashierLock; amount: number; shownTotal: number; icCode: IcCode; reference: string; at: number }): Promise<{ unpaid: number }>;
  /** 02/04 返金 with its own reference (idempotent). */
  recordRefund(p: { patientId: string; invoiceNumber: string; lock: CashierLock; amount: number; reference: string; at: number }): Promise<void>;
  /** 02/09 再発行: counts a reprint of the 領収証. */
  reissue(p: { patientId: string; invoiceNumber: string; lock: CashierLock }): Promise<void>;
  /** 99: the lock named, or (no lock) every lock of this kiosk's Karte_Uid — a restarted kiosk releases its own. */
  unlock(lock?: CashierLock): Promise<void>;
  /** The bill's items for the 明細書 (statementv2 subset). */
  statement(patientId: string, invoiceNumber: string): Promise<StatementItem[]>;
}

/**
 * The back office's payment links (common/backoffice-api/billing.ts). Failures: 'sync.unreachable'
 * (back office down: 'linked' is not offered), 'billing.not_linked'.
 */
export interface PaymentLinks {
  get(patientId: string): Promise<LinkedAccount | null>;
  link(patientId: string, token: string, account: LinkedAccount): Promise<LinkView>;
  unlink(patientId: string): Promise<LinkView>;
}
