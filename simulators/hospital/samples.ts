// A demo 領収証 / 診療明細書 as the billing service would hand it to the renderer: 内科's 再診 of the
// demo cashier (backoffice/orca/income/demo-charges.ts) for a 3割 patient, optionally with many more
// lines (a long statement), 保険外 lines, a 公費 programme or as a reprint. Dev/test data only.
import type { HospitalReceiptInput } from '../../common/documents/hospital-receipt';

const BASE_ITEMS = [
  { part: 'A00', code: '112007410', name: '再診料', points: 75, count: 1 }, { part: 'A00', code: '112011010', name: '外来管理加算', points: 52, count: 1 },
  { part: 'B00', code: '113001810', name: '特定疾患療養管理料（診療所）', points: 225, count: 1 },
  { part: 'D00', code: '160008010', name: '末梢血液一般検査', points: 21, count: 1 }, { part: 'D00', code: '160061710', name: '血液学的検査判断料', points: 125, count: 1 },
  { part: 'D00', code: '160095710', name: 'Ｂ－Ｖ（静脈採血）', points: 40, count: 1 }, { part: 'F00', code: '120002910', name: '処方箋料（その他）', points: 60, count: 1 },
];

export interface SampleOptions {
  /** Extra 検査 lines (a long statement: ~25 lines per page). */
  extraItems?: number;
  outOfInsurance?: { name: string; yen: number }[];
  reprint?: boolean;
  language?: HospitalReceiptInput['language'];
  method?: 'cash' | 'ic' | 'card' | 'linked';
  /** A 公費 programme that pays part of the share (yen). */
  publicAid?: number;
}

/** Rounds a share the way 健康保険法 §75 does: to the nearest ¥10, half up. */
const round10 = (yen: number) => Math.floor((yen + 5) / 10) * 10;

export function sampleHospitalReceipt(o: SampleOptions = {}): HospitalReceiptInput {
  const extra = Array.from({ length: o.extraItems ?? 0 }, (_, i) => ({
    part: i % 3 === 0 ? 'G00' : 'D00', code: `16${String(i).padStart(7, '0')}`,
    name: i % 7 === 0 ? `生化学的検査（Ｉ）判定料（包括・外来迅速検体検査加算を含む、項目数に応じた所定点数の算定）第${i + 1}項` : `検査項目 ${i + 1}`, points: 10 + (i % 9), count: 1 + (i % 2),
  }));
  const items = [...BASE_ITEMS, ...extra];
  const byPart = new Map<string, number>();
  for (const i of items) byPart.set(i.part, (byPart.get(i.part) ?? 0) + i.points * i.count);
  const totalPoints = [...byPart.values()].reduce((s, p) => s + p, 0);
  const medicalCost = totalPoints * 10;
  const share = round10(medicalCost * 0.3);
  const aid = Math.min(o.publicAid ?? 0, share);
  const outside = o.outOfInsurance ?? [];
  const patientTotal = share - aid + outside.reduce((s, x) => s + x.yen, 0);
  const method = o.method ?? 'cash';
  const change = method === 'cash' ? (10_000 - (patientTotal % 10_000)) % 1000 : 0;
  return {
    hospital: { name: '清瀬市民病院', address: '東京都清瀬市中里五丁目842番地', phone: '042-491-0011' },
    patientId: '00002', invoiceNumber: '0000123', performedOn: '2026-12-07', issuedAt: '2026-12-07T10:42:31+09:00',
    department: '内科', insuranceName: '協会けんぽ', ratioPercent: 30,
    categories: [...byPart.entries()].map(([code, points]) => ({ code, points })), totalPoints,
    insurance: { medicalCost, patientShare: share - aid },
    ...(aid > 0 ? { publicAid: { name: 'こども医療費助成', paid: aid } } : {}),
    outOfInsurance: outside, patientTotal,
    payment: { method, received: patientTotal, change },
    reprint: o.reprint ?? false, language: o.language ?? 'ja', kioskId: 'KIOSK-H01', items,
  };
}
