// /orca23/incomev3, the cashier (収納), as far as a payment kiosk and its staff need it:
//   Request_Number 01 照会: Request_Mode 01 請求一覧, 02 請求確認 — each opens the patient at this
//     terminal (排他制御) and answers the lock token Orca_Uid;
//   Request_Number 02 更新 (with that Orca_Uid): Request_Mode 01 入金, 04 返金, 09 再発行;
//   Request_Number 99: unlock.
// Errors come back as ORCA's do, HTTP 200 with an Api_Result (wire.ts): E1038 while another Karte_Uid
// (or another connection of the same one, without its Orca_Uid) holds the patient, E9999 while ORCA's
// own screens have it open, E0107 for a 入金 above what is unpaid.
import { KioskError } from '../../../common/errors';
import { jst, isCalendarDate } from '../orca-wire';
import { normalizePatientId, type OrcaPatientRow, type OrcaStore } from '../orca-store';
import { afterChange, detail, listRow, stateOf } from './answers';
import { billTodaysReceptions } from './billing';
import { incomeStoreOf, lockTerminal, type IncomeLock, type IncomeStore, type InvoiceRow } from './income-store';
import { IC_CODES, incomeHead, parseYen, type IncomeReqT, type IncomeResult } from './wire';

type Answer = { incomev3res: ReturnType<typeof incomeHead> & Record<string, unknown> };

const MODES: Record<string, readonly string[]> = { '01': ['01', '02'], '02': ['01', '04', '09'] };

const invoiceNumberOf = (s: string | undefined) => {
  const t = s?.trim() ?? '';
  return /^\d{1,7}$/.test(t) ? t.padStart(7, '0') : t;
};

export function incomeV3(orca: OrcaStore, req: IncomeReqT | undefined, now: number): Answer {
  const income = incomeStoreOf(orca);
  const answer = (result: IncomeResult, responseNumber: '01' | '02', extra: Record<string, unknown> = {}): Answer =>
    ({ incomev3res: { ...incomeHead(now, result, req, responseNumber), ...extra } });
  if (!req) return answer('unsupported', '01');
  const karte = req.Karte_Uid?.trim();
  if (!karte) return answer('noKarteUid', '01');
  const orcaUid = req.Orca_Uid?.trim() || undefined;
  const number = req.Request_Number ?? '';
  if (number === '99') {
    income.unlock(karte, orcaUid);
    return answer('ok', '01', orcaUid ? { Orca_Uid: orcaUid } : {});
  }
  const mode = req.Request_Mode ?? '';
  if (!MODES[number]?.includes(mode)) return answer('unsupported', '01');

  const invoiceNumber = invoiceNumberOf(req.Invoice_Number);
  const named = req.Patient_ID?.trim() ? normalizePatientId(req.Patient_ID) : income.invoice(invoiceNumber)?.patientId;
  const patient = named ? orca.patient(named) : undefined;
  if (!patient) return answer('noPatient', '01');

  // 排他制御: ORCA's own screens first (E9999), then the cashier's lock (E1038), then open it here.
  const held = income.lockOf(patient.patientId);
  const openElsewhere = orca.lockedBy(patient.patientId);
  if (openElsewhere !== undefined && openElsewhere !== (held ? lockTerminal(held.karteUid) : undefined)) {
    return answer('inUse', '01', orcaUid ? { Orca_Uid: orcaUid } : {});
  }
  let lock: IncomeLock;
  if (held) {
    if (held.karteUid !== karte || held.orcaUid !== orcaUid) return answer('sameKarteUid', '01');
    lock = held;
  } else {
    if (number === '02') return answer('notLocked', '01');
    lock = income.lock(patient.patientId, karte, now);
  }
  const opened = { Orca_Uid: lock.orcaUid, Patient_ID: patient.patientId };

  if (number === '01') {
    try {
      billTodaysReceptions(orca, income, patient, now);
    } catch (err) {
      if (err instanceof KioskError && err.kind === 'input.invalid') return answer('noShare', '02', opened);
      throw err;
    }
    if (mode === '01') return answer('ok', '02', { ...opened, ...list(income, patient, req.Information_Class) });
    const inv = invoiceOf(income, patient, invoiceNumber, req.InOut);
    if (!inv) return answer('noInvoice', '02', opened);
    return answer('ok', '02', { ...opened, ...detail(inv), Income_History: afterChange(inv, income.history(inv.invoiceNumber)).Income_History });
  }

  const inv = invoiceOf(income, patient, invoiceNumber, req.InOut);
  if (!inv) return answer('noInvoice', '02', { Orca_Uid: lock.orcaUid });
  const result = mode === '09' ? reissue(income, inv) : move(orca, income, inv, req, mode === '01' ? 'payment' : 'refund', now);
  if (result !== 'ok') return answer(result, '02', { Orca_Uid: lock.orcaUid });
  const after = income.invoice(inv.invoiceNumber)!;
  return answer('ok', '02', { Orca_Uid: lock.orcaUid, ...afterChange(after, income.history(after.invoiceNumber)) });
}

/** Information_Class '2': unpaid bills only; anything else: every bill (this system's choice, README). */
function list(income: IncomeStore, patient: OrcaPatientRow, informationClass: string | undefined) {
  const all = income.invoicesOf(patient.patientId);
  const shown = informationClass?.trim() === '2' ? all.filter((i) => stateOf(i) === '2') : all;
  const unpaid = (io: 'I' | 'O') => all.filter((i) => i.inOut === io && !i.cancelled).reduce((s, i) => s + Math.max(0, i.acMoney - i.icMoney), 0);
  const inpatient = unpaid('I');
  return {
    Income_Information_Overflow: shown.length > 500 ? 'True' : 'False',
    Income_Information: [...shown.slice(0, 500).map(listRow), ...Array.from({ length: Math.max(0, 500 - shown.length) }, () => ({}))],
    Unpaid_Money_Total_Information: {
      Unpaid_Money_Total_Outpatient: String(unpaid('O')).padStart(10, ' '),
      ...(inpatient > 0 ? { Unpaid_Money_Total_Inpatient: String(inpatient).padStart(10, ' ') } : {}),
    },
  };
}

function invoiceOf(income: IncomeStore, patient: OrcaPatientRow, invoiceNumber: string, inOut: string | undefined): InvoiceRow | undefined {
  const inv = invoiceNumber ? income.invoice(invoiceNumber) : undefined;
  if (!inv || inv.patientId !== patient.patientId || inv.cancelled) return undefined;
  if (inOut?.trim() && inOut.trim() !== inv.inOut) return undefined;
  return inv;
}

function reissue(income: IncomeStore, inv: InvoiceRow): IncomeResult {
  income.countReissue(inv.invoiceNumber);
  return 'ok';
}

/** 入金 or 返金, once per Payment_Reference: a retry of the same one answers the bill as it is now. */
function move(orca: OrcaStore, income: IncomeStore, inv: InvoiceRow, req: IncomeReqT, kind: 'payment' | 'refund', now: number): IncomeResult {
  const amount = parseYen(req.Ic_Money);
  if (amount === undefined || amount === 0) return 'badMoney';
  const icCode = req.Ic_Code?.trim() || '01';
  if (kind === 'payment' && !Object.hasOwn(IC_CODES, icCode)) return 'badMoney';
  const reference = req.Payment_Reference?.trim() || null;
  const state = kind === 'payment' ? '2' : '4';
  const signed = kind === 'payment' ? amount : -amount;
  return income.transaction((): IncomeResult => {
    if (reference) {
      const earlier = income.byPaymentReference(reference);
      if (earlier) return earlier.invoiceNumber === inv.invoiceNumber && earlier.state === state && earlier.icMoney === signed ? 'ok' : 'referenceReused';
    }
    const current = income.invoice(inv.invoiceNumber)!;
    const shown = parseYen(req.Ac_Money);
    if (req.Ac_Money !== undefined && shown !== current.acMoney) return 'billChanged';
    if (kind === 'payment' && amount > current.acMoney - current.icMoney) return 'overpayment';
    if (kind === 'refund' && amount > current.icMoney) return 'overRefund';
    const t = jst(now);
    const date = req.Processing_Date && isCalendarDate(req.Processing_Date) ? req.Processing_Date : t.date;
    const time = req.Processing_Time && /^\d{2}:\d{2}$/.test(req.Processing_Time) ? req.Processing_Time : t.time.slice(0, 5);
    income.addHistory(inv.invoiceNumber, { state, acMoney: null, icMoney: signed, icCode: kind === 'payment' ? icCode : null, paymentReference: reference, date, time });
    const after = income.invoice(inv.invoiceNumber)!;
    // 会計済 on ORCA's reception list once the bill is settled (acceptlstv2 class 02).
    if (stateOf(after) === '1' && after.acceptanceDate && after.acceptanceId) orca.markAccounted(after.acceptanceDate, after.acceptanceId, time);
    return 'ok';
  });
}
