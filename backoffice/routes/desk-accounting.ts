// The accounting system's side of the desk's 負担割合 comparison: what ORCA (the reference back
// office's subset, backoffice/orca/) holds for a patient. The ratio is that of the insurance
// combination of the patient's reception that day (Insurance_Combination_Number), or of the first
// combination registered when there is no reception yet; ORCA writes it as a fraction
// (InsuranceCombination_Rate_Outpatient "0.30"), the desk shows percent. Unknown stays null: the
// desk flags a mismatch only between two known ratios.
import type { OrcaStore } from '../orca/orca-store';

/** "0.30" → 30, "1.00" → 100; null for anything else. */
export function percentOfRate(rate: string | undefined): number | null {
  if (rate === undefined || !/^\s*\d(\.\d{1,2})?\s*$/.test(rate)) return null;
  const percent = Math.round(Number(rate) * 100);
  return percent >= 0 && percent <= 100 ? percent : null;
}

/** The outpatient 負担割合 (percent) ORCA holds for each patient on a day (YYYY-MM-DD, Japan time). */
export function orcaRatios(orca: OrcaStore, patientIds: readonly string[], date: string): Map<string, number | null> {
  const receptions = orca.receptionsOn(date);
  const ratios = new Map<string, number | null>();
  for (const id of patientIds) {
    const patient = orca.patient(id);
    if (!patient) { ratios.set(id, null); continue; }
    const combination = receptions.find((r) => r.patientId === patient.patientId)?.insuranceCombination;
    const insurance = patient.insurances.find((i) => i.Insurance_Combination_Number === combination) ?? patient.insurances[0];
    ratios.set(id, percentOfRate(insurance?.InsuranceCombination_Rate_Outpatient));
  }
  return ratios;
}
