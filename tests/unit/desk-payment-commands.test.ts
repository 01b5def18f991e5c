// test-lane: free
// The payment desk's commands in staff mode at a hospital kiosk: desk.payments shows the day's
// payments as the reference back office answers them (real HTTP, the kiosk's key and a staff key with
// the settlement role), desk.refund / desk.settle_held hand staff's decision to the billing service of
// this kiosk (here a recorder with the service's interface: the checkout service is tested on its own),
// and every command answers only in staff mode, with the desk's 30-minute rule.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import { KioskError, isKioskError } from '../../common/errors';
import type { CardAuthService } from '../../electron/services/auth/holder-auth-service';
import { japanDate } from '../../electron/services/desk/desk-commands';
import { createPaymentsDeskClient } from '../../electron/services/desk/payments-client';
import type { StaffPaymentActions } from '../../electron/services/desk/staff-payments';
import { createKioskService } from '../../electron/services/kiosk/kiosk-service';
import type { Timers } from '../../electron/services/kiosk/watchdog';
import { hashStaffCode } from '../../electron/services/staff/staff-code';
import { createBackOfficeClient } from '../../electron/services/sync/http-client';
import { kioskKeyOf, staffKeyOf, testKey } from '../helpers/backoffice-access';

const CODE = '246800';
const codeHash = await hashStaffCode(CODE, { N: 1 << 14, r: 8, p: 1 });
const KIOSK = 'clinic-cashier';
const NOON = Date.parse('2026-12-06T03:00:00Z');
const MIN = 60_000;

let bo: RunningBackOffice;
let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paydesk-cmd-'));
  bo = await startBackOffice({
    dataDir: dir, clock: () => NOON,
    credentials: {
      kiosks: [{ kioskId: KIOSK, kind: 'hospital', key: testKey(`kiosk/${KIOSK}`), medicalInstitutionCode: '1311111111' }],
      staff: [{ staffId: 'cashier-1', key: testKey('staff/cashier-1'), roles: ['settlement'] }, { staffId: 'desk-1', key: testKey('staff/desk-1'), roles: ['reception'] }],
    },
  });
  const facts = { paymentRef: 'co-1-1', patientRef: '00101', invoiceNumber: '0000001', method: 'card', amount: 1790, at: new Date(NOON).toISOString() };
  const synced = await fetch(`${bo.url}/v1/sync/events`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'kiosk-key': kioskKeyOf(KIOSK) },
    body: JSON.stringify({ kioskId: KIOSK, events: [
      { key: 'p1', kind: 'billing.paid', stream: 'billing:co-1-1', createdAt: NOON, payload: { ...facts, change: 0 } },
      { key: 'p2', kind: 'billing.held', stream: 'billing:co-1-1', createdAt: NOON + 1, payload: { ...facts, reason: 'accounting_rejected' } },
    ] }),
  });
  assert.equal(synced.status, 200);
});
after(async () => { await bo.close(); rmSync(dir, { recursive: true, force: true }); });

const noTimers: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };
const noCard: CardAuthService = {
  readers: () => [], onReaderEvent: () => () => undefined,
  open: async () => { throw new Error('no card in this test'); }, login: async () => { throw new Error('no card in this test'); }, close: async () => undefined,
};

/** The billing service's side as the desk calls it: what staff asked, and a refusal for an unknown payment. */
function recorder() {
  const calls: unknown[][] = [];
  const actions: StaffPaymentActions = {
    async refund(paymentRef, amount, reason) {
      calls.push(['refund', paymentRef, amount, reason]);
      if (paymentRef !== 'co-1-1') throw new KioskError('billing.not_found', 'no such payment at this kiosk');
      return { paymentRef, status: 'recorded', refunded: amount };
    },
    async settleHeld(paymentRef, decision) {
      calls.push(['settle', paymentRef, decision]);
      return { paymentRef, status: decision === 'record' ? 'recorded' : 'refunded', refunded: decision === 'refund' ? 1790 : 0 };
    },
  };
  return { calls, actions };
}

function kiosk(o: { staffId?: string; actions?: StaffPaymentActions } = {}) {
  let now = NOON;
  const locked: string[] = [];
  const http = createBackOfficeClient({ baseUrl: bo.url, kioskKey: kioskKeyOf(KIOSK), staffKey: staffKeyOf(o.staffId ?? 'cashier-1') });
  const k = createKioskService({
    auth: noCard, version: '0.1.0', idle: { idleSec: 60, warnSec: 30 }, timers: noTimers, clock: () => now,
    staff: { codeHash }, paymentDesk: { source: createPaymentsDeskClient(http), ...(o.actions ? { actions: o.actions } : {}) },
  });
  k.events.on('staff.locked', ({ reason }) => locked.push(reason));
  return { k, locked, advance: (ms: number) => { now += ms; }, close: () => http.close() };
}

it('the payment desk answers only in staff mode, with the day\'s payments and the held one from the back office', async () => {
  const { k, close } = kiosk();
  assert.equal((await k.api['system.info']({})).staff, true, 'staff mode exists for the payment desk alone');
  await assert.rejects(k.api['desk.payments']({ refresh: false }), (e: unknown) => isKioskError(e, 'staff.locked'));
  await k.api['staff.unlock']({ code: CODE });
  const view = await k.api['desk.payments']({ refresh: false });
  assert.equal(view.date, japanDate(NOON));
  assert.deepEqual(view.held.map((h) => [h.paymentRef, h.status, h.reason, h.amount, h.method]), [['co-1-1', 'held', 'accounting_rejected', 1790, 'card']]);
  assert.deepEqual([view.settlement.kiosksTotal, view.settlement.reconciled, view.settlement.differences], [1790, false, [{ paymentRef: 'co-1-1', kiosk: 1790, accounting: 0 }]]);
  close();
});

it('staff without the settlement role are refused by the back office, and the kiosk says so', async () => {
  const { k, close } = kiosk({ staffId: 'desk-1' });
  await k.api['staff.unlock']({ code: CODE });
  await assert.rejects(k.api['desk.payments']({ refresh: false }), (e: unknown) => isKioskError(e, 'backoffice.refused') && e.details.reason === 'staff_role');
  close();
});

it('a refund and a held payment\'s decision go to the billing service in staff mode only; its refusal reaches staff as it is', async () => {
  const { calls, actions } = recorder();
  const { k, close } = kiosk({ actions });
  await assert.rejects(k.api['desk.refund']({ paymentRef: 'co-1-1', amount: 500, reason: '検査取りやめ' }), (e: unknown) => isKioskError(e, 'staff.locked'));
  await assert.rejects(k.api['desk.settle_held']({ paymentRef: 'co-1-1', decision: 'record' }), (e: unknown) => isKioskError(e, 'staff.locked'));
  assert.deepEqual(calls, [], 'nothing reached the billing service before staff mode');
  await k.api['staff.unlock']({ code: CODE });
  assert.deepEqual(await k.api['desk.refund']({ paymentRef: 'co-1-1', amount: 500, reason: '検査取りやめ' }), { paymentRef: 'co-1-1', status: 'recorded', refunded: 500 });
  assert.deepEqual(await k.api['desk.settle_held']({ paymentRef: 'co-1-1', decision: 'refund' }), { paymentRef: 'co-1-1', status: 'refunded', refunded: 1790 });
  await assert.rejects(k.api['desk.refund']({ paymentRef: 'co-9-1', amount: 100, reason: 'x' }), (e: unknown) => isKioskError(e, 'billing.not_found'));
  assert.deepEqual(calls, [['refund', 'co-1-1', 500, '検査取りやめ'], ['settle', 'co-1-1', 'refund'], ['refund', 'co-9-1', 100, 'x']]);
  close();
});

it('at a kiosk that takes no payments, staff see the day but refund at the kiosk that took the payment', async () => {
  const { k, close } = kiosk();
  await k.api['staff.unlock']({ code: CODE });
  assert.equal((await k.api['desk.payments']({ refresh: false })).held.length, 1);
  await assert.rejects(k.api['desk.refund']({ paymentRef: 'co-1-1', amount: 500, reason: 'x' }), (e: unknown) => isKioskError(e, 'api.unsupported'));
  close();
});

it('30 minutes without a tap lock staff mode however often the screen refreshed; a refund is a tap', async () => {
  const { actions } = recorder();
  const { k, locked, advance, close } = kiosk({ actions });
  await k.api['staff.unlock']({ code: CODE });
  await k.api['desk.payments']({ refresh: false });
  for (let i = 0; i < 20; i++) { advance(MIN); await k.api['desk.payments']({ refresh: true }); }
  await k.api['desk.refund']({ paymentRef: 'co-1-1', amount: 100, reason: 'x' }); // minute 20: staff's tap
  advance(30 * MIN);
  await k.api['desk.payments']({ refresh: true });
  assert.deepEqual(locked, []);
  advance(MIN);
  await assert.rejects(k.api['desk.payments']({ refresh: true }), (e: unknown) => isKioskError(e, 'staff.locked'));
  assert.deepEqual(locked, ['timeout']);
  await assert.rejects(k.api['desk.refund']({ paymentRef: 'co-1-1', amount: 100, reason: 'x' }), (e: unknown) => isKioskError(e, 'staff.locked'), 'staff mode itself is locked');
  close();
});
