// The copay engine (backoffice/copay) against worked cases computed by hand from the rules of
// hospital-2026.md §6: each age band and its boundaries, the §75 rounding, the 高額療養費 limits of the
// 適用区分 the demo uses, the 75+ 2割 配慮措置 and its end, the 75th-birthday month, one 公費 programme,
// 特定疾病, 保険外, and the typed refusals of bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KioskError } from '../../common/errors';
import { ageBand, computeCopay, LIMIT_TABLES, roundCopay, type BillingItem, type CopayBill, type CopayPatient } from '../../backoffice/copay';

// A 再診 for a chronic condition: 再診料 75 + 外来管理加算 52 + 特定疾患療養管理料 225 + 処方箋料 60 = 412 点.
const REVISIT: BillingItem[] = [
  { part: 'A00', name: '再診料', points: 75 }, { part: 'A00', name: '外来管理加算', points: 52 },
  { part: 'B00', name: '特定疾患療養管理料', points: 225 }, { part: 'F00', name: '処方箋料', points: 60 },
];
const big = (points: number): BillingItem[] => [{ part: 'K00', name: '手術', points }];
const bill = (careDate: string, items: BillingItem[], over: Partial<CopayBill> = {}): CopayBill => ({ careDate, setting: 'outpatient', items, ...over });

test('§75 rounding: under ¥5 dropped, ¥5–9 raised to ¥10', () => {
  const cases: [number, number][] = [[0, 0], [4, 0], [5, 10], [9, 10], [10, 10], [3704, 3700], [3705, 3710], [1236, 1240], [824, 820], [732, 730]];
  for (const [raw, due] of cases) assert.equal(roundCopay(raw), due, `${raw}`);
  assert.throws(() => roundCopay(-1), RangeError);
  assert.throws(() => roundCopay(12.5), RangeError);
});

interface Case { name: string; patient: CopayPatient; bill: CopayBill; expect: Record<string, unknown> }
const cases: Case[] = [
  { name: 'working age 3割: 412点 = ¥4,120 → ¥1,236 → ¥1,240', patient: { birthDate: '1980-05-05' }, bill: bill('2026-12-07', REVISIT),
    expect: { band: 'working', rateTenths: 3, totalPoints: 412, medicalYen: 4120, shareByRateYen: 1240, cap: 'none', amountDueYen: 1240, insurerPaysYen: 2880 } },
  { name: 'points per 部 are summed with counts', patient: { birthDate: '1980-05-05' }, bill: bill('2026-12-07', [...REVISIT, { part: 'D00', name: '血液学的検査', points: 21, count: 2 }]),
    expect: { totalPoints: 454, amountDueYen: 1360 } },
  { name: 'preschool 2割: 初診料 291 + 乳幼児加算 75 = 366点 → ¥732 → ¥730', patient: { birthDate: '2021-06-10' },
    bill: bill('2026-12-07', [{ part: 'A00', name: '初診料', points: 291 }, { part: 'A00', name: '乳幼児加算', points: 75 }]),
    expect: { band: 'preschool', rateTenths: 2, amountDueYen: 730, cap: 'none' } },
  { name: 'born 1 April: school age from the 1 April after the 6th birthday eve (31 March is still 2割)', patient: { birthDate: '2020-04-01' }, bill: bill('2026-03-31', REVISIT),
    expect: { band: 'preschool', rateTenths: 2, amountDueYen: 820 } },
  { name: 'born 1 April: 3割 from 1 April of the 6th year', patient: { birthDate: '2020-04-01' }, bill: bill('2026-04-01', REVISIT), expect: { band: 'working', rateTenths: 3 } },
  { name: 'born 2 April: still preschool on 1 April of the 6th year (the next school year)', patient: { birthDate: '2020-04-02' }, bill: bill('2026-04-01', REVISIT), expect: { band: 'preschool', rateTenths: 2 } },
  { name: '70–74 一般 2割 (no 認定証: 一般 B04 applies)', patient: { birthDate: '1955-03-10' }, bill: bill('2026-12-07', REVISIT),
    expect: { band: 'elderly', rateTenths: 2, limitCategory: 'B04', amountDueYen: 820, cap: 'none' } },
  { name: '70–74 現役並みⅠ (B03) 3割', patient: { birthDate: '1955-03-10', limitCategory: 'B03' }, bill: bill('2026-12-07', REVISIT),
    expect: { band: 'elderly', rateTenths: 3, amountDueYen: 1240 } },
  { name: '70th birthday on the 15th: still 3割 in the birthday month', patient: { birthDate: '1956-06-15' }, bill: bill('2026-06-30', REVISIT), expect: { band: 'working', rateTenths: 3 } },
  { name: '70th birthday on the 15th: 2割 from the 1st of the next month', patient: { birthDate: '1956-06-15' }, bill: bill('2026-07-01', REVISIT), expect: { band: 'elderly', rateTenths: 2 } },
  { name: '70th birthday on the 1st: 2割 from that month', patient: { birthDate: '1956-07-01' }, bill: bill('2026-07-01', REVISIT), expect: { band: 'elderly', rateTenths: 2 } },
  { name: '70th birthday on the 2nd: 3割 until the next month', patient: { birthDate: '1956-07-02' }, bill: bill('2026-07-31', REVISIT), expect: { band: 'working', rateTenths: 3 } },
  { name: 'the day before the 75th birthday: 70–74 band', patient: { birthDate: '1950-11-20', insurerRatio: 1 }, bill: bill('2025-11-19', REVISIT), expect: { band: 'elderly', rateTenths: 2 } },
  { name: '75th birthday itself: 後期高齢者 at the returned 1割', patient: { birthDate: '1950-11-20', insurerRatio: 1 }, bill: bill('2025-11-20', REVISIT),
    expect: { band: 'late-elderly', rateTenths: 1, limitCategory: 'B10', amountDueYen: 410 } },
  { name: '75th-birthday month: the limit is halved (一般Ⅰ ¥18,000 → ¥9,000)', patient: { birthDate: '1950-11-20', insurerRatio: 1 }, bill: bill('2025-11-25', big(20_000)),
    expect: { shareByRateYen: 20_000, monthLimitYen: 9_000, insuredShareYen: 9_000, cap: 'high-cost' } },
  { name: 'the month after: the whole ¥18,000', patient: { birthDate: '1950-11-20', insurerRatio: 1 }, bill: bill('2025-12-01', big(20_000)), expect: { monthLimitYen: 18_000, amountDueYen: 18_000 } },
  { name: '後期高齢者 3割 without a 認定証 is 現役並みⅢ', patient: { birthDate: '1945-01-15', insurerRatio: 3 }, bill: bill('2026-12-07', REVISIT),
    expect: { rateTenths: 3, limitCategory: 'B01', amountDueYen: 1240 } },
  { name: '後期高齢者 2割 with the 配慮措置 (2025-09): min(¥18,000, ¥6,000 + (¥100,000 − ¥30,000) × 10%) = ¥13,000', patient: { birthDate: '1945-01-15', insurerRatio: 2 },
    bill: bill('2025-09-10', big(10_000)), expect: { rateTenths: 2, limitCategory: 'B09', shareByRateYen: 20_000, amountDueYen: 13_000, cap: 'high-cost' } },
  { name: '後期高齢者 2割 after the 配慮措置 ended (2025-10): ¥18,000', patient: { birthDate: '1945-01-15', insurerRatio: 2 },
    bill: bill('2025-10-10', big(10_000)), expect: { amountDueYen: 18_000, tableEffectiveFrom: '2025-10-01' } },
  { name: 'A03 ウ (2025): ¥80,100 + (¥1,000,000 − ¥267,000) × 1% = ¥87,430', patient: { birthDate: '1980-05-05', limitCategory: 'A03' }, bill: bill('2025-12-01', big(100_000)),
    expect: { shareByRateYen: 300_000, monthLimitYen: 87_430, amountDueYen: 87_430, insurerPaysYen: 912_570 } },
  { name: 'A03 ウ after the 2026-08 revision [U]: ¥85,800 + (¥1,000,000 − ¥286,000) × 1% = ¥92,940', patient: { birthDate: '1980-05-05', limitCategory: 'A03' },
    bill: bill('2026-09-01', big(100_000)), expect: { monthLimitYen: 92_940, tableEffectiveFrom: '2026-08-01' } },
  { name: 'a limit is whole yen, never rounded to ¥10: ¥80,100 + (¥267,050 − ¥267,000) × 1% = ¥80,100.5 → ¥80,101', patient: { birthDate: '1980-05-05', limitCategory: 'A03' },
    bill: bill('2025-12-01', big(26_705)), expect: { shareByRateYen: 80_120, monthLimitYen: 80_101, amountDueYen: 80_101 } },
  { name: 'the table in force is the care day\'s: 2026-07-31 still the 2018 figures (¥87,430)', patient: { birthDate: '1980-05-05', limitCategory: 'A03' },
    bill: bill('2026-07-31', big(100_000)), expect: { monthLimitYen: 87_430, tableEffectiveFrom: '2025-10-01' } },
  { name: 'A01 ア (2025): ¥252,600 + (¥1,000,000 − ¥842,000) × 1% = ¥254,180', patient: { birthDate: '1980-05-05', limitCategory: 'A01' }, bill: bill('2025-12-01', big(100_000)),
    expect: { amountDueYen: 254_180 } },
  { name: 'A04 エ (2025): ¥57,600', patient: { birthDate: '1980-05-05', limitCategory: 'A04' }, bill: bill('2025-12-01', big(100_000)), expect: { amountDueYen: 57_600 } },
  { name: 'A05 オ (2025): ¥35,400', patient: { birthDate: '1980-05-05', limitCategory: 'A05' }, bill: bill('2025-12-01', big(100_000)), expect: { amountDueYen: 35_400 } },
  { name: 'B05 低所得Ⅱ outpatient (2025): ¥8,000', patient: { birthDate: '1953-02-02', limitCategory: 'B05' }, bill: bill('2025-12-01', big(10_000)), expect: { rateTenths: 2, amountDueYen: 8_000 } },
  { name: 'B04 一般 inpatient (2025): ¥57,600 for the stay', patient: { birthDate: '1953-02-02' }, bill: bill('2025-12-01', big(50_000), { setting: 'inpatient' }),
    expect: { shareByRateYen: 100_000, amountDueYen: 57_600 } },
  { name: 'A04 with earlier bills this month: only the room left under ¥57,600', patient: { birthDate: '1980-05-05', limitCategory: 'A04' },
    bill: bill('2025-12-20', big(5_000), { monthToDate: { medicalYen: 150_000, insuredShareYen: 45_000 } }), expect: { shareByRateYen: 15_000, amountDueYen: 12_600, cap: 'high-cost' } },
  { name: 'A04 with the limit already reached: ¥0 for insured care', patient: { birthDate: '1980-05-05', limitCategory: 'A04' },
    bill: bill('2025-12-21', REVISIT, { monthToDate: { medicalYen: 200_000, insuredShareYen: 57_600 } }), expect: { amountDueYen: 0, insurerPaysYen: 4120 } },
  { name: 'under 70 without a 適用区分: no limit at the window', patient: { birthDate: '1980-05-05' }, bill: bill('2025-12-01', big(100_000)), expect: { amountDueYen: 300_000, cap: 'none' } },
  { name: '公費 child programme, ¥0: the programme pays the whole share', patient: { birthDate: '2021-06-10', publicAid: { programme: '88', name: '子ども医療費助成', patientPays: { kind: 'none' } } },
    bill: bill('2026-12-07', REVISIT), expect: { insuredShareYen: 820, publicAidPaysYen: 820, patientInsuredYen: 0, amountDueYen: 0 } },
  { name: '公費 child programme, ¥200 a visit', patient: { birthDate: '2015-06-10', publicAid: { programme: '88', name: '子ども医療費助成', patientPays: { kind: 'fixed', perVisitYen: 200 } } },
    bill: bill('2026-12-07', REVISIT), expect: { rateTenths: 3, insuredShareYen: 1240, publicAidPaysYen: 1040, amountDueYen: 200 } },
  { name: '公費 fixed amount above the share: never more than the share', patient: { birthDate: '2015-06-10', publicAid: { programme: '88', name: '子ども医療費助成', patientPays: { kind: 'fixed', perVisitYen: 500 } } },
    bill: bill('2026-12-07', [{ part: 'A00', name: '再診料', points: 75 }]), expect: { insuredShareYen: 230, amountDueYen: 230, publicAidPaysYen: 0 } },
  { name: '公費 monthly cap reached: ¥0', patient: { birthDate: '2015-06-10', publicAid: { programme: '88', name: '子ども医療費助成', patientPays: { kind: 'fixed', perVisitYen: 200 }, monthlyCapYen: 400 } },
    bill: bill('2026-12-07', REVISIT, { monthToDate: { medicalYen: 8_000, insuredShareYen: 2_400, aidPatientYen: 400 } }), expect: { amountDueYen: 0, publicAidPaysYen: 1240 } },
  { name: '公費 at its own rate (1割 of ¥4,120 = ¥412 → ¥410)', patient: { birthDate: '1980-05-05', publicAid: { programme: '54', name: '難病医療', patientPays: { kind: 'rate', tenths: 1 } } },
    bill: bill('2026-12-07', REVISIT), expect: { amountDueYen: 410, publicAidPaysYen: 830 } },
  { name: '特定疾病 人工透析: ¥10,000 a month', patient: { birthDate: '1980-05-05', limitCategory: 'A03', specificDisease: '1' },
    bill: bill('2025-12-01', big(40_000), { forSpecificDisease: true }), expect: { shareByRateYen: 120_000, monthLimitYen: 10_000, amountDueYen: 10_000, cap: 'specific-disease' } },
  { name: '特定疾病 人工透析, under 70, 上位所得 (A02): ¥20,000', patient: { birthDate: '1980-05-05', limitCategory: 'A02', specificDisease: '1' },
    bill: bill('2025-12-01', big(40_000), { forSpecificDisease: true }), expect: { amountDueYen: 20_000 } },
  { name: '特定疾病 人工透析, 70+ 現役並み: ¥10,000', patient: { birthDate: '1953-02-02', limitCategory: 'B01', specificDisease: '1' },
    bill: bill('2025-12-01', big(40_000), { forSpecificDisease: true }), expect: { amountDueYen: 10_000 } },
  { name: '特定疾病 血友病, 上位所得: ¥10,000 (the ¥20,000 is for dialysis only)', patient: { birthDate: '1980-05-05', limitCategory: 'A01', specificDisease: '2' },
    bill: bill('2025-12-01', big(40_000), { forSpecificDisease: true }), expect: { amountDueYen: 10_000 } },
  { name: 'care not for the 特定疾病 keeps the 高額療養費 limit', patient: { birthDate: '1980-05-05', limitCategory: 'A04', specificDisease: '1' },
    bill: bill('2025-12-01', big(40_000)), expect: { amountDueYen: 57_600, cap: 'high-cost' } },
  { name: '保険外 added as it is: ¥1,240 + 診断書 ¥3,300', patient: { birthDate: '1980-05-05' }, bill: bill('2026-12-07', REVISIT, { outOfInsurance: [{ name: '診断書', yen: 3_300 }] }),
    expect: { patientInsuredYen: 1240, outOfInsuranceYen: 3300, amountDueYen: 4540 } },
];

for (const c of cases) {
  test(`worked case: ${c.name}`, () => {
    const r = computeCopay(c.patient, c.bill) as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(c.expect)) assert.deepEqual(r[k], v, `${k}`);
    // What the patient, the insurer and the programme pay always adds up to the bill.
    assert.equal((r.patientInsuredYen as number) + (r.publicAidPaysYen as number) + (r.insurerPaysYen as number), r.medicalYen);
  });
}

test('the 領収証 breakdown: points per 部, every 部 present, in ORCA order', () => {
  const r = computeCopay({ birthDate: '1980-05-05' }, bill('2026-12-07', REVISIT));
  assert.deepEqual(Object.keys(r.points), ['A00', 'B00', 'C00', 'F00', 'G00', 'J00', 'K00', 'L00', 'D00', 'E00', 'H00', 'I00', 'M00', 'N00', 'A10']);
  assert.equal(r.points.A00, 127);
  assert.equal(r.points.B00, 225);
  assert.equal(r.points.F00, 60);
  assert.equal(r.points.K00, 0);
});

test('the tables are ordered by date and every figure names its source; the 2026-08 figures are marked [U]', () => {
  const dates = LIMIT_TABLES.map((t) => t.effectiveFrom);
  assert.deepEqual([...dates].sort(), dates);
  for (const t of LIMIT_TABLES) {
    for (const [cat, l] of Object.entries(t.categories)) {
      for (const rule of [l.outpatient, l.inpatient]) {
        assert.ok(rule.source.length > 10, `${t.effectiveFrom} ${cat}`);
        if (t.effectiveFrom === '2026-08-01') assert.match(rule.source, /\[U\]/);
      }
    }
  }
});

test('ageBand: a month crossing the 70th birthday changes the rate at the 1st of the next month, not at the birthday', () => {
  const days = ['2026-06-01', '2026-06-14', '2026-06-15', '2026-06-30', '2026-07-01'].map((d) => ageBand('1956-06-15', d).band);
  assert.deepEqual(days, ['working', 'working', 'working', 'working', 'elderly']);
});

const refusal = (patient: CopayPatient, b: CopayBill): string => {
  try {
    computeCopay(patient, b);
    return 'accepted';
  } catch (err) {
    assert.ok(err instanceof KioskError, String(err));
    return `${err.kind}:${String(err.details?.field)}`;
  }
};

test('bad input is refused with a typed error naming the field', () => {
  assert.equal(refusal({ birthDate: '1945-01-15' }, bill('2026-12-07', REVISIT)), 'input.invalid:insurerRatio');
  assert.equal(refusal({ birthDate: '1945-01-15', insurerRatio: 4 }, bill('2026-12-07', REVISIT)), 'input.invalid:insurerRatio');
  assert.equal(refusal({ birthDate: '1980-05-05' }, bill('2026-12-07', [{ part: 'Z99', name: '?', points: 1 }])), 'input.invalid:items.0.part');
  assert.equal(refusal({ birthDate: '1980-05-05' }, bill('2026-12-07', [{ part: 'A00', name: '再診料', points: -75 }])), 'input.invalid:items.0.points');
  assert.equal(refusal({ birthDate: '1980-05-05' }, bill('2026-12-07', [{ part: 'A00', name: '再診料', points: 7.5 }])), 'input.invalid:items.0.points');
  assert.equal(refusal({ birthDate: '1980-05-05' }, bill('2026-02-30', REVISIT)), 'input.invalid:careDate');
  assert.equal(refusal({ birthDate: '80-05-05' }, bill('2026-12-07', REVISIT)), 'input.invalid:birthDate');
  assert.equal(refusal({ birthDate: '1980-05-05' }, bill('2022-09-30', REVISIT)), 'input.invalid:careDate');
  assert.equal(refusal({ birthDate: '1980-05-05', limitCategory: 'C01' as never }, bill('2026-12-07', REVISIT)), 'input.invalid:limitCategory');
  assert.equal(refusal({ birthDate: '1980-05-05' }, bill('2026-12-07', REVISIT, { outOfInsurance: [{ name: '文書料', yen: -1 }] })), 'input.invalid:outOfInsurance.0.yen');
});
