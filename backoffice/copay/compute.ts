// The patient's share of one bill as ORCA computes it at the cashier (hospital-2026.md §6,
// kiosk-domain.md §3.5), a pure function of the bill and what this institution already billed the
// patient this month:
//   1. points per 部, 医療費 = points × ¥10;
//   2. the rate of the patient's band on the day of care (age-band.ts), the insurer's ratio for 75+;
//   3. share = 医療費 × rate, rounded per 健康保険法 §75 (rounding.ts);
//   4. capped by the month's 高額療養費 limit of the 適用区分 (or the 特定疾病 limit for that care),
//      minus what the month's earlier bills already charged (halved in the 75th-birthday month);
//   5. one 公費 programme on top: the patient pays ¥0, a fixed amount a visit, or its own rate,
//      never more than the insured share, within its monthly cap; the programme pays the rest;
//   6. 保険外 items (documents, vaccination) are added as they are.
import { KioskError } from '../../common/errors';
import { ageBand, type AgeBand } from './age-band';
import { limitTableOn, limitYen } from './limits';
import { ORCA_PART_ORDER, YEN_PER_POINT, isPointPart, type PointPart } from './parts';
import { roundCopay } from './rounding';
import { ACTIVE_INCOME_CATEGORIES, HIGH_INCOME_UNDER_70, LIMIT_CATEGORIES, RATE_TABLE, type LimitCategory, type LimitRule } from './tables';

export type AidPatientPays = { kind: 'none' } | { kind: 'fixed'; perVisitYen: number } | { kind: 'rate'; tenths: number };

export interface PublicAid {
  /** 法別番号 (e.g. '88' for a municipal child programme) and the programme's name for the 領収証. */
  programme: string;
  name: string;
  patientPays: AidPatientPays;
  /** The most the patient pays under this programme in a month (undefined: no monthly cap). */
  monthlyCapYen?: number;
}

export interface CopayPatient {
  birthDate: string;
  /** 負担割合 in 割 as the insurer returned it (InsuredPartialContributionRatio); required from 75. */
  insurerRatio?: number;
  /** 適用区分 from the eligibility result; none means no limit at the window under 70, 一般 from 70. */
  limitCategory?: LimitCategory;
  /** A 特定疾病療養受療証 (SpecificDiseasesDiseaseCategory: '1' 人工透析, '2' 血友病, '3' HIV). */
  specificDisease?: '1' | '2' | '3';
  publicAid?: PublicAid;
}

export interface BillingItem { part: string; name: string; points: number; count?: number; code?: string }

export interface CopayBill {
  careDate: string;
  setting: 'outpatient' | 'inpatient';
  items: readonly BillingItem[];
  outOfInsurance?: readonly { name: string; yen: number }[];
  /** This care is for the patient's 特定疾病 (the 受療証's limit applies instead of 高額療養費). */
  forSpecificDisease?: boolean;
  /** Earlier bills of the same month, institution and setting (and the same kind of care). */
  monthToDate?: { medicalYen: number; insuredShareYen: number; aidPatientYen?: number };
}

export interface CopayResult {
  tableEffectiveFrom: string;
  band: AgeBand;
  rateTenths: number;
  limitCategory?: LimitCategory;
  points: Record<PointPart, number>;
  totalPoints: number;
  medicalYen: number;
  /** 医療費 × rate, rounded per §75, before any limit. */
  shareByRateYen: number;
  /** The month's limit that applied, when one did. */
  monthLimitYen?: number;
  cap: 'none' | 'high-cost' | 'specific-disease';
  /** The share of insured care after the limit (before 公費). */
  insuredShareYen: number;
  insurerPaysYen: number;
  publicAidPaysYen: number;
  /** 患者負担額: what the patient pays for insured care. */
  patientInsuredYen: number;
  outOfInsuranceYen: number;
  /** 領収額: what the patient pays in all. */
  amountDueYen: number;
}

const invalid = (field: string, message: string) => new KioskError('input.invalid', message, { field });

function wholeYen(n: number, field: string): number {
  if (!Number.isSafeInteger(n) || n < 0) throw invalid(field, `${field} must be a whole, non-negative number (got ${n})`);
  return n;
}

function sumPoints(items: readonly BillingItem[]): Record<PointPart, number> {
  const points = Object.fromEntries(ORCA_PART_ORDER.map((p) => [p, 0])) as Record<PointPart, number>;
  items.forEach((item, i) => {
    if (!isPointPart(item.part)) throw invalid(`items.${i}.part`, `items.${i}.part ${JSON.stringify(item.part)} is not a 部 of the 点数表 (A00 … N00)`);
    const count = wholeYen(item.count ?? 1, `items.${i}.count`);
    points[item.part] += wholeYen(item.points, `items.${i}.points`) * count;
  });
  return points;
}

function rateOf(band: AgeBand, p: CopayPatient): number {
  if (band === 'preschool') return RATE_TABLE.preschool;
  if (band === 'working') return RATE_TABLE.working;
  if (band === 'elderly') {
    const active = p.insurerRatio === 3 || (p.limitCategory !== undefined && ACTIVE_INCOME_CATEGORIES.includes(p.limitCategory));
    return active ? RATE_TABLE.elderly.activeIncome : RATE_TABLE.elderly.general;
  }
  const ratio = p.insurerRatio;
  if (ratio === undefined || !(RATE_TABLE.lateElderlyAllowed as readonly number[]).includes(ratio)) {
    throw invalid('insurerRatio', `a patient of 75 or more needs the insurer's 負担割合 (1, 2 or 3 割; got ${String(ratio)})`);
  }
  return ratio;
}

/** The 適用区分 that applies: the one returned, else what the window applies without a 認定証. */
function categoryOf(band: AgeBand, rate: number, p: CopayPatient): LimitCategory | undefined {
  if (p.limitCategory !== undefined) {
    if (!Object.hasOwn(LIMIT_CATEGORIES, p.limitCategory)) throw invalid('limitCategory', `${String(p.limitCategory)} is not an 適用区分 (A01–A06, B01–B10)`);
    return p.limitCategory;
  }
  if (band === 'preschool' || band === 'working') return undefined;
  if (rate === 3) return 'B01'; // 現役並み without a 認定証 is treated as 現役並みⅢ
  if (band === 'late-elderly') return rate === 2 ? 'B09' : 'B10';
  return 'B04';
}

function aidPatientYen(aid: PublicAid, medicalYen: number, insuredShareYen: number, earlierYen: number): number {
  const pays = aid.patientPays;
  let due = pays.kind === 'none' ? 0
    : pays.kind === 'fixed' ? wholeYen(pays.perVisitYen, 'publicAid.patientPays.perVisitYen')
      : roundCopay((medicalYen * wholeYen(pays.tenths, 'publicAid.patientPays.tenths')) / 10);
  if (aid.monthlyCapYen !== undefined) due = Math.min(due, Math.max(0, wholeYen(aid.monthlyCapYen, 'publicAid.monthlyCapYen') - earlierYen));
  return Math.min(due, insuredShareYen);
}

export function computeCopay(patient: CopayPatient, bill: CopayBill): CopayResult {
  const table = limitTableOn(bill.careDate);
  const { band, seventyFiveBirthdayMonth } = ageBand(patient.birthDate, bill.careDate);
  const rateTenths = rateOf(band, patient);
  const limitCategory = categoryOf(band, rateTenths, patient);
  const points = sumPoints(bill.items);
  const totalPoints = Object.values(points).reduce((a, b) => a + b, 0);
  const medicalYen = totalPoints * YEN_PER_POINT;
  // Points are whole, so 医療費 × rate is whole yen: rounding is the only approximation.
  const shareByRateYen = roundCopay(totalPoints * rateTenths);

  const before = bill.monthToDate ?? { medicalYen: 0, insuredShareYen: 0 };
  const beforeMedical = wholeYen(before.medicalYen, 'monthToDate.medicalYen');
  const beforeShare = wholeYen(before.insuredShareYen, 'monthToDate.insuredShareYen');
  let rule: LimitRule | undefined;
  let cap: CopayResult['cap'] = 'none';
  if (bill.forSpecificDisease && patient.specificDisease) {
    const highIncomeDialysis = patient.specificDisease === '1' && (band === 'working' || band === 'preschool')
      && limitCategory !== undefined && HIGH_INCOME_UNDER_70.includes(limitCategory);
    rule = highIncomeDialysis ? table.specificDisease.dialysisHighIncomeUnder70 : table.specificDisease.standard;
    cap = 'specific-disease';
  } else if (limitCategory !== undefined) {
    rule = table.categories[limitCategory][bill.setting];
    cap = 'high-cost';
  }
  let insuredShareYen = shareByRateYen;
  let monthLimitYen: number | undefined;
  if (rule) {
    const full = limitYen(rule, beforeMedical + medicalYen);
    monthLimitYen = seventyFiveBirthdayMonth ? Math.floor(full / 2) : full;
    const room = Math.max(0, monthLimitYen - beforeShare);
    if (room < shareByRateYen) insuredShareYen = room;
    else cap = 'none';
  }
  const aid = patient.publicAid;
  const patientInsuredYen = aid ? aidPatientYen(aid, medicalYen, insuredShareYen, wholeYen(before.aidPatientYen ?? 0, 'monthToDate.aidPatientYen')) : insuredShareYen;
  const outOfInsuranceYen = (bill.outOfInsurance ?? []).reduce((sum, o, i) => sum + wholeYen(o.yen, `outOfInsurance.${i}.yen`), 0);
  return {
    tableEffectiveFrom: table.effectiveFrom,
    band, rateTenths,
    ...(limitCategory ? { limitCategory } : {}),
    points, totalPoints, medicalYen, shareByRateYen,
    ...(monthLimitYen !== undefined ? { monthLimitYen } : {}),
    cap, insuredShareYen,
    insurerPaysYen: medicalYen - insuredShareYen,
    publicAidPaysYen: insuredShareYen - patientInsuredYen,
    patientInsuredYen, outOfInsuranceYen,
    amountDueYen: patientInsuredYen + outOfInsuranceYen,
  };
}
