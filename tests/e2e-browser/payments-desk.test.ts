// The desk's 「会計」 tab in Chromium against the real stack (the demo kiosk, the reference back office
// with its ORCA subset, bills paid through ORCA's own incomev3 as a payment kiosk pays them, and the
// payment kiosks' billing.* events sent through the sync route as their outbox sends them): the
// settlement 「⚠ 不一致」 naming the held payment, the held payment with its reason and its two
// decisions, the unpaid bills, the day's payments; a refund asked for with its amount and reason and
// a confirm step (this payment was not taken at this kiosk, so it says to refund at the kiosk that took it);
// the held payment recorded at its kiosk turns the box to 「✓ 一致」 by the automatic refresh. No names.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_ORCA_OPERATOR } from '../../backoffice/orca/demo';
import { isKioskError } from '../../common/errors';
import { DEMO_STAFF_CODE } from '../../electron/dev-server/dev-kiosk';
import { chromiumMissing, LANDSCAPE, openKiosk, PORTRAIT, type KioskFixture } from './kiosk-fixture';
import { StaffPage } from './page-models/staff-page';
import { accessible } from './printed-certificate';

type Res = Record<string, unknown>;

describe('the payment desk at the kiosk', { skip: chromiumMissing }, () => {
  let f: KioskFixture;
  let staff: StaffPage;
  let sync: (events: unknown[]) => Promise<void>;
  let income: (req: Res) => Promise<Res>;
  const bills = new Map<string, { invoice: string; due: number }>();
  const facts = (paymentRef: string, patientId: string, method: string) =>
    ({ paymentRef, patientRef: patientId, invoiceNumber: bills.get(patientId)!.invoice, method, amount: bills.get(patientId)!.due, at: new Date().toISOString() });
  const pay = async (patientId: string, reference: string) => {
    const open = await income({ Request_Number: '01', Request_Mode: '01', Karte_Uid: 'e2e-kiosk', Patient_ID: patientId });
    const r = await income({ Request_Number: '02', Request_Mode: '01', Karte_Uid: 'e2e-kiosk', Orca_Uid: open.Orca_Uid, Patient_ID: patientId, InOut: 'O',
      Invoice_Number: bills.get(patientId)!.invoice, Ic_Money: String(bills.get(patientId)!.due), Ic_Code: '01', Payment_Reference: reference });
    assert.equal(r.Api_Result, '00000', JSON.stringify(r));
    await income({ Request_Number: '99', Karte_Uid: 'e2e-kiosk' });
  };

  before(async () => {
    f = await openKiosk({ viewport: LANDSCAPE });
    staff = new StaffPage(f.page, f.kiosk);
    const bo = f.stack.issuance!.backOffice;
    const orcaAuth = `Basic ${Buffer.from(`${DEMO_ORCA_OPERATOR.operatorId}:${DEMO_ORCA_OPERATOR.password}`).toString('base64')}`;
    const post = async (path: string, body: unknown) => (await (await fetch(`${bo.url}${path}`, { method: 'POST', headers: { authorization: orcaAuth, 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as Res;
    income = async (req) => (await post('/orca23/incomev3?format=json', { incomev3req: req })).incomev3res as Res;
    const kioskId = bo.kioskKey!.slice(0, bo.kioskKey!.lastIndexOf(':'));
    sync = async (events) => {
      const res = await fetch(`${bo.url}/v1/sync/events`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'kiosk-key': bo.kioskKey! }, body: JSON.stringify({ kioskId, events }),
      });
      const body = await res.json() as { results: { status: string }[] };
      assert.deepEqual(body.results.map((r) => r.status), events.map(() => 'applied'));
    };
    // Two of the demo patients were seen today; the cashier's 請求一覧 bills their receptions.
    const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
    for (const [patientId, department, physician] of [['00001', '01', '10001'], ['00003', '10', '10003']] as const) {
      const accepted = await post('/orca11/acceptmodv2?format=json', { acceptreq: {
        Request_Number: '01', Patient_ID: patientId, Acceptance_Date: today, Acceptance_Time: '09:30:00', Department_Code: department, Physician_Code: physician, Medical_Information: '01',
      } });
      assert.match(String((accepted.acceptres as Res).Api_Result), /^(00|K\d)$/);
      const list = await income({ Request_Number: '01', Request_Mode: '01', Karte_Uid: 'e2e-setup', Patient_ID: patientId });
      const bill = (list.Income_Information as Res[]).filter((b) => Object.keys(b).length > 0 && Number(String(b.Unpaid_Money).trim()) > 0).at(-1)!;
      bills.set(patientId, { invoice: String(bill.Invoice_Number), due: Number(String(bill.Unpaid_Money).trim()) });
      await income({ Request_Number: '99', Karte_Uid: 'e2e-setup' });
    }
    // 00001 paid in cash and recorded; 00003's card payment was taken and held (ORCA refused it).
    await pay('00001', 'e2e-co-a-1');
    const now = Date.now();
    await sync([
      { key: 'e2e:a:paid', kind: 'billing.paid', stream: 'billing:e2e-co-a-1', createdAt: now, payload: { ...facts('e2e-co-a-1', '00001', 'cash'), change: 0 } },
      { key: 'e2e:a:recorded', kind: 'billing.recorded', stream: 'billing:e2e-co-a-1', createdAt: now + 1, payload: facts('e2e-co-a-1', '00001', 'cash') },
      { key: 'e2e:b:paid', kind: 'billing.paid', stream: 'billing:e2e-co-b-1', createdAt: now + 2, payload: { ...facts('e2e-co-b-1', '00003', 'card'), change: 0 } },
      { key: 'e2e:b:held', kind: 'billing.held', stream: 'billing:e2e-co-b-1', createdAt: now + 3, payload: { ...facts('e2e-co-b-1', '00003', 'card'), reason: 'accounting_rejected' } },
    ]);
  });
  after(async () => { await f?.close(); });

  const held = (ref: string) => f.page.locator(`[data-testid="pay-held-row"][data-ref="${ref}"]`);
  const payment = (ref: string) => f.page.locator(`[data-testid="pay-row"][data-ref="${ref}"]`);

  it('staff mode → 会計: 「⚠ 不一致」 naming the held payment, the held one with why, unpaid bills and the day\'s payments; no names', async () => {
    const { kiosk, page } = f;
    await staff.open();
    await staff.enterCode(DEMO_STAFF_CODE);
    await kiosk.waitForScreen('staff');
    await page.getByTestId('staff-desk').click();
    await page.getByTestId('desk-tab-payments').click();
    const box = page.getByTestId('pay-settlement');
    await box.waitFor();
    assert.equal(await box.getAttribute('data-verdict'), 'mismatch');
    assert.match(await page.getByTestId('pay-verdict').innerText(), /⚠ 不一致/);
    const [a, b] = [bills.get('00001')!.due, bills.get('00003')!.due];
    const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;
    assert.match(await page.locator('[data-testid="pay-difference"][data-ref="e2e-co-b-1"]').innerText(), new RegExp(`⚠ e2e-co-b-1[\\s\\S]*${yen(b)}[\\s\\S]*0円`));
    assert.match(await page.getByTestId('pay-kiosks-total').innerText(), new RegExp(yen(a + b)));
    assert.match(await page.getByTestId('pay-accounting-total').innerText(), new RegExp(yen(a)));
    assert.match(await held('e2e-co-b-1').innerText(), new RegExp(`00003[\\s\\S]*クレジットカード[\\s\\S]*${yen(b)}[\\s\\S]*⚠ 保留[\\s\\S]*レセコンが受け付けなかった`));
    assert.match(await payment('e2e-co-a-1').innerText(), new RegExp(`00001[\\s\\S]*現金[\\s\\S]*${yen(a)}[\\s\\S]*✓ 記録済み`));
    const unpaid = await page.getByTestId('pay-unpaid-row').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-invoice')));
    assert.ok(unpaid.includes(bills.get('00003')!.invoice), 'the held payment\'s bill is still unpaid in ORCA');
    assert.ok(!unpaid.includes(bills.get('00001')!.invoice), 'the paid bill is not');
    assert.doesNotMatch(await page.getByTestId('desk').innerText(), /山田|髙橋|小林|ヤマダ|タカハシ|コバヤシ/, 'no names on the payment desk');
    await kiosk.screenshot('72-payment-desk');
    await accessible(kiosk, 'the payment desk');
  });

  it('a refund: the amount on the pad, a reason, a confirm step; a payment another kiosk took is refunded there, and the kiosk says so', async () => {
    const { page } = f;
    await payment('e2e-co-a-1').getByTestId('pay-refund').click();
    const dialog = page.getByTestId('pay-dialog');
    await dialog.waitFor();
    assert.equal(await page.getByTestId('pay-amount').innerText(), bills.get('00001')!.due.toLocaleString('ja-JP'), 'the whole payment by default');
    for (let i = 0; i < 6; i++) await page.getByTestId('pay-digit-back').click();
    for (const d of ['5', '0', '0']) await page.getByTestId(`pay-digit-${d}`).click();
    await page.getByTestId('pay-next').click();
    assert.match(await page.getByTestId('pay-problem').innerText(), /返金の理由を入力してください/, 'no reason, no confirm step');
    await page.getByTestId('pay-reason-order_cancelled').click();
    await page.getByTestId('pay-next').click();
    assert.match(await page.getByTestId('pay-confirm').innerText(), /500円を返金します。よろしいですか？/);
    await f.kiosk.screenshot('73-payment-desk-refund-confirm');
    await page.getByTestId('pay-yes').click();
    const outcome = page.getByTestId('pay-outcome');
    await outcome.waitFor();
    assert.equal(await outcome.getAttribute('data-ok'), 'false');
    // Without a billing service here (api.unsupported) or with one that never took it (billing.not_found): the same way out.
    assert.match(await outcome.innerText(), /^⚠ この端末(では返金できません|で受けた支払いではありません)。支払いを受けた端末で行ってください/);
    await page.getByTestId('pay-close').click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('the held payment recorded at its kiosk: the box turns to 「✓ 一致」 without a tap', async () => {
    await pay('00003', 'e2e-co-b-1');
    await sync([{ key: 'e2e:b:recorded', kind: 'billing.recorded', stream: 'billing:e2e-co-b-1', createdAt: Date.now(), payload: facts('e2e-co-b-1', '00003', 'card') }]);
    await f.page.locator('[data-testid="pay-settlement"][data-verdict="reconciled"]').waitFor({ timeout: 15_000 });
    assert.match(await f.page.getByTestId('pay-verdict').innerText(), /✓ 一致/);
    await f.page.getByTestId('pay-held-none').waitFor();
    await f.kiosk.screenshot('74-payment-desk-reconciled');
    // Upright screen: the blocks stack, nothing runs off the side.
    await f.page.setViewportSize(PORTRAIT);
    await f.page.getByTestId('pay-settlement').waitFor();
    assert.equal(await f.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true, 'no sideways scroll in portrait');
    await f.kiosk.screenshot('75-payment-desk-portrait');
  });

  it('終了 leaves staff mode: the payment desk answers staff.locked afterwards', async () => {
    await f.page.getByTestId('desk-exit').click();
    await f.kiosk.waitForScreen('idle');
    await assert.rejects(f.stack.kiosk.api['desk.payments']({ refresh: false }), (e) => isKioskError(e, 'staff.locked'));
    assert.deepEqual(f.problems, []);
  });
});
