// The 部 of the 診療報酬点数表 a bill is broken down by, under the codes ORCA's cashier API uses
// (Ac_Point_Code of incomev3's Ac_Point_Detail). The 領収証 must show points per 部 (療養担当規則 §5-2),
// so every billing item carries one of these codes and the bill sums them.
export const POINT_PARTS = {
  A00: { name: '初・再診料', orcaName: '初・再診料' },
  A10: { name: '入院料等', orcaName: '入院料' },
  B00: { name: '医学管理等', orcaName: '医学管理等' },
  C00: { name: '在宅医療', orcaName: '在宅療養' },
  D00: { name: '検査', orcaName: '検査' },
  E00: { name: '画像診断', orcaName: '画像診断' },
  F00: { name: '投薬', orcaName: '投薬' },
  G00: { name: '注射', orcaName: '注射' },
  H00: { name: 'リハビリテーション', orcaName: 'リハビリ' },
  I00: { name: '精神科専門療法', orcaName: '精神科専門' },
  J00: { name: '処置', orcaName: '処置' },
  K00: { name: '手術', orcaName: '手術' },
  L00: { name: '麻酔', orcaName: '麻酔' },
  M00: { name: '放射線治療', orcaName: '放射線治療' },
  N00: { name: '病理診断', orcaName: '病理診断' },
} as const;

export type PointPart = keyof typeof POINT_PARTS;

/** ORCA lists the parts in this order in Ac_Point_Detail (the sample bodies). */
export const ORCA_PART_ORDER: readonly PointPart[] = ['A00', 'B00', 'C00', 'F00', 'G00', 'J00', 'K00', 'L00', 'D00', 'E00', 'H00', 'I00', 'M00', 'N00', 'A10'];

export function isPointPart(code: string): code is PointPart {
  return Object.hasOwn(POINT_PARTS, code);
}

/** 1点 = ¥10 (健康保険法 §76 告示: 診療報酬の算定方法). */
export const YEN_PER_POINT = 10;
