import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatWareki, japanDateOf, toWareki } from '../../common/domain/wareki';

test('each era boundary: the last day of the old era and the first day (元年) of the new one', () => {
  const cases: [string, string][] = [
    ['2019-04-30', '平成31年4月30日'],
    ['2019-05-01', '令和元年5月1日'],
    ['2020-01-01', '令和2年1月1日'],
    ['1989-01-07', '昭和64年1月7日'],
    ['1989-01-08', '平成元年1月8日'],
    ['1926-12-24', '大正15年12月24日'],
    ['1926-12-25', '昭和元年12月25日'],
    ['1912-07-29', '明治45年7月29日'],
    ['1912-07-30', '大正元年7月30日'],
  ];
  for (const [iso, expected] of cases) assert.equal(formatWareki(iso), expected, iso);
});

test('the 西暦 alongside and full-width digits, as certificates print the issue date', () => {
  assert.equal(formatWareki('2025-12-01', { withSeireki: true }), '令和7年(2025年)12月1日');
  assert.equal(formatWareki('2019-05-01', { withSeireki: true, fullWidth: true }), '令和元年（２０１９年）５月１日');
});

test('era fields for a date of birth', () => {
  assert.deepEqual(toWareki('1980-02-17'), { era: '昭和', eraYear: 55, year: 1980, month: 2, day: 17 });
});

test('impossible or malformed dates are refused, never printed', () => {
  for (const bad of ['2023-02-29', '2025-13-01', '2025-1-1', '', 'yesterday', '1850-01-01']) {
    assert.throws(() => formatWareki(bad), RangeError, bad);
  }
});

test('the issue date is the calendar date in Japan, not UTC', () => {
  assert.equal(japanDateOf('2025-12-31T15:30:00Z'), '2026-01-01'); // 00:30 JST
  assert.equal(japanDateOf('2019-04-30T14:59:59Z'), '2019-04-30'); // 23:59:59 JST, still 平成
  assert.equal(formatWareki(japanDateOf('2019-04-30T15:00:00Z')), '令和元年5月1日');
});
