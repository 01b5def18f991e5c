// The reception desk's words and marks, pure (renderer/src/features/desk/desk-view.ts): which rows
// need staff, the day's counts, the 負担割合 as 「3割」, and the message of a failed refresh.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { DeskRowView, DeskView } from '../../common/api/contract';
import { plain } from '../../renderer/src/i18n';
import { deskCounts, deskErrorKey, needsStaff, ratioWords } from '../../renderer/src/features/desk/desk-view';

const row = (over: Partial<DeskRowView>): DeskRowView => ({
  ref: 'v', kind: 'reception', kioskId: 'k', at: '2026-12-06T03:00:00.000Z', receptionNumber: '00001', department: '01', departmentName: '内科',
  patientId: '00101', eligibility: { state: 'confirmed', reason: null, checkedAt: null }, ratio: { online: 30, accounting: 30, mismatch: false }, sentToDesk: null, ...over,
});

it('a row needs staff when sent to the desk, when the ratios differ, or when eligibility is not confirmed', () => {
  assert.equal(needsStaff(row({})), false);
  assert.equal(needsStaff(row({ ratio: { online: 30, accounting: 20, mismatch: true } })), true);
  assert.equal(needsStaff(row({ sentToDesk: 'pin_last_try', kind: 'sent_to_desk', eligibility: { state: null, reason: null, checkedAt: null } })), true);
  assert.equal(needsStaff(row({ eligibility: { state: 'pending_recheck', reason: 'service_down', checkedAt: null } })), true);
});

it('counts receptions, patients sent to the desk and mismatches', () => {
  const view: DeskView = { date: '2026-12-06', medicalInstitutionCode: '1311111111', accounting: 'available', fetchedAt: '2026-12-06T03:00:00.000Z', rows: [
    row({}), row({ ratio: { online: 30, accounting: 20, mismatch: true } }), row({ kind: 'sent_to_desk', sentToDesk: 'pin_last_try', receptionNumber: null }),
  ] };
  assert.deepEqual(deskCounts(view), { visits: 2, desk: 1, mismatch: 1 });
});

it('says the ratio as staff say it, in each language', () => {
  const say = (percent: number | null, lang: 'ja' | 'en' = 'ja') => {
    const w = ratioWords(percent);
    return 'text' in w ? w.text : plain(lang, w.k, w.vars);
  };
  assert.deepEqual([say(30), say(10), say(0), say(null), say(15)], ['3割', '1割', '負担なし', '—', '15%']);
  assert.deepEqual([say(20, 'en'), say(100, 'en')], ['20%', '100%']);
});

it('a failed refresh says whether the server is out of reach or the desk is not allowed here', () => {
  assert.deepEqual(['sync.unreachable', 'backoffice.refused', 'backoffice.unauthenticated', 'sync.rejected'].map((k) => deskErrorKey(k as never)),
    ['desk.error.unreachable', 'desk.error.refused', 'desk.error.refused', 'desk.error.other']);
});
