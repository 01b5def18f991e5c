// Hospital payment's screens as a pure reducer, in Node: the bill with its breakdown and methods,
// paying by each method (the acceptor's progress, the linked account's one confirm), a payment
// refused (declined, cancelled, timeout, bill changed at the desk) bringing the patient back to the
// bill with why and nothing taken, money taken → printing → done (the documents' outcome, the
// change, linking a card for next time), and the endings with their words and voice.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckoutView } from '../../common/api/contract';
import { billingFlow, idleApplies, initialBilling, methodButtons, type BillingAction, type Step } from '../../renderer/src/features/billing/billing-flow';
import { billingSpeech } from '../../renderer/src/features/billing/spoken';
import { deskText } from '../../renderer/src/features/billing/words';
import { offeredServices } from '../../renderer/src/app/services';
import { plain, type Lang } from '../../renderer/src/i18n';

const bill = {
  invoiceNumber: '123', performedOn: '2026-12-06', total: 1230, alreadyPaid: 0, due: 1230, ratioPercent: 30,
  insurance: { points: 410, medicalCost: 4100, patientShare: 1230 }, outOfInsurance: 0, limitApplied: false,
  categories: [{ code: 'A00', points: 288 }, { code: 'F00', points: 122 }],
};
const view = (patch: Partial<CheckoutView> = {}): CheckoutView => ({
  checkoutId: 'c1', state: 'bill_shown', bill, methods: ['cash', 'ic', 'card'], documents: { status: 'pending' }, moreUnpaid: 0, ...patch,
});
const run = (actions: BillingAction[], from: Step = initialBilling) => actions.reduce(billingFlow, from);
const said = (s: Step, lang: Lang = 'ja') => billingSpeech(s, 'card').map((x) => plain(lang, x.k, x.vars, true)).join(' ');

describe('billing flow', () => {
  it('is offered before the card with its own button, after reception', () => {
    assert.deepEqual(offeredServices(['reception', 'billing']).map((m) => [m.name, m.testId, m.beforeCard]), [['reception', 'to-reception', true], ['billing', 'to-billing', true]]);
  });

  it('looking up → the bill: the amount due said in yen, one 現金・電子マネー button for the acceptor, the card, the linked account first', () => {
    let s = run([{ type: 'view', view: view() }]);
    assert.equal(s.step, 'bill');
    assert.ok(idleApplies(s), 'the patient is deciding: the idle timer runs');
    assert.match(said(s), /1,230えん/);
    assert.match(said(s, 'en'), /1,230 yen/);
    assert.deepEqual(methodButtons(['cash', 'ic', 'card']), ['cash', 'card']);
    assert.deepEqual(methodButtons(['ic', 'card', 'linked']), ['linked', 'ic', 'card']);
    s = run([{ type: 'choose', method: 'linked' }], s);
    assert.equal(s.step, 'bill', 'a method this checkout does not offer is not taken');
  });

  it('cash: paying follows the acceptor (inserted, still to pay); money taken → printing → done with the change', () => {
    let s = run([{ type: 'view', view: view() }, { type: 'choose', method: 'cash' }]);
    assert.equal(s.step === 'paying' && s.remaining, 1230);
    assert.ok(!idleApplies(s), 'paying is not idleness');
    s = run([{ type: 'progress', progress: { checkoutId: 'c1', state: 'paying', phase: 'collecting', inserted: 1000, remaining: 230 } }], s);
    assert.deepEqual(s.step === 'paying' && [s.inserted, s.remaining], [1000, 230]);
    assert.match(said(s), /あと 230えん/);
    s = run([{ type: 'progress', progress: { checkoutId: 'other', state: 'paid' } }], s);
    assert.equal(s.step, 'paying', "another checkout's news is not ours");
    s = run([{ type: 'progress', progress: { checkoutId: 'c1', state: 'paying', phase: 'recording' } }], s);
    assert.equal(s.step, 'printing', 'the 入金 phase of billing.pay: the money is in');
    const paid = { method: 'cash' as const, status: 'paid' as const, inserted: 1500, paid: 1230, change: 270, refunded: 0 };
    s = run([{ type: 'view', view: view({ state: 'done', payment: paid, documents: { status: 'printed' } }) }], s);
    assert.equal(s.step, 'done');
    assert.equal(s.step === 'done' && s.link, 'offer', 'no linked account yet: offered');
    assert.match(said(s), /おつり 270えんをお/);
    assert.match(said(s), /りょうしゅうしょうとめいさいしょをお/);
  });

  it('printing ends by the progress event too, the printer held → the documents at the desk, a late answer does not undo it', () => {
    let s = run([{ type: 'view', view: view() }, { type: 'choose', method: 'card' }, { type: 'progress', progress: { checkoutId: 'c1', state: 'paid' } }]);
    s = run([{ type: 'progress', progress: { checkoutId: 'c1', state: 'done', phase: 'held' } }], s);
    assert.equal(s.step === 'done' && s.view.documents.status, 'held');
    s = run([{ type: 'view', view: view({ state: 'recorded', documents: { status: 'pending' } }) }], s);
    assert.equal(s.step === 'done' && s.view.documents.status, 'held');
    assert.match(said(s), /かいけいまどぐちでお/);
    s = run([{ type: 'reprint' }], s);
    assert.equal(s.step, 'printing');
  });

  for (const [kind, notice] of [['payment.declined', 'declined'], ['payment.timeout', 'timeout'], ['payment.cancelled', 'cancelled'], ['accounting.bill_changed', 'changed']] as const) {
    it(`${kind}: the bill looked up again and shown with why (${notice}), nothing taken`, () => {
      let s = run([{ type: 'view', view: view() }, { type: 'choose', method: 'card' }, { type: 'error', kind }]);
      assert.deepEqual(s, { step: 'looking_up', notice });
      s = run([{ type: 'view', view: view({ bill: { ...bill, total: 1530, due: 1530 } }) }], s);
      assert.equal(s.step === 'bill' && s.notice, notice);
      assert.match(said(s), /1,530えん/);
    });
  }

  it('a declined answer as the checkout (payment.status) shows the same notice', () => {
    const s = run([{ type: 'view', view: view({ payment: { method: 'card', status: 'declined', inserted: 0, paid: 0, change: 0, refunded: 0, reason: 'insufficient_funds' } }) }]);
    assert.equal(s.step === 'bill' && s.notice, 'declined');
  });

  it('the kiosk\'s cancel while paying cash: stopped, nothing taken, the coins put in named to take back', () => {
    let s = run([{ type: 'view', view: view() }, { type: 'choose', method: 'cash' }, { type: 'cancel' }]);
    assert.equal(s.step === 'paying' && s.cancelling, true);
    s = run([{ type: 'view', view: view({ state: 'abandoned', payment: { method: 'cash', status: 'cancelled', inserted: 500, paid: 0, change: 0, refunded: 0 } }) }], s);
    assert.deepEqual(s, { step: 'stopped', refunded: false, returned: 500 });
    assert.match(said(s), /おかねはいただいていません.*500えんをお/);
  });

  it('linked: one confirm, back returns to the bill; the done screen offers no link', () => {
    const linked = view({ methods: ['cash', 'card', 'linked'], linkedAccount: { brand: 'VISA', last4: '1234' } });
    let s = run([{ type: 'view', view: linked }, { type: 'choose', method: 'linked' }]);
    assert.equal(s.step, 'confirm-linked');
    assert.equal(run([{ type: 'back' }], s).step, 'bill');
    s = run([{ type: 'confirm' }], s);
    assert.equal(s.step === 'paying' && s.method, 'linked');
    s = run([{ type: 'view', view: { ...linked, state: 'done', documents: { status: 'printed' } } }], s);
    assert.equal(s.step === 'done' && s.link, null);
  });

  it('removing the linked account: a confirm naming it, back keeps it; confirmed → the bill without it and a short confirmation; a failure keeps it', () => {
    const linked = view({ methods: ['cash', 'card', 'linked'], linkedAccount: { brand: 'VISA', last4: '1234' } });
    assert.equal(run([{ type: 'view', view: view() }, { type: 'unlink-ask' }]).step, 'bill', 'nothing linked: nothing to remove');
    let s = run([{ type: 'view', view: linked }, { type: 'unlink-ask' }]);
    assert.equal(s.step, 'confirm-unlink');
    assert.match(said(s), /VISA、まつび 1234/);
    assert.match(said(s, 'en'), /VISA ending in 1234/);
    assert.equal(run([{ type: 'back' }], s).step, 'bill');
    s = run([{ type: 'unlink-confirm' }], s);
    assert.equal(s.step === 'confirm-unlink' && s.busy, true);
    assert.ok(!idleApplies(s), 'the back office is being told: not idleness');
    assert.equal(run([{ type: 'back' }], s).step, 'confirm-unlink', 'no way back while it is being removed');
    const failedAt = run([{ type: 'error', kind: 'sync.unreachable' }], s);
    assert.deepEqual(failedAt.step === 'bill' && [failedAt.unlink, failedAt.view.methods], ['failed', ['cash', 'card', 'linked']]);
    assert.match(said(failedAt), /とうろくをかいじょできませんでした/);
    s = run([{ type: 'unlinked', view: view() }], s);
    assert.deepEqual(s.step === 'bill' && [s.unlink, s.notice, methodButtons(s.view.methods)], ['done', null, ['cash', 'card']]);
    assert.match(said(s), /かいじょしました.*1,230えん/);
    for (const lang of ['ja', 'en', 'zh', 'ko'] as const) assert.doesNotMatch(said(s, lang) + said(failedAt, lang), /\{|bil\./);
    assert.equal(run([{ type: 'choose', method: 'linked' }], s).step, 'bill', 'the linked method is gone');
  });

  it('linking after paying: on the terminal (not idle), then its outcome; a failure keeps the payment done', () => {
    let s = run([{ type: 'view', view: view({ state: 'done', documents: { status: 'printed' } }) }, { type: 'link-start' }]);
    assert.equal(s.step === 'done' && s.link, 'linking');
    assert.ok(!idleApplies(s));
    const ok = run([{ type: 'link', link: { status: 'linked', account: { brand: 'VISA', last4: '4242' } } }], s);
    assert.deepEqual(ok.step === 'done' && [ok.link, ok.linked], ['linked', { brand: 'VISA', last4: '4242' }]);
    s = run([{ type: 'error', kind: 'payment.failed' }], s);
    assert.equal(s.step === 'done' && s.link, 'failed');
    assert.equal(s.step === 'done' && s.view.documents.status, 'printed');
  });

  it('endings: nothing due, the desk with its reason, held, and a second bill after the first', () => {
    assert.equal(run([{ type: 'view', view: view({ state: 'nothing_due', bill: undefined }) }]).step, 'nothing_due');
    for (const reason of ['accounting_unavailable', 'locked_elsewhere', 'no_patient_id'] as const) {
      const s = run([{ type: 'view', view: view({ state: 'sent_to_desk', deskReason: reason }) }]);
      assert.deepEqual(s, { step: 'desk', reason });
      assert.equal(deskText(reason).title, `bil.desk.${reason}.title`);
      assert.match(said(s), /かいけいまどぐちへお/);
    }
    assert.deepEqual(run([{ type: 'view', view: view() }, { type: 'error', kind: 'billing.send_to_desk', reason: 'locked_elsewhere' }]), { step: 'desk', reason: 'locked_elsewhere' });
    assert.deepEqual(run([{ type: 'error', kind: 'accounting.unavailable' }]), { step: 'desk', reason: 'accounting_unavailable' });
    assert.equal(run([{ type: 'view', view: view({ state: 'held' }) }]).step, 'held');
    const more = run([{ type: 'view', view: view({ state: 'done', documents: { status: 'printed' }, moreUnpaid: 1 }) }, { type: 'next-bill' }]);
    assert.deepEqual(more, initialBilling);
  });

  it('every desk reason and category has words in the four languages, with no placeholder left', () => {
    for (const lang of ['ja', 'en', 'zh', 'ko'] as const) {
      for (const r of ['no_patient_id', 'eligibility_unavailable', 'accounting_unavailable', 'locked_elsewhere', 'bill_changed', 'device_fault', 'share_unknown', 'other']) {
        assert.ok(plain(lang, deskText(r).body).length > 5);
      }
      assert.doesNotMatch(said(run([{ type: 'view', view: view() }]), lang), /\{/);
    }
  });
});
