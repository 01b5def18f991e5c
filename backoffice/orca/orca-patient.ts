// patientgetv2 (患者情報取得) and patientmodv2 class=01 (患者登録), answered as ORCA answers them:
// codes and messages of ORCA's API pages, HTTP 200 for every Api_Result, insurance groups padded with {}.
import { head, hasHalfWidth, isCalendarDate, isFullWidthKana, jst, padded, withWarnings, type PatientModReqT } from './orca-wire';
import type { OrcaPatientRow, OrcaStore } from './orca-store';

/** ORCA answers up to 30 insurance combinations, the unused ones as {}. */
const INSURANCE_SLOTS = 30;

export function patientInformation(p: OrcaPatientRow, opts: { insurance: boolean }) {
  return {
    Patient_ID: p.patientId, WholeName: p.wholeName, WholeName_inKana: p.wholeNameKana, BirthDate: p.birthDate, Sex: p.sex,
    ...(opts.insurance ? { HealthInsurance_Information: padded(p.insurances, INSURANCE_SLOTS) } : {}),
  };
}

/** GET (or POST) /api01rv2/patientgetv2?id=<Patient_ID>. */
export function patientGet(store: OrcaStore, query: Record<string, string>, now: number) {
  const answer = (code: string, message: string, extra: object = {}) => ({ patientinfores: { ...head(now, code, message, 'Patient Info'), ...extra } });
  const id = query.id?.trim();
  if (!id) return answer('01', '患者番号の設定がありません');
  const p = store.patient(id);
  if (!p) return answer('10', '患者番号に該当する患者が存在しません');
  return answer('00', '処理終了', { Patient_Information: patientInformation(p, { insurance: true }) });
}

const PAYMENT_DEFAULTS = {
  Payment_Information: { Reduction_Reason: '00', Reduction_Reason_Name: '該当なし', Discount: '00', Discount_Name: '該当なし', Ic_Code: '01', Ic_Code_Name: '現金' },
  Condition_Information: { Condition1: '00', Condition1_Name: '該当なし', Condition2: '00', Condition2_Name: '該当なし', Condition3: '00', Condition3_Name: '該当なし' },
};

/** The first failed check of ORCA's order, or null (codes of ORCA's patientmod page). */
function refusal(r: PatientModReqT, today: string): [string, string] | null {
  if (!r.Patient_ID) return ['01', '患者番号未設定'];
  if (!r.WholeName) return ['02', '患者氏名未設定'];
  if (!r.WholeName_inKana) return ['03', '患者カナ氏名未設定'];
  if (!r.BirthDate) return ['04', '生年月日未設定'];
  if (!r.Sex) return ['05', '性別未設定'];
  if (r.Patient_ID !== '*' && !/^\d{1,20}$/.test(r.Patient_ID.trim())) return ['12', '患者番号構成誤り'];
  if (hasHalfWidth(r.WholeName)) return ['14', '漢字氏名は全角で入力して下さい'];
  if (!isFullWidthKana(r.WholeName_inKana)) return ['15', 'カナ氏名は全角で入力して下さい'];
  if (r.Sex !== '1' && r.Sex !== '2') return ['16', '性別は１：男２：女で入力して下さい'];
  if (!isCalendarDate(r.BirthDate)) return ['17', '生年月日暦日エラー'];
  if (r.BirthDate > today) return ['P1', '生年月日に未来日が入力されました'];
  return null;
}

/** POST /orca12/patientmodv2?class=01 {"patientmodreq": {...}}: registers a patient; Patient_ID '*' numbers it. */
export function patientMod(store: OrcaStore, query: Record<string, string>, req: PatientModReqT | undefined, now: number) {
  const answer = (code: string, message: string, extra: object = {}) => ({ patientmodres: { ...head(now, code, message, 'Acceptance_Info'), ...extra } });
  // Update, delete and add-insurance (class 02–04) are not part of the reception subset.
  if (query.class !== '01') return answer('91', '処理区分未設定');
  if (!req) return answer('97', '送信内容に誤りがあります');
  const echo = { Patient_Information: { Patient_ID: req.Patient_ID ?? '', WholeName: req.WholeName ?? '', WholeName_inKana: req.WholeName_inKana ?? '', BirthDate: req.BirthDate ?? '', Sex: req.Sex ?? '' } };
  const refused = refusal(req, jst(now).date);
  if (refused) return answer(refused[0], refused[1], echo);
  const person = { wholeName: req.WholeName!, wholeNameKana: req.WholeName_inKana!, birthDate: req.BirthDate!, sex: req.Sex as '1' | '2' };
  // ORCA registers the patient anyway and warns: the window decides whether it is the same person.
  const warnings = store.samePerson(person).length > 0 ? [{ code: 'K0', message: '警告！同一患者の登録があります' }] : [];
  const insurance = req.HealthInsurance_Information;
  const rate = outpatientRate(req.BirthDate!, jst(now).date, typeof insurance?.Rate_Class === 'string' ? insurance.Rate_Class : undefined);
  const insurances = insurance ? [{
    ...stringsOf(insurance), Insurance_Combination_Number: '0001', Insurance_Nondisplay: 'N', Certificate_ExpiredDate: insurance.Certificate_ExpiredDate ?? '9999-12-31',
    InsuranceCombination_Rate_Admission: rate, InsuranceCombination_Rate_Outpatient: rate,
  }] : [];
  const id = store.addPatient({ patientId: req.Patient_ID!, ...person, insurances });
  if (id === null) return answer('13', '患者番号登録済み', echo);
  const done = withWarnings('00', '登録終了', warnings);
  return answer(done.code, done.message, { ...done.extra, Patient_Information: { ...patientInformation(store.patient(id)!, { insurance: insurances.length > 0 }), ...PAYMENT_DEFAULTS } });
}

/**
 * The 負担割合 ORCA sets from the age (its 補助区分 is automatic): 2割 before school age and from 70 to
 * 74, 1割 from 75 (後期高齢者), else 3割; an elderly patient's Rate_Class 30 (現役並み) or 20 overrides it.
 * Simplified: ORCA decides school age by the April after the 6th birthday; this uses the birthday.
 */
export function outpatientRate(birthDate: string, today: string, rateClass?: string): string {
  const age = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (today.slice(5) < birthDate.slice(5) ? 1 : 0);
  if (age >= 70 && (rateClass === '30' || rateClass === '20')) return `0.${rateClass}`;
  if (age < 6 || (age >= 70 && age < 75)) return '0.20';
  return age >= 75 ? '0.10' : '0.30';
}

/** Only the string fields of a loose request group (ORCA's values are all strings). */
function stringsOf(o: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
