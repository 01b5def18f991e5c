// Hospital payment in cash on the real stack (virtual card through pcscd, the eligibility simulator
// naming the patient by the 照会番号 their reception registered, the back office's ORCA subset as the accounting
// system, the patient checking in at the kiosk first as in the demo, the simulated acceptor, the cups-pdf printer, Chromium): the bill shown is the one ORCA
// computed (amount, 3割), coins in, the change, ONE 入金 carrying the kiosk's payment reference, the
// 領収証 and 明細書 printed; the same patient again has nothing to pay; a bill the desk changes
// between shown and pay is caught before any money is taken and shown again with the new amount;
// coins put in and the payment stopped come back with nothing recorded.
// One kiosk for the file.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromiumMissing, openKiosk, type KioskFixture } from './kiosk-fixture';
import { BillingPage } from './page-models/billing-page';
import { payments, receiveAtDesk, receptionFirst, reviseAtDesk, unpaid } from './billing-checks';
import { demoPin } from './reception-checks';
import { until } from '../helpers/until';
import { plain, type MessageKey } from '../../renderer/src/i18n';

/** ¥1,000 notes enough for the amount (the acceptor gives the change). */
const notesFor = (due: number): 1000[] => Array.from({ length: Math.ceil(due / 1000) }, () => 1000 as const);
const yen = (n: number) => `¥${n.toLocaleString('ja-JP')}`;
/** As the kiosk's voice says it (readings in place of kanji). */
const spoken = (k: MessageKey, vars: Record<string, string>) => plain('ja', k, vars, true);

describe('billing: cash, nothing due, a bill changed at the desk', { skip: chromiumMissing }, () => {
  let f: KioskFixture;
  let b: BillingPage;
  before(async () => {
    f = await openKiosk();
    b = new BillingPage(f.page, f.kiosk);
  });
  after(async () => {
    await f?.close();
  });

  let taro = '';

  it('a patient with two bills of today pays both in cash: ORCA\'s amounts and 3割 on the screen, the change, one 入金 each with the kiosk\'s reference, the documents printed', async () => {
    taro = await receptionFirst(f.stack, f.page, f.kiosk, 'yamada-taro', '01');
    await receiveAtDesk(f.stack, taro, '10', '10003');
    await b.signIn('yamada-taro', demoPin('yamada-taro'));
    await b.waitForStep('bill');
    // The accounting system bills today's receptions when the cashier first looks the patient up.
    const open = unpaid(f.stack, taro);
    assert.equal(open.length, 2, '内科 at the kiosk and 外科 at the desk');
    for (const [i, bill] of open.entries()) {
      const due = bill.acMoney - bill.icMoney;
      const shown = await b.bill();
      assert.equal(shown.due, due, 'the amount the accounting system computed, the oldest bill first');
      assert.equal(shown.dueText, yen(due), 'yen with thousands separators');
      assert.match(shown.ratio ?? '', /3割/);
      assert.equal(shown.notice, null);
      assert.deepEqual(shown.methods, ['cash', 'card'], 'no linked account yet: cash / e-money and the card terminal');
      if (i === 0) {
        // Voice guidance on: the amount is said in yen before the question.
        const mark = f.stack.spoken.length;
        await f.page.getByTestId('voice-toggle').click();
        const amount = spoken('bil.dueSpoken', { n: due.toLocaleString('ja-JP') });
        await until(`the voice saying 「${amount}」`, () => (f.stack.spoken.slice(mark).some((u) => u.text.includes(amount)) ? true : undefined));
        await f.page.getByTestId('bill-details').locator('summary').click();
        assert.ok(await f.page.locator('.bill-point[data-code="A00"]').count(), '初・再診料 among the points');
        await f.kiosk.screenshot('billing-bill');
      }
      await b.choose('cash');
      await b.insert(notesFor(due));
      const done = await b.done();
      assert.deepEqual(done, { paid: due, change: notesFor(due).length * 1000 - due, method: 'cash', documents: 'printed' });
      const lines = payments(f.stack, bill.invoiceNumber);
      assert.equal(lines.length, 1, 'one 入金 for one payment');
      assert.equal(lines[0]!.icMoney, due);
      assert.match(lines[0]!.paymentReference ?? '', /-1$/, 'the payment key of the first attempt');
      if (i === 0) {
        const change = spoken('bil.done.takeChange', { n: done.change.toLocaleString('ja-JP') });
        await until(`the voice saying 「${change}」`, () => (f.stack.spoken.some((u) => u.text.includes(change)) ? true : undefined));
        await f.kiosk.screenshot('billing-done-cash');
        await f.page.getByTestId('next-bill').click();
      } else assert.equal(await f.page.getByTestId('next-bill').count(), 0);
    }
    assert.equal(unpaid(f.stack, taro).length, 0);
    await b.finish('yamada-taro');
  });

  it('the same patient again: nothing to pay, said calmly', async () => {
    await b.signIn('yamada-taro', demoPin('yamada-taro'));
    await b.waitForStep('nothing_due');
    assert.match((await f.kiosk.heading().textContent()) ?? '', /お支払いいただくお会計はありません/);
    await b.finish('yamada-taro');
  });

  it('the desk changes the bill while it is on the screen: caught before money, the new amount shown, paid once at the new amount', async () => {
    const patientId = await receptionFirst(f.stack, f.page, f.kiosk, 'takahashi-ichiro', '01');
    await b.signIn('takahashi-ichiro', demoPin('takahashi-ichiro'));
    const first = await b.bill();
    const [bill] = unpaid(f.stack, patientId);
    assert.equal(first.due, bill!.acMoney);

    const revised = reviseAtDesk(f.stack, bill!.invoiceNumber);
    assert.notEqual(revised.acMoney, first.due);
    await b.choose('cash');
    const again = await b.billAgain('changed');
    assert.equal(again.due, revised.acMoney, 'the new amount, as the accounting system has it now');
    assert.match(await f.page.getByTestId('bill-notice').textContent() ?? '', /金額が変わりました.*お金はいただいていません/);
    assert.ok(await f.page.getByTestId('bill-out-of-insurance').count(), 'the 診断書 out of insurance is on the bill now');
    assert.equal(payments(f.stack, bill!.invoiceNumber).length, 0, 'nothing recorded');
    await f.kiosk.screenshot('billing-bill-changed');

    // Coins in, then 「お支払いをやめる」: the coins come back, nothing is recorded, the patient may come again.
    await b.choose('cash');
    await b.insert([1000]);
    await f.page.getByTestId('pay-cancel').click();
    await b.waitForStep('stopped');
    assert.match((await f.page.getByTestId('take-returned').textContent()) ?? '', /¥1,000/);
    assert.equal(payments(f.stack, bill!.invoiceNumber).length, 0, 'nothing recorded');
    await b.finish('takahashi-ichiro');

    await b.signIn('takahashi-ichiro', demoPin('takahashi-ichiro'));
    assert.equal((await b.bill()).due, revised.acMoney);
    await b.choose('cash');
    await b.insert(notesFor(again.due));
    const done = await b.done();
    assert.equal(done.paid, revised.acMoney);
    const lines = payments(f.stack, bill!.invoiceNumber);
    assert.deepEqual(lines.map((l) => l.icMoney), [revised.acMoney]);
    await b.finish('takahashi-ichiro');
    assert.deepEqual(f.problems, [], 'no CSP violations or page errors');
  });
});
