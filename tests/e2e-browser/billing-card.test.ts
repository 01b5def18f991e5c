// Hospital payment with the card terminal and the account linked to the My Number Card, on the real
// stack (virtual card through pcscd, the eligibility simulator, the back office's ORCA subset and its
// payment links, the simulated card terminal driven by its demo keys, cups-pdf, Chromium): a card
// approved → paid and recorded once (Ic_Code 02); a card declined → the bill again with why and
// nothing taken, then cash; a card linked after paying, and the patient's next bill paid with the
// linked account and one confirm, then the linked account removed at the kiosk (a confirm naming it)
// and no longer offered, on that bill nor at the next お会計; cancelled at the terminal by the customer → the bill again. One kiosk for the file.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromiumMissing, openKiosk, type KioskFixture } from './kiosk-fixture';
import { BillingPage } from './page-models/billing-page';
import { payments, receiveAtDesk, receptionFirst, unpaid } from './billing-checks';
import { demoPin } from './reception-checks';

describe('billing: card terminal approved and declined, the linked account', { skip: chromiumMissing }, () => {
  let f: KioskFixture;
  let b: BillingPage;
  before(async () => {
    f = await openKiosk();
    b = new BillingPage(f.page, f.kiosk);
  });
  after(async () => {
    await f?.close();
  });

  it('card approved, then 次回からカードで支払う links it; the next bill is paid with the linked account and one confirm; then it is removed', async () => {
    const taro = await receptionFirst(f.stack, f.page, f.kiosk, 'yamada-taro', '01');
    await receiveAtDesk(f.stack, taro, '10', '10003');
    await b.signIn('yamada-taro', demoPin('yamada-taro'));
    const first = await b.bill();
    const [bill1, bill2] = unpaid(f.stack, taro);
    assert.equal(first.due, bill1!.acMoney, 'the oldest bill first');

    await b.choose('card');
    await b.waitForStep('paying');
    assert.match((await f.kiosk.heading().textContent()) ?? '', /クレジットカードを端末に入れてください/);
    await b.terminal('approve');
    const paid = await b.done();
    assert.deepEqual(paid, { paid: bill1!.acMoney, change: 0, method: 'card', documents: 'printed' });
    assert.deepEqual(payments(f.stack, bill1!.invoiceNumber).map((l) => [l.icMoney, l.icCode]), [[bill1!.acMoney, '02']]);
    assert.ok(await f.page.getByTestId('more-unpaid').count(), 'another bill is due');

    await f.page.getByTestId('link-offer').click();
    await f.page.locator('[data-link="linking"]').waitFor();
    await b.terminal('approve');
    await f.page.locator('[data-link="linked"]').waitFor();
    const account = (await f.page.getByTestId('linked-account').textContent()) ?? '';
    assert.match(account, /•••• ?\d{4}|••••\d{4}/);
    await f.kiosk.screenshot('billing-linked');

    await f.page.getByTestId('next-bill').click();
    const second = await b.bill();
    assert.equal(second.due, bill2!.acMoney);
    assert.deepEqual(second.methods, ['linked', 'cash', 'card'], 'the linked account first');
    assert.equal((await f.page.locator('.bill-methods').getByTestId('linked-account').textContent()) ?? '', account);
    await b.choose('linked');
    await b.waitForStep('confirm-linked');
    await f.page.getByTestId('linked-confirm').click();
    const linked = await b.done();
    assert.deepEqual(linked, { paid: bill2!.acMoney, change: 0, method: 'linked', documents: 'printed' });
    assert.equal(payments(f.stack, bill2!.invoiceNumber).length, 1);
    assert.equal(unpaid(f.stack, taro).length, 0);
    await b.finish('yamada-taro');

    // Another bill (整形外科), with the same card after its certificates were renewed: the linked account is
    // still offered (it follows the patient, not the certificate), and is removed after a confirm naming it.
    await receiveAtDesk(f.stack, taro, '11', '10004');
    await b.signIn('yamada-taro.renewed', demoPin('yamada-taro'));
    assert.deepEqual((await b.bill()).methods, ['linked', 'cash', 'card']);
    const removed = await b.unlink();
    assert.equal(removed.named, account, 'the confirm names the account that stops working');
    assert.match(removed.said, /^done:クレジットカードの登録を解除しました/);
    assert.deepEqual((await b.bill()).methods, ['cash', 'card'], 'that bill no longer offers it');
    await b.leaveBill('yamada-taro.renewed');
    await b.signIn('yamada-taro', demoPin('yamada-taro'));
    assert.deepEqual((await b.bill()).methods, ['cash', 'card'], 'the next お会計 does not offer it either (the back office forgot it)');
    assert.equal(await f.page.getByTestId('unlink-offer').count(), 0);
    await b.leaveBill('yamada-taro');
  });

  it('card cancelled at the terminal, then declined: the bill again each time with why and nothing taken; then cash', async () => {
    const patientId = await receptionFirst(f.stack, f.page, f.kiosk, 'takahashi-ichiro', '01');
    await b.signIn('takahashi-ichiro', demoPin('takahashi-ichiro'));
    await b.bill();
    const [bill] = unpaid(f.stack, patientId);
    assert.ok(bill);
    await b.choose('card');
    await b.waitForStep('paying');
    await b.terminal('cancel');
    await b.billAgain('cancelled');
    await b.choose('card');
    await b.waitForStep('paying');
    await b.terminal('decline');
    const again = await b.billAgain('declined');
    assert.equal(again.due, bill.acMoney);
    assert.match((await f.page.getByTestId('bill-notice').textContent()) ?? '', /ご利用いただけませんでした.*お金はいただいていません/);
    assert.equal(payments(f.stack, bill.invoiceNumber).length, 0, 'nothing recorded');
    await f.kiosk.screenshot('billing-declined');

    await b.choose('cash');
    await b.insert(Array.from({ length: Math.ceil(again.due / 1000) }, () => 1000 as const));
    const done = await b.done();
    assert.equal(done.method, 'cash');
    assert.deepEqual(payments(f.stack, bill.invoiceNumber).map((l) => [l.icMoney, l.icCode]), [[bill.acMoney, '01']]);
    await b.finish('takahashi-ichiro');
    assert.deepEqual(f.problems, [], 'no CSP violations or page errors');
  });
});
