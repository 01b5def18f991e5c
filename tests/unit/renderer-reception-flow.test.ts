// Hospital reception's screens as pure reducers, in Node: the app flow's "service chosen before the
// card" path (card or phone → place it → PIN → the reception flow, never the last PIN try), and the
// reception steps after the check — each outcome, consent all / one by one, 公費 only when offered,
// the prescription, the department, the number — plus the words and the voice of each ending.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EligibilityView, VisitView } from '../../common/api/contract';
import { flow, idleTimed, initialFlow, type FlowAction, type FlowState } from '../../renderer/src/app/flow';
import { screenSpeech } from '../../renderer/src/app/spoken';
import { choicesOf, idleApplies, initialReception, receptionFlow, type ReceptionAction, type Step } from '../../renderer/src/features/reception/reception-flow';
import { prepareSpeech, receptionSpeech } from '../../renderer/src/features/reception/spoken';
import { deskText } from '../../renderer/src/features/reception/words';
import { plain } from '../../renderer/src/i18n';

const R = 'Virtual PCD 00 00';
const holder = { issuer: 'JPKI-TEST', notBefore: '2024-01-01T00:00:00Z', notAfter: '2029-01-01T00:00:00Z', serialTail: 'ABCD', revocation: 'good' as const, authenticatedAt: '2025-01-01T00:00:00Z' };
const both: FlowAction = { type: 'offered', services: [{ name: 'issuance', cardOffFirst: true }, { name: 'reception', cardOffFirst: false, beforeCard: true }] };
const runApp = (actions: FlowAction[], from: FlowState = initialFlow) => actions.reduce(flow, from);

const departments = [
  { code: '01', name: { ja: '[内科|ないか]', en: 'Internal medicine', zh: '内科', ko: '내과' } },
  { code: '10', name: { ja: '[外科|げか]', en: 'Surgery', zh: '外科', ko: '외과' } },
];
const valid: EligibilityView = { outcome: 'valid', next: 'choose', staffFlag: 'none', ratioPercent: 30, hasPublicAid: false };
const visit = (patch: Partial<VisitView> = {}): VisitView => ({
  visitId: 'v1', state: 'outcome', medium: 'card', eligibility: valid, departments, slip: { status: 'pending' }, ...patch,
});
const run = (actions: ReceptionAction[], from: Step = initialReception) => actions.reduce(receptionFlow, from);

describe('app flow: a service chosen before the card', () => {
  it('idle → choose card or phone → place it → reading names the service and the device → PIN → straight into the service', () => {
    let s = runApp([both, { type: 'prepare', service: 'reception' }]);
    assert.deepEqual(s.screen, { name: 'prepare', service: 'reception', device: null });
    assert.ok(idleTimed(s.screen), 'choosing how to check in is not exempt from the idle rule');
    s = runApp([{ type: 'device', device: 'android' }, { type: 'card-inserted', reader: R }], s);
    assert.deepEqual(s.screen, { name: 'reading', reader: R, via: { service: 'reception', device: 'android' } });
    s = runApp([{ type: 'start-ok', overview: { reader: R, authPinTriesLeft: 3 } }, { type: 'login-submitted' }, { type: 'login-ok', holder }], s);
    assert.deepEqual(s.screen, { name: 'service', service: 'reception', reader: R, device: 'android' }, 'no menu after the PIN');
  });

  it('never offers the last PIN try: one left at the start, or one left after a wrong PIN, sends the patient to the desk', () => {
    const reading = runApp([both, { type: 'prepare', service: 'reception' }, { type: 'device', device: 'card' }, { type: 'card-inserted', reader: R }]);
    const atStart = runApp([{ type: 'start-ok', overview: { reader: R, authPinTriesLeft: 1 } }], reading);
    assert.equal(atStart.screen.name === 'error' && atStart.screen.error.kind, 'reception.last_pin_try');
    const afterWrong = runApp([{ type: 'start-ok', overview: { reader: R, authPinTriesLeft: 3 } }, { type: 'login-submitted' }, { type: 'failed', error: { kind: 'card.wrong_pin', details: { triesLeft: 2 } } }], reading);
    assert.equal(afterWrong.screen.name === 'pin' && afterWrong.screen.triesLeft, 2, 'two left: the PIN screen again');
    const last = runApp([{ type: 'login-submitted' }, { type: 'failed', error: { kind: 'card.wrong_pin', details: { triesLeft: 1 } } }], afterWrong);
    assert.equal(last.screen.name === 'error' && last.screen.error.kind, 'reception.last_pin_try');
    // Certificate issuance keeps its own rule: the last try is offered with a warning.
    const issuance = runApp([both, { type: 'card-inserted', reader: R }, { type: 'start-ok', overview: { reader: R, authPinTriesLeft: 1 } }]);
    assert.equal(issuance.screen.name, 'pin');
  });

  it('a card placed on the idle screen of a kiosk offering both goes the usual way; at a reception-only kiosk it is reception', () => {
    const mixed = runApp([both, { type: 'card-inserted', reader: R }]);
    assert.deepEqual(mixed.screen, { name: 'reading', reader: R });
    const hospital = runApp([{ type: 'offered', services: [{ name: 'reception', cardOffFirst: false, beforeCard: true }] }, { type: 'card-inserted', reader: R }]);
    assert.deepEqual(hospital.screen, { name: 'reading', reader: R, via: { service: 'reception', device: 'card' } });
  });

  it('the idle screen says the reception button after the card hint (not when there is no reader)', () => {
    assert.deepEqual(screenSpeech({ name: 'idle' }, { cardOnReader: false, noReader: false, starts: ['rcp.start'] })?.map((x) => x.k), ['idle.title', 'idle.hint', 'rcp.start']);
    assert.deepEqual(screenSpeech({ name: 'idle' }, { cardOnReader: false, noReader: true, starts: ['rcp.start'] })?.map((x) => x.k), ['idle.title', 'idle.noReader']);
  });

  it('going back from the device question is the idle screen, and a service not chosen before the card cannot be prepared', () => {
    const s = runApp([both, { type: 'prepare', service: 'reception' }, { type: 'home' }]);
    assert.deepEqual(s.screen, { name: 'idle' });
    assert.deepEqual(runApp([both, { type: 'prepare', service: 'issuance' }]).screen, { name: 'idle' });
    // …nor opened from the menu after a sign-in that did not name it (its own party never checked the card).
    const signedIn = runApp([both, { type: 'card-inserted', reader: R }, { type: 'start-ok', overview: { reader: R, authPinTriesLeft: 3 } }, { type: 'login-submitted' }, { type: 'login-ok', holder }]);
    assert.equal(runApp([{ type: 'open-service', service: 'reception' }], signedIn).screen.name, 'authenticated');
  });
});

describe('reception flow', () => {
  it('valid: outcome with 負担割合 → すべて同意 → prescription → department → number', () => {
    let s = run([{ type: 'visit', visit: visit() }]);
    assert.equal(s.step, 'outcome');
    s = run([{ type: 'next' }, { type: 'consent-all' }], s);
    assert.equal(s.step, 'prescription', 'no 公費 in the result: the question is not asked');
    s = run([{ type: 'prescription', choice: 'electronic' }], s);
    assert.equal(s.step, 'choosing');
    assert.deepEqual(s.step === 'choosing' && choicesOf(s.draft), { consent: { diagnosis: true, medication: true, checkups: true, surgery: true }, publicAid: 'none', prescription: 'electronic' });
    s = run([{ type: 'visit', visit: visit({ state: 'chosen' }) }, { type: 'department', code: '99' }], s);
    assert.equal(s.step, 'department', 'an unknown department is not taken');
    s = run([{ type: 'department', code: '10' }], s);
    assert.equal(s.step === 'registering' && s.department, '10');
    s = run([{ type: 'visit', visit: visit({ state: 'registered', department: '10', receptionNumber: '7', receptionTime: '09:41:05' }) }], s);
    assert.equal(s.step, 'done');
    if (s.step !== 'done') return;
    assert.equal(s.number, '7');
    assert.equal(s.time, '09:41');
    assert.equal(s.department?.code, '10');
    assert.equal(s.unconfirmed, false);
    s = run([{ type: 'visit', visit: visit({ state: 'done', department: '10', receptionNumber: '7', receptionTime: '09:41:05', slip: { status: 'printed' } }) }], s);
    assert.equal(s.step === 'done' && s.slip.status, 'printed');
  });

  it('consent one by one starts with nothing agreed, keeps each answer, and 公費 is asked when the result has one', () => {
    let s = run([{ type: 'visit', visit: visit({ eligibility: { ...valid, hasPublicAid: true } }) }, { type: 'next' }, { type: 'consent-each' }]);
    assert.equal(s.step, 'consent-each');
    s = run([{ type: 'consent-set', item: 'medication', value: true }, { type: 'consent-set', item: 'surgery', value: true }, { type: 'consent-set', item: 'surgery', value: false }, { type: 'consent-done' }], s);
    assert.equal(s.step, 'public-aid');
    s = run([{ type: 'public-aid', choice: 'use' }, { type: 'prescription', choice: 'paper' }], s);
    assert.deepEqual(s.step === 'choosing' && choicesOf(s.draft), { consent: { diagnosis: false, medication: true, checkups: false, surgery: false }, publicAid: 'use', prescription: 'paper' });
  });

  it('back goes one question back and keeps what was chosen', () => {
    let s = run([{ type: 'visit', visit: visit({ eligibility: { ...valid, hasPublicAid: true } }) }, { type: 'next' }, { type: 'consent-all' }, { type: 'back' }]);
    assert.equal(s.step, 'consent');
    s = run([{ type: 'consent-each' }], s);
    assert.deepEqual(s.step === 'consent-each' && s.each, { diagnosis: true, medication: true, checkups: true, surgery: true });
  });

  it('unavailable: the outcome says what to show at the desk, reception goes on, the number says "unconfirmed"', () => {
    const unconfirmed: EligibilityView = { outcome: 'unconfirmed', next: 'choose_then_show_document', staffFlag: 'recheck_pending', hasPublicAid: false };
    let s = run([{ type: 'visit', visit: visit({ eligibility: unconfirmed }) }]);
    assert.equal(s.step === 'outcome' && s.visit.eligibility.outcome, 'unconfirmed');
    s = run([{ type: 'visit', visit: visit({ eligibility: unconfirmed, state: 'registered', receptionNumber: '12', receptionTime: '10:00:00', department: '01' }) }], { step: 'checking' });
    assert.equal(s.step === 'done' && s.unconfirmed, true);
  });

  for (const [outcome, next, title] of [
    ['new_qualification', 'desk', 'rcp.desk.new_qualification.title'], ['invalid', 'desk', 'rcp.desk.invalid.title'], ['not_found', 'desk', 'rcp.desk.not_found.title'],
    ['multiple', 'desk', 'rcp.desk.multiple.title'], ['unregistered', 'register_card', 'rcp.desk.unregistered.title'], ['error', 'desk', 'rcp.desk.error.title'],
  ] as const) {
    it(`${outcome}: straight to the desk with its own words`, () => {
      const s = run([{ type: 'visit', visit: visit({ state: 'sent_to_desk', eligibility: { outcome, next, staffFlag: 'invalid', hasPublicAid: false } }) }]);
      assert.equal(s.step, 'desk');
      if (s.step !== 'desk') return;
      assert.equal(deskText(s.why).title, title);
      assert.deepEqual(receptionSpeech(s, 'card').slice(0, 2).map((x) => x.k), [title, deskText(s.why).body]);
    });
  }

  it('accounting refusals: already received today → desk with its words; the system down → failed; a slip fault keeps the number', () => {
    const registering = run([{ type: 'visit', visit: visit() }, { type: 'next' }, { type: 'consent-all' }, { type: 'prescription', choice: 'paper' }, { type: 'visit', visit: visit({ state: 'chosen' }) }, { type: 'department', code: '01' }]);
    const twice = run([{ type: 'error', kind: 'accounting.already_received' }], registering);
    assert.equal(twice.step === 'desk' && deskText(twice.why).title, 'rcp.desk.already_received.title');
    assert.deepEqual(run([{ type: 'error', kind: 'accounting.unavailable' }], registering), { step: 'failed', problem: 'accounting' });
    const done = run([{ type: 'visit', visit: visit({ state: 'registered', receptionNumber: '3', receptionTime: '11:00:00' }) }, { type: 'error', kind: 'print.printer_fault' }], registering);
    assert.equal(done.step === 'done' && `${done.number} ${done.slip.status}`, '3 failed');
  });

  it('the idle timer pauses while the kiosk works (checking, sending, registering, printing the slip)', () => {
    assert.equal(idleApplies({ step: 'checking' }), false);
    assert.equal(idleApplies(run([{ type: 'visit', visit: visit() }])), true);
  });

  it('speaks the ratio and the number, and says to take the card or the phone', () => {
    const outcome = run([{ type: 'visit', visit: visit() }]);
    assert.equal(plain('ja', receptionSpeech(outcome, 'card')[1]!.k, receptionSpeech(outcome, 'card')[1]!.vars, true), 'まどぐちでのごふたんは 3わりです');
    assert.equal(plain('en', receptionSpeech(outcome, 'card')[1]!.k, receptionSpeech(outcome, 'card')[1]!.vars), 'You pay 30% of the cost at the counter');
    const done = run([{ type: 'visit', visit: visit({ state: 'done', receptionNumber: '15', receptionTime: '09:00:00', slip: { status: 'printed' } }) }]);
    const said = receptionSpeech(done, 'iphone').map((x) => x.k);
    assert.ok(said.includes('rcp.done.numberValue') && said.includes('rcp.takePhone') && !said.includes('rcp.takeCard'));
    assert.deepEqual(prepareSpeech('android').map((x) => x.k).slice(0, 2), ['rcp.place.android', 'rcp.place.androidHint']);
  });
});
