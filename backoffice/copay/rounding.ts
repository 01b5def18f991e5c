// 健康保険法 §75 (国民健康保険法 §42-2, 高齢者医療確保法 §67 likewise): a 一部負担金 with a fraction under
// ¥5 is cut off, one of ¥5–9 is raised to ¥10. Applied to the share computed from the rate, never to a
// 高額療養費 limit (those are whole yen and paid as they are).
export function roundCopay(yen: number): number {
  if (!Number.isInteger(yen) || yen < 0) throw new RangeError(`a share to round must be a whole, non-negative number of yen (got ${yen})`);
  const rest = yen % 10;
  return rest < 5 ? yen - rest : yen - rest + 10;
}
