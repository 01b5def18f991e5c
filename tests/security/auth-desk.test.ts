// The hospital's reception desk (GET /v1/hospital/desk/{date}): only staff with the reception role, at a
// kiosk the operator registered to a hospital, see that hospital's visits of the day — never another
// hospital's, never another day's — with the 負担割合 of the online result beside the one in the
// accounting system (ORCA subset) and a mismatch flagged, and who was sent to the desk and why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import type { DeskResponse } from '../../common/backoffice-api';
import { kioskHeaders, staffHeaders, testKey } from '../helpers/backoffice-access';
import type { VisitRow } from '../../db/reception-visits';
import { deskEvent } from '../../electron/services/reception/visit-machine';
import { testStore } from '../helpers/backoffice-store';

const HOSPITAL = '1311111111';
const OTHER_HOSPITAL = '1322222222';
const [FRONT, BACK, ELSEWHERE, TOWN_HALL, UNREGISTERED] = ['clinic-front', 'clinic-back', 'other-clinic', 'town-hall', 'clinic-unregistered'];
const [DESK, CLERK] = ['desk-1', 'clerk-1'];
/** Noon in Japan on the desk's day; the day before, at the same hour. */
const DAY = '2026-12-06';
const NOON = Date.parse('2026-12-06T03:00:00Z');
const YESTERDAY = NOON - 24 * 3600_000;

let bo: RunningBackOffice;
let dir: string;

const kiosk = (kioskId: string, medicalInstitutionCode?: string, kind: 'hospital' | 'municipal' = 'hospital') =>
  ({ kioskId, kind, key: testKey(`kiosk/${kioskId}`), ...(medicalInstitutionCode ? { medicalInstitutionCode } : {}) });

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${bo.url}${path}`, {
    method, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as Partial<DeskResponse> & { kind?: string; details?: Record<string, unknown>; results?: { status: string }[] } };
}

const desk = (kioskId: string | null, staffId: string | null, date = DAY) =>
  call('GET', `/v1/hospital/desk/${date}`, { ...(kioskId ? kioskHeaders(kioskId) : {}), ...(staffId ? staffHeaders(staffId) : {}) });

const created = (ref: string, patientRef: string, facts: Record<string, unknown>, at = NOON) =>
  ({ key: `reception:${ref}`, kind: 'reception.created', stream: null, createdAt: at, payload: { receptionRef: ref, patientRef, department: '01', ...facts } });

async function sync(kioskId: string, events: unknown[]) {
  const r = await call('POST', '/v1/sync/events', kioskHeaders(kioskId), { kioskId, events });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.results?.every((x) => x.status === 'applied'), r.text);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bo-desk-'));
  bo = await startBackOffice({
    ...(await testStore(dir)), dataDir: dir, clock: () => NOON,
    credentials: {
      kiosks: [kiosk(FRONT, HOSPITAL), kiosk(BACK, HOSPITAL), kiosk(ELSEWHERE, OTHER_HOSPITAL), kiosk(TOWN_HALL, undefined, 'municipal'), kiosk(UNREGISTERED)],
      staff: [{ staffId: DESK, key: testKey(`staff/${DESK}`), roles: ['reception'] }, { staffId: CLERK, key: testKey(`staff/${CLERK}`), roles: ['reprint'] }],
    },
  });
  // The accounting system's own records: 3割 and 2割 at the window, one patient without a ratio.
  bo.orca.putDepartment({ code: '01', name: '内科' });
  const insured = (rate?: string) => [{ Insurance_Combination_Number: '0001', ...(rate ? { InsuranceCombination_Rate_Outpatient: rate } : {}) }];
  for (const [patientId, rate] of [['00101', '0.30'], ['00102', '0.20'], ['00103', undefined]] as const) {
    bo.orca.addPatient({ patientId, wholeName: `患者 ${patientId}`, wholeNameKana: `カンジャ ${patientId}`, birthDate: '1960-01-01', sex: '1', insurances: insured(rate) });
  }
  const confirmed = (ratioPercent: number) => ({ state: 'confirmed', ratioPercent, checkedAt: new Date(NOON).toISOString() });
  await sync(FRONT, [
    created('r-yesterday', '00101', { receptionNumber: '00009', eligibility: confirmed(30) }, YESTERDAY),
    created('r-match', '00101', { receptionNumber: '00001', eligibility: confirmed(30) }),
    created('r-mismatch', '00102', { receptionNumber: '00002', eligibility: confirmed(30) }),
    created('r-down', '00103', { receptionNumber: '00003', eligibility: { state: 'pending_recheck', reason: 'service_down' } }),
    { key: 'sent:v-pin', kind: 'reception.sent_to_desk', stream: null, createdAt: NOON, payload: { visitRef: 'v-pin', reason: 'pin_last_try' } },
  ]);
  // The back kiosk posts its reception instead of sending the event; a newer qualification exists.
  const posted = await call('POST', '/v1/hospital/receptions', { ...kioskHeaders(BACK), 'idempotency-key': 'k-new' }, {
    kioskId: BACK, receptionRef: 'r-newer', patientRef: '00104', department: '02', receptionNumber: '00004',
    eligibility: { state: 'refused', reason: 'invalid_new_qualification' }, sentToDesk: 'invalid_new_qualification',
  });
  assert.equal(posted.status, 201, posted.text);
  await sync(ELSEWHERE, [created('r-elsewhere', '00101', { receptionNumber: '00001', eligibility: confirmed(30) })]);
});
after(async () => { await bo.close(); rmSync(dir, { recursive: true, force: true }); });

test('the desk is refused without staff, to staff without the reception role, and at a kiosk not registered to a hospital', async () => {
  const cases = [
    ['the kiosk key alone', await desk(FRONT, null), 401, 'backoffice.unauthenticated', undefined],
    ['staff without a kiosk', await desk(null, DESK), 401, 'backoffice.unauthenticated', undefined],
    ['staff with the reprint role only', await desk(FRONT, CLERK), 403, 'backoffice.refused', 'staff_role'],
    ['a municipal kiosk registered to no hospital', await desk(TOWN_HALL, DESK), 403, 'backoffice.refused', 'not_hospital_kiosk'],
    ['a hospital kiosk registered to no hospital', await desk(UNREGISTERED, DESK), 403, 'backoffice.refused', 'not_hospital_kiosk'],
    ['a day that does not exist', await desk(FRONT, DESK, '2026-02-30'), 400, 'input.invalid', undefined],
  ] as const;
  for (const [what, answer, status, kind, reason] of cases) {
    assert.equal(answer.status, status, `${what}: ${answer.text}`);
    assert.equal(answer.json.kind, kind, what);
    if (reason) assert.equal(answer.json.details?.reason, reason, what);
    assert.equal(answer.json.rows, undefined, what);
  }
});

test('staff at the hospital see its visits of the day from every kiosk, the ratios side by side, and who must come to the desk', async () => {
  const answer = await desk(BACK, DESK);
  assert.equal(answer.status, 200, answer.text);
  assert.deepEqual([answer.json.medicalInstitutionCode, answer.json.accounting], [HOSPITAL, 'available']);
  const rows = new Map(answer.json.rows!.map((r) => [r.ref, r]));
  assert.deepEqual([...rows.keys()].sort(), ['r-down', 'r-match', 'r-mismatch', 'r-newer', 'v-pin'], 'neither yesterday\'s nor another hospital\'s');
  assert.deepEqual(rows.get('r-match')!.ratio, { online: 30, accounting: 30, mismatch: false });
  assert.deepEqual([rows.get('r-match')!.department, rows.get('r-match')!.departmentName], ['01', '内科'], 'the 診療科 as the accounting system names it');
  assert.deepEqual(rows.get('r-mismatch')!.ratio, { online: 30, accounting: 20, mismatch: true });
  assert.deepEqual([rows.get('r-mismatch')!.receptionNumber, rows.get('r-mismatch')!.patientId, rows.get('r-mismatch')!.kioskId], ['00002', '00102', FRONT]);
  assert.deepEqual(rows.get('r-down')!.eligibility, { state: 'pending_recheck', reason: 'service_down', checkedAt: null });
  assert.deepEqual([rows.get('r-down')!.sentToDesk, rows.get('r-down')!.ratio.mismatch], ['service_down', false]);
  assert.deepEqual([rows.get('r-newer')!.eligibility.state, rows.get('r-newer')!.sentToDesk, rows.get('r-newer')!.department], ['refused', 'invalid_new_qualification', '02']);
  assert.deepEqual([rows.get('v-pin')!.kind, rows.get('v-pin')!.sentToDesk, rows.get('v-pin')!.receptionNumber], ['sent_to_desk', 'pin_last_try', null]);
  assert.doesNotMatch(answer.text, /患者|カンジャ|1960/, 'no name or birth date from the accounting system');

  const other = await desk(ELSEWHERE, DESK);
  assert.deepEqual(other.json.rows!.map((r) => r.ref), ['r-elsewhere']);
});

test('a re-check after the service came back moves the row to confirmed with the result\'s ratio', async () => {
  await sync(FRONT, [{ key: 'recheck:r-down', kind: 'reception.eligibility', stream: null, createdAt: NOON + 60_000,
    payload: { receptionRef: 'r-down', eligibility: { state: 'confirmed', ratioPercent: 10, checkedAt: new Date(NOON + 60_000).toISOString() } } }]);
  const row = (await desk(FRONT, DESK)).json.rows!.find((r) => r.ref === 'r-down')!;
  assert.deepEqual([row.eligibility.state, row.sentToDesk, row.ratio], ['confirmed', null, { online: 10, accounting: null, mismatch: false }]);
});

test('what the kiosk\'s visit machine reports is what the desk shows: every outcome, no event refused', async () => {
  const base: VisitRow = {
    visitId: '', state: 'registered', medium: 'card', outcome: 'valid', nextStep: null, staffFlag: null, ratioPercent: 20, hasPublicAid: false, fileId: null,
    recheckPending: false, recheckedAt: null, choicesJson: null, department: '01', patientId: '00105', patientKind: 'returning', receptionTime: null,
    acceptanceId: '00005', acceptanceTime: null, slipStatus: 'printed', slipReason: null, deskReason: null, message: null, eligibilityJson: null,
    eligibilityXml: null, createdAt: NOON, updatedAt: NOON,
  };
  const visits: VisitRow[] = [
    { ...base, visitId: 'km-valid' },
    { ...base, visitId: 'km-down', outcome: 'unconfirmed', ratioPercent: null, recheckPending: true, patientId: '00106', acceptanceId: '00006' },
    { ...base, visitId: 'km-newer', state: 'sent_to_desk', outcome: 'new_qualification', deskReason: 'invalid_new_qualification', patientId: null, acceptanceId: null },
    { ...base, visitId: 'km-pin', state: 'sent_to_desk', outcome: null, deskReason: 'pin_last_try', department: null, patientId: null, acceptanceId: null },
  ];
  const events = visits.map((v) => ({ key: `km:${v.visitId}`, stream: `reception:${v.visitId}`, createdAt: NOON, ...deskEvent(v, NOON)! }));
  await sync(FRONT, events);
  const rows = new Map((await desk(FRONT, DESK)).json.rows!.map((r) => [r.ref, r]));
  const shown = (ref: string) => { const r = rows.get(ref)!; return [r.kind, r.receptionNumber, r.eligibility.state, r.eligibility.reason, r.ratio.online, r.sentToDesk]; };
  assert.deepEqual(shown('km-valid'), ['reception', '00005', 'confirmed', null, 20, null]);
  assert.deepEqual(shown('km-down'), ['reception', '00006', 'pending_recheck', 'service_down', null, 'service_down']);
  assert.deepEqual(shown('km-newer'), ['sent_to_desk', null, null, null, null, 'invalid_new_qualification']);
  assert.deepEqual(shown('km-pin'), ['sent_to_desk', null, null, null, null, 'pin_last_try']);
});
