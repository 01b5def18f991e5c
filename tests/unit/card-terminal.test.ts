// test-lane: free
// The simulated card terminal answers as a real one does: approved (charged once, journaled),
// declined with the acquirer's reason, cancelled by the customer or the kiosk, timeout (and a late
// approval the kiosk finds with lookup and reverses), reversal and refund within the charge, a
// linking token without the card number; and a restarted terminal still knows what it charged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulatedCardTerminal } from '../../simulators/payment';
import type { PaymentDevice } from '../../electron/services/payment/payment-device';

const charge = (paymentId: string, amount = 1230) => ({ paymentId, amount, methods: ['card' as const] });
const noProgress = () => undefined;

function tempJournal(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-card-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'card-journal.jsonl');
}

test('approved: charged once; the same paymentId asked again answers the same approval without charging again', async () => {
  const terminal = createSimulatedCardTerminal();
  // The kiosk's code sees it as a PaymentDevice: the shapes must agree.
  const device: PaymentDevice = terminal;
  const progress: unknown[] = [];
  const running = device.collect(charge('c1-1'), (p) => progress.push(p));
  assert.equal(terminal.respond('approve'), true);
  assert.deepEqual(await running, { status: 'paid', method: 'card', paid: 1230, change: 0 });
  assert.deepEqual(progress, [{ inserted: 0, remaining: 1230, method: 'card' }]);
  assert.deepEqual(await device.collect(charge('c1-1'), noProgress), { status: 'paid', method: 'card', paid: 1230, change: 0 });
  assert.equal(terminal.netCharged(), 1230);
});

test('declined: the acquirer\'s reason, nothing charged; a test card ending 0002 is declined for insufficient funds', async () => {
  const terminal = createSimulatedCardTerminal();
  const first = terminal.collect(charge('c2-1'), noProgress);
  terminal.respond({ kind: 'decline', reason: 'expired_card' });
  assert.deepEqual(await first, { status: 'failed', reason: 'expired_card', refunded: 0 });
  terminal.presentCard({ brand: 'VISA', last4: '0002' });
  const second = terminal.collect(charge('c2-2'), noProgress);
  terminal.respond('approve'); // the customer did everything right; the issuer still says no
  assert.deepEqual(await second, { status: 'failed', reason: 'insufficient_funds', refunded: 0 });
  assert.equal(terminal.netCharged(), 0);
  assert.equal(await terminal.lookup('c2-2'), null);
});

test('cancelled by the customer at the terminal, or by the kiosk: nothing charged, and the terminal takes the next request', async () => {
  const terminal = createSimulatedCardTerminal();
  const byCustomer = terminal.collect(charge('c3-1'), noProgress);
  terminal.respond('cancel');
  assert.deepEqual(await byCustomer, { status: 'cancelled', refunded: 0 });
  const byKiosk = terminal.collect(charge('c3-2'), noProgress);
  terminal.cancel();
  assert.deepEqual(await byKiosk, { status: 'cancelled', refunded: 0 });
  const next = terminal.collect(charge('c3-3'), noProgress);
  terminal.respond('approve');
  assert.equal((await next).status, 'paid');
  assert.equal(terminal.netCharged(), 1230);
});

test('busy and wrong requests are refused without charging: a second request while one runs, a request not offering card', async () => {
  const terminal = createSimulatedCardTerminal();
  const running = terminal.collect(charge('c4-1'), noProgress);
  assert.deepEqual(await terminal.collect(charge('c4-2'), noProgress), { status: 'failed', reason: 'busy', refunded: 0 });
  assert.deepEqual(await terminal.collect({ paymentId: 'c4-3', amount: 100, methods: ['cash'] }, noProgress), { status: 'failed', reason: 'method_not_offered', refunded: 0 });
  terminal.cancel();
  await running;
});

test('timeout: no answer within the kiosk\'s bound is a failed \'timeout\'; the customer approving afterwards is found by lookup and reversed', async () => {
  const terminal = createSimulatedCardTerminal({ responseTimeoutMs: 30 });
  const result = await terminal.collect(charge('c5-1', 800), noProgress);
  assert.deepEqual(result, { status: 'failed', reason: 'timeout', refunded: 0 });
  assert.equal(await terminal.lookup('c5-1'), null, 'nothing charged when the kiosk gave up');
  assert.equal(terminal.respond('approve'), true, 'the late approval lands on the timed-out request');
  assert.deepEqual(await terminal.lookup('c5-1'), { status: 'paid', method: 'card', paid: 800, change: 0 });
  assert.deepEqual(await terminal.refund('c5-1', 800), { refunded: 800 }, 'the reversal');
  assert.equal(terminal.netCharged(), 0);
  assert.equal(terminal.respond('approve'), false, 'nothing left to approve');
});

test('the demo\'s timeout with a late approval: answered as timeout, the charge is journaled for the kiosk to reverse', async () => {
  const terminal = createSimulatedCardTerminal();
  const running = terminal.collect(charge('c6-1', 500), noProgress);
  terminal.respond({ kind: 'timeout', lateApproval: true });
  assert.deepEqual(await running, { status: 'failed', reason: 'timeout', refunded: 0 });
  assert.equal((await terminal.lookup('c6-1'))?.status, 'paid');
});

test('reversal and refund never give back more than was charged; a refund of an unknown payment gives nothing', async () => {
  const terminal = createSimulatedCardTerminal({ mode: 'auto' });
  await terminal.collect(charge('c7-1', 1000), noProgress);
  assert.deepEqual(await terminal.refund('c7-1', 300), { refunded: 300 });
  assert.deepEqual(await terminal.refund('c7-1', 900), { refunded: 700 });
  assert.deepEqual(await terminal.refund('c7-1', 1), { refunded: 0 });
  assert.deepEqual(await terminal.refund('nope', 100), { refunded: 0 });
  assert.equal(terminal.netCharged(), 0);
});

test('auto mode answers each request with its outcome (declines in a declining terminal)', async () => {
  const terminal = createSimulatedCardTerminal({ mode: 'auto', auto: { kind: 'decline', reason: 'do_not_honour' }, autoDelayMs: 5 });
  assert.deepEqual(await terminal.collect(charge('c8-1'), noProgress), { status: 'failed', reason: 'do_not_honour', refunded: 0 });
});

test('tokenize: an opaque token with brand and last 4 (never the card number); declined and cancelled answer no token', async () => {
  const terminal = createSimulatedCardTerminal({ card: { brand: 'JCB', last4: '1234' } });
  const linking = terminal.tokenize();
  terminal.respond('approve');
  const linked = await linking;
  assert.ok('token' in linked);
  assert.match(linked.token, /^simtok-JCB-1234-[0-9a-f]{16}$/);
  assert.deepEqual({ brand: linked.brand, last4: linked.last4 }, { brand: 'JCB', last4: '1234' });
  const cancelled = terminal.tokenize();
  terminal.respond('cancel');
  assert.deepEqual(await cancelled, { status: 'cancelled' });
  terminal.presentCard({ brand: 'VISA', last4: '0002' });
  const noFunds = terminal.tokenize();
  terminal.respond('approve');
  assert.ok('token' in (await noFunds), 'a card without funds still links (its charges are declined)');
  terminal.presentCard({ brand: 'VISA', last4: '0069' });
  const expired = terminal.tokenize();
  terminal.respond('approve');
  assert.deepEqual(await expired, { status: 'declined' });
  assert.equal(terminal.netCharged(), 0, 'linking charges nothing');
});

test('journal on disk: a restarted terminal answers lookup and refuses to charge the same paymentId twice', async (t) => {
  const path = tempJournal(t);
  const before = createSimulatedCardTerminal({ journalPath: path });
  const running = before.collect(charge('c9-1', 2400), noProgress);
  before.respond('approve');
  await running;
  await before.refund('c9-1', 400);
  assert.deepEqual(readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { e: string }).e), ['paid', 'refund']);

  const after = createSimulatedCardTerminal({ journalPath: path });
  assert.deepEqual(await after.lookup('c9-1'), { status: 'paid', method: 'card', paid: 2400, change: 0 });
  // The kiosk asking again after its own crash: the same answer, no second charge, no waiting for the customer.
  assert.deepEqual(await after.collect(charge('c9-1', 2400), noProgress), { status: 'paid', method: 'card', paid: 2400, change: 0 });
  assert.equal(after.netCharged(), 2000);
  assert.deepEqual(await after.refund('c9-1', 5000), { refunded: 2000 }, 'the refund before the restart counts');
});
