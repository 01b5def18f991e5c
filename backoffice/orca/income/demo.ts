// Demo seed of the cashier's side, called from the accounting system's demo seed (../demo.ts).
import { computeCopay } from '../../copay';
import type { OrcaStore } from '../orca-store';
import { jst } from '../orca-wire';
import { copayPatient } from './billing';
import { DEMO_BILLING_PROFILES, DEMO_CHARGES } from './demo-charges';
import { incomeStoreOf } from './income-store';

/** The demo's window registrations, and one bill left unpaid from earlier today for 髙橋 一郎 (00002),
 *  so a payment can be tried before any reception. Idempotent. */
export function seedIncomeDemo(orca: OrcaStore, now: number): void {
  const income = incomeStoreOf(orca);
  for (const [patientId, profile] of Object.entries(DEMO_BILLING_PROFILES)) income.putProfile(patientId, profile);
  const patient = orca.patient('00002');
  if (patient && income.invoicesOf(patient.patientId).length === 0) {
    const t = jst(now);
    const copay = computeCopay(copayPatient(income, patient), { careDate: t.date, setting: 'outpatient', items: DEMO_CHARGES['01']!.items });
    income.addInvoice({
      patientId: patient.patientId, inOut: 'O', performDate: t.date, issuedDate: t.date, departmentCode: '01', insuranceCombination: '0001',
      ratePercent: copay.rateTenths * 10, acceptanceDate: null, acceptanceId: null, acMoney: copay.amountDueYen,
      bill: { charges: { items: DEMO_CHARGES['01']!.items }, copay },
    }, { date: t.date, time: t.time.slice(0, 5) });
  }
}
