// test-lane: free
// kill -9 of a payment kiosk in each state of a checkout, then the restart (same kiosk database, same
// device journals) and resume(): the money a device kept — the acceptor's journal, the card
// terminal's, the acquirer's charges for the linked account — equals the 入金 the accounting system
// (the reference back office's ORCA subset, read from its income store) holds under that payment's
// key, with exactly one 入金 line per key; nothing is collected again; escrow that was not kept is
// returned; the patient's lock in ORCA is released; the outbox has billing.paid / billing.recorded
// once each. A second restart changes nothing. Service level: the card (pcscd) only names the
// patient and is not what is tested here; the devices are the simulators with their journals on disk.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPaymentJournal } from '../../simulators/payment';
import { startBillingCrashRig, judge, type BillingCrashRig, type CheckoutFacts, type KillPoint, type PayMethod } from './billing-crash-rig';

let rig: BillingCrashRig;
before(async () => { rig = await startBillingCrashRig(); });
after(async () => { await rig.close(); });

/** ¥1,790: 内科 598点 → ¥5,980 × 3割 = ¥1,794 → ¥1,790 (the demo charges of department 01). */
const DUE = 1790;

function assertAfterRestart(f: CheckoutFacts, state: string, method: PayMethod): void {
  assert.ok(f.row, 'the checkout is on the kiosk');
  assert.equal(f.row.state, state);
  assert.equal(f.lockHeld, false, "the patient is no longer open at this kiosk's cashier terminal");
  assert.deepEqual(judge(f), { lost: false, doubleCharged: false });
  if (state === 'abandoned') {
    assert.equal([...f.kept.values()].reduce((a, b) => a + b, 0), 0, 'no device kept anything');
    assert.equal(f.deposited.size, 0, 'no 入金 in ORCA');
    assert.equal(f.events.size, 0, 'nothing told to the back office: no payment happened');
    return;
  }
  const key = `${f.row.checkoutId}-1`;
  assert.deepEqual([...f.kept], [[key, DUE]], `the ${method} device kept the bill once, under the first attempt's key`);
  assert.deepEqual(f.deposited.get(key), { lines: 1, yen: DUE }, 'one 入金 line of that amount carries the key');
  assert.equal(f.billed, DUE);
  assert.equal(f.events.get(`${key} billing.paid`), 1);
  assert.equal(f.events.get(`${key} billing.recorded`), 1);
  assert.equal(f.row.paid, DUE);
  if (method === 'cash') assert.equal(f.row.change, 210, 'two ¥1,000 notes: ¥210 change recorded');
}

const CASES: { point: KillPoint; method: PayMethod; state: string; note: string }[] = [
  { point: 'bill_shown', method: 'cash', state: 'abandoned', note: 'the bill on the screen, locked in ORCA' },
  { point: 'paying', method: 'cash', state: 'abandoned', note: 'a ¥500 coin of ¥1,790 in escrow' },
  { point: 'paying', method: 'card', state: 'abandoned', note: 'the card terminal waiting for the customer' },
  { point: 'approved', method: 'card', state: 'done', note: 'the terminal approved, the kiosk had not written it' },
  { point: 'approved', method: 'linked', state: 'done', note: 'the linked account charged, the kiosk had not written it' },
  { point: 'approved', method: 'cash', state: 'done', note: 'the acceptor kept the notes and gave change, the kiosk had not written it' },
  { point: 'paid', method: 'cash', state: 'done', note: "'paid' written, 入金 not sent" },
  { point: 'recorded', method: 'card', state: 'done', note: '入金 recorded, the documents not started' },
  { point: 'printing', method: 'linked', state: 'done', note: 'the 領収証 being drawn' },
];

for (const [i, c] of CASES.entries()) {
  test(`kill -9 at ${c.point} (${c.method}: ${c.note}) → ${c.state}, 0 lost, 0 charged twice`, async () => {
    const patientId = await rig.newPatient({ linked: c.method === 'linked' });
    const checkoutId = `crash${i}`;
    assert.equal((await rig.killAt(c.point, c.method, patientId, checkoutId)).reached, c.point, 'the kiosk died where it was meant to');
    const k = rig.restart();
    try {
      await k.service.resume();
      await k.service.recheck();
      const f = await rig.facts(k, checkoutId);
      assertAfterRestart(f, c.state, c.method);
      assert.ok(f.row);
      assert.deepEqual(k.collects, [], 'the restarted kiosk never asked a device to collect');
      if (c.point === 'paying' && c.method === 'card') assert.equal(f.row.reverseCheck, `${checkoutId}-1`, 'a late approval of the abandoned attempt is watched for');
      if (c.point === 'paying' || c.point === 'bill_shown') assert.equal(f.row.payReason, c.point === 'paying' ? 'restart' : null);
      if (c.point === 'recorded' || c.point === 'printing') assert.deepEqual([f.row.docsStatus, f.row.docsReason], ['failed', 'restart'], 'no 領収証 comes out for nobody after a restart');
      // A second restart changes nothing.
      await k.service.resume();
      const again = await rig.facts(k, checkoutId);
      assert.deepEqual([again.row?.state, [...again.kept], [...again.deposited], [...again.events]], [f.row.state, [...f.kept], [...f.deposited], [...f.events]]);
      assert.deepEqual(k.collects, []);
    } finally {
      k.close();
    }
  });
}

test('kill -9 while the card terminal waits; the customer completes on the terminal after the restarted kiosk gave up: housekeeping reverses that late approval, nothing kept, no 入金', async () => {
  const patientId = await rig.newPatient();
  const checkoutId = 'crash-late';
  assert.equal((await rig.killAt('paying', 'card', patientId, checkoutId)).reached, 'paying');
  let k = rig.restart();
  try {
    await k.service.resume();
    assert.deepEqual([k.checkouts.load(checkoutId).state, k.checkouts.load(checkoutId).reverseCheck], ['abandoned', `${checkoutId}-1`], 'given up, and watched');
  } finally {
    k.close();
  }
  // The terminal is its own device: it approves the customer's card late (its journal), and the kiosk
  // meets it on its next round (here after one more restart: the simulated terminal reads its journal at start).
  openPaymentJournal(join(rig.kioskDir, 'terminal-journal.jsonl')).append({ e: 'paid', paymentId: `${checkoutId}-1`, method: 'card', paid: DUE, change: 0, refunded: 0 });
  k = rig.restart();
  try {
    await k.service.resume();
    await k.service.recheck(); // housekeeping's round: the watched attempt is looked up
    const f = await rig.facts(k, checkoutId);
    assert.deepEqual(k.terminal.journal().find((e) => e.paymentId === `${checkoutId}-1`), { paymentId: `${checkoutId}-1`, method: 'card', paid: DUE, change: 0, refunded: DUE }, 'reversed in full');
    assert.equal(f.row?.reverseCheck, null, 'no longer watched');
    assertAfterRestart(f, 'abandoned', 'card');
    assert.deepEqual(k.collects, []);
  } finally {
    k.close();
  }
});
