// Bills as ORCA makes them once the doctor's orders are in: each of the patient's receptions of the day
// is billed once (its 伝票), with the share computed by the copay engine from the patient's birth date,
// what the window registered (適用区分, 公費) and the month's earlier bills at this clinic. The demo has no
// doctor: a reception is billed with its department's demo charges (demo-charges.ts) the first time the
// cashier looks the patient up.
import { computeCopay, type CopayBill, type CopayPatient, type CopayResult } from '../../copay';
import type { OrcaPatientRow, OrcaStore } from '../orca-store';
import { jst } from '../orca-wire';
import { DEMO_CHARGES, PLAIN_REVISIT, type DemoVisitCharges } from './demo-charges';
import type { IncomeStore, InvoiceRow, StoredBill } from './income-store';

/** Earlier bills of the same month and setting (高額療養費 counts the month at one institution). */
function monthToDate(income: IncomeStore, patientId: string, performDate: string, inOut: 'I' | 'O', except?: string): NonNullable<CopayBill['monthToDate']> {
  const month = performDate.slice(0, 7);
  const earlier = income.invoicesOf(patientId).filter((i) => !i.cancelled && i.inOut === inOut && i.performDate.slice(0, 7) === month && i.invoiceNumber !== except);
  return earlier.reduce((sum, i) => ({
    medicalYen: sum.medicalYen + i.bill.copay.medicalYen,
    insuredShareYen: sum.insuredShareYen + i.bill.copay.insuredShareYen,
    aidPatientYen: (sum.aidPatientYen ?? 0) + i.bill.copay.patientInsuredYen,
  }), { medicalYen: 0, insuredShareYen: 0, aidPatientYen: 0 });
}

/** The patient as the copay engine needs them: the birth date, the 負担割合 of the insurance
 *  combination (InsuranceCombination_Rate_Outpatient, e.g. '0.10') and what the window registered. */
export function copayPatient(income: IncomeStore, patient: OrcaPatientRow): CopayPatient {
  const rate = Number(patient.insurances[0]?.InsuranceCombination_Rate_Outpatient);
  const ratio = Number.isFinite(rate) && rate > 0 ? Math.round(rate * 10) : undefined;
  return { ...(ratio !== undefined ? { insurerRatio: ratio } : {}), ...income.profile(patient.patientId), birthDate: patient.birthDate };
}

function computeFor(income: IncomeStore, patient: OrcaPatientRow, performDate: string, charges: DemoVisitCharges, except?: string): StoredBill {
  const bill: CopayBill = {
    careDate: performDate, setting: 'outpatient', items: charges.items,
    ...(charges.outOfInsurance ? { outOfInsurance: charges.outOfInsurance } : {}),
    monthToDate: monthToDate(income, patient.patientId, performDate, 'O', except),
  };
  const copay: CopayResult = computeCopay(copayPatient(income, patient), bill);
  return { charges: { items: charges.items, ...(charges.outOfInsurance ? { outOfInsurance: charges.outOfInsurance } : {}) }, copay };
}

/** Bills the patient's receptions of today that have no bill yet. Throws the copay engine's typed
 *  error when the share cannot be computed (a 75+ patient without a registered 負担割合). */
export function billTodaysReceptions(orca: OrcaStore, income: IncomeStore, patient: OrcaPatientRow, now: number): InvoiceRow[] {
  const t = jst(now);
  const made: InvoiceRow[] = [];
  for (const r of orca.receptionsOn(t.date)) {
    if (r.patientId !== patient.patientId || income.billedReception(r.date, r.acceptanceId)) continue;
    const charges = DEMO_CHARGES[r.departmentCode] ?? PLAIN_REVISIT;
    income.transaction(() => {
      if (income.billedReception(r.date, r.acceptanceId)) return;
      const bill = computeFor(income, patient, r.date, charges);
      made.push(income.addInvoice({
        patientId: patient.patientId, inOut: 'O', performDate: r.date, issuedDate: t.date, departmentCode: r.departmentCode,
        insuranceCombination: r.insuranceCombination || '0001', ratePercent: bill.copay.rateTenths * 10,
        acceptanceDate: r.date, acceptanceId: r.acceptanceId, acMoney: bill.copay.amountDueYen, bill,
      }, { date: t.date, time: t.time.slice(0, 5) }));
    });
  }
  return made;
}

/** A bill the desk changed (an order added or removed): recomputed from the new charges. */
export function reviseInvoice(orca: OrcaStore, income: IncomeStore, invoiceNumber: string, charges: DemoVisitCharges, now: number): InvoiceRow {
  const inv = income.invoice(invoiceNumber);
  const patient = inv ? orca.patient(inv.patientId) : undefined;
  if (!inv || !patient) throw new Error(`no bill ${invoiceNumber}`);
  const bill = computeFor(income, patient, inv.performDate, charges, invoiceNumber);
  const t = jst(now);
  income.reviseInvoice(invoiceNumber, bill.copay.amountDueYen, bill, { date: t.date, time: t.time.slice(0, 5) });
  return income.invoice(invoiceNumber)!;
}
