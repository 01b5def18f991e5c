// The figures of the copay rules, as data keyed by the date they took effect. Nothing here is computed:
// a new revision is a new entry, and the engine (limits.ts, compute.ts) picks the one in force on the
// day of care. Each figure names its source; [U] marks a figure not verified against the official table
// (hospital-2026.md §6: the 2026-08 revision's exact amounts are not in this project's references).
//
// A limit is `base + (医療費 − threshold) × excessPercent%` once the month's 医療費 (10割) passes the
// threshold, else `base`; `lowerOf` is a second formula of which the lower applies (the 75+ 2割 配慮措置).

/** 適用区分 (LimitApplicationCertificateClassificationFlag of the eligibility result). */
export const LIMIT_CATEGORIES = {
  A01: '区分ア (年収約1,160万円以上)', A02: '区分イ (年収約770〜1,160万円)', A03: '区分ウ (年収約370〜770万円)',
  A04: '区分エ (年収約370万円以下)', A05: '区分オ (住民税非課税)', A06: '区分オ（境）(境界層該当)',
  B01: '現役並みⅢ', B02: '現役並みⅡ', B03: '現役並みⅠ', B04: '一般', B05: '低所得Ⅱ', B06: '低所得Ⅰ',
  B07: '低所得Ⅰ（老福）', B08: '低所得Ⅰ（境）', B09: '一般Ⅱ (後期高齢者2割)', B10: '一般Ⅰ (後期高齢者1割)',
} as const;
export type LimitCategory = keyof typeof LIMIT_CATEGORIES;

export interface LimitFormula { base: number; threshold?: number; excessPercent?: number }
export interface LimitRule extends LimitFormula { lowerOf?: LimitFormula; source: string }
/** outpatient: the individual 外来 limit (70+: 外来特例); inpatient: the limit at one institution for a stay. */
export interface CategoryLimits { outpatient: LimitRule; inpatient: LimitRule }

export interface LimitTable {
  effectiveFrom: string;
  categories: Record<LimitCategory, CategoryLimits>;
  specificDisease: { standard: LimitRule; dialysisHighIncomeUnder70: LimitRule };
}

const MHLW_2018 = 'MHLW「高額療養費制度を利用される皆さまへ」(平成30年8月診療分から)';
const MHLW_2022 = 'MHLW「後期高齢者の窓口負担割合の変更について」(令和4年10月1日施行; 配慮措置は令和7年9月30日まで)';
const MHLW_2025 = `${MHLW_2018}; 配慮措置の終了 2025-09-30 (hospital-2026.md §6: outpatient limit now ¥18,000)`;
const REVISION_2026 = '[U] 高額療養費の見直し 2026-08 (社会保障審議会医療保険部会, 2025-12; figures from memory of the published plan, unverified)';
const SPECIFIC = 'MHLW 特定疾病療養 (健康保険法施行令 §42(9)): ¥10,000/月; 人工透析 70歳未満 上位所得者 ¥20,000 (hospital-2026.md §6)';

const same = (rule: LimitRule): CategoryLimits => ({ outpatient: rule, inpatient: rule });
const flat = (base: number, source: string): LimitRule => ({ base, source });
const over = (base: number, threshold: number, source: string): LimitRule => ({ base, threshold, excessPercent: 1, source });

const specificDisease = { standard: flat(10_000, SPECIFIC), dialysisHighIncomeUnder70: flat(20_000, SPECIFIC) };

function table2018(source: string): Record<LimitCategory, CategoryLimits> {
  const a = over(252_600, 842_000, source);
  const i = over(167_400, 558_000, source);
  const u = over(80_100, 267_000, source);
  const general = { outpatient: flat(18_000, source), inpatient: flat(57_600, source) };
  const lowII = { outpatient: flat(8_000, source), inpatient: flat(24_600, source) };
  const lowI = { outpatient: flat(8_000, source), inpatient: flat(15_000, source) };
  return {
    A01: same(a), A02: same(i), A03: same(u), A04: same(flat(57_600, source)), A05: same(flat(35_400, source)), A06: same(flat(35_400, source)),
    B01: same(a), B02: same(i), B03: same(u), B04: general, B05: lowII, B06: lowI, B07: lowI, B08: lowI, B09: general, B10: general,
  };
}

const from2022 = table2018(MHLW_2018);
const from2026 = (() => {
  const a = over(270_300, 901_000, REVISION_2026);
  const i = over(179_100, 597_000, REVISION_2026);
  const u = over(85_800, 286_000, REVISION_2026);
  const general = { outpatient: flat(22_000, REVISION_2026), inpatient: flat(61_500, REVISION_2026) };
  const lowII = { outpatient: flat(8_000, REVISION_2026), inpatient: flat(24_600, REVISION_2026) };
  const lowI = { outpatient: flat(8_000, REVISION_2026), inpatient: flat(15_000, REVISION_2026) };
  return {
    A01: same(a), A02: same(i), A03: same(u), A04: same(flat(61_500, REVISION_2026)), A05: same(flat(36_300, REVISION_2026)), A06: same(flat(36_300, REVISION_2026)),
    B01: same(a), B02: same(i), B03: same(u), B04: general, B05: lowII, B06: lowI, B07: lowI, B08: lowI, B09: general, B10: general,
  } satisfies Record<LimitCategory, CategoryLimits>;
})();

/** Oldest first. Care before the first entry is outside what this back office computes. */
export const LIMIT_TABLES: readonly LimitTable[] = [
  {
    effectiveFrom: '2022-10-01',
    categories: {
      ...from2022,
      // 配慮措置: a 2割 patient pays at most ¥3,000 a month more than at 1割 for outpatient care.
      B09: { outpatient: { base: 18_000, lowerOf: { base: 6_000, threshold: 30_000, excessPercent: 10 }, source: MHLW_2022 }, inpatient: flat(57_600, MHLW_2022) },
    },
    specificDisease,
  },
  { effectiveFrom: '2025-10-01', categories: table2018(MHLW_2025), specificDisease },
  { effectiveFrom: '2026-08-01', categories: from2026, specificDisease },
];

/** 負担割合 in tenths (割) per band; late-elderly comes from the insurer's answer. */
export const RATE_TABLE = {
  effectiveFrom: '2022-10-01',
  preschool: 2,
  working: 3,
  elderly: { general: 2, activeIncome: 3 },
  lateElderlyAllowed: [1, 2, 3],
  source: '健康保険法 §74(1), 高齢者医療確保法 §67 (令和4年10月: 後期高齢者 2割 区分の新設)',
} as const;

/** The 適用区分 of 現役並み income (3割 for 70+). */
export const ACTIVE_INCOME_CATEGORIES: readonly LimitCategory[] = ['B01', 'B02', 'B03'];
/** 上位所得 under 70: 特定疾病 人工透析 pays ¥20,000. */
export const HIGH_INCOME_UNDER_70: readonly LimitCategory[] = ['A01', 'A02'];
