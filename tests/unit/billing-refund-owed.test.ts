// test-lane: free
// A staff refund's 返金 (incomev3 02/04) is owed to the accounting system exactly once, like the 入金:
// written before the device gives the money back, told at once, and — while the accounting system is
// down — retried by housekeeping under the same reference until it answers, across a restart too.
// Fakes of the service's ports only (tests/helpers/billing-service-rig.ts), the real kiosk database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isKioskError, KioskError } from '../../common/errors';
import type { Cashier } from '../../electron/services/billing/ports';
import { rig } from '../helpers/billing-service-rig';

const refundRefs = (c: ReturnType<typeof rig>['c']) => c.calls.filter((x) => x.op === 'recordRefund').map((x) => (x.args as Parameters<Cashier['recordRefund']>[0]));

test('accounting down at a staff refund: the money goes back, the 返金 stays owed and housekeeping records it once it answers', async (t) => {
  const { service, c, cash, checkouts, outbox, later } = rig(t);
  const a = await service.start({ patientId: '00002' }, 'card');
  await service.pay(a.checkoutId, 'cash');
  // The refund is on the kiosk's books before the device is asked.
  let atDevice: string[] = [];
  const give = cash.device.refund.bind(cash.device);
  cash.device.refund = async (id, amount) => { atDevice = checkouts.refunds.ofCheckout(a.checkoutId).map((r) => `${r.reference} ${r.state}`); return give(id, amount); };
  c.state.refundFails.push(new KioskError('accounting.unavailable'));
  assert.deepEqual(await service.refund('co1-1', 230, 'a test not done'), { paymentRef: 'co1-1', status: 'recorded', refunded: 230 }, 'the staff see the money returned');
  assert.deepEqual(atDevice, ['co1-1-r1 returning']);
  assert.deepEqual(cash.refunds, [{ paymentId: 'co1-1', amount: 230 }]);
  assert.equal(outbox().filter((r) => r.kind === 'billing.refunded').length, 1, 'the back office hears of the refund');
  assert.deepEqual(checkouts.refunds.ofCheckout(a.checkoutId).map((r) => [r.reference, r.state, r.amount]), [['co1-1-r1', 'owed', 230]]);

  // Still down at the next round: still owed, asked under the same reference.
  c.state.refundFails.push(new KioskError('accounting.unavailable'));
  later(60_000);
  assert.equal(await service.recheck(), 0);
  assert.equal(checkouts.refunds.get('co1-1-r1')?.state, 'owed');
  // Back up: recorded once; later rounds leave it alone.
  assert.equal(await service.recheck(), 1);
  assert.equal(await service.recheck(), 0);
  assert.equal(checkouts.refunds.get('co1-1-r1')?.state, 'recorded');
  assert.deepEqual(refundRefs(c).map((r) => [r.reference, r.amount]), [['co1-1-r1', 230], ['co1-1-r1', 230], ['co1-1-r1', 230]]);
  assert.deepEqual(cash.refunds.length, 1, 'the device was asked once');
});

test('an owed 返金 survives a restart; it waits while the same patient is at the kiosk', async (t) => {
  const { service, make, c, checkouts, later } = rig(t);
  const a = await service.start({ patientId: '00002' }, 'card');
  await service.pay(a.checkoutId, 'card');
  c.state.refundFails.push(new KioskError('accounting.patient_locked'), new KioskError('accounting.patient_locked'));
  await service.refund('co1-1', 1230, 'cancelled at the desk');
  assert.equal(checkouts.refunds.get('co1-1-r1')?.state, 'owed');

  const restarted = make();
  await restarted.resume();
  assert.equal(checkouts.refunds.get('co1-1-r1')?.state, 'owed', 'kept across the restart');
  const shown = await restarted.start({ patientId: '00002' }, 'card');
  assert.equal(shown.state, 'bill_shown');
  const asked = refundRefs(c).length;
  later(60_000);
  await restarted.recheck();
  assert.equal(refundRefs(c).length, asked, 'not while the patient is being served here (an unlock would release them)');
  await restarted.cancel(shown.checkoutId);
  await restarted.recheck();
  assert.equal(checkouts.refunds.get('co1-1-r1')?.state, 'recorded');
  const last = refundRefs(c).at(-1)!;
  assert.deepEqual([last.patientId, last.invoiceNumber, last.amount, last.reference], ['00002', '0000101', 1230, 'co1-1-r1']);
});

test('a refund under way when the kiosk stopped is left to staff: never told as a 返金, the device not asked again', async (t) => {
  const { service, make, c, cash, checkouts } = rig(t);
  const a = await service.start({ patientId: '00002' }, 'card');
  await service.pay(a.checkoutId, 'cash');
  cash.device.refund = () => new Promise(() => undefined); // the kiosk dies while the acceptor pays out
  void service.refund('co1-1', 500, 'wrong amount');
  await new Promise((r) => setImmediate(r));
  assert.equal(checkouts.refunds.get('co1-1-r1')?.state, 'returning');
  await assert.rejects(service.refund('co1-1', 100, 'again'), (e) => isKioskError(e, 'billing.invalid_state'), 'one refund at a time');

  const restarted = make();
  await restarted.resume();
  await restarted.recheck();
  assert.equal(checkouts.refunds.get('co1-1-r1')?.state, 'interrupted');
  assert.deepEqual(refundRefs(c), []);
  assert.equal(checkouts.load(a.checkoutId).refunded, 0, 'nothing counted as returned without the device saying so');
});

test('the accounting system refusing a 返金 is not retried (staff record it); retention keeps a checkout until its 返金 is recorded', async (t) => {
  const { service, c, db, checkouts, later } = rig(t);
  const a = await service.start({ patientId: '00002' }, 'card');
  await service.pay(a.checkoutId, 'card');
  c.state.refundFails.push(new KioskError('accounting.rejected'));
  await service.refund('co1-1', 100, 'overcharged');
  assert.deepEqual([checkouts.refunds.get('co1-1-r1')?.state, checkouts.refunds.get('co1-1-r1')?.detail], ['refused', 'accounting.rejected']);
  c.state.refundFails.push(new KioskError('accounting.unavailable'));
  await service.refund('co1-1', 200, 'overcharged too');
  assert.equal(checkouts.refunds.get('co1-1-r2')?.state, 'owed');
  // Every event acknowledged by the back office and the retention passed: the owed 返金 still keeps the checkout.
  db.sqlite.prepare(`UPDATE outbox SET state = 'done'`).run();
  later(60_000);
  assert.equal(service.housekeep(0).deleted, 0);
  c.state.refundFails.push(new KioskError('accounting.unavailable'));
  await service.recheck();
  assert.deepEqual(refundRefs(c).map((r) => r.reference), ['co1-1-r1', 'co1-1-r2', 'co1-1-r2'], 'only the owed one asked again');
  await service.recheck();
  later(60_000);
  assert.equal(service.housekeep(0).deleted, 1, 'recorded: the checkout ages out with its refunds');
  assert.deepEqual(checkouts.refunds.ofCheckout(a.checkoutId), []);
});
