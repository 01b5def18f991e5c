// The reception service against the reference back office's accounting system (the ORCA subset,
// through the kiosk's ORCA client over HTTP with Basic auth): a returning patient found from the
// 照会番号 the eligibility answer carries, a first visit registered with patientmodv2 and its
// 照会番号 registered with the eligibility service, exactly one reception per visit — also when the
// kiosk died between the accounting system's answer and writing it down — and an unconfirmed
// eligibility with nobody known: a reception by name only (no patient) that the desk, or the re-check
// of a 処理中 answer, attaches the patient to (acceptmodv2 03); after an outright outage, the
// housekeeping round checks the attached patient by number with the eligibility simulator (real
// REQ/RES folders) once it answers again, and the desk row turns confirmed with its 負担割合.
//
// The eligibility answers are given as the eligibility service answers them (the port's result); the
// eligibility service's two calls this flow makes (choices, 照会番号) are recorded by a small
// stand-in of the port, since they change nothing the accounting system sees.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import { DEMO_ORCA_OPERATOR, seedOrcaDemo } from '../../backoffice/orca/demo';
import { foldVisits, withRatios } from '../../backoffice/routes/desk-events';
import { isKioskError } from '../../common/errors';
import { openKioskDb, type KioskDb } from '../../db/kiosk-db';
import { createQueue } from '../../db/queue';
import { createOrcaClient } from '../../electron/services/reception/orca-client';
import { UNCONFIRMED_RECEPTION_NAME } from '../../electron/services/reception/registration';
import type { EligibilityResult, EligibilityService } from '../../electron/services/reception/ports';
import { createReceptionService } from '../../electron/services/reception/reception-service';
import type { ReceptionService } from '../../electron/services/reception/types';
import { createVisitStore, streamOf } from '../../electron/services/reception/visit-machine';
import { createEligibilityClient } from '../../electron/services/reception/eligibility-client';
import { startOnshiSimulator, type OnshiSimulator } from '../../simulators/onshi';

const DEPARTMENTS = [{ code: '01', name: { ja: '内科', en: 'Internal medicine', zh: '内科', ko: '내과' } }, { code: '10', name: { ja: '外科', en: 'Surgery', zh: '外科', ko: '외과' } }];
const CHOICES = { consent: { diagnosis: true, medication: true, checkups: true, surgery: true }, publicAid: 'none', prescription: 'electronic' } as const;

let dir: string;
let office: RunningBackOffice;
let db: KioskDb;
let orca: ReturnType<typeof createOrcaClient>;
let onshi: OnshiSimulator;
const told: { kind: string; args: unknown }[] = [];

const eligibilityCalls: EligibilityService = {
  challenge: () => Promise.reject(new Error('not used here')),
  confirmByCard: () => Promise.reject(new Error('not used here')),
  poll: () => Promise.reject(new Error('not used here')),
  confirmByNumbers: () => Promise.reject(new Error('not used here')),
  recordChoices: async (i) => void told.push({ kind: 'choices', args: i }),
  registerReferenceNumber: async (i) => void told.push({ kind: 'reference', args: i }),
};

function service(eligibility: EligibilityService = eligibilityCalls, pendingBoundMs?: number): ReceptionService {
  const visits = createVisitStore(db, createQueue(db), 'hospital-kiosk-1', Date.now);
  return createReceptionService({
    visits, eligibility, accounting: orca, ...(pendingBoundMs !== undefined ? { pendingBoundMs } : {}), printer: null, renderSlip: null,
    departments: DEPARTMENTS, hospitalName: '清瀬市民病院', kioskId: 'hospital-kiosk-1', log: () => undefined,
  });
}

const valid = (f: Partial<EligibilityResult>): EligibilityResult => ({
  arbitraryFileIdentifier: `f-${Math.random().toString(36).slice(2)}`, segmentOfResult: '1', processingResultStatus: '1', qualificationValidity: '1',
  insurerNumber: '01130012', insuredCardSymbol: '1234', insuredIdentificationNumber: '5678', insuredBranchNumber: '00', personalFamilyClassification: '1',
  insuredPartialContributionRatio: '030', rawXml: '<XmlMsg/>', ...f,
});

async function receptionsOf(patientId: string) {
  return (await orca.todaysReceptions('03')).filter((r) => r.patientId === patientId);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-reception-'));
  // Only the accounting system's demo clinic is needed (not the municipality's residents and certificates).
  office = await startBackOffice({ dataDir: join(dir, 'office'), port: 0 });
  seedOrcaDemo(office.orca);
  orca = createOrcaClient({ url: office.url, user: DEMO_ORCA_OPERATOR.operatorId, password: DEMO_ORCA_OPERATOR.password });
  db = openKioskDb({ path: join(dir, 'kiosk.db') });
  onshi = await startOnshiSimulator({ dir: join(dir, 'onshi') });
});

after(async () => {
  db.close();
  orca.close();
  await onshi.close();
  await office.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a returning patient is found from the 照会番号 and received once; the reception number is ORCA\'s', async () => {
  const s = service();
  const v = s.startVisit({ result: valid({ referenceNumber: '00001', name: '山田　太郎', birthdate: '19800217', sex: '1' }) }, 'card');
  assert.deepEqual([v.state, v.eligibility?.outcome, v.eligibility?.ratioPercent], ['outcome', 'valid', 30]);
  await s.choose(v.visitId, { ...CHOICES });
  const done = await s.register(v.visitId, '01');
  assert.equal(done.state, 'done');
  assert.equal(done.patient, 'returning');
  const rows = await receptionsOf('00001');
  assert.equal(rows.length, 1);
  assert.equal(done.receptionNumber, rows[0]!.acceptanceId);
  assert.equal(rows[0]!.department, '01');
  assert.deepEqual(done.slip, { status: 'failed', reason: 'no_printer' }, 'no printer here: the number is on the screen');
  assert.equal(told.filter((c) => c.kind === 'choices').length, 1, 'the choices went to the eligibility service');
});

test('a first visit is registered as a new patient and its 照会番号 registered for the next visit', async () => {
  const s = service();
  const result = valid({ name: '新井　花子', nameKana: 'アライ　ハナコ', birthdate: '19900505', sex: '2', insuredIdentificationNumber: '9999' });
  const v = s.startVisit({ result }, 'android');
  await s.choose(v.visitId, { ...CHOICES, prescription: 'paper' });
  const done = await s.register(v.visitId, '10');
  assert.equal(done.patient, 'new');
  const patientId = told.find((c) => c.kind === 'reference')?.args as { patientId: string; arbitraryFileIdentifier: string };
  assert.equal(patientId.arbitraryFileIdentifier, result.arbitraryFileIdentifier);
  const patient = await orca.findPatient(patientId.patientId);
  assert.equal(patient?.birthdate.replace(/-/g, ''), '19900505');
  assert.equal((await receptionsOf(patientId.patientId)).length, 1);
});

test('killed between ORCA\'s answer and writing it: resume finds the reception in acceptlstv2 and registers none again', async () => {
  const s = service();
  const v = s.startVisit({ result: valid({ referenceNumber: '00002', name: '髙橋　一郎', birthdate: '19650921' }) }, 'card');
  await s.choose(v.visitId, { ...CHOICES });
  // The visit is written 'registering' first, exactly as register() does before acceptmodv2 …
  const visits = createVisitStore(db, createQueue(db), 'hospital-kiosk-1', Date.now);
  visits.patch(v.visitId, { patientId: '00002', patientKind: 'returning' });
  visits.transition(v.visitId, 'registering', { patch: { department: '01', receptionTime: '09:00:00' } });
  // … ORCA registers it, and the kiosk dies before the answer is written down.
  const lost = await orca.registerReception({ patientId: '00002', department: '01', time: '09:00:00' });
  await service().resume();
  const row = visits.load(v.visitId);
  assert.equal(row.state, 'done');
  assert.equal(row.acceptanceId, lost.acceptanceId);
  assert.equal((await receptionsOf('00002')).length, 1, 'one reception in ORCA for the visit');
});

test('a patient already received today in that department gets that reception, not a second one', async () => {
  const s = service();
  const v = s.startVisit({ result: valid({ referenceNumber: '00001' }) }, 'iphone');
  await s.choose(v.visitId, { ...CHOICES });
  const again = await s.register(v.visitId, '01');
  const rows = await receptionsOf('00001');
  assert.equal(rows.length, 1);
  assert.equal(again.receptionNumber, rows[0]!.acceptanceId);
});

test('eligibility unavailable: the patient goes on and gets a reception by name only (no patient in it), once; the desk attaches the patient', async () => {
  const s = service();
  const before = (await orca.todaysReceptions('03')).length;
  const v = s.startVisit({ error: new Error('connect ECONNREFUSED') }, 'card');
  assert.deepEqual([v.eligibility?.outcome, v.eligibility?.next], ['unconfirmed', 'choose_then_show_document']);
  assert.equal(v.eligibility?.ratioPercent, undefined, 'never a 負担割合 (10割) by default');
  await s.choose(v.visitId, { ...CHOICES });
  const end = await s.register(v.visitId, '01');
  assert.deepEqual([end.state, end.patient, end.deskReason], ['done', undefined, undefined]);
  const today = await orca.todaysReceptions('03');
  assert.equal(today.length, before + 1);
  const mine = today.find((r) => r.acceptanceId === end.receptionNumber);
  assert.deepEqual(mine && [mine.patientId, mine.wholeName, mine.department], ['', UNCONFIRMED_RECEPTION_NAME, '01']);
  await assert.rejects(s.register(v.visitId, '01'), (e) => isKioskError(e, 'reception.invalid_state'));
  // Nothing to re-check with (no answer came): the visit is not waiting for one.
  assert.equal(createVisitStore(db, createQueue(db), 'hospital-kiosk-1', Date.now).load(v.visitId).recheckPending, false);
  // The desk, having seen the お知らせ, attaches the patient (acceptmodv2 03).
  await orca.attachPatient({ acceptanceId: end.receptionNumber!, patientId: '00003', department: '01' });
  assert.equal((await orca.todaysReceptions('03')).find((r) => r.acceptanceId === end.receptionNumber)?.patientId, '00003');
});

test('killed after ORCA registered a reception by name only: resume adopts the one of its name, department and time, not another visit\'s', async () => {
  const s = service();
  const v = s.startVisit({ error: new Error('connect ECONNREFUSED') }, 'card');
  await s.choose(v.visitId, { ...CHOICES });
  const visits = createVisitStore(db, createQueue(db), 'hospital-kiosk-1', Date.now);
  visits.transition(v.visitId, 'registering', { patch: { department: '10', receptionTime: '11:00:01' } });
  // Another unconfirmed patient received a second earlier, then this visit's own; the kiosk dies before writing it.
  await orca.registerReception({ wholeName: UNCONFIRMED_RECEPTION_NAME, department: '10', time: '11:00:00' });
  const lost = await orca.registerReception({ wholeName: UNCONFIRMED_RECEPTION_NAME, department: '10', time: '11:00:01' });
  const before = (await orca.todaysReceptions('03')).length;
  await service().resume();
  const row = visits.load(v.visitId);
  assert.deepEqual([row.state, row.acceptanceId], ['done', lost.acceptanceId]);
  assert.equal((await orca.todaysReceptions('03')).length, before, 'none registered again');
});

test('a 処理中 answer past the bound: a reception by name only; the re-check confirms the patient and attaches them to it', async () => {
  const fileId = 'f-pending-attach';
  let answered = false;
  const pending: EligibilityResult = { arbitraryFileIdentifier: fileId, segmentOfResult: '2', rawXml: '' };
  const s = service({ ...eligibilityCalls, poll: async () => (answered ? valid({ arbitraryFileIdentifier: fileId, referenceNumber: '00002' }) : pending) }, 0);
  const started = s.startVisit({ result: pending }, 'card');
  const v = await s.view(started.visitId);
  assert.equal(v.eligibility?.outcome, 'unconfirmed');
  await s.choose(v.visitId, { ...CHOICES });
  const end = await s.register(v.visitId, '10');
  assert.equal(end.state, 'done');
  const row = () => orca.todaysReceptions('03').then((all) => all.find((r) => r.acceptanceId === end.receptionNumber));
  assert.equal((await row())?.patientId, '');
  assert.equal(await s.recheck(), 0, 'still 処理中: nothing changes');
  answered = true;
  assert.equal(await s.recheck(), 1);
  assert.deepEqual([(await row())?.patientId, (await row())?.department], ['00002', '10']);
});

test('an outcome handled at the desk cannot be chosen on, and a 公費 question must be answered when there is one', async () => {
  const s = service();
  const lost = s.startVisit({ result: valid({ qualificationValidity: '3' }) }, 'card');
  await assert.rejects(s.choose(lost.visitId, { ...CHOICES }), (e) => isKioskError(e, 'reception.send_to_desk'));
  const aid = s.startVisit({ result: valid({ referenceNumber: '00003', publicExpenses: [{ providerNumber: '54136015' }] }) }, 'card');
  await assert.rejects(s.choose(aid.visitId, { ...CHOICES }), (e) => isKioskError(e, 'input.invalid') && e.details.field === 'publicAid');
  assert.equal((await s.choose(aid.visitId, { ...CHOICES, publicAid: 'use' })).state, 'chosen');
});

test('an outright outage: the desk attaches the patient, and once the service answers the housekeeping round confirms the visit by number', async () => {
  // The real eligibility client against the simulator: WebAPI for the card check, REQ/RES folders for the number check.
  const eligibility = createEligibilityClient({ url: onshi.url, medicalInstitutionCode: '1311111111', folder: join(dir, 'onshi'), timeoutMs: 400 });
  const s = service(eligibility);
  const visits = createVisitStore(db, createQueue(db), 'hospital-kiosk-1', Date.now);
  onshi.outage(true);
  const check = await eligibility.challenge().then(() => assert.fail('the service is down'), (error: unknown) => ({ error }));
  assert.ok(isKioskError(check.error, 'eligibility.unavailable'));
  const receive = async () => {
    const v = s.startVisit(check, 'card');
    await s.choose(v.visitId, { ...CHOICES });
    return s.register(v.visitId, '10');
  };
  const attached = await receive();
  const never = await receive();
  assert.ok(attached.receptionNumber && never.receptionNumber);

  // The desk, seeing 資格情報のお知らせ, registers the patient in ORCA (patientmodv2) and attaches them (acceptmodv2 03).
  const { patientId } = await orca.registerPatient({
    name: '山田　太郎', kanaName: 'ヤマダ　タロウ', birthdate: '1980-02-17', sex: '1',
    insurance: { insurerNumber: '06132013', symbol: '山田', number: '1001', branch: '00', personalFamily: '1' },
  });
  await orca.attachPatient({ acceptanceId: attached.receptionNumber, patientId, department: '10' });
  assert.deepEqual((await orca.findPatient(patientId))?.insurance, { insurerNumber: '06132013', symbol: '山田', number: '1001', branch: '00' },
    'patientgetv2 gives back the numbers the desk entered (half-width again)');

  // Still down: nothing changes, the visit waits for the next round.
  assert.equal(await s.recheck(), 0);
  assert.deepEqual([visits.load(attached.visitId).outcome, visits.load(attached.visitId).patientId], ['unconfirmed', null]);

  onshi.outage(false);
  assert.equal(await s.recheck(), 1, 'the attached visit is confirmed; the other is left alone');
  const row = visits.load(attached.visitId);
  assert.deepEqual([row.state, row.outcome, row.ratioPercent, row.patientId, row.recheckPending], ['done', 'valid', 30, patientId, false]);
  const left = visits.load(never.visitId);
  assert.deepEqual([left.outcome, left.patientId, left.eligibilityJson], ['unconfirmed', null, null], 'never attached: no guess');
  assert.equal(await s.recheck(), 0, 'a confirmed visit is not checked again');

  // What the desk sees: the events the back office folds into its rows.
  const events = (visitId: string) => (db.sqlite.prepare('SELECT idempotency_key AS key, kind, payload AS payloadJson, created_at AS createdAt FROM outbox WHERE stream = ? ORDER BY id')
    .all(streamOf(visitId)) as { key: string; kind: string; payloadJson: string; createdAt: number }[]).map((e) => ({ ...e, kioskId: 'hospital-kiosk-1' }));
  const rechecked = events(attached.visitId).filter((e) => e.kind === 'reception.eligibility').map((e) => JSON.parse(e.payloadJson) as Record<string, unknown>);
  assert.equal(rechecked.length, 1);
  assert.deepEqual([rechecked[0]!.patientRef, (rechecked[0]!.eligibility as { state: string; ratioPercent: number }).state], [patientId, 'confirmed']);
  const orcaRatio = (await orca.findPatient(patientId))?.ratioPercent ?? null;
  const [desk] = withRatios(foldVisits(events(attached.visitId)), new Map([[patientId, orcaRatio]]));
  assert.deepEqual([desk?.eligibility.state, desk?.patientId, desk?.ratio], ['confirmed', patientId, { online: 30, accounting: 30, mismatch: false }]);
  const [unattended] = foldVisits(events(never.visitId));
  assert.deepEqual([unattended?.eligibility.state, unattended?.patientId], ['unconfirmed', null]);
});
