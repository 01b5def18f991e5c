// Calendar rules of the JPKI certificates (jpki-card.md §11.3), in Japan time: a certificate runs
// from its issuance to the end of the holder's 5th birthday after issuance.
const JST_OFFSET_MS = 9 * 3600_000;

export interface CalendarDate { year: number; month: number; day: number }

export function parseYmd(ymd: string): CalendarDate {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(ymd);
  if (!m) throw new Error(`expected YYYYMMDD, got '${ymd}'`);
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (check.getUTCMonth() !== date.month - 1 || check.getUTCDate() !== date.day) throw new Error(`no such date '${ymd}'`);
  return date;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The JST calendar date of an instant. */
export function jstDateOf(instant: Date): CalendarDate {
  const shifted = new Date(instant.getTime() + JST_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function compare(a: CalendarDate, b: CalendarDate): number {
  return (a.year - b.year) || (a.month - b.month) || (a.day - b.day);
}

/**
 * The birthday in a given year. A 29 February birthday falls on 28 February in common years —
 * the day Japanese law (年齢計算ニ関スル法律) treats as completing the year; an assumption (G).
 */
export function birthdayIn(year: number, dob: CalendarDate): CalendarDate {
  if (dob.month === 2 && dob.day === 29 && !isLeap(year)) return { year, month: 2, day: 28 };
  return { year, month: dob.month, day: dob.day };
}

/** The 5th birthday strictly after the issue date (a birthday on the issue day itself does not count). */
export function fifthBirthdayAfter(issued: CalendarDate, dob: CalendarDate): CalendarDate {
  let first = birthdayIn(issued.year, dob);
  if (compare(first, issued) <= 0) first = birthdayIn(issued.year + 1, dob);
  return birthdayIn(first.year + 4, dob);
}

/** 00:00:00 JST of a calendar date. */
export function startOfJstDay(d: CalendarDate): Date {
  return new Date(Date.UTC(d.year, d.month - 1, d.day) - JST_OFFSET_MS);
}

/** 23:59:59 JST of a calendar date (how J-LIS certificates end: 14:59:59Z). */
export function endOfJstDay(d: CalendarDate): Date {
  return new Date(startOfJstDay(d).getTime() + 86_400_000 - 1000);
}

/** 'YYYY-MM-DD' means the start of that JST day; anything else must be a full ISO timestamp. */
export function parseIsoInstant(value: string, endOfDay = false): Date {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dateOnly) {
    const d = parseYmd(`${dateOnly[1]}${dateOnly[2]}${dateOnly[3]}`);
    return endOfDay ? endOfJstDay(d) : startOfJstDay(d);
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw new Error(`not an ISO date: '${value}'`);
  return new Date(Math.floor(instant.getTime() / 1000) * 1000); // certificates carry whole seconds
}

/**
 * The era digit that prefixes the DOB in the sign certificate (1 明治, 2 大正, 3 昭和, 4 平成, 5 令和).
 * Reading the digit this way is the reference's assumption (jpki-card.md §11.2, S/G).
 */
export function eraDigit(dob: CalendarDate): string {
  const ymd = dob.year * 10000 + dob.month * 100 + dob.day;
  if (ymd >= 20190501) return '5';
  if (ymd >= 19890108) return '4';
  if (ymd >= 19261225) return '3';
  if (ymd >= 19120730) return '2';
  return '1';
}
