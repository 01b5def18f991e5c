// Calendar dates as 'YYYY-MM-DD' strings (a bill's 診療日 and a birth date have no time of day and no
// zone). Arithmetic goes through UTC midnight so a date never shifts with the server's zone.
import { KioskError } from '../../common/errors';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function toUtc(date: string, field: string): number {
  const m = DATE.exec(date);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date) {
    throw new KioskError('input.invalid', `${field} must be a calendar date YYYY-MM-DD (got ${JSON.stringify(date)})`, { field });
  }
  return t;
}

export const fromUtc = (t: number): string => new Date(t).toISOString().slice(0, 10);

const DAY_MS = 86_400_000;

/** The n-th birthday; one born on 29 February has it on 1 March in a common year. */
export function birthday(birthDate: string, years: number): number {
  const b = new Date(toUtc(birthDate, 'birthDate'));
  return Date.UTC(b.getUTCFullYear() + years, b.getUTCMonth(), b.getUTCDate());
}

/** The day one "reaches" an age (年齢計算ニ関スル法律: the day before the birthday). */
export const reachesAge = (birthDate: string, years: number): number => birthday(birthDate, years) - DAY_MS;

/** The first day of the month after the one holding t. */
export function firstOfNextMonth(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** The first 31 March on or after t. */
export function nextMarch31(t: number): number {
  const d = new Date(t);
  const sameYear = Date.UTC(d.getUTCFullYear(), 2, 31);
  return t <= sameYear ? sameYear : Date.UTC(d.getUTCFullYear() + 1, 2, 31);
}

export const monthOf = (date: string): string => date.slice(0, 7);
