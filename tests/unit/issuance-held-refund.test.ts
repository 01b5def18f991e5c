// A held print settled by a refund, over the real kiosk database and state machine with a payment
// device that can fail: the refund goes through the device and is audited with the staff note; a
// device that cannot pay leaves the request 'failed' with the fee owed (listed for staff again),
// and a later refund settles it. What the staff screen gets from the list carries no free text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isKioskError } from '../../common/errors';
import { openKioskDb } from '../../db/kiosk-db';
import { createQueue } from '../../db/queue';
import { createIssuanceService } from '../../electron/services/issuance/issuance-service';
import { createRequestStore } from '../../electron/services/issuance/state-machine';
import type { PaymentDevice } from '../../electron/services/payment/payment-device';
import type { KioskPrinter } from '../../electron/services/printing/types';
import { toHeldView, whatHappened } from '../../electron/services/staff/held-view';

const REQ = '6d1f0c2a-1b3c-4d5e-8f90-a1b2c3d4e5f6';

test('refund of a held print: device failure leaves it failed with the fee owed; a later refund settles it, audited', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-held-'));
  const db = openKioskDb({ path: join(dir, 'kiosk.db') });
  t.after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const queue = createQueue(db);
  const refunds: { paymentId: string; amount: number }[] = [];
  let deviceWorks = false;
  const payment: PaymentDevice = {
    collect: () => Promise.reject(new Error('not in this test')),
    refund: async (paymentId, amount) => {
      if (!deviceWorks) throw new Error('change dispenser empty');
      refunds.push({ paymentId, amount });
      return { refunded: amount };
    },
    cancel: () => undefined,
  };
  const printer = { status: async () => ({ state: 'idle' }), print: () => Promise.reject(new Error('not in this test')), cancel: async () => undefined } as unknown as KioskPrinter;
  const service = createIssuanceService({ db, queue, backOffice: { baseUrl: 'http://127.0.0.1:9' }, printer, payment, kioskId: 'kiosk-t' });

  // A paid inkan request whose print stopped on a paper jam before any sheet came out.
  const store = createRequestStore(db, queue, 'kiosk-t', Date.now);
  store.create({ requestId: REQ, type: 'inkan', scope: 'self', copies: 1, summary: [] });
  store.transition(REQ, 'authorized', { patch: { fee: 200, issuanceId: 'iss-1', issuanceNumber: '2025-000042', subjectHash: 'a'.repeat(64) } });
  store.patch(REQ, { paymentId: `pay-${REQ}` });
  store.transition(REQ, 'paid', { patch: { paid: 200 } });
  store.transition(REQ, 'printing');
  store.transition(REQ, 'held', { detail: 'media-jam-error', patch: { maybePrinted: false } });

  const held = service.listHeld();
  assert.deepEqual(held.map((h) => [h.state, h.paid, h.lastDetail, h.maybePrinted]), [['held', 200, 'media-jam-error', false]]);
  assert.deepEqual(toHeldView(held[0]!), { requestId: REQ, state: 'held', type: 'inkan', issuanceNumber: '2025-000042', paid: 200,
    since: held[0]!.updatedAt, what: 'media-jam', maybePrinted: false, moneyOwed: false });

  return (async () => {
    await assert.rejects(service.resolveHeld(REQ, 'refund', '用紙は出ていなかった（係員画面）'),
      (e) => isKioskError(e, 'payment.failed') && e.details.reason === 'refund_failed');
    const owed = service.listHeld();
    assert.deepEqual(owed.map((h) => [h.state, h.paid]), [['failed', 200]], 'still listed for staff, the fee owed');
    assert.deepEqual([toHeldView(owed[0]!)?.what, toHeldView(owed[0]!)?.moneyOwed], ['refund-failed', true]);
    await assert.rejects(service.resolveHeld(REQ, 'printed', 'x'), (e) => isKioskError(e, 'issuance.invalid_state'));

    deviceWorks = true;
    assert.deepEqual(await service.resolveHeld(REQ, 'refund', 'その他（係員画面）'), { state: 'refunded', refunded: 200 });
    assert.deepEqual(refunds, [{ paymentId: `pay-${REQ}`, amount: 200 }]);
    assert.deepEqual(service.listHeld(), []);
    const events = service.get(REQ)!.events;
    assert.deepEqual(events.slice(-2).map((e) => [e.state, e.detail]), [['failed', 'refund_failed: change dispenser empty'], ['refunded', 'staff: その他（係員画面）']]);
    // The back office learns who decided what: the staff note travels with the refund event.
    const payload = JSON.parse(db.sqlite.prepare(`SELECT payload FROM outbox WHERE kind = 'certificate.refunded'`).pluck().get() as string) as Record<string, unknown>;
    assert.deepEqual([payload.refunded, payload.staffNote], [200, 'その他（係員画面）']);
  })();
});

test('what happened: one word from the audited detail, never the free text of a note', () => {
  assert.equal(whatHappened('offline', 'held'), 'offline');
  assert.equal(whatHappened('interrupted_during_printing', 'held'), 'interrupted_during_printing');
  assert.equal(whatHappened('reprint_requested: 0b1f9c1e-3c57-4a3a-9d1e-2f6a1c0d4e5f staff: 山田さんに渡す', 'held'), 'reprint-pending');
  assert.equal(whatHappened('reprint_refused: seal_abolished', 'held'), 'reprint-refused');
  assert.equal(whatHappened('refund_failed: dispenser jam at /dev/ttyS0', 'failed'), 'refund-failed');
  assert.equal(whatHappened(null, 'held'), 'unknown');
  assert.equal(whatHappened('Media-Empty-Warning', 'held'), 'media-empty');
});
