// Reading ORCA's JSON answers as ORCA sends them: a wrapper object named after the API (acceptres,
// patientinfores, acceptlstres, patientmodres — some published answers come without it), every value
// a string, repeated groups padded with empty {} (dropped here), and Api_Result "00" or a warning code
// K… for success. Pure: unit-tested on the published answers (tests/fixtures/orca/).
import { z } from 'zod';
import { KioskError } from '../../../common/errors';
import type { OrcaPatient, OrcaReceptionRow } from './ports';

const Head = z.object({ Api_Result: z.string(), Api_Result_Message: z.string().default('') }).loose();
export type OrcaBody = z.infer<typeof Head>;

/** Arrays without ORCA's padding: {} entries are not data. */
export function trimmed(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.filter((v) => !(v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0)).map(trimmed);
  }
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimmed(v)]));
  return value;
}

/** The answer's body: the wrapper's content, or the object itself when it carries Api_Result. */
export function apiResultOf(json: unknown): OrcaBody {
  const candidates = json && typeof json === 'object' && !('Api_Result' in json) ? Object.values(json) : [json];
  for (const c of candidates) {
    const parsed = Head.safeParse(c);
    if (parsed.success) return trimmed(parsed.data) as OrcaBody;
  }
  throw new KioskError('accounting.unavailable', 'the answer carries no Api_Result');
}

/** Success: 00, or a warning (K1 受付日を自動設定しました …) that still did the work. */
export const isOk = (b: OrcaBody) => b.Api_Result === '00' || /^K[0-9A-Z]$/.test(b.Api_Result);

const Insurance = z.object({
  InsuranceProvider_Class: z.string().optional(), InsuranceCombination_Rate_Outpatient: z.string().optional(), Insurance_Nondisplay: z.string().optional(),
  InsuranceProvider_Number: z.string().optional(), HealthInsuredPerson_Symbol: z.string().optional(), HealthInsuredPerson_Number: z.string().optional(),
  HealthInsuredPerson_Branch_Number: z.string().optional(),
}).loose();
const Patient = z.object({
  Patient_ID: z.string().min(1), WholeName: z.string(), WholeName_inKana: z.string().optional(), BirthDate: z.string(), Sex: z.string().optional(),
  HealthInsurance_Information: z.array(Insurance).optional(),
}).loose();

function shapeError(what: string, error: z.ZodError): KioskError {
  return new KioskError('accounting.rejected', `unexpected ${what} from the accounting system: ${error.issues[0]?.path.join('.') ?? ''} ${error.issues[0]?.message ?? ''}`);
}

/** The first outpatient insurance combination that is not 自費 (980): the one the desk bills with. */
const billedInsurance = (insurances: z.infer<typeof Insurance>[]) =>
  insurances.find((i) => i.InsuranceProvider_Class !== '980' && i.Insurance_Nondisplay !== 'O' && i.InsuranceCombination_Rate_Outpatient);

/** 負担割合 in percent of that combination. */
function ratioPercentOf(insurances: z.infer<typeof Insurance>[]): number | undefined {
  const first = billedInsurance(insurances);
  const rate = first ? Number(first.InsuranceCombination_Rate_Outpatient) : NaN;
  return Number.isFinite(rate) ? Math.round(rate * 100) : undefined;
}

/** ORCA keeps 記号・番号 full-width: back to the half-width the eligibility service takes (NFKC), padding trimmed. */
const halfWidth = (s: string | undefined) => (s ?? '').normalize('NFKC').trim();

/** 保険者番号, 記号, 番号, 枝番 of that combination; absent without 保険者番号 and 番号 (公費 only, 自費). */
function insuranceNumbersOf(insurances: z.infer<typeof Insurance>[]): OrcaPatient['insurance'] {
  const first = billedInsurance(insurances) ?? insurances.find((i) => i.InsuranceProvider_Number);
  const insurerNumber = halfWidth(first?.InsuranceProvider_Number);
  const number = halfWidth(first?.HealthInsuredPerson_Number);
  if (!insurerNumber || !number) return undefined;
  const branch = halfWidth(first?.HealthInsuredPerson_Branch_Number);
  return { insurerNumber, symbol: halfWidth(first?.HealthInsuredPerson_Symbol), number, ...(branch ? { branch } : {}) };
}

/** patientgetv2 (and patientmodv2's answer): the patient. */
export function readPatient(b: OrcaBody): OrcaPatient {
  const p = Patient.safeParse(b.Patient_Information);
  if (!p.success) throw shapeError('patient', p.error);
  const ratioPercent = ratioPercentOf(p.data.HealthInsurance_Information ?? []);
  const insurance = insuranceNumbersOf(p.data.HealthInsurance_Information ?? []);
  return {
    patientId: p.data.Patient_ID, name: p.data.WholeName, birthdate: p.data.BirthDate,
    ...(p.data.WholeName_inKana ? { kanaName: p.data.WholeName_inKana } : {}),
    ...(p.data.Sex ? { sex: p.data.Sex } : {}),
    ...(ratioPercent !== undefined ? { ratioPercent } : {}),
    ...(insurance ? { insurance } : {}),
  };
}

const Acceptance = z.object({ Acceptance_Id: z.string().min(1), Acceptance_Time: z.string().min(1) }).loose();

/** acceptmodv2 01: the reception number (受付ID) and its time. */
export function readAcceptance(b: OrcaBody): { acceptanceId: string; acceptanceTime: string } {
  const a = Acceptance.safeParse(b);
  if (!a.success) throw shapeError('reception', a.error);
  return { acceptanceId: a.data.Acceptance_Id, acceptanceTime: a.data.Acceptance_Time };
}

const Row = z.object({
  Acceptance_Id: z.string(), Acceptance_Time: z.string(), Department_Code: z.string(),
  Patient_Information: z.object({ Patient_ID: z.string(), WholeName: z.string().optional() }).loose(),
}).loose();

/** acceptlstv2: the day's receptions. */
export function readReceptionRows(b: OrcaBody): OrcaReceptionRow[] {
  const rows = z.array(Row).safeParse(b.Acceptlst_Information ?? []);
  if (!rows.success) throw shapeError('reception list', rows.error);
  return rows.data.map((r) => ({
    acceptanceId: r.Acceptance_Id, acceptanceTime: r.Acceptance_Time, patientId: r.Patient_Information.Patient_ID, department: r.Department_Code,
    // A reception made by name only: its name is how the kiosk finds its own again (no patient to match).
    ...(r.Patient_Information.Patient_ID === '' && r.Patient_Information.WholeName ? { wholeName: r.Patient_Information.WholeName } : {}),
  }));
}
