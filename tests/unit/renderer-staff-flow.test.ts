// The staff screen's reducer and the app flow around staff mode, in Node: what staff see after each
// step and outcome, which decisions a request offers, and that the resident's screen (and its
// holder data) is gone once staff mode is entered.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HeldRequestView, StaffHeldView } from '../../common/api/contract';
import { flow, initialFlow, type FlowState } from '../../renderer/src/app/flow';
import { decisionsFor, initialStaff, staffFlow, type StaffAction, type StaffState } from '../../renderer/src/features/staff/staff-flow';
import { paperKey, staffPrinterKey, whatKey } from '../../renderer/src/features/staff/words';

const held: HeldRequestView = { requestId: '6d1f0c2a-1b3c-4d5e-8f90-a1b2c3d4e5f6', state: 'held', type: 'inkan', issuanceNumber: '2025-000042', paid: 200,
  since: '2025-06-01T01:02:03.000Z', what: 'media-jam', maybePrinted: true, moneyOwed: false };
const owed: HeldRequestView = { ...held, requestId: '7d1f0c2a-1b3c-4d5e-8f90-a1b2c3d4e5f6', state: 'failed', what: 'refund-failed', moneyOwed: true };
const list: StaffHeldView = { printer: { state: 'stopped', needsStaff: true, message: 'printer.media-jam' }, held: [held, owed] };
const run = (actions: StaffAction[], from: StaffState = initialStaff(list)) => actions.reduce(staffFlow, from);

describe('staff screen', () => {
  it('list → reason → confirm → working → outcome, and back to the list', () => {
    let st = run([{ type: 'choose', requestId: held.requestId, decision: 'reprint' }]);
    assert.equal(st.s.step, 'reason');
    st = run([{ type: 'reason', reason: 'cleared-jam' }, { type: 'back' }, { type: 'reason', reason: 'cleared-jam' }, { type: 'confirm' }], st);
    assert.deepEqual(st.s.step === 'working' && [st.s.decision, st.s.reason], ['reprint', 'cleared-jam']);
    st = run([{ type: 'resolved', result: { requestId: held.requestId, state: 'printed', refunded: 0, outcome: { status: 'printed', sheets: 1 } } }], st);
    assert.deepEqual(st.s.step === 'outcome' && st.s.outcome, { kind: 'reprinted' });
    assert.equal(run([{ type: 'to-list' }], st).s.step, 'list');
  });

  it('says what became of the money: refunded with the amount, or owed when the device could not pay', () => {
    const working = run([{ type: 'choose', requestId: held.requestId, decision: 'refund' }, { type: 'reason', reason: 'no-paper-out' }, { type: 'confirm' }]);
    const done = run([{ type: 'resolved', result: { requestId: held.requestId, state: 'refunded', refunded: 200 } }], working);
    assert.deepEqual(done.s.step === 'outcome' && done.s.outcome, { kind: 'refunded', amount: 200 });
    const failed = run([{ type: 'failed', kind: 'payment.failed' }], working);
    assert.deepEqual(failed.s.step === 'outcome' && failed.s.outcome, { kind: 'owed', amount: 200 });
    const again = run([{ type: 'failed', kind: 'issuance.invalid_state' }], working);
    assert.deepEqual(again.s.step === 'outcome' && again.s.outcome, { kind: 'gone' });
  });

  it('offers a request with the fee owed only a refund, and ignores decisions it does not offer', () => {
    assert.deepEqual(decisionsFor(held), ['printed', 'reprint', 'refund']);
    assert.deepEqual(decisionsFor(owed), ['refund']);
    assert.equal(run([{ type: 'choose', requestId: owed.requestId, decision: 'reprint' }]).s.step, 'list');
  });

  it('puts the printer and what happened in words, never a code', () => {
    assert.deepEqual(['printer.media-empty-error', 'printer.media-jam', 'printer.offline', 'printer.ready', 'printer.toner-low'].map(staffPrinterKey),
      ['staff.printer.media-empty', 'staff.printer.media-jam', 'staff.printer.offline', 'staff.printer.ready', 'staff.printer.other']);
    assert.deepEqual(['offline', 'interrupted_during_printing', 'server-error-busy'].map(whatKey), ['staff.what.offline', 'staff.what.interrupted', 'staff.what.other']);
    assert.deepEqual([true, false, null].map(paperKey), ['staff.paper.maybe', 'staff.paper.no', 'staff.paper.unknown']);
  });
});

describe('app flow with staff mode', () => {
  const R = 'Virtual PCD 00 00';
  const inIssuance: FlowState = { cards: [], offered: [{ name: 'issuance', cardOffFirst: true }], screen: { name: 'service', service: 'issuance', reader: R } };

  it('entering staff mode leaves the resident screen; the session ending then changes nothing', () => {
    const s = flow(inIssuance, { type: 'staff-unlocked', held: list });
    assert.deepEqual(s.screen, { name: 'staff', held: list });
    assert.deepEqual(flow(s, { type: 'session-ended', reason: 'staff' }), s);
    assert.deepEqual(flow(s, { type: 'card-inserted', reader: R }).screen, s.screen, 'a card does not take over the staff screen');
  });

  it('leaving staff mode returns to idle, or starts the visit of a card already placed', () => {
    const s = flow(initialFlow, { type: 'staff-unlocked', held: list });
    assert.deepEqual(flow(s, { type: 'staff-exit' }).screen, { name: 'idle' });
    const withCard = flow(s, { type: 'card-inserted', reader: R });
    assert.deepEqual(flow(withCard, { type: 'staff-exit' }).screen, { name: 'reading', reader: R });
    assert.deepEqual(flow(initialFlow, { type: 'staff-exit' }), initialFlow);
  });
});
