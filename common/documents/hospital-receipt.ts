// What the hospital's 領収証 and 診療明細書 print (kiosk-domain.md §3.6): the bill the accounting system
// computed (ORCA incomev3 請求確認 with its Copay_Detail, and the statement's items), how it was paid,
// and the hospital that received it. Checked here, before anything is drawn, that the figures add up
// as the bill says — a receipt that does not match the bill is worse than none — so a caller that
// mixes two bills gets 'input.invalid' naming the field, never a wrong paper.
// No name and no insurance numbers: the kiosk does not get the name from the cashier, and the
// patient ID with the 伝票番号 is what the desk looks a receipt up by.
import { z } from 'zod';
import { KioskError } from '../errors';

export const HOSPITAL_DOCUMENT_LANGUAGES = ['ja', 'en', 'zh', 'ko'] as const;
export type HospitalDocumentLanguage = (typeof HOSPITAL_DOCUMENT_LANGUAGES)[number];

/** Names of the 点数表's 部 (ORCA's codes), in the order the 領収証 lists them. */
export const PART_NAMES: Readonly<Record<string, string>> = {
  A00: '初・再診料', A01: '入院料等', B00: '医学管理等', C00: '在宅医療', D00: '検査', E00: '画像診断', F00: '投薬',
  G00: '注射', H00: 'リハビリテーション', I00: '精神科専門療法', J00: '処置', K00: '手術', L00: '麻酔',
  M00: '放射線治療', N00: '病理診断',
};
/** 部 a clinic's 領収証 shows even at 0 点 (the rest are printed only when used: §3.6 allows leaving them off). */
export const ALWAYS_SHOWN_PARTS = ['A00', 'B00', 'C00', 'D00', 'E00', 'F00', 'G00', 'H00', 'J00', 'K00'] as const;

/** A 部's name from its code; an unknown code is printed as itself (ORCA may add 部). */
export function partName(code: string): string {
  return PART_NAMES[code] ?? code;
}

const yen = z.number().int().min(0).max(99_999_999);
const points = z.number().int().min(0).max(9_999_999);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-MM-dd');
// Printed on one line each: no control characters.
const text = (max: number) => z.string().min(1).max(max).regex(/^[^\p{Cc}]*$/u, 'printable text without control characters');

export const HospitalReceiptData = z.object({
  // Lengths as the billing settings allow them (electron/services/billing/config.ts): the layout wraps
  // and shrinks to fit (measured in tests/integration/hospital-receipt-layout.test.ts).
  hospital: z.object({ name: text(100), address: text(200), phone: z.string().regex(/^[0-9+() -]{6,20}$/) }),
  /** ORCA's Patient_ID (the 照会番号 the eligibility service answered). */
  patientId: z.string().regex(/^[0-9A-Za-z-]{1,20}$/),
  /** ORCA's 伝票番号. */
  invoiceNumber: z.string().regex(/^[0-9]{1,10}$/),
  /** 診療日. */
  performedOn: date,
  /** When the kiosk issued the documents (an instant with its offset; printed in Japan time). */
  issuedAt: z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), 'ISO timestamp'),
  /** 診療科 as the patient read it at reception, when the bill names one. */
  department: text(60).optional(),
  /** 保険種別 as ORCA names it (e.g. 協会けんぽ, 国保), and 負担割合 in percent. */
  insuranceName: text(40).optional(),
  ratioPercent: z.number().int().min(0).max(100).optional(),
  /** Points per 部 (each code once). */
  categories: z.array(z.object({ code: z.string().regex(/^[A-Z][0-9]{2}$/), points })).max(20),
  /** 総点. */
  totalPoints: points,
  /** 医療費 (10割) = 総点 × 10 and the patient's share of insured care (after any 公費). */
  insurance: z.object({ medicalCost: yen, patientShare: yen }),
  /** What a 公費 programme paid of the insured share, with its name when known. */
  publicAid: z.object({ name: text(40).optional(), paid: yen }).optional(),
  /** 保険外 (自費) lines. */
  outOfInsurance: z.array(z.object({ name: text(60), yen })).max(10),
  /** 患者負担額 = patientShare + 保険外. */
  patientTotal: yen,
  /** Paid on this bill before (at the desk); 領収額 = patientTotal − alreadyPaid. */
  alreadyPaid: yen.default(0),
  payment: z.object({
    method: z.enum(['cash', 'ic', 'card', 'linked']),
    /** 領収額: what this payment settled. */
    received: yen,
    /** Cash only: お預り − 領収額. */
    change: yen.default(0),
  }),
  /** 再発行: a copy after one already came out (marked 【再発行】 and in the signed facts). */
  reprint: z.boolean().default(false),
  /** The patient's language, printed beside the Japanese labels. */
  language: z.enum(HOSPITAL_DOCUMENT_LANGUAGES).default('ja'),
  kioskId: text(64),
  /** The 診療明細書's lines (statementv2); none: the 明細書 pages are left out. */
  items: z.array(z.object({
    part: z.string().regex(/^[A-Z][0-9]{2}$/),
    code: z.string().max(12),
    name: text(120),
    points: z.number().int().min(0).max(9_999_999),
    count: z.number().int().min(1).max(999),
  })).max(600).default([]),
});
export type HospitalReceiptInput = z.input<typeof HospitalReceiptData>;
export type HospitalReceiptData = z.output<typeof HospitalReceiptData>;

const invalid = (field: string, message: string) => new KioskError('input.invalid', `hospital receipt: ${message}`, { field });

/**
 * Parses and checks that the figures agree with each other as the bill says. Throws
 * 'input.invalid' naming the first field that does not.
 */
export function checkHospitalReceipt(input: unknown): HospitalReceiptData {
  const parsed = HospitalReceiptData.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw invalid(field, `${field} ${issue?.message ?? ''}`.trim());
  }
  const r = parsed.data;
  const codes = new Set(r.categories.map((c) => c.code));
  if (codes.size !== r.categories.length) throw invalid('categories', 'a 部 is listed twice');
  const sum = r.categories.reduce((s, c) => s + c.points, 0);
  if (sum !== r.totalPoints) throw invalid('totalPoints', `the categories add up to ${sum} points, not ${r.totalPoints}`);
  // 1点 = ¥10 (療担規則): the 10割 cost follows from the points.
  if (r.insurance.medicalCost !== r.totalPoints * 10) throw invalid('insurance.medicalCost', `医療費 ${r.insurance.medicalCost} is not 総点 × 10`);
  if (r.insurance.patientShare > r.insurance.medicalCost) throw invalid('insurance.patientShare', 'the patient\'s share exceeds the 医療費');
  if (r.publicAid && r.publicAid.paid + r.insurance.patientShare > r.insurance.medicalCost) throw invalid('publicAid.paid', '公費 and the patient\'s share exceed the 医療費');
  const outside = r.outOfInsurance.reduce((s, o) => s + o.yen, 0);
  if (r.insurance.patientShare + outside !== r.patientTotal) {
    throw invalid('patientTotal', `保険 ${r.insurance.patientShare} + 保険外 ${outside} is not the 患者負担額 ${r.patientTotal}`);
  }
  if (r.alreadyPaid > r.patientTotal) throw invalid('alreadyPaid', 'more was paid before than the bill asks');
  if (r.payment.received !== r.patientTotal - r.alreadyPaid) {
    throw invalid('payment.received', `領収額 ${r.payment.received} is not the 患者負担額 ${r.patientTotal} less ${r.alreadyPaid} paid before`);
  }
  if (r.payment.method !== 'cash' && r.payment.change !== 0) throw invalid('payment.change', 'only cash gives change');
  if (r.items.length > 0) checkItems(r);
  return r;
}

/** The 明細書's lines must itemise the same bill: per 部, points × count add up to the 領収証's points. */
function checkItems(r: HospitalReceiptData): void {
  const byPart = new Map<string, number>();
  for (const i of r.items) byPart.set(i.part, (byPart.get(i.part) ?? 0) + i.points * i.count);
  for (const c of r.categories) {
    if ((byPart.get(c.code) ?? 0) !== c.points) throw invalid('items', `the statement's ${partName(c.code)} lines add up to ${byPart.get(c.code) ?? 0} points, the receipt says ${c.points}`);
    byPart.delete(c.code);
  }
  const stray = [...byPart.entries()].find(([, p]) => p > 0);
  if (stray) throw invalid('items', `the statement has ${stray[1]} points of ${partName(stray[0])}, which the receipt does not bill`);
}
