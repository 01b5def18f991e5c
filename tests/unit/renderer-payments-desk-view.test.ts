// test-lane: free
// The payment desk's words as pure functions: a status is a symbol and a word, what may still be
// refunded, the refund form's check before the confirm step, the messages of failures, the
// settlement's verdict (never 「一致」 when the accounting system could not be read), and which tabs
// a kiosk's services give the desk.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { DeskPaymentRowView, DeskPaymentsView } from '../../common/api/contract';
import { plain } from '../../renderer/src/i18n';
import { deskTabs } from '../../renderer/src/features/desk/desk-view';
import { STATUS_SYMBOL, actionErrorKey, heldReason, loadErrorKey, refundProblem, refundable, statusKey, verdict } from '../../renderer/src/features/desk/payments-view';

const row = (o: Partial<DeskPaymentRowView> = {}): DeskPaymentRowView => ({
  paymentRef: 'co-1-1', kioskId: 'k1', at: '2026-12-06T03:00:00.000Z', patientRef: '00001', invoiceNumber: '0000001', method: 'cash', amount: 1790, refunded: 0, status: 'recorded', ...o,
});
const view = (o: Partial<DeskPaymentsView> & { reconciled?: boolean } = {}): DeskPaymentsView => ({
  date: '2026-12-06', medicalInstitutionCode: '1311111111', accounting: 'available', unpaid: [], held: [], payments: [], fetchedAt: '2026-12-06T03:00:00.000Z',
  settlement: { byMethod: [], kiosksTotal: 0, accountingTotal: 0, reconciled: o.reconciled ?? true, differences: [] }, ...o,
});

it('every status reads as a symbol and a word in each language, not by colour', () => {
  for (const s of ['paid', 'recorded', 'held', 'refunded'] as const) {
    assert.ok(STATUS_SYMBOL[s].length > 0);
    for (const lang of ['ja', 'en', 'zh', 'ko'] as const) assert.ok(plain(lang, statusKey(s)).length > 0, `${s} in ${lang}`);
  }
  assert.equal(plain('ja', statusKey('held')), '保留');
  assert.equal(plain('en', heldReason('accounting_rejected')!.k), 'Refused by the accounting system');
  const unknown = heldReason('printer_jam')!;
  assert.equal(plain('ja', unknown.k, unknown.vars), 'その他（printer_jam）', 'a reason this screen does not know is shown as its code');
});

it('what may be refunded: the rest of a recorded payment; a held one is settled, a refunded one is done', () => {
  assert.equal(refundable(row({ refunded: 500 })), 1290);
  assert.equal(refundable(row({ status: 'paid' })), 1790);
  assert.equal(refundable(row({ status: 'held' })), 0);
  assert.equal(refundable(row({ status: 'refunded', refunded: 1790 })), 0);
});

it('the refund form goes to the confirm step only with an amount from ¥1 to what is left and a reason', () => {
  const r = row({ refunded: 790 });
  assert.deepEqual(refundProblem(r, '1001', 'wrong_amount'), { k: 'desk.pay.invalid.amount', vars: { max: '1,000' } });
  assert.equal(plain('ja', 'desk.pay.invalid.amount', { max: '1,000' }), '返金額は 1円から1,000までです');
  assert.deepEqual(refundProblem(r, '0', 'wrong_amount')?.k, 'desk.pay.invalid.amount');
  assert.deepEqual(refundProblem(r, '', 'wrong_amount')?.k, 'desk.pay.invalid.amount');
  assert.deepEqual(refundProblem(r, '500', ' '), { k: 'desk.pay.invalid.reason' });
  assert.equal(refundProblem(r, '1000', 'wrong_amount'), null);
});

it('a failed action says where to go; a failed load keeps its own words', () => {
  assert.equal(plain('ja', actionErrorKey('api.unsupported')), 'この端末では返金できません。支払いを受けた端末で行ってください');
  assert.equal(actionErrorKey('billing.not_found'), 'desk.pay.error.notFound');
  assert.equal(actionErrorKey('billing.invalid_state'), 'desk.pay.error.state');
  assert.equal(actionErrorKey('payment.timeout'), 'desk.pay.error.device');
  assert.equal(actionErrorKey('accounting.unavailable'), 'desk.pay.error.accounting');
  assert.equal(loadErrorKey('sync.unreachable'), 'desk.error.unreachable');
  assert.equal(loadErrorKey('backoffice.refused'), 'desk.pay.error.refused');
});

it('the verdict: 一致 only when the accounting system was read and every payment agrees', () => {
  assert.equal(verdict(view()), 'reconciled');
  assert.equal(verdict(view({ reconciled: false })), 'mismatch');
  assert.equal(verdict(view({ accounting: 'unavailable', reconciled: false })), 'unchecked');
  assert.equal(verdict(view({ accounting: 'none', reconciled: true })), 'unchecked');
});

it('the desk\'s tabs follow the kiosk\'s services', () => {
  assert.deepEqual(deskTabs(['issuance', 'reception']), ['reception', 'payments']);
  assert.deepEqual(deskTabs(['billing']), ['payments']);
  assert.deepEqual(deskTabs(['reception', 'billing']), ['reception', 'payments']);
  assert.deepEqual(deskTabs(['issuance']), []);
});
