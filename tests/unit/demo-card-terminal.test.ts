// test-lane: free
// The demo's card-terminal keys (demo.pay { card }): the kiosk's demo command reaches the simulated card
// terminal the way the customer's key press would — approve, decline, cancel, timeout — and a kiosk
// without a demo card terminal says so (api.unsupported) instead of pretending.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DemoPaySchema } from '../../common/api/issuance-schemas';
import { isKioskError } from '../../common/errors';
import type { CardAuthService } from '../../electron/services/auth/holder-auth-service';
import { createKioskService } from '../../electron/services/kiosk/kiosk-service';
import { createSimulatedCardTerminal, type SimulatedCardTerminal } from '../../simulators/payment';

const idle = { idleSec: 60, warnSec: 30 };
const auth = { readers: () => [], onReaderEvent: () => () => undefined } as unknown as CardAuthService;
const charge = (paymentId: string) => ({ paymentId, amount: 1200, methods: ['card' as const] });

function kioskWith(terminal: SimulatedCardTerminal | null) {
  const acceptor = { insert: () => undefined, touchIc: () => undefined };
  return createKioskService({ auth, version: '1', idle, demoPayment: terminal ? { ...acceptor, card: terminal } : acceptor });
}

test('demo.pay { card } takes exactly the four keys of the terminal', () => {
  for (const card of ['approve', 'decline', 'cancel', 'timeout']) assert.ok(DemoPaySchema.safeParse({ card }).success, card);
  assert.equal(DemoPaySchema.safeParse({ card: 'reverse' }).success, false);
  assert.equal(DemoPaySchema.safeParse({ card: 'approve', yen: 100 }).success, false);
});

test('each key answers the running card payment as the customer would', async () => {
  const terminal = createSimulatedCardTerminal();
  const kiosk = kioskWith(terminal);
  const expected = {
    approve: { status: 'paid', method: 'card', paid: 1200, change: 0 },
    decline: { status: 'failed', reason: 'declined', refunded: 0 },
    cancel: { status: 'cancelled', refunded: 0 },
    timeout: { status: 'failed', reason: 'timeout', refunded: 0 },
  } as const;
  for (const [key, result] of Object.entries(expected) as [keyof typeof expected, unknown][]) {
    const running = terminal.collect(charge(`demo-${key}`), () => undefined);
    assert.deepEqual(await kiosk.api['demo.pay']({ card: key }), { accepted: true });
    assert.deepEqual(await running, result, key);
  }
  assert.equal(terminal.netCharged(), 1200);
  // The customer finishing on the terminal after the kiosk gave up: a late approval the kiosk must reverse.
  assert.deepEqual(await kiosk.api['demo.pay']({ card: 'approve' }), { accepted: true });
  assert.equal((await terminal.lookup('demo-timeout'))?.status, 'paid');
  assert.deepEqual(await kiosk.api['demo.pay']({ card: 'approve' }), { accepted: false }, 'nothing waiting at the terminal');
});

test('a demo without a card terminal refuses the card keys; the coin keys still work', async () => {
  const kiosk = kioskWith(null);
  await assert.rejects(kiosk.api['demo.pay']({ card: 'approve' }), (e) => isKioskError(e, 'api.unsupported'));
  assert.deepEqual(await kiosk.api['demo.pay']({ yen: 100 }), { accepted: true });
});
