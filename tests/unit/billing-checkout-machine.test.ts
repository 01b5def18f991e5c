// test-lane: free
// Migration 0090 and the checkout state machine of hospital payment: only the drawn edges are
// allowed (every other one is refused with billing.invalid_state and changes nothing), the back
// office learns paid / recorded / held / refunded through the outbox in the same transaction, on
// the payment's own stream, without a name; finished, synced checkouts leave with retention.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isKioskError } from '../../common/errors';
import { openKioskDb } from '../../db/kiosk-db';
import { createQueue } from '../../db/queue';
import { BILLING_EVENT_PAYLOADS } from '../../common/backoffice-api/billing';
import { createCheckoutStore, TRANSITIONS, type CheckoutState } from '../../electron/services/billing/checkout-machine';

const STATES = Object.keys(TRANSITIONS) as CheckoutState[];

function rig(t: { after(fn: () => void): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-checkout-'));
  const db = openKioskDb({ path: join(dir, 'kiosk.db') });
  t.after(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });
  const queue = createQueue(db);
  let now = 1_000;
  const store = createCheckoutStore(db, queue, 'hospital-kiosk-1', () => now);
  const outbox = () => db.sqlite.prepare('SELECT kind, stream, payload, state FROM outbox ORDER BY id').all() as { kind: string; stream: string; payload: string; state: string }[];
  return { db, queue, store, outbox, tick: () => (now += 1_000) };
}

/** The shortest path of edges from 'looking_up' to `target`. */
function pathTo(target: CheckoutState): CheckoutState[] {
  const queue: CheckoutState[][] = [['looking_up']];
  while (queue.length > 0) {
    const p = queue.shift()!;
    const last = p[p.length - 1]!;
    if (last === target) return p.slice(1);
    for (const next of TRANSITIONS[last]) if (!p.includes(next)) queue.push([...p, next]);
  }
  throw new Error(`no path to ${target}`);
}

const PAY = { patientId: '00002', invoiceNumber: '0000123', method: 'cash' as const, paymentId: 'c1-1', paid: 1230, change: 770 };

test('every edge not drawn is refused with billing.invalid_state and leaves the row and outbox as they were', (t) => {
  for (const from of STATES) {
    for (const to of STATES) {
      if (TRANSITIONS[from].includes(to)) continue;
      const { store, outbox } = rig(t);
      const id = `c-${from}-${to}`;
      store.create(id, 'card', PAY);
      for (const step of pathTo(from)) store.transition(id, step);
      const before = { row: store.load(id), events: store.events(id).length, out: outbox().length };
      assert.throws(() => store.transition(id, to), (e) => isKioskError(e, 'billing.invalid_state') && e.details.state === from, `${from} → ${to}`);
      assert.deepEqual(store.load(id), before.row);
      assert.equal(store.events(id).length, before.events);
      assert.equal(outbox().length, before.out);
    }
  }
});

test('final states have no way out; a paid checkout never goes back before the money', () => {
  for (const s of ['done', 'nothing_due', 'sent_to_desk', 'abandoned', 'refunded'] as const) assert.deepEqual(TRANSITIONS[s], []);
  for (const s of ['paid', 'recorded', 'held'] as const) {
    for (const before of ['looking_up', 'bill_shown', 'paying', 'abandoned'] as const) assert.ok(!TRANSITIONS[s].includes(before), `${s} → ${before}`);
  }
});

test('paid, recorded, held and refunded each reach the outbox on the payment\'s stream, in the back office\'s vocabulary, without a name', (t) => {
  const { store, outbox, tick } = rig(t);
  store.create('c1', 'card', { patientId: '00002', invoiceNumber: '0000123' });
  store.transition('c1', 'bill_shown');
  store.transition('c1', 'paying', { patch: { method: 'cash', paymentId: 'c1-1', attempt: 1 } });
  assert.equal(outbox().length, 0, 'nothing is told before money was taken');
  tick();
  store.transition('c1', 'paid', { patch: { paid: 1230, change: 770 } });
  store.transition('c1', 'held', { patch: { heldReason: 'bill_changed' } });
  store.refunded('c1', { amount: 1230, by: 'staff', reason: 'settled at the desk', to: 'refunded' });
  const rows = outbox();
  assert.deepEqual(rows.map((r) => r.kind), ['billing.paid', 'billing.held', 'billing.refunded']);
  for (const r of rows) {
    assert.equal(r.stream, 'billing:c1-1');
    const payload = JSON.parse(r.payload) as Record<string, unknown>;
    BILLING_EVENT_PAYLOADS[r.kind as keyof typeof BILLING_EVENT_PAYLOADS].parse(payload);
    assert.equal(payload.patientRef, '00002');
    assert.equal(payload.amount, 1230);
  }
  assert.equal(JSON.parse(rows[2]!.payload).totalRefunded, 1230);
  assert.equal(store.load('c1').state, 'refunded');
  assert.equal(store.load('c1').refunded, 1230);
});

test('a refund to a state the machine does not allow changes nothing', (t) => {
  const { store, outbox } = rig(t);
  store.create('c2', 'card', PAY);
  store.transition('c2', 'bill_shown');
  assert.throws(() => store.refunded('c2', { amount: 10, by: 'staff', reason: 'x', to: 'refunded' }), (e) => isKioskError(e, 'billing.invalid_state'));
  assert.equal(store.load('c2').refunded, 0);
  assert.equal(outbox().length, 0);
});

test('retention deletes finished checkouts once their payment events are acknowledged, never before', (t) => {
  const { db, store, outbox } = rig(t);
  store.create('c3', 'card', { patientId: '00002', invoiceNumber: '0000123' });
  for (const s of ['bill_shown', 'paying', 'paid', 'recorded', 'done'] as const) {
    store.transition('c3', s, s === 'paying' ? { patch: { method: 'card', paymentId: 'c3-1', attempt: 1 } } : s === 'paid' ? { patch: { paid: 500 } } : {});
  }
  store.create('c4', 'card', {});
  store.transition('c4', 'nothing_due');
  assert.equal(store.deleteFinished(Number.MAX_SAFE_INTEGER, 50), 1, 'only the checkout without unsent events');
  assert.ok(store.get('c3'));
  assert.equal(store.get('c4'), undefined);
  db.sqlite.prepare(`UPDATE outbox SET state = 'done'`).run();
  assert.equal(store.deleteFinished(Number.MAX_SAFE_INTEGER, 50), 1);
  assert.equal(store.get('c3'), undefined);
  assert.equal(store.events('c3').length, 0);
  assert.equal(outbox().length, 0, 'its done outbox rows leave with it');
});
