// Reading the cashier's answers (ORCA's /orca23/incomev3, and the statementv2 subset) as ORCA sends
// them: an `incomev3res` wrapper, every value a string, money right-aligned in 10 characters
// ("      6030", negative for 返金 / 入金取消 lines), groups padded with {} (dropped), and a 5-character
// Api_Result ("00000" 正常終了, "E1038" …) — not the "00"/K… of the reception APIs. Copay_Detail is
// the reference accounting system's addition (backoffice/orca/income/README.md); without it (a real
// ORCA) the breakdown falls back to ORCA's own fields. Pure: unit-tested on the published answers.
import { z } from 'zod';
import { KioskError } from '../../../common/errors';
import { apiResultOf, type OrcaBody } from '../reception/orca-answers';
import type { Bill, StatementItem } from './ports';

export type { OrcaBody } from '../reception/orca-answers';

/** ORCA's money: digits right-aligned in spaces, maybe negative. Anything else is not money. */
export function yenOf(s: string | undefined, field: string): number {
  const t = s?.trim() ?? '';
  if (!/^-?\d{1,10}$/.test(t)) throw new KioskError('accounting.rejected', `unexpected ${field} from the accounting system: ${JSON.stringify(s ?? null)}`, { field });
  return Number(t);
}
const yenOr = (s: string | undefined, field: string, fallback: number) => (s === undefined ? fallback : yenOf(s, field));

/** The answer's body (the `incomev3res` / `statementv2res` wrapper unwrapped, {} padding dropped). */
export const answerOf = (json: unknown): OrcaBody => apiResultOf(json);

/**
 * incomev3's Api_Result as the kiosk acts on it: 00000 is success; E1038 (another terminal, or this
 * Karte_Uid without its Orca_Uid) and E9999 (ORCA's own screens) are 'accounting.patient_locked';
 * E0113 (the bill changed since it was shown; this system's code) is 'accounting.bill_changed' with
 * the new total when the answer carries it; anything else is 'accounting.rejected'.
 */
export function ensureIncomeOk(b: OrcaBody): OrcaBody {
  const code = b.Api_Result.trim();
  if (code === '00000') return b;
  const details = { apiResult: code, apiResultMessage: b.Api_Result_Message };
  if (code === 'E1038' || code === 'E9999') throw new KioskError('accounting.patient_locked', `${code} ${b.Api_Result_Message}`, details);
  if (code === 'E0113') {
    const total = typeof b.Ac_Money === 'string' && /^\s*\d+$/.test(b.Ac_Money) ? Number(b.Ac_Money.trim()) : undefined;
    throw new KioskError('accounting.bill_changed', `${code} ${b.Api_Result_Message}`, { ...details, ...(total !== undefined ? { total } : {}) });
  }
  throw new KioskError('accounting.rejected', `${code} ${b.Api_Result_Message}`, details);
}

function shapeError(what: string, error: z.ZodError): KioskError {
  const issue = error.issues[0];
  return new KioskError('accounting.rejected', `unexpected ${what} from the accounting system: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`);
}

/** The lock token of a 01 answer: every change must name it, unlock releases it. */
export function readLock(b: OrcaBody): string {
  const uid = typeof b.Orca_Uid === 'string' ? b.Orca_Uid.trim() : '';
  if (!uid) throw new KioskError('accounting.rejected', 'the accounting system opened the patient without an Orca_Uid', { apiResult: b.Api_Result });
  return uid;
}

const ListRow = z.object({
  Perform_Date: z.string(), InOut: z.string(), Invoice_Number: z.string(), Ac_Money: z.string(), Ic_Money: z.string(),
  Unpaid_Money: z.string(), State: z.string().optional(),
}).loose();

/** 請求一覧 (01/01): the outpatient bills with something unpaid, oldest first (the patient pays them in order). */
export function readUnpaidBills(b: OrcaBody): { invoiceNumber: string; performedOn: string; due: number }[] {
  const rows = z.array(ListRow).safeParse(b.Income_Information ?? []);
  if (!rows.success) throw shapeError('bill list', rows.error);
  return rows.data
    .filter((r) => r.InOut.trim() === 'O' && r.State?.trim() !== '3')
    .map((r) => ({ invoiceNumber: r.Invoice_Number.trim(), performedOn: r.Perform_Date.trim(), due: yenOf(r.Unpaid_Money, 'Unpaid_Money') }))
    .filter((r) => r.due > 0)
    .sort((x, y) => x.performedOn.localeCompare(y.performedOn) || x.invoiceNumber.localeCompare(y.invoiceNumber));
}

const Money = z.string();
const Detail = z.object({
  Perform_Date: z.string(), InOut: z.enum(['I', 'O']), Invoice_Number: z.string().regex(/^\s*\d{1,10}\s*$/),
  Rate_Cd: z.string().optional(), Department_Code: z.string().optional(),
  Cd_Information: z.object({ Ac_Money: Money, Ic_Money: Money, Ai_Money: Money.optional(), Oe_Money: Money.optional() }).loose(),
  Ac_Point_Information: z.object({
    Ac_Ttl_Point: Money.optional(),
    Ac_Point_Detail: z.array(z.object({ Ac_Point_Code: z.string(), Ac_Point: Money }).loose()).optional(),
  }).loose().optional(),
  Oe_Etc_Information: z.object({ Oe_Etc_Detail: z.array(z.object({ Oe_Etc_Name: z.string() }).loose()).optional() }).loose().optional(),
}).loose();
const CopayDetail = z.object({
  Medical_Money: Money.optional(), Public_Money: Money.optional(), Patient_Insured_Money: Money.optional(), Cap: z.string().optional(),
  Reissue_Count: z.string().optional(),
  Oe_Etc_Detail: z.array(z.object({ Oe_Etc_Name: z.string(), Oe_Etc_Money: Money }).loose()).optional(),
}).loose();

/** 保険外 lines with their amounts: ours carry them; ORCA names them only, so a real ORCA's several
 *  lines are shown as one with the total (an amount is never guessed). */
function outOfInsuranceLines(names: string[], withMoney: { Oe_Etc_Name: string; Oe_Etc_Money: string }[] | undefined, total: number): Bill['outOfInsuranceLines'] {
  if (withMoney && withMoney.length > 0) return withMoney.map((o) => ({ name: o.Oe_Etc_Name, yen: yenOf(o.Oe_Etc_Money, 'Oe_Etc_Money') }));
  if (total === 0 || names.length === 0) return total === 0 ? [] : [{ name: '保険外', yen: total }];
  return [{ name: names.join('・'), yen: total }];
}

/** 請求確認 (01/02): one bill with its breakdown, as the screen and the 領収証 show it. */
export function readBill(b: OrcaBody, patientId: string): Bill {
  const d = Detail.safeParse(b.Income_Detail);
  if (!d.success) throw shapeError('bill', d.error);
  const c = CopayDetail.safeParse(b.Copay_Detail ?? {});
  if (!c.success) throw shapeError('bill breakdown', c.error);
  const bill = d.data;
  const copay = c.data;
  const total = yenOf(bill.Cd_Information.Ac_Money, 'Ac_Money');
  const alreadyPaid = Math.max(0, yenOf(bill.Cd_Information.Ic_Money, 'Ic_Money'));
  const points = yenOr(bill.Ac_Point_Information?.Ac_Ttl_Point, 'Ac_Ttl_Point', 0);
  const outOfInsurance = yenOr(bill.Cd_Information.Oe_Money, 'Oe_Money', 0);
  const publicAid = yenOr(copay.Public_Money, 'Public_Money', 0);
  const rate = bill.Rate_Cd?.trim();
  const categories = (bill.Ac_Point_Information?.Ac_Point_Detail ?? [])
    .map((p) => ({ code: p.Ac_Point_Code.trim(), points: yenOf(p.Ac_Point, 'Ac_Point') }))
    .filter((p) => p.points > 0 && /^[A-Z][0-9]{2}$/.test(p.code));
  return {
    patientId,
    invoiceNumber: bill.Invoice_Number.trim(), performedOn: bill.Perform_Date.trim(), inOut: bill.InOut,
    ...(bill.Department_Code?.trim() ? { department: bill.Department_Code.trim() } : {}),
    total, alreadyPaid, due: Math.max(0, total - alreadyPaid),
    ...(rate && /^\d{1,3}$/.test(rate) ? { ratioPercent: Number(rate) } : {}),
    insurance: {
      points,
      // ORCA's own answer has no 医療費: 1点 = ¥10 of the 点数表.
      medicalCost: yenOr(copay.Medical_Money, 'Medical_Money', points * 10),
      patientShare: yenOr(copay.Patient_Insured_Money ?? bill.Cd_Information.Ai_Money, 'Ai_Money', 0),
    },
    ...(publicAid > 0 ? { publicAid } : {}),
    outOfInsurance,
    outOfInsuranceLines: outOfInsuranceLines((bill.Oe_Etc_Information?.Oe_Etc_Detail ?? []).map((o) => o.Oe_Etc_Name), copay.Oe_Etc_Detail, outOfInsurance),
    limitApplied: copay.Cap !== undefined && copay.Cap !== 'none',
    categories,
    reissueCount: copay.Reissue_Count && /^\d+$/.test(copay.Reissue_Count.trim()) ? Number(copay.Reissue_Count.trim()) : 0,
  };
}

/** A 02 answer (入金, 返金, 再発行): what is still unpaid on the bill after it. */
export function readAfterChange(b: OrcaBody): { unpaid: number } {
  if (typeof b.Unpaid_Money !== 'string') throw new KioskError('accounting.rejected', 'the accounting system answered the change without Unpaid_Money', { apiResult: b.Api_Result });
  return { unpaid: yenOf(b.Unpaid_Money, 'Unpaid_Money') };
}

const StatementRow = z.object({
  Medical_Class: z.string(), Medication_Code: z.string(), Medication_Name: z.string(), Medication_Point: Money, Medication_Number: Money,
}).loose();

/** statementv2 (the subset of backoffice/orca/income/statement.ts): the bill's items, points per unit × count. */
export function readStatement(b: OrcaBody): StatementItem[] {
  const code = b.Api_Result.trim();
  if (code !== '00') throw new KioskError('accounting.rejected', `${code} ${b.Api_Result_Message}`, { apiResult: code, apiResultMessage: b.Api_Result_Message });
  const rows = z.array(StatementRow).safeParse(b.Medical_Information ?? []);
  if (!rows.success) throw shapeError('statement', rows.error);
  return rows.data.map((r) => ({
    part: r.Medical_Class.trim(), code: r.Medication_Code.trim(), name: r.Medication_Name,
    points: yenOf(r.Medication_Point, 'Medication_Point'), count: yenOf(r.Medication_Number, 'Medication_Number'),
  }));
}
