// acceptmodv2 (受付: 01 register, 02 cancel, 00 照会, 03 attach a patient to a reception made by name
// only) and acceptlstv2 (受付一覧: class 01 waiting to pay,
// 02 paid, 03 all), with the checks in the order of ORCA's acceptmod page and its codes and messages.
import { hasHalfWidth, head, isCalendarDate, jst, padded, withWarnings, type AcceptReqT } from './orca-wire';
import { patientInformation } from './orca-patient';
import type { OrcaReceptionRow, OrcaStore } from './orca-store';

/** 診療内容区分 of ORCA's システム管理 (01 診察１ … 07 予防注射, 99 該当なし). */
const MEDICAL_INFORMATION = new Set(['01', '02', '03', '04', '05', '06', '07', '99']);
const INSURANCE_SLOTS = 30;
/** 漢字氏名 of a reception without a patient: at most 25 full-width characters (ORCA's field). */
const WHOLE_NAME_MAX = 25;

/** Patient_Information of a reception: the patient's, or only the name a reception without one was made under. */
function receptionPatient(store: OrcaStore, r: OrcaReceptionRow) {
  const patient = r.patientId ? store.patient(r.patientId) : undefined;
  return patient ? patientInformation(patient, { insurance: false }) : { Patient_ID: '', WholeName: r.wholeName ?? '' };
}

/** A reception as ORCA answers it (acceptmodv2 and each acceptlstv2 row share these fields). */
function receptionFields(store: OrcaStore, r: OrcaReceptionRow) {
  return {
    Acceptance_Date: r.date, Acceptance_Time: r.time, Acceptance_Id: r.acceptanceId,
    Department_Code: r.departmentCode, Department_WholeName: store.department(r.departmentCode)?.name ?? '',
    Physician_Code: r.physicianCode, Physician_WholeName: store.physician(r.physicianCode)?.name ?? '',
    Medical_Information: r.medicalInformation,
  };
}

export function acceptMod(store: OrcaStore, query: Record<string, string>, req: AcceptReqT | undefined, now: number) {
  const answer = (code: string, message: string, extra: object = {}) => ({ acceptres: { ...head(now, code, message, 'Acceptance_Info'), ...extra } });
  if (!req) return answer('97', '送信内容に誤りがあります');
  // Request_Number wins; older clients send ?class=01|02 instead (ORCA's ※3).
  const request = req.Request_Number ?? query.class;
  const today = jst(now);
  const warnings: { code: string; message: string }[] = [];
  const date = req.Acceptance_Date || (warnings.push({ code: 'K1', message: '受付日を自動設定しました' }), today.date);
  if (!isCalendarDate(date)) return answer('11', '受付日が暦日ではありません');

  if (request === '00' || request === '02') {
    if (!req.Patient_ID && request === '00') return answer('01', '患者番号が未設定です');
    const patient = req.Patient_ID ? store.patient(req.Patient_ID) : undefined;
    if (req.Patient_ID && !patient) return answer('10', '患者番号に該当する患者が存在しません');
    if (request === '00') {
      const found = store.receptionsOn(date).filter((r) => r.patientId === patient!.patientId
        && (!req.Acceptance_Id || r.acceptanceId === req.Acceptance_Id) && (!req.Department_Code || r.departmentCode === req.Department_Code));
      // 受付中 first, then 会計済 (ORCA's 照会 order); a matching time is preferred.
      const pick = [...found].sort((a, b) => Number(a.accountTime !== null) - Number(b.accountTime !== null)
        || Number(b.time === req.Acceptance_Time) - Number(a.time === req.Acceptance_Time))[0];
      if (!pick) return answer('60', '受付の登録がありません。');
      const body = { ...receptionFields(store, pick), Patient_Information: patientInformation(patient!, { insurance: false }) };
      if (pick.accountTime) return answer('61', '該当の受付は会計済みです。診察料の返却は行いません。', body);
      return answer('00', '処理終了', body);
    }
    if (!req.Acceptance_Id) return answer('19', '受付ID設定誤り');
    if (patient && store.lockedBy(patient.patientId)) return answer('90', '他端末使用中');
    const r = store.reception(date, req.Acceptance_Id);
    if (!r) return answer('17', '削除対象の受付レコードが存在しません');
    if (patient && r.patientId !== patient.patientId) return answer('20', '受付IDの受付患者番号と患者番号が一致しません');
    store.deleteReception(date, r.acceptanceId);
    const done = withWarnings('00', '受付削除終了', warnings);
    return answer(done.code, done.message, { ...done.extra, ...receptionFields(store, r), Patient_Information: receptionPatient(store, r) });
  }
  if (request === '03') return attach(store, req, date, warnings, answer);
  if (request !== '01') return answer('91', '処理区分未設定');

  // 01 受付登録. Without a Patient_ID, a new patient is received by name only (WholeName); 03 attaches them later.
  if (!req.Patient_ID && !req.WholeName) return answer('01', '患者番号が未設定です');
  if (!req.Patient_ID && ([...req.WholeName!].length > WHOLE_NAME_MAX || hasHalfWidth(req.WholeName!))) return answer('04', '患者氏名の設定に誤りがあります');
  if (!req.Department_Code) return answer('02', '診療科が未設定です');
  if (!req.Physician_Code) return answer('03', 'ドクターが未設定です');
  const patient = req.Patient_ID ? store.patient(req.Patient_ID) : undefined;
  if (req.Patient_ID && !patient) return answer('10', '患者番号に該当する患者が存在しません');
  if (patient && store.lockedBy(patient.patientId)) return answer('90', '他端末使用中');
  if (!store.department(req.Department_Code)) return answer('13', '診療科が存在しません');
  if (!store.physician(req.Physician_Code)) return answer('14', 'ドクターが存在しません');
  if (req.Medical_Information && !MEDICAL_INFORMATION.has(req.Medical_Information)) return answer('15', '診療内容情報が存在しません');
  const time = req.Acceptance_Time || (warnings.push({ code: 'K2', message: '受付時間を自動設定しました' }), today.time);
  if (!/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(time)) return answer('12', '受付時間設定誤り');
  const medical = req.Medical_Information || (warnings.push({ code: 'K3', message: '診療内容情報を自動設定しました' }), '01');
  if (!patient) {
    const { row } = store.addReception({
      date, time, patientId: '', wholeName: req.WholeName!, departmentCode: req.Department_Code, physicianCode: req.Physician_Code,
      medicalInformation: medical, insuranceCombination: '',
    });
    const done = withWarnings('00', '受付登録終了', warnings);
    return answer(done.code, done.message, { ...done.extra, ...receptionFields(store, row), Patient_Information: receptionPatient(store, row) });
  }
  const combination = req.HealthInsurance_Information?.Insurance_Combination_Number || patient.insurances[0]?.Insurance_Combination_Number || '';
  if (req.HealthInsurance_Information?.Insurance_Combination_Number && !patient.insurances.some((i) => i.Insurance_Combination_Number === combination)) {
    return answer('23', '保険情報と一致する保険組合せがありません');
  }
  const { added, row } = store.addReception({
    date, time, patientId: patient.patientId, departmentCode: req.Department_Code, physicianCode: req.Physician_Code,
    medicalInformation: medical, insuranceCombination: combination,
  });
  if (!added) return answer('16', '診療科・保険組合せで受付登録済みです。二重登録疑い', { Patient_Information: patientInformation(patient, { insurance: false }) });
  // The reception's insurance combination comes first (ORCA's ※7), the rest after it.
  const ordered = [...patient.insurances].sort((a, b) => Number(b.Insurance_Combination_Number === combination) - Number(a.Insurance_Combination_Number === combination));
  const done = withWarnings('00', '受付登録終了', warnings);
  return answer(done.code, done.message, {
    ...done.extra, ...receptionFields(store, row),
    Patient_Information: { ...patientInformation(patient, { insurance: false }), HealthInsurance_Information: padded(ordered, INSURANCE_SLOTS) },
  });
}

/** 03 受付更新: the patient (registered since, e.g. by patientmodv2) is attached to a reception made by
 *  name only. A reception that already has a patient is refused: 03 never moves a reception between patients. */
function attach<T>(store: OrcaStore, req: AcceptReqT, date: string, warnings: { code: string; message: string }[], answer: (code: string, message: string, extra?: object) => T): T {
  if (!req.Patient_ID) return answer('01', '患者番号が未設定です');
  if (!req.Acceptance_Id) return answer('19', '受付ID設定誤り');
  const patient = store.patient(req.Patient_ID);
  if (!patient) return answer('10', '患者番号に該当する患者が存在しません');
  if (store.lockedBy(patient.patientId)) return answer('90', '他端末使用中');
  const r = store.reception(date, req.Acceptance_Id);
  if (!r) return answer('18', '更新対象の受付レコードが存在しません');
  if (r.patientId) return answer('20', '受付IDの受付患者番号と患者番号が一致しません');
  // The same patient already received today for this 診療科 and doctor: two receptions would be a double registration.
  if (store.receptionsOn(date).some((o) => o.patientId === patient.patientId && o.departmentCode === r.departmentCode && o.physicianCode === r.physicianCode)) {
    return answer('16', '診療科・保険組合せで受付登録済みです。二重登録疑い', { Patient_Information: patientInformation(patient, { insurance: false }) });
  }
  const combination = req.HealthInsurance_Information?.Insurance_Combination_Number || patient.insurances[0]?.Insurance_Combination_Number || '';
  if (req.HealthInsurance_Information?.Insurance_Combination_Number && !patient.insurances.some((i) => i.Insurance_Combination_Number === combination)) {
    return answer('23', '保険情報と一致する保険組合せがありません');
  }
  store.attachPatient(date, r.acceptanceId, patient.patientId, combination);
  const done = withWarnings('00', '受付更新終了', warnings);
  return answer(done.code, done.message, {
    ...done.extra, ...receptionFields(store, store.reception(date, r.acceptanceId)!),
    Patient_Information: patientInformation(patient, { insurance: false }),
  });
}

export function acceptList(store: OrcaStore, query: Record<string, string>, req: { Acceptance_Date?: string; Department_Code?: string; Physician_Code?: string; Medical_Information?: string } | undefined, now: number) {
  const answer = (code: string, message: string, extra: object = {}) => ({ acceptlstres: { ...head(now, code, message, 'Patient Info'), ...extra } });
  const cls = query.class;
  if (cls !== '01' && cls !== '02' && cls !== '03') return answer('91', '処理区分未設定');
  const date = req?.Acceptance_Date || jst(now).date;
  if (!isCalendarDate(date)) return answer('11', '受付日が暦日ではありません');
  if (req?.Department_Code && !store.department(req.Department_Code)) return answer('12', '診療科が存在しません');
  if (req?.Physician_Code && !store.physician(req.Physician_Code)) return answer('13', 'ドクターが存在しません');
  if (req?.Medical_Information && !MEDICAL_INFORMATION.has(req.Medical_Information)) return answer('14', '診療内容情報がありません');
  const rows = store.receptionsOn(date).filter((r) => (cls === '03' || (cls === '01') === (r.accountTime === null))
    && (!req?.Department_Code || r.departmentCode === req.Department_Code) && (!req?.Physician_Code || r.physicianCode === req.Physician_Code)
    && (!req?.Medical_Information || r.medicalInformation === req.Medical_Information));
  if (rows.length === 0) return answer('21', '対象の受付はありませんでした', { Acceptance_Date: date });
  return answer('00', '処理終了', {
    Acceptance_Date: date,
    // ORCA answers at most 1,000 rows per call.
    Acceptlst_Information: rows.slice(0, 1000).map((r) => {
      const patient = r.patientId ? store.patient(r.patientId) : undefined;
      const insurance = patient?.insurances.find((i) => i.Insurance_Combination_Number === r.insuranceCombination);
      const { Acceptance_Date: _date, ...fields } = receptionFields(store, r);
      return {
        ...fields, Claim_Infometion: '0',
        ...(cls !== '01' && r.accountTime ? { Account_Time: r.accountTime } : {}),
        Patient_Information: receptionPatient(store, r),
        ...(insurance ? { HealthInsurance_Information: insurance } : {}),
        Display_Order: { Display_Order_Number: '9999' },
      };
    }),
  });
}
