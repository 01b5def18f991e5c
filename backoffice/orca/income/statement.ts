// /api01rv2/statementv2 (診療費明細書), the subset a payment kiosk prints its 明細書 from: a JSON
// request naming the patient and the bill (伝票番号), answered with the bill's items as the cashier
// stored them when it billed the visit (income-store.ts: each item's 部, code, name, points, count,
// and the 保険外 lines). ORCA's statementv2 also answers the ORCHC04 form and PDF; the field names of
// its JSON answer are not in the samples this system was checked against, so the names below are
// ours, in ORCA's conventions (README): a `statementv2res` wrapper, every value a string, points and
// money right-aligned as incomev3 writes them, Api_Result 00 on success. No `{}` padding: nothing
// says ORCA pads these groups. Reading does not lock the patient (no Orca_Uid, as ORCA's other
// api01rv2 references).
import { z } from 'zod';
import { POINT_PARTS, isPointPart } from '../../copay';
import { head } from '../orca-wire';
import { normalizePatientId, type OrcaStore } from '../orca-store';
import { incomeStoreOf } from './income-store';
import { money, num2 } from './wire';

const Str = z.string().max(200);
export const StatementReq = z.object({
  Patient_ID: Str.optional(), Invoice_Number: Str.optional(), InOut: Str.optional(), Karte_Uid: Str.optional(),
}).loose();
export const StatementBody = z.object({ statementv2req: StatementReq.optional() }).loose();
export const StatementAnswer = z.object({
  statementv2res: z.object({ Information_Date: z.string(), Information_Time: z.string(), Api_Result: z.string(), Api_Result_Message: z.string() }).loose(),
});
export type StatementReqT = z.infer<typeof StatementReq>;

/** Answer codes: 00 is ORCA's; 10 is patientgetv2's for an unknown patient; the others are this system's choice (README). */
export const STATEMENT_RESULTS = {
  ok: ['00', '処理終了'],
  noPatient: ['10', '患者番号に該当する患者が存在しません'],
  noInvoice: ['20', '伝票番号に該当する請求が存在しません'],
  noRequest: ['91', '処理区分未設定'],
} as const satisfies Record<string, readonly [string, string]>;

export function statementV2(orca: OrcaStore, req: StatementReqT | undefined, now: number) {
  const answer = (result: keyof typeof STATEMENT_RESULTS, extra: Record<string, unknown> = {}) =>
    ({ statementv2res: { ...head(now, STATEMENT_RESULTS[result][0], STATEMENT_RESULTS[result][1], 'Statement'), ...(req?.Karte_Uid !== undefined ? { Karte_Uid: req.Karte_Uid } : {}), ...extra } });
  if (!req || !req.Invoice_Number?.trim()) return answer('noRequest');
  const patientId = req.Patient_ID?.trim() ? normalizePatientId(req.Patient_ID) : '';
  if (!patientId || !orca.patient(patientId)) return answer('noPatient');
  const t = req.Invoice_Number.trim();
  const invoiceNumber = /^\d{1,7}$/.test(t) ? t.padStart(7, '0') : t;
  const inv = incomeStoreOf(orca).invoice(invoiceNumber);
  // Another patient's bill is answered as no bill at all: the number alone reveals nothing.
  if (!inv || inv.patientId !== patientId || inv.cancelled || (req.InOut?.trim() && req.InOut.trim() !== inv.inOut)) return answer('noInvoice');
  const { items, outOfInsurance = [] } = inv.bill.charges;
  return answer('ok', {
    Patient_ID: inv.patientId, InOut: inv.inOut, Invoice_Number: inv.invoiceNumber, Perform_Date: inv.performDate,
    Department_Code: inv.departmentCode, Insurance_Combination_Number: inv.insuranceCombination,
    Total_Point: money(inv.bill.copay.totalPoints),
    Medical_Information: items.map((item, i) => {
      const count = item.count ?? 1;
      return {
        Medical_Number: String(i + 1).padStart(3, ' '),
        Medical_Class: item.part, Medical_Class_Name: isPointPart(item.part) ? POINT_PARTS[item.part].orcaName : '',
        Medication_Code: item.code, Medication_Name: item.name,
        Medication_Point: money(item.points), Medication_Number: money(count), Medication_Total_Point: money(item.points * count),
      };
    }),
    Oe_Etc_Information: outOfInsurance.map((o, i) => ({ Oe_Etc_Number: num2(i + 1), Oe_Etc_Name: o.name, Oe_Etc_Money: money(o.yen) })),
  });
}
