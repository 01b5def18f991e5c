// test-lane: free
// The accounting system down around a payment, on the reference back office (its ORCA subset with
// incomev3) stopped and started again at the same address with its records:
// - down between the card's approval and the 入金: the checkout stays paid (the money is the kiosk's
//   truth), housekeeping records the 入金 once it answers — one 入金 line, the patient's lock released;
// - down at a staff refund: the card terminal gives the money back at once; the 返金 is owed —
//   through a kiosk restart — and recorded by housekeeping once the accounting system answers,
//   exactly once, under `<paymentRef>-r1`; the day then reconciles (what the terminal kept equals the
//   入金 less the 返金 in ORCA).
// Service level, like the billing crash tests: the card only names the patient; the devices are the
// simulators with their journals on disk. (The bill changed at the desk and the accounting system
// down at the look-up are Chromium e2e: tests/e2e-browser/billing-cash.test.ts, billing-desk.test.ts.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openCrashKiosk, CRASH_KIOSK_ID, type CrashKiosk } from '../crash/billing-crash-kiosk';
import { judge, startBillingCrashRig, type BillingCrashRig } from '../crash/billing-crash-rig';
import { kioskKeyOf } from '../helpers/backoffice-access';

let rig: BillingCrashRig;
before(async () => { rig = await startBillingCrashRig(); });
after(async () => { await rig?.close(); });

/** The kiosk's clock ahead of the wall clock by this (housekeeping leaves a checkout alone for 30 s after its command). */
let ahead = 0;

/** The kiosk on the rig's files; its card terminal approves at once unless told to wait for the customer. */
const openKiosk = (terminal: 'auto' | 'manual' = 'auto'): CrashKiosk => openCrashKiosk({
  dir: rig.kioskDir, orcaUrl: rig.office.url, backOfficeUrl: rig.office.url, kioskKey: kioskKeyOf(CRASH_KIOSK_ID),
  terminal: terminal === 'auto' ? { mode: 'auto', auto: 'approve' } : { mode: 'manual' }, extra: { clock: () => Date.now() + ahead },
});

test('the accounting system down between the approval and the 入金: the checkout stays paid, housekeeping records it once when it is up', async () => {
  const kiosk = openKiosk('manual');
  try {
    const patientId = await rig.newPatient();
    const shown = await kiosk.service.start({ patientId }, 'card');
    let atTerminal!: () => void;
    const asked = new Promise<void>((resolve) => { atTerminal = resolve; });
    const paying = kiosk.service.pay(shown.checkoutId, 'card', (p) => { if (p.phase === 'authorizing') atTerminal(); });
    await asked;
    await rig.officeDown();
    assert.ok(kiosk.terminal.respond('approve'), 'the customer approves at the terminal');
    const paid = await paying;
    assert.deepEqual([paid.state, paid.payment?.status, paid.payment?.paid], ['paid', 'paid', shown.bill!.due], 'the money is kept and said so');
    ahead = 60_000;
    assert.equal(await kiosk.service.recheck(), 0, 'still down: still paid');
    await rig.officeUp();
    assert.equal(await kiosk.service.recheck(), 1);
    assert.equal(await kiosk.service.recheck(), 0);
    const f = await rig.facts(kiosk, shown.checkoutId);
    const key = `${shown.checkoutId}-1`;
    assert.equal(f.row?.state, 'done');
    assert.deepEqual(f.deposited.get(key), { lines: 1, yen: shown.bill!.due }, 'one 入金 line under the payment key');
    assert.deepEqual(judge(f), { lost: false, doubleCharged: false });
    assert.equal(f.lockHeld, false, 'the patient is not left open at the kiosk\'s cashier terminal');
    assert.equal(f.events.get(`${key} billing.recorded`), 1);
  } finally {
    ahead = 0;
    kiosk.close();
  }
});

test('refund while the accounting system is down: money back at once, the 返金 recorded once after it is up (across a restart)', async () => {
  let kiosk = openKiosk();
  try {
    const patientId = await rig.newPatient();
    const shown = await kiosk.service.start({ patientId }, 'card');
    assert.equal(shown.state, 'bill_shown');
    const paid = await kiosk.service.pay(shown.checkoutId, 'card');
    assert.equal(paid.state, 'done');
    const due = paid.payment!.paid;
    const paymentRef = `${shown.checkoutId}-1`;

    await rig.officeDown();
    const charged = kiosk.terminal.netCharged();
    assert.deepEqual(await kiosk.service.refund(paymentRef, 500, 'an examination not done'), { paymentRef, status: 'recorded', refunded: 500 });
    assert.equal(kiosk.terminal.netCharged(), charged - 500, 'the terminal gave ¥500 back at once');
    assert.equal(await kiosk.service.recheck(), 0, 'still down: nothing recorded');
    assert.equal(kiosk.checkouts.refunds.get(`${paymentRef}-r1`)?.state, 'owed');

    // The kiosk restarts while the accounting system is still down; then it comes back.
    kiosk.close();
    kiosk = openKiosk();
    await kiosk.service.resume();
    await rig.officeUp();
    const before = await rig.facts(kiosk, shown.checkoutId);
    assert.deepEqual(before.deposited.get(paymentRef), { lines: 1, yen: due }, 'ORCA has the 入金 and no 返金 yet');
    assert.equal(judge(before).lost, true, 'the day does not reconcile while the 返金 is owed');

    assert.equal(await kiosk.service.recheck(), 1);
    assert.equal(await kiosk.service.recheck(), 0, 'a second round records nothing more');
    const f = await rig.facts(kiosk, shown.checkoutId);
    assert.deepEqual(f.deposited.get(paymentRef), { lines: 1, yen: due - 500 }, 'the 入金 less one 返金 of ¥500');
    assert.deepEqual(judge(f), { lost: false, doubleCharged: false });
    assert.equal(kiosk.checkouts.refunds.get(`${paymentRef}-r1`)?.state, 'recorded');
    assert.equal(f.events.get(`${paymentRef} billing.refunded`), 1, 'the back office heard of the refund once');
  } finally {
    kiosk.close();
  }
});
