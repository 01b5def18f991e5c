// test-lane: free
// The checkout service's flow logic (exactly once, the lock, restart, staff), with in-process fakes
// of its PORTS only — the cashier, the devices, the printer — on the real kiosk database and outbox
// (tests/helpers/billing-service-rig.ts). The same flow on the real stack (pcscd, virtual card,
// eligibility simulator, ORCA subset, CUPS) is tests/integration/billing-module.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isKioskError, KioskError } from '../../common/errors';
import { rig } from '../helpers/billing-service-rig';

test('cash: the oldest bill shown, paid once, 入金 under the payment key and the total shown, documents, lock released', async (t) => {
  const { service, c, cash, docs, outbox } = rig(t);
  const shown = await service.start({ patientId: '00002' }, 'card');
  assert.equal(shown.state, 'bill_shown');
  assert.equal(shown.bill?.due, 1230);
  assert.equal(shown.moreUnpaid, 1);
  assert.deepEqual(shown.methods, ['cash', 'ic', 'card']);
  const done = await service.pay(shown.checkoutId, 'cash');
  assert.equal(done.state, 'done');
  assert.deepEqual(done.payment, { method: 'cash', status: 'paid', inserted: 2000, paid: 1230, change: 770, refunded: 0 });
  assert.equal(done.documents.status, 'printed');
  assert.deepEqual(cash.collects, ['co1-1']);
  const recorded = c.calls.filter((x) => x.op === 'recordPayment').map((x) => x.args as Record<string, unknown>);
  assert.equal(recorded.length, 1);
  assert.deepEqual([recorded[0]!.reference, recorded[0]!.amount, recorded[0]!.shownTotal, recorded[0]!.icCode], ['co1-1', 1230, 1230, '01']);
  assert.equal(docs.length, 1);
  assert.equal(docs[0]!.reprint, false);
  assert.equal(docs[0]!.statement.length, 1, 'the statement read at the start goes to the 明細書');
  assert.deepEqual(outbox().map((r) => [r.kind, r.stream]), [['billing.paid', 'billing:co1-1'], ['billing.recorded', 'billing:co1-1']]);
  assert.ok(!outbox().some((r) => r.payload.includes('山田')));
  assert.ok(c.calls.some((x) => x.op === 'unlock' && x.args === 'lock-1'), 'the lock of the lookup is released');
});

test('the bill changed at the desk before money: accounting.bill_changed, nothing collected, the new amount shown; paying again takes that', async (t) => {
  const { service, c, cash } = rig(t);
  const shown = await service.start({ patientId: '00002' }, 'card');
  c.state.confirmTotal = 1530;
  await assert.rejects(service.pay(shown.checkoutId, 'cash'), (e) => isKioskError(e, 'accounting.bill_changed') && e.details.total === 1530);
  assert.equal(cash.collects.length, 0);
  const again = service.view(shown.checkoutId);
  assert.deepEqual([again.state, again.bill?.due], ['bill_shown', 1530]);
  const done = await service.pay(shown.checkoutId, 'cash');
  assert.equal(done.payment?.paid, 1530);
});

test('a declined card leaves the bill to pay another way; the next attempt has its own key', async (t) => {
  const { service, card, cash } = rig(t);
  const shown = await service.start({ patientId: '00002' }, 'card');
  card.answer({ status: 'failed', reason: 'insufficient_funds', refunded: 0 });
  const declined = await service.pay(shown.checkoutId, 'card');
  assert.deepEqual([declined.state, declined.payment?.status, declined.payment?.reason], ['bill_shown', 'declined', 'insufficient_funds']);
  const done = await service.pay(shown.checkoutId, 'cash');
  assert.equal(done.state, 'done');
  assert.deepEqual([card.collects, cash.collects], [['co1-1'], ['co1-2']]);
});

test('accounting down at the 入金: the patient still gets the documents, the checkout stays paid; housekeeping records it once', async (t) => {
  const { service, c, later } = rig(t);
  const shown = await service.start({ patientId: '00002' }, 'card');
  c.state.recordFails.push(new KioskError('accounting.unavailable'));
  const paid = await service.pay(shown.checkoutId, 'cash');
  assert.deepEqual([paid.state, paid.documents.status], ['paid', 'printed']);
  later(60_000);
  assert.equal(await service.recheck(), 1);
  assert.equal(service.view(shown.checkoutId).state, 'done');
  const refs = c.calls.filter((x) => x.op === 'recordPayment').map((x) => (x.args as { reference: string }).reference);
  assert.deepEqual(refs, ['co1-1', 'co1-1'], 'the retry names the same payment: the accounting system records it once');
});

test('the accounting system refuses after a card payment: held, and the card reversed at once', async (t) => {
  const { service, c, card, outbox } = rig(t);
  const shown = await service.start({ patientId: '00002' }, 'card');
  c.state.recordFails.push(new KioskError('accounting.bill_changed'));
  const v = await service.pay(shown.checkoutId, 'card');
  assert.equal(v.state, 'refunded');
  assert.deepEqual(card.refunds, [{ paymentId: 'co1-1', amount: 1230 }]);
  assert.deepEqual(outbox().map((r) => r.kind), ['billing.paid', 'billing.held', 'billing.refunded']);
});

test('cash refused after money stays held for staff: recorded later on their word, or refunded in full', async (t) => {
  const { service, c, cash } = rig(t);
  const a = await service.start({ patientId: '00002' }, 'card');
  c.state.recordFails.push(new KioskError('accounting.rejected'));
  assert.equal((await service.pay(a.checkoutId, 'cash')).state, 'held');
  assert.deepEqual(service.held().map((h) => [h.paymentRef, h.amount, h.reason]), [['co1-1', 1230, 'accounting_rejected']]);
  assert.deepEqual(await service.settleHeld('co1-1', 'record'), { paymentRef: 'co1-1', status: 'recorded', refunded: 0 });
  const b = await service.start({ patientId: '00002' }, 'card');
  c.state.recordFails.push(new KioskError('accounting.rejected'));
  await service.pay(b.checkoutId, 'cash');
  assert.deepEqual(await service.settleHeld(b.checkoutId, 'refund'), { paymentRef: 'co2-1', status: 'refunded', refunded: 1230 });
  assert.deepEqual(cash.refunds, [{ paymentId: 'co2-1', amount: 1230 }]);
  assert.deepEqual(service.held(), []);
});

test('staff refund part of a payment: the device returns it, the 返金 is recorded, never more than was paid', async (t) => {
  const { service, c, cash } = rig(t);
  const a = await service.start({ patientId: '00002' }, 'card');
  await service.pay(a.checkoutId, 'cash');
  await assert.rejects(service.refund('co1-1', 5000, 'wrong'), (e) => isKioskError(e, 'input.invalid'));
  assert.deepEqual(await service.refund('co1-1', 230, 'a test not done'), { paymentRef: 'co1-1', status: 'recorded', refunded: 230 });
  assert.deepEqual(cash.refunds, [{ paymentId: 'co1-1', amount: 230 }]);
  assert.deepEqual(c.calls.filter((x) => x.op === 'recordRefund').map((x) => (x.args as { reference: string }).reference), ['co1-1-r1']);
  assert.deepEqual(await service.refund('co1-1', 1000, 'the rest'), { paymentRef: 'co1-1', status: 'refunded', refunded: 1230 }, 'returned in full');
  await assert.rejects(service.refund('co1-1', 1, 'more'), (e) => isKioskError(e, 'input.invalid'));
});

test('cancel during a cash collect: the money inserted returned, the bill abandoned and unlocked', async (t) => {
  const { service, c, cash } = rig(t);
  const shown = await service.start({ patientId: '00002' }, 'card');
  cash.answer('hang');
  const paying = service.pay(shown.checkoutId, 'cash');
  await new Promise((r) => setImmediate(r));
  const v = await service.cancel(shown.checkoutId);
  assert.equal(v.state, 'abandoned');
  assert.equal((await paying).payment?.status, 'cancelled');
  assert.ok(c.count('unlock') >= 1);
});

test('another terminal holds the patient: our own lock released and one retry, then the desk', async (t) => {
  const { service, c } = rig(t);
  c.state.lockedTimes = 1;
  assert.equal((await service.start({ patientId: '00002' }, 'card')).state, 'bill_shown', 'our own stale lock: released, the retry works');
  c.state.lockedTimes = 2;
  const v = await service.start({ patientId: '00002' }, 'card');
  assert.deepEqual([v.state, v.deskReason], ['sent_to_desk', 'locked_elsewhere']);
  assert.ok(c.calls.some((x) => x.op === 'unlock' && x.args === undefined));
});

test('restart: a payment the device kept is recorded, one it did not keep is abandoned; never a second collect', async (t) => {
  const { service, make, checkouts, c, cash } = rig(t);
  const a = await service.start({ patientId: '00002' }, 'card');
  const b = await service.start({ patientId: '00002' }, 'card');
  // As a crash leaves them: 'paying' written, the device asked; it kept a's money, b's was never inserted.
  for (const id of [a.checkoutId, b.checkoutId]) checkouts.transition(id, 'paying', { patch: { method: 'cash', attempt: 1, paymentId: `${id}-1`, payStatus: 'collecting' } });
  cash.journal.set(`${a.checkoutId}-1`, { status: 'paid', method: 'cash', paid: 1230, change: 0 });
  await make().resume();
  assert.equal(checkouts.load(a.checkoutId).state, 'done');
  assert.equal(checkouts.load(b.checkoutId).state, 'abandoned');
  assert.equal(cash.collects.length, 0);
  assert.equal(c.count('recordPayment'), 1);
  assert.ok(c.calls.some((x) => x.op === 'unlock' && x.args === undefined), 'our locks from before the restart released');
});

test('a card approval after the kiosk gave up (timeout) is reversed by housekeeping', async (t) => {
  const { service, card, later } = rig(t);
  const shown = await service.start({ patientId: '00002' }, 'card');
  card.answer({ status: 'failed', reason: 'timeout', refunded: 0 });
  assert.equal((await service.pay(shown.checkoutId, 'card')).payment?.status, 'timeout');
  card.journal.set(`${shown.checkoutId}-1`, { status: 'paid', method: 'card', paid: 1230, change: 0 });
  later(1_000);
  assert.equal(await service.recheck(), 1);
  assert.deepEqual(card.refunds, [{ paymentId: 'co1-1', amount: 1230 }]);
});

test('reprint after a printer fault: unmarked when nothing came out, 【再発行】 and counted by the cashier when a copy did', async (t) => {
  const { service, c, docs } = rig(t, { prints: [{ status: 'held', reason: 'media-empty', maybePrinted: false }] });
  const shown = await service.start({ patientId: '00002' }, 'card');
  const v = await service.pay(shown.checkoutId, 'cash');
  assert.deepEqual([v.state, v.documents.status], ['done', 'held']);
  await service.print(shown.checkoutId, 'en');
  await service.print(shown.checkoutId, 'en');
  assert.deepEqual(docs.map((d) => d.reprint), [false, false, true]);
  assert.equal(docs[2]!.language, 'en');
  assert.equal(c.count('reissue'), 1);
});

test('cancel while the bill is still being re-confirmed: the device is never asked', async (t) => {
  const { service, c, cash } = rig(t);
  const shown = await service.start({ patientId: '00002' }, 'card');
  let release!: () => void;
  const confirm = c.cashier.confirm.bind(c.cashier);
  c.cashier.confirm = async (...a) => { await new Promise<void>((r) => { release = r; }); return confirm(...a); };
  const paying = service.pay(shown.checkoutId, 'cash');
  await new Promise((r) => setImmediate(r));
  const cancelled = service.cancel(shown.checkoutId);
  release();
  assert.equal((await cancelled).state, 'abandoned');
  await paying;
  assert.deepEqual(cash.collects, []);
});

test('an unlock that did not reach the accounting system is made by housekeeping once no checkout is open', async (t) => {
  const { service, c } = rig(t);
  const shown = await service.start({ patientId: '00002' }, 'card');
  const unlock = c.cashier.unlock.bind(c.cashier);
  c.cashier.unlock = async () => { throw new KioskError('accounting.unavailable'); };
  await service.cancel(shown.checkoutId);
  c.cashier.unlock = unlock;
  const open = await service.start({ patientId: '00002' }, 'card');
  await service.recheck();
  assert.ok(!c.calls.some((x) => x.op === 'unlock' && x.args === undefined), 'not while a patient is being served');
  await service.cancel(open.checkoutId);
  await service.recheck();
  assert.ok(c.calls.some((x) => x.op === 'unlock' && x.args === undefined), 'this terminal\'s locks released');
});

test('a second pay while the first is under way is refused, and cancel still stops the first at the device', async (t) => {
  const { service, c, cash } = rig(t);
  const shown = await service.start({ patientId: '00002' }, 'card');
  let release!: () => void;
  const confirm = c.cashier.confirm.bind(c.cashier);
  c.cashier.confirm = async (...a) => { await new Promise<void>((r) => { release = r; }); return confirm(...a); };
  cash.answer('hang');
  const first = service.pay(shown.checkoutId, 'cash');
  await assert.rejects(service.pay(shown.checkoutId, 'cash'), (e) => isKioskError(e, 'billing.invalid_state'));
  release();
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(service.view(shown.checkoutId).state, 'paying');
  assert.equal((await service.cancel(shown.checkoutId)).state, 'abandoned');
  assert.equal((await first).payment?.status, 'cancelled');
  assert.deepEqual(cash.collects, ['co1-1']);
});
