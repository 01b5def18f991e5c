// Hospital reception for the demo kiosk, `npm start` and the tests: the online-eligibility
// simulator (資格確認端末 + the national service, simulators/onshi) on loopback with its REQ/RES
// folder, the kiosk's real eligibility client pointed at it, and the accounting system of the
// reference back office (its ORCA subset, with the demo clinic's operator and departments). The
// kiosk's reception module is the production one; only these endpoints are the demo's.
import { join } from 'node:path';
import { DEMO_DEPARTMENTS, DEMO_ORCA_OPERATOR } from '../../backoffice/orca/demo';
import type { DepartmentView } from '../../common/api/contract';
import { DEFAULT_MEDICAL_INSTITUTION_CODE, startOnshiSimulator, type OnshiSimulator } from '../../simulators/onshi';
import type { ReceptionParts } from '../services/reception/assemble';
import type { ReceptionSettings } from '../services/reception/config';
import { createEligibilityClient } from '../services/reception/eligibility-client';

/** The demo clinic's departments in the kiosk's four languages (ORCA's 診療科 codes). */
const NAMES: Record<string, Omit<DepartmentView['name'], 'ja'>> = {
  '01': { en: 'Internal medicine', zh: '内科', ko: '내과' },
  '09': { en: 'Pediatrics', zh: '儿科', ko: '소아청소년과' },
  '10': { en: 'Surgery', zh: '外科', ko: '외과' },
  '11': { en: 'Orthopedics', zh: '骨科', ko: '정형외과' },
  '19': { en: 'Dermatology', zh: '皮肤科', ko: '피부과' },
  '26': { en: 'Ophthalmology', zh: '眼科', ko: '안과' },
  '27': { en: 'Ear, nose and throat', zh: '耳鼻喉科', ko: '이비인후과' },
};

export const DEMO_RECEPTION_DEPARTMENTS: DepartmentView[] = DEMO_DEPARTMENTS.map((d) => ({
  code: d.code, name: { ja: d.name, ...(NAMES[d.code] ?? { en: d.name, zh: d.name, ko: d.name }) },
}));

export interface DevReception {
  settings: ReceptionSettings;
  parts: ReceptionParts;
  onshi: OnshiSimulator;
  close(): Promise<void>;
}

/** `accountingUrl`: the back office that carries the ORCA subset (the demo's embedded one). */
export async function startDevReception(o: { dataDir: string; accountingUrl: string; pendingBoundMs?: number }): Promise<DevReception> {
  const folder = join(o.dataDir, 'onshi');
  const onshi = await startOnshiSimulator({ dir: folder });
  const medicalInstitutionCode = DEFAULT_MEDICAL_INSTITUTION_CODE;
  const settings: ReceptionSettings = {
    medicalInstitutionCode, hospitalName: 'まどぐち記念病院（デモ）',
    eligibility: { url: onshi.url, timeoutMs: 5_000 },
    accounting: { url: o.accountingUrl, user: DEMO_ORCA_OPERATOR.operatorId, password: DEMO_ORCA_OPERATOR.password, timeoutMs: 5_000, allowPlainHttp: false },
    departments: DEMO_RECEPTION_DEPARTMENTS, pendingBoundMs: o.pendingBoundMs ?? 10_000,
  };
  const eligibility = createEligibilityClient({ url: onshi.url, medicalInstitutionCode, folder });
  return { settings, parts: { eligibility }, onshi, close: () => onshi.close() };
}
