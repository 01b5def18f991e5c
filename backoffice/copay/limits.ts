// The table in force on a day, and a month's limit from a rule and the month's 医療費 (10割).
import { KioskError } from '../../common/errors';
import { toUtc } from './dates';
import { LIMIT_TABLES, type LimitFormula, type LimitRule, type LimitTable } from './tables';

export function limitTableOn(careDate: string, tables: readonly LimitTable[] = LIMIT_TABLES): LimitTable {
  const day = toUtc(careDate, 'careDate');
  let found: LimitTable | undefined;
  for (const t of tables) if (toUtc(t.effectiveFrom, 'effectiveFrom') <= day) found = t;
  if (!found) {
    throw new KioskError('input.invalid', `no copay table covers ${careDate} (the oldest starts ${tables[0]?.effectiveFrom ?? 'nowhere'})`, { field: 'careDate' });
  }
  return found;
}

function formulaYen(f: LimitFormula, medicalYen: number): number {
  if (f.threshold === undefined || f.excessPercent === undefined || medicalYen <= f.threshold) return f.base;
  // The excess term is rounded to the yen (円未満四捨五入); 医療費 is whole tens of yen, so at 1 % it has one decimal.
  return f.base + Math.round(((medicalYen - f.threshold) * f.excessPercent) / 100);
}

/** The month's limit for `medicalYen` of care in that month (the lower of both formulas where two apply). */
export function limitYen(rule: LimitRule, medicalYen: number): number {
  const main = formulaYen(rule, medicalYen);
  return rule.lowerOf ? Math.min(main, formulaYen(rule.lowerOf, medicalYen)) : main;
}
