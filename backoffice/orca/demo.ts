// The demo clinic's accounting system: its 診療科 (ORCA's 診療科 codes), one doctor each, the operator
// `ormaster` (ORCA's own sample operator) and three patients who have been here before — demo
// residents whose 照会番号 (Patient_ID) the online-eligibility simulator returns, so a returning patient
// is found from the card alone. Everyone else is a first visit. Dev/test data only.
import { seedIncomeDemo } from './income/demo';
import type { OrcaStore } from './orca-store';

export const DEMO_ORCA_OPERATOR = { operatorId: 'ormaster', password: 'ormaster' } as const;

export const DEMO_DEPARTMENTS = [
  { code: '01', name: '内科', physician: { code: '10001', name: '日医　一郎' } },
  { code: '09', name: '小児科', physician: { code: '10002', name: '日医　花子' } },
  { code: '10', name: '外科', physician: { code: '10003', name: '日医　次郎' } },
  { code: '11', name: '整形外科', physician: { code: '10004', name: '日医　三郎' } },
  { code: '19', name: '皮膚科', physician: { code: '10005', name: '日医　春子' } },
  { code: '26', name: '眼科', physician: { code: '10006', name: '日医　秋子' } },
  { code: '27', name: '耳鼻いんこう科', physician: { code: '10007', name: '日医　四郎' } },
] as const;

// As in ORCA's own sample answers (hospital-samples): 協会けんぽ, class 009.
const KYOKAI = { InsuranceProvider_Class: '009', InsuranceProvider_WholeName: '協会' };

/** Demo residents (simulators/vcard/profiles.json) already registered here, with their Patient_ID. */
export const DEMO_ORCA_PATIENTS = [
  { residentId: 'yamada-taro', patientId: '00001', wholeName: '山田　太郎', wholeNameKana: 'ヤマダ　タロウ', birthDate: '1980-02-17', sex: '1' },
  { residentId: 'takahashi-ichiro', patientId: '00002', wholeName: '髙橋　一郎', wholeNameKana: 'タカハシ　イチロウ', birthDate: '1965-09-21', sex: '1' },
  { residentId: 'kobayashi-naoko', patientId: '00003', wholeName: '小林　直子', wholeNameKana: 'コバヤシ　ナオコ', birthDate: '1958-11-11', sex: '2' },
] as const;

/** Idempotent: a restarted demo keeps the patients and receptions it already has. */
export function seedOrcaDemo(store: OrcaStore): void {
  store.putOperator(DEMO_ORCA_OPERATOR.operatorId, DEMO_ORCA_OPERATOR.password);
  for (const d of DEMO_DEPARTMENTS) {
    store.putDepartment({ code: d.code, name: d.name });
    store.putPhysician({ code: d.physician.code, name: d.physician.name, departmentCode: d.code });
  }
  for (const p of DEMO_ORCA_PATIENTS) {
    if (store.patient(p.patientId)) continue;
    store.addPatient({
      patientId: p.patientId, wholeName: p.wholeName, wholeNameKana: p.wholeNameKana, birthDate: p.birthDate, sex: p.sex,
      insurances: [{
        Insurance_Combination_Number: '0001', Insurance_Nondisplay: 'N', ...KYOKAI, RelationToInsuredPerson: '1',
        HealthInsuredPerson_WholeName: p.wholeName, Certificate_StartDate: '2020-04-01', Certificate_ExpiredDate: '9999-12-31',
        InsuranceCombination_Rate_Admission: '0.30', InsuranceCombination_Rate_Outpatient: '0.30',
      }],
    });
  }
  // The cashier's side (incomev3): what the window registered about the demo patients, and a bill to pay.
  seedIncomeDemo(store, Date.now());
}
