// 和暦 (Japanese era) dates for printed certificates. Every date uses the era in force ON THAT DAY
// (令和 from 2019-05-01, 平成 from 1989-01-08, 昭和 from 1926-12-25, 大正 from 1912-07-30, 明治 before),
// and year 1 of an era prints as 「元年」. Pure: dates are plain YYYY-MM-DD strings (calendar dates, no
// time zone), so the same input prints the same era in the browser, the main process and the back office.

export type EraName = '明治' | '大正' | '昭和' | '平成' | '令和';

/** Era start dates, newest first (the first era whose start is ≤ the date wins). */
const ERAS: readonly { name: EraName; start: string; startYear: number }[] = [
  { name: '令和', start: '2019-05-01', startYear: 2019 },
  { name: '平成', start: '1989-01-08', startYear: 1989 },
  { name: '昭和', start: '1926-12-25', startYear: 1926 },
  { name: '大正', start: '1912-07-30', startYear: 1912 },
  // 明治 began before the Gregorian calendar was adopted (1873); earlier dates are not printable.
  { name: '明治', start: '1873-01-01', startYear: 1868 },
];

export interface WarekiDate {
  era: EraName;
  /** Year within the era, 1 = 元年. */
  eraYear: number;
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses YYYY-MM-DD (also accepts an ISO timestamp's date part) and rejects impossible dates. */
export function parseCalendarDate(value: string): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(value.slice(0, 10));
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${value}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new RangeError(`no such date: ${value}`);
  }
  return { year, month, day };
}

export function toWareki(isoDate: string): WarekiDate {
  const { year, month, day } = parseCalendarDate(isoDate);
  const key = isoDate.slice(0, 10); // YYYY-MM-DD compares correctly as a string
  const era = ERAS.find((e) => key >= e.start);
  if (!era) throw new RangeError(`date before the 明治 era's Gregorian dates: ${isoDate}`);
  return { era: era.name, eraYear: year - era.startYear + 1, year, month, day };
}

export interface WarekiFormat {
  /** Add the 西暦 year in parentheses after the era year: 令和7年(2025年). */
  withSeireki?: boolean;
  /** Full-width digits (the certificate style) instead of ASCII digits. */
  fullWidth?: boolean;
}

const FULL_WIDTH_DIGITS = '０１２３４５６７８９';

export function toFullWidthDigits(s: string): string {
  return s.replace(/[0-9]/g, (d) => FULL_WIDTH_DIGITS[Number(d)]!);
}

/** 「令和7年1月5日」, 「平成元年1月8日」, or with the 西暦: 「令和7年(2025年)1月5日」. */
export function formatWareki(isoDate: string, opts: WarekiFormat = {}): string {
  const w = toWareki(isoDate);
  const eraYear = w.eraYear === 1 ? '元' : String(w.eraYear);
  const seireki = opts.withSeireki ? `(${w.year}年)` : '';
  const text = `${w.era}${eraYear}年${seireki}${w.month}月${w.day}日`;
  return opts.fullWidth ? toFullWidthDigits(text).replace(/[()]/g, (p) => (p === '(' ? '（' : '）')) : text;
}

/** The calendar date (YYYY-MM-DD) of an instant as seen in Japan (JST, UTC+9, no daylight saving). */
export function japanDateOf(instant: string | Date): string {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(t)) throw new RangeError(`not a timestamp: ${String(instant)}`);
  return new Date(t + 9 * 3600_000).toISOString().slice(0, 10);
}
