// Demo data of the cashier: what a consultation in each demo 診療科 is billed (the doctor's orders ORCA
// would hold after the visit), and what this accounting system knows of the demo patients that bears on
// their share (適用区分, 公費). Point values follow the 令和6年度 診療報酬点数表 for a typical visit; they
// are demo figures, not anyone's clinical record. Dev/test data only.
import type { BillingItem, CopayPatient } from '../../copay';

export interface DemoVisitCharges { items: BillingItem[]; outOfInsurance?: { name: string; yen: number }[] }

/** By ORCA 診療科 code (backoffice/orca/demo.ts); a department not listed is billed a plain 再診. */
export const DEMO_CHARGES: Record<string, DemoVisitCharges> = {
  '01': { items: [ // 内科: 再診 of a chronic condition with a blood test
    { part: 'A00', code: '112007410', name: '再診料', points: 75 }, { part: 'A00', code: '112011010', name: '外来管理加算', points: 52 },
    { part: 'B00', code: '113001810', name: '特定疾患療養管理料（診療所）', points: 225 },
    { part: 'D00', code: '160008010', name: '末梢血液一般検査', points: 21 }, { part: 'D00', code: '160061710', name: '血液学的検査判断料', points: 125 },
    { part: 'D00', code: '160095710', name: 'Ｂ－Ｖ（静脈採血）', points: 40 }, { part: 'F00', code: '120002910', name: '処方箋料（その他）', points: 60 },
  ] },
  '09': { items: [ // 小児科: 初診 of a small child
    { part: 'A00', code: '111000110', name: '初診料', points: 291 }, { part: 'A00', code: '111000570', name: '乳幼児加算（初診）', points: 75 },
    { part: 'F00', code: '120002910', name: '処方箋料（その他）', points: 60 },
  ] },
  '10': { items: [ // 外科: a wound dressed and an X-ray
    { part: 'A00', code: '112007410', name: '再診料', points: 75 }, { part: 'J00', code: '140000610', name: '創傷処置（１００ｃｍ２未満）', points: 52 },
    { part: 'E00', code: '170000410', name: '単純撮影（デジタル）', points: 68 }, { part: 'E00', code: '170000210', name: '写真診断（単純・頭部等）', points: 85 },
    { part: 'E00', code: '170028810', name: '電子画像管理加算（単純）', points: 57 },
  ] },
  '11': { items: [ // 整形外科: rehabilitation
    { part: 'A00', code: '112007410', name: '再診料', points: 75 }, { part: 'H00', code: '180027610', name: '運動器リハビリテーション料（２）', points: 170 },
    { part: 'J00', code: '140011310', name: '消炎鎮痛等処置（マッサージ等）', points: 35 },
  ] },
  '19': { items: [ // 皮膚科
    { part: 'A00', code: '112007410', name: '再診料', points: 75 }, { part: 'A00', code: '112011010', name: '外来管理加算', points: 52 },
    { part: 'B00', code: '113002310', name: '皮膚科特定疾患指導管理料（２）', points: 100 }, { part: 'F00', code: '120002910', name: '処方箋料（その他）', points: 60 },
  ] },
  '26': { items: [ // 眼科: 初診 with the usual examinations
    { part: 'A00', code: '111000110', name: '初診料', points: 291 }, { part: 'D00', code: '160079610', name: '精密眼底検査（片側）', points: 56, count: 2 },
    { part: 'D00', code: '160080010', name: '細隙灯顕微鏡検査（前眼部）', points: 48 }, { part: 'D00', code: '160081110', name: '矯正視力検査', points: 69 },
  ] },
  '27': { items: [ // 耳鼻いんこう科
    { part: 'A00', code: '112007410', name: '再診料', points: 75 }, { part: 'J00', code: '140002910', name: '耳処置', points: 27 },
    { part: 'J00', code: '140003110', name: '鼻処置', points: 16 }, { part: 'J00', code: '140007210', name: 'ネブライザ', points: 12 },
    { part: 'F00', code: '120002910', name: '処方箋料（その他）', points: 60 },
  ] },
};

export const PLAIN_REVISIT: DemoVisitCharges = { items: [{ part: 'A00', code: '112007410', name: '再診料', points: 75 }] };

/** What ORCA's patient record adds to the birth date, by Patient_ID (backoffice/orca/demo.ts's patients):
 *  the 適用区分 and 公費 its window registered. Patients not listed: the band of their age, no limit
 *  category, no 公費. */
export const DEMO_BILLING_PROFILES: Record<string, Omit<CopayPatient, 'birthDate'>> = {
  '00001': { limitCategory: 'A03' },
  '00002': { limitCategory: 'A04' },
  '00003': { limitCategory: 'A03', specificDisease: '1' },
};

