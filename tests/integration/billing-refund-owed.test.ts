// test-lane: free
// A staff refund while the accounting system is down, on the reference back office (its ORCA subset
// with incomev3) brought down and up again at the same address: the card terminal gives the money
// back at once; the 返金 is owed — through a kiosk restart — and recorded by housekeeping once the
// accounting system answers, exactly once, under `<paymentRef>-r1`; the day then reconciles (what the
// terminal kept equals the 入金 less the 返金 in ORCA). Service level, like the billing crash tests:
// the card only names the patient; the devices are the simulators with their journals on disk.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openCrashKiosk, CRASH_KIOSK_ID, type CrashKiosk } from '../crash/billing-crash-kiosk';
import { judge, startBillingCrashRig, type BillingCrashRig } from '../crash/billing-crash-rig';
import { kioskKeyOf } from '../helpers/backoffice-access';

let rig: BillingCrashRig;
before(async () => { rig = await startBillingCrashRig(); });
after(async () => { await rig?.close(); });

/** The kiosk on the rig's files, its card terminal approving at once. */
const openKiosk = (): CrashKiosk => openCrashKiosk({
  dir: rig.kioskDir, orcaUrl: rig.office.url, backOfficeUrl: rig.office.url, kioskKey: kioskKeyOf(CRASH_KIOSK_ID), terminal: { mode: 'auto', auto: 'approve' },
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
    assert.deepEqual(await kiosk.service.refund(paymentRef, 500, 'an examination not done'), { paymentRef, status: 'recorded', refunded: 500 });
    assert.equal(kiosk.terminal.netCharged(), due - 500, 'the terminal gave ¥500 back at once');
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
