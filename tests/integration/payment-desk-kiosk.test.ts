// The payment desk on the real stack, through the kiosk's contract: the demo hospital kiosk (production
// composition, pcscd + vpcd + the virtual card, the eligibility simulator, the reference back office
// with its ORCA subset, the simulated card terminal — a payment device, the only simulator). A patient
// pays by card at this kiosk; its outbox tells the back office; staff in staff mode see the payment
// recorded and the day reconciled with ORCA's 入金 under the kiosk's reference; staff refund part of
// it here — the terminal reverses it, ORCA gets a 返金 line under the refund's own reference — and the
// day is still reconciled, the card net of the refund. A refund above what is left changes nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BillingProgressView } from '../../common/api/billing-schemas';
import type { DeskPaymentsView } from '../../common/api/contract';
import { isKioskError } from '../../common/errors';
import { DEMO_STAFF_CODE, startDevKiosk, type DevKiosk } from '../../electron/dev-server/dev-kiosk';
import { until } from '../helpers/until';

const CHOICES = { consent: { diagnosis: true, medication: true, checkups: true, surgery: true }, publicAid: 'none', prescription: 'electronic' } as const;

let dir: string;
let dev: DevKiosk;
const progress: BillingProgressView[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-payment-desk-'));
  dev = await startDevKiosk({ dataDir: dir, voice: false, hospital: true });
  dev.kiosk.events.on('billing.progress', (p) => progress.push(p));
});
after(async () => {
  await dev?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function place(holderId: string): Promise<string> {
  await dev.kiosk.api['demo.insert']({ id: holderId, reader: 0 });
  return until('the card on the reader', async () => (await dev.kiosk.api['card.readers']({})).find((r) => r.cardPresent)?.name);
}
async function leave(): Promise<void> {
  await dev.kiosk.api['session.end']({ reason: 'user' });
  await dev.kiosk.api['demo.remove']({ reader: 0 });
  await until('the card off the reader', async () => ((await dev.kiosk.api['card.readers']({})).some((r) => r.cardPresent) ? undefined : true));
}

/** Reception, then お会計 by card (approved at the terminal): the payment's reference and amount. */
async function payByCard(holderId: string, pin: string, department: string): Promise<{ paymentRef: string; amount: number; invoiceNumber: string }> {
  const api = dev.kiosk.api;
  await api['session.start']({ reader: await place(holderId) });
  await api['session.login']({ pin, service: 'reception', medium: 'card' });
  let v = await api['reception.visit']({});
  while (v.state === 'checking') v = await api['reception.visit']({});
  await api['reception.choose']({ visitId: v.visitId, choices: { ...CHOICES } });
  assert.equal((await api['reception.register']({ visitId: v.visitId, department })).state, 'done');
  await leave();
  await api['session.start']({ reader: await place(holderId) });
  await api['session.login']({ pin, service: 'billing', medium: 'card' });
  const shown = await api['billing.checkout']({});
  assert.equal(shown.state, 'bill_shown');
  const from = progress.length;
  const paying = api['billing.pay']({ checkoutId: shown.checkoutId, method: 'card' });
  await until('the terminal asked', () => progress.slice(from).find((p) => p.checkoutId === shown.checkoutId && p.phase === 'authorizing') ? true : undefined);
  await api['demo.pay']({ card: 'approve' });
  const done = await paying;
  assert.equal(done.state, 'done');
  await leave();
  const paymentRef = dev.platform.db.sqlite.prepare('SELECT payment_id FROM billing_checkouts WHERE checkout_id = ?').pluck().get(shown.checkoutId) as string;
  return { paymentRef, amount: shown.bill!.due, invoiceNumber: shown.bill!.invoiceNumber };
}

/** The desk as staff see it once the outbox has told the back office what `ready` waits for. */
const deskWhen = (what: string, ready: (v: DeskPaymentsView) => boolean) =>
  until(what, async () => { const v = await dev.kiosk.api['desk.payments']({ refresh: false }); return ready(v) ? v : undefined; }, 30_000);

test('a card payment at this kiosk: the desk sees it recorded and reconciled; a partial refund here is reversed, recorded as 返金, and the day still reconciles', async () => {
  const paid = await payByCard('yamada-taro', '1234', '01');
  assert.ok(paid.amount > 500, `a clinic visit's share (${paid.amount})`);
  const api = dev.kiosk.api;
  await assert.rejects(api['desk.payments']({ refresh: false }), (e) => isKioskError(e, 'staff.locked'), 'staff mode first');
  await api['staff.unlock']({ code: DEMO_STAFF_CODE });

  const row = (v: DeskPaymentsView) => v.payments.find((p) => p.paymentRef === paid.paymentRef);
  let view = await deskWhen('the payment recorded at the back office', (v) => row(v)?.status === 'recorded');
  assert.deepEqual([row(view)!.method, row(view)!.amount, row(view)!.invoiceNumber, row(view)!.refunded], ['card', paid.amount, paid.invoiceNumber, 0]);
  assert.equal(view.settlement.reconciled, true, JSON.stringify(view.settlement));
  assert.equal(view.settlement.byMethod.find((m) => m.method === 'card')?.amount, paid.amount);
  assert.ok(!view.unpaid.some((u) => u.invoiceNumber === paid.invoiceNumber), 'ORCA has the bill paid');

  const charged = dev.billing!.cardTerminal.netCharged();
  assert.deepEqual(await api['desk.refund']({ paymentRef: paid.paymentRef, amount: 500, reason: 'wrong_amount' }), { paymentRef: paid.paymentRef, status: 'recorded', refunded: 500 });
  assert.equal(dev.billing!.cardTerminal.netCharged(), charged - 500, 'the terminal gave 500 back');
  // ORCA's own file (the embedded back office's), read as its cashier records it.
  const orca = new Database(join(dir, 'issuance', 'backoffice', 'orca.db'), { readonly: true });
  const refunds = orca.prepare(`SELECT ic_money AS yen, payment_reference AS ref FROM income_history WHERE invoice_number = ? AND state = '4'`).all(paid.invoiceNumber);
  orca.close();
  assert.deepEqual(refunds, [{ yen: -500, ref: `${paid.paymentRef}-r1` }], 'one 返金 in ORCA under the refund\'s own reference');

  view = await deskWhen('the refund at the back office', (v) => row(v)?.refunded === 500);
  assert.equal(row(view)!.status, 'recorded');
  assert.deepEqual([view.settlement.reconciled, view.settlement.differences], [true, []]);
  assert.equal(view.settlement.byMethod.find((m) => m.method === 'card')?.amount, paid.amount - 500);
  assert.equal(view.unpaid.find((u) => u.invoiceNumber === paid.invoiceNumber)?.due, 500, 'ORCA waits again for what was returned');

  await assert.rejects(api['desk.refund']({ paymentRef: paid.paymentRef, amount: paid.amount, reason: 'paid_twice' }), (e) => isKioskError(e, 'input.invalid'));
  assert.equal(dev.billing!.cardTerminal.netCharged(), charged - 500, 'nothing more given back');
  await assert.rejects(api['desk.settle_held']({ paymentRef: paid.paymentRef, decision: 'record' }), (e) => isKioskError(e, 'billing.invalid_state'), 'a recorded payment is not held');
  await api['staff.lock']({});
});
