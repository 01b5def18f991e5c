// Hospital payment on the real stack, through the kiosk's contract as the screens call it: the demo
// kiosk (production composition) with pcscd + vpcd + the virtual card, the online-eligibility
// simulator (its 照会番号 names the patient), the reference back office's ORCA subset as the cashier
// (incomev3), the simulated acceptor and card terminal (the only simulators: payment devices), and
// the CUPS printer for the 領収証 + 明細書. A patient received at the kiosk pays that bill once; ORCA
// records one 入金 under the kiosk's payment reference; a declined card takes nothing; a patient held
// at another cashier terminal goes to the desk; a card with no 照会番号 goes to the desk; a 処理中
// answer of the eligibility service is polled before the bill is looked up.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ORCA_OPERATOR } from '../../backoffice/orca/demo';
import type { BillingProgressView, CheckoutView } from '../../common/api/billing-schemas';
import { isKioskError } from '../../common/errors';
import { startDevKiosk, type DevKiosk } from '../../electron/dev-server/dev-kiosk';
import { createIncomeClient } from '../../electron/services/billing/income-client';
import { until } from '../helpers/until';

const CHOICES = { consent: { diagnosis: true, medication: true, checkups: true, surgery: true }, publicAid: 'none', prescription: 'electronic' } as const;

let dir: string;
let dev: DevKiosk;
/** Another cashier terminal of the same ORCA (the desk's), to look at and to hold patients. */
let desk: ReturnType<typeof createIncomeClient>;
const progress: BillingProgressView[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-billing-module-'));
  dev = await startDevKiosk({ dataDir: dir, voice: false, staffCode: false, hospital: true });
  desk = createIncomeClient({
    url: dev.reception!.settings.accounting.url, user: DEMO_ORCA_OPERATOR.operatorId, password: DEMO_ORCA_OPERATOR.password, karteUid: '00000000-0000-4000-8000-00000000d35c',
  });
  dev.kiosk.events.on('billing.progress', (p) => progress.push(p));
});

after(async () => {
  desk?.close();
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

/** Reception at the kiosk (registers the 照会番号 and an ORCA reception the demo bills). */
async function receive(holderId: string, pin: string, department: string): Promise<void> {
  const api = dev.kiosk.api;
  await api['session.start']({ reader: await place(holderId) });
  await api['session.login']({ pin, service: 'reception', medium: 'card' });
  let v = await api['reception.visit']({});
  while (v.state === 'checking') v = await api['reception.visit']({});
  await api['reception.choose']({ visitId: v.visitId, choices: { ...CHOICES } });
  assert.equal((await api['reception.register']({ visitId: v.visitId, department })).state, 'done');
  await leave();
}

/** お会計: the card, the PIN, the bill as the screen first reads it. */
async function checkout(holderId: string, pin: string): Promise<CheckoutView> {
  const api = dev.kiosk.api;
  await api['session.start']({ reader: await place(holderId) });
  await api['session.login']({ pin, service: 'billing', medium: 'card' });
  return api['billing.checkout']({});
}

/** Waits for the device to be asked (billing.progress 'collecting' / 'authorizing' of this checkout). */
const asked = (checkoutId: string, from: number) => until('the device asked', () =>
  progress.slice(from).find((p) => p.checkoutId === checkoutId && (p.phase === 'collecting' || p.phase === 'authorizing')) ? true : undefined);

test('a received patient pays in cash: one 入金 in ORCA under the kiosk\'s reference, change given, 領収証 + 明細書 printed', async () => {
  await receive('yamada-taro', '1234', '01');
  const api = dev.kiosk.api;
  const shown = await checkout('yamada-taro', '1234');
  assert.equal(shown.state, 'bill_shown');
  const due = shown.bill!.due;
  assert.ok(due > 0 && due < 10_000, `a clinic visit's share (${due})`);
  assert.ok(shown.methods.includes('cash') && shown.methods.includes('card'));
  const patientId = await patientOf(shown);
  const from = progress.length;
  const paying = api['billing.pay']({ checkoutId: shown.checkoutId, method: 'cash' });
  await asked(shown.checkoutId, from);
  await api['demo.pay']({ yen: 10000 });
  const done = await paying;
  assert.equal(done.state, 'done');
  assert.deepEqual([done.payment?.paid, done.payment?.change], [due, 10000 - due]);
  assert.equal(done.documents.status, 'printed', `the printer confirmed the 領収証 and 明細書 (${done.documents.reason ?? ''})`);
  const after = await desk.unpaidBills(patientId);
  await desk.unlock(after.lock);
  assert.ok(!after.bills.some((b) => b.invoiceNumber === shown.bill!.invoiceNumber), 'ORCA has the bill paid');
  // Paying it again under the same reference is answered as it is now: one payment ↔ one 伝票番号.
  const relock = await desk.unpaidBills(patientId);
  await desk.recordPayment({ patientId, invoiceNumber: shown.bill!.invoiceNumber, lock: relock.lock, amount: due, shownTotal: shown.bill!.total, icCode: '01', reference: `${shown.checkoutId}-1`, at: Date.now() });
  await desk.unlock(relock.lock);
  assert.equal((await api['billing.checkout']({})).state, 'done');
  // The back office accepted billing.paid and billing.recorded of this payment (the desk's source).
  await dev.platform.backOffice!.sync.drain();
  const outbox = dev.platform.db.sqlite.prepare(`SELECT kind, state FROM outbox WHERE stream = ? ORDER BY id`).all(`billing:${shown.checkoutId}-1`);
  assert.deepEqual(outbox, [{ kind: 'billing.paid', state: 'done' }, { kind: 'billing.recorded', state: 'done' }]);
  await leave();
});

/** The patient ID of a checkout, as the kiosk recorded it (the screen never has it). */
async function patientOf(v: CheckoutView): Promise<string> {
  const row = dev.platform.db.sqlite.prepare('SELECT patient_id FROM billing_checkouts WHERE checkout_id = ?').pluck().get(v.checkoutId) as string;
  return row;
}

test('a declined card takes nothing; the patient pays by card again and it is approved', async () => {
  await receive('yamada-taro', '1234', '10');
  const api = dev.kiosk.api;
  const shown = await checkout('yamada-taro', '1234');
  assert.equal(shown.state, 'bill_shown');
  let from = progress.length;
  const first = api['billing.pay']({ checkoutId: shown.checkoutId, method: 'card' });
  await asked(shown.checkoutId, from);
  await api['demo.pay']({ card: 'decline' });
  const declined = await first;
  assert.deepEqual([declined.state, declined.payment?.status, declined.payment?.paid], ['bill_shown', 'declined', 0]);
  from = progress.length;
  const second = api['billing.pay']({ checkoutId: shown.checkoutId, method: 'card' });
  await asked(shown.checkoutId, from);
  await api['demo.pay']({ card: 'approve' });
  const done = await second;
  assert.deepEqual([done.state, done.payment?.paid], ['done', shown.bill!.due]);
  assert.equal(dev.billing!.cardTerminal.netCharged() >= shown.bill!.due, true);
  await leave();
});

test('the card linked to a payment account at the kiosk once; the next bill is paid with the card + PIN alone', async () => {
  await receive('yamada-taro', '1234', '19');
  const api = dev.kiosk.api;
  const first = await checkout('yamada-taro', '1234');
  assert.equal(first.state, 'bill_shown');
  assert.ok(!first.methods.includes('linked'), 'nothing linked yet');
  // After the PIN of this session: the credit card on the terminal once (the demo card, VISA ending 4242).
  const linking = api['billing.link']({});
  await until('the terminal waiting for the card', () => (dev.billing!.cardTerminal.respond('approve') ? true : undefined));
  const link = await linking;
  assert.deepEqual(link, { status: 'linked', account: { brand: 'VISA', last4: '4242' } });
  await api['billing.cancel']({ checkoutId: first.checkoutId });
  await leave();

  const again = await checkout('yamada-taro', '1234');
  assert.ok(again.methods.includes('linked'));
  assert.deepEqual(again.linkedAccount, { brand: 'VISA', last4: '4242' });
  const charged = dev.billing!.cardTerminal.netCharged();
  const done = await api['billing.pay']({ checkoutId: again.checkoutId, method: 'linked' });
  assert.deepEqual([done.state, done.payment?.method, done.payment?.paid, done.documents.status], ['done', 'linked', again.bill!.due, 'printed']);
  assert.equal(dev.billing!.cardTerminal.netCharged(), charged, 'the terminal was not used: the back office charged the linked account');
  assert.equal((await api['billing.unlink']({})).status, 'unlinked');
  await leave();
});

test('the patient held at another cashier terminal: the kiosk goes to the desk and takes nothing', async () => {
  await receive('yamada-taro', '1234', '26');
  const patientId = dev.platform.db.sqlite.prepare(`SELECT patient_id FROM billing_checkouts WHERE patient_id IS NOT NULL LIMIT 1`).pluck().get() as string;
  const held = await desk.unpaidBills(patientId);
  try {
    const v = await checkout('yamada-taro', '1234');
    assert.deepEqual([v.state, v.deskReason], ['sent_to_desk', 'locked_elsewhere']);
  } finally {
    await desk.unlock(held.lock);
    await leave();
  }
});

test('the eligibility service answers 処理中 first (a slow insured person): polled, then her bill is shown', async () => {
  await receive('yamada-hanako', '2580', '01');
  const v = await checkout('yamada-hanako', '2580');
  assert.equal(v.state, 'bill_shown', `not the desk (${v.deskReason ?? ''})`);
  assert.ok(v.bill!.due > 0);
  await dev.kiosk.api['billing.cancel']({ checkoutId: v.checkoutId });
  await leave();
});

test('a card whose holder was never received here (no 照会番号) goes to the desk', async () => {
  const v = await checkout('takahashi-ichiro', '4321');
  assert.deepEqual([v.state, v.deskReason], ['sent_to_desk', 'no_patient_id']);
  await leave();
});

test('one PIN try left: the kiosk does not use it, and the checkout is the desk\'s with that reason', async () => {
  const api = dev.kiosk.api;
  const reader = await place('kobayashi-naoko');
  assert.equal((await api['session.start']({ reader })).authPinTriesLeft, 1);
  await assert.rejects(api['session.login']({ pin: '0000', service: 'billing', medium: 'card' }), (e) => isKioskError(e, 'reception.last_pin_try'));
  const v = await api['billing.checkout']({}).catch((e: unknown) => e);
  assert.deepEqual([(v as CheckoutView).state, (v as CheckoutView).deskReason], ['sent_to_desk', 'pin_last_try'], String(v));
  await api['session.end']({ reason: 'user' });
  assert.equal((await api['session.start']({ reader })).authPinTriesLeft, 1, 'no try was used');
  await leave();
});
