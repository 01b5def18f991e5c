// The simulated cash / IC acceptor keeps the real device's promises the issuance relies on:
// change is given, cancel and faults return the escrow, a payment id is charged at most once
// (also across a restart, through its journal), and a refund is paid once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulatedAcceptor } from '../../simulators/payment/simulated-acceptor';

test('coins inserted over time: progress per coin, change for the overpayment', async () => {
  const dev = createSimulatedAcceptor({ mode: 'auto', autoInsert: [100, 50, 500], intervalMs: 5 });
  const seen: number[] = [];
  const r = await dev.collect({ paymentId: 'p1', amount: 400, methods: ['cash', 'ic'] }, (p) => seen.push(p.remaining));
  assert.deepEqual(r, { status: 'paid', method: 'cash', paid: 400, change: 250 });
  assert.deepEqual(seen, [400, 300, 250, 0]);
  assert.equal(dev.netTaken(), 400);
});

test('cancel returns every yen in escrow and takes nothing', async () => {
  const dev = createSimulatedAcceptor({ mode: 'manual' });
  const pending = dev.collect({ paymentId: 'p2', amount: 600, methods: ['cash'] }, () => undefined);
  dev.insert(100);
  dev.insert(7); // not a Japanese coin: rejected by the acceptor, never counted
  dev.insert(50);
  dev.cancel();
  assert.deepEqual(await pending, { status: 'cancelled', refunded: 150 });
  assert.equal(dev.netTaken(), 0);
});

test('a jam fails the payment and returns the escrow', async () => {
  const dev = createSimulatedAcceptor({ mode: 'manual', fault: { kind: 'jam', faultAfterInserts: 1 } });
  const pending = dev.collect({ paymentId: 'p3', amount: 200, methods: ['cash'] }, () => undefined);
  dev.insert(100);
  dev.insert(100);
  assert.deepEqual(await pending, { status: 'failed', reason: 'jam', refunded: 100 });
  assert.equal(dev.netTaken(), 0);
});

test('IC debits exactly the amount; a completed payment id is answered again, never charged twice, across a restart', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-pay-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const journalPath = join(dir, 'journal.json');
  const dev = createSimulatedAcceptor({ mode: 'manual', journalPath });
  const pending = dev.collect({ paymentId: 'p4', amount: 250, methods: ['cash', 'ic'] }, () => undefined);
  dev.touchIc();
  assert.deepEqual(await pending, { status: 'paid', method: 'ic', paid: 250, change: 0 });
  const restarted = createSimulatedAcceptor({ mode: 'auto', journalPath });
  assert.deepEqual(await restarted.lookup('p4'), { status: 'paid', method: 'ic', paid: 250, change: 0 });
  assert.deepEqual(await restarted.collect({ paymentId: 'p4', amount: 250, methods: ['cash'] }, () => undefined), { status: 'paid', method: 'ic', paid: 250, change: 0 });
  assert.equal(restarted.netTaken(), 250);
  assert.deepEqual(await restarted.refund('p4', 250), { refunded: 250 });
  assert.deepEqual(await restarted.refund('p4', 250), { refunded: 0 });
  assert.equal(restarted.netTaken(), 0);
  assert.equal(await restarted.lookup('never'), null);
});

test('an offline device fails at once without taking money', async () => {
  const dev = createSimulatedAcceptor({ fault: { kind: 'offline' } });
  assert.deepEqual(await dev.collect({ paymentId: 'p5', amount: 200, methods: ['cash'] }, () => undefined), { status: 'failed', reason: 'offline', refunded: 0 });
});
