// The back office's certificate rules (backoffice/certificates/rules.ts): each refusal with its
// reason and where the resident can go, hours in JST with the new-year closure, per-municipality
// 外字 policy, household-only 住民票, registrant-only seal certificate with an ACTIVE registration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCertificatesConfig, municipalityConfig } from '../../backoffice/certificates/config';
import { decide, withinServiceHours, type RuleInput } from '../../backoffice/certificates/rules';
import { MAX_HOUSEHOLD_MEMBERS } from '../../common/backoffice-api';
import type { ResidentRow, SealRow } from '../../backoffice/storage/store';

const cfg = municipalityConfig(defaultCertificatesConfig(), '132217')!;
const kawasaki = municipalityConfig(defaultCertificatesConfig(), '141330')!;
const jst = (s: string) => Date.parse(`${s}+09:00`);
const NOON = jst('2026-03-10T12:00:00');

const person = (id: string, over: Partial<ResidentRow> = {}): ResidentRow => ({
  residentId: id, name: '山田\u3000太郎', nameKana: 'ヤマダ\u3000タロウ', sex: '1', dob: '19800217', address: '東京都清瀬市中里１－２－３',
  municipalityCode: '132217', householdId: 'H1', relationship: '世帯主', movedOut: false, dvProtection: false, deceased: false, unprintableCharacters: false, ...over,
});
const taro = person('taro');
const hanako = person('hanako', { relationship: '妻', dob: '19820605' });
const seal: SealRow = { residentId: 'taro', registrationNumber: 'IN-1', imagePng: new Uint8Array(1), abolished: false };

const input = (over: Partial<RuleInput> = {}): RuleInput => ({ now: NOON, config: cfg, holder: taro, household: [taro, hanako], seal, type: 'juminhyo', scope: 'household', memberIds: [], options: {}, ...over });
const refusal = (i: RuleInput) => { const d = decide(i); return d.ok ? 'ok' : `${d.reason}@${d.where}`; };

test('service hours 6:30–23:00 JST, closed 12/29–1/3', () => {
  assert.equal(withinServiceHours(jst('2026-03-10T06:29:00'), cfg.hours), false);
  assert.equal(withinServiceHours(jst('2026-03-10T06:30:00'), cfg.hours), true);
  assert.equal(withinServiceHours(jst('2026-03-10T22:59:00'), cfg.hours), true);
  assert.equal(withinServiceHours(jst('2026-03-10T23:00:00'), cfg.hours), false);
  assert.equal(withinServiceHours(jst('2026-12-29T12:00:00'), cfg.hours), false);
  assert.equal(withinServiceHours(jst('2027-01-03T12:00:00'), cfg.hours), false);
  assert.equal(withinServiceHours(jst('2027-01-04T12:00:00'), cfg.hours), true);
  assert.equal(refusal(input({ now: jst('2026-12-31T10:00:00') })), 'outside_hours@service_hours');
});

test('住民票: whole household without 消除者; chosen members only from the same household', () => {
  const ume = person('ume', { deceased: true, relationship: '母' });
  const d = decide(input({ household: [taro, hanako, ume] }));
  assert.ok(d.ok);
  assert.deepEqual(d.subjects.map((s) => s.residentId), ['taro', 'hanako']);
  assert.equal(refusal(input({ scope: 'members', memberIds: ['stranger'] })), 'not_household@municipal_window');
  assert.equal(refusal(input({ scope: 'members', memberIds: ['ume'], household: [taro, ume] })), 'deceased@municipal_window');
});

test('person refusals: under 15, 転出届, DV support (not revealed beyond the reason code), 外字 where the municipality cannot print them', () => {
  assert.equal(refusal(input({ holder: person('kid', { dob: '20150310' }), scope: 'self' })), 'under_15@municipal_window');
  assert.equal(refusal(input({ household: [taro, person('x', { movedOut: true })] })), 'moved_out@municipal_window');
  assert.equal(refusal(input({ household: [taro, person('y', { dvProtection: true })] })), 'dv_support@municipal_window');
  const takahashi = person('t', { name: '髙橋\u3000一郎', municipalityCode: '141330' });
  assert.equal(refusal(input({ config: kawasaki, holder: takahashi, household: [takahashi], scope: 'self' })), 'unprintable_characters@municipal_window');
  assert.equal(refusal(input({ holder: takahashi, household: [takahashi], scope: 'self' })), 'ok'); // 清瀬市 prints 外字
});

test('印鑑登録証明書: registrant only, refused after 廃印; 記載事項証明書 only where offered; 個人番号 only where allowed', () => {
  assert.equal(refusal(input({ type: 'inkan', scope: 'self' })), 'ok');
  assert.equal(refusal(input({ type: 'inkan', scope: 'self', seal: undefined })), 'not_registrant@seal_registration_window');
  assert.equal(refusal(input({ type: 'inkan', scope: 'self', seal: { ...seal, abolished: true } })), 'seal_abolished@seal_registration_window');
  assert.equal(refusal(input({ type: 'inkan', scope: 'household' })), 'not_registrant@municipal_window');
  assert.equal(refusal(input({ type: 'kisai', config: kawasaki })), 'not_offered@municipal_window');
  assert.equal(refusal(input({ options: { myNumber: true } })), 'ok');
  assert.equal(refusal(input({ options: { myNumber: true }, config: { ...cfg, allowMyNumber: false } })), 'option_not_allowed@municipal_window');
});

test('a household larger than one request may name: 本人のみ at the kiosk, the whole household at the window', () => {
  const big = [taro, ...Array.from({ length: MAX_HOUSEHOLD_MEMBERS }, (_, i) => person(`child-${i}`, { relationship: '子', dob: `2000010${i % 9 + 1}` }))];
  assert.equal(refusal(input({ household: big })), 'household_too_large@municipal_window');
  assert.equal(refusal(input({ household: big, scope: 'self' })), 'ok');
  // At the limit the whole household is still issued.
  assert.equal(refusal(input({ household: big.slice(0, MAX_HOUSEHOLD_MEMBERS) })), 'ok');
});
