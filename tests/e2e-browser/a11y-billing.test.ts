// Every screen of hospital payment as a patient meets it, looked at the way the reception screens
// are: 日本語 / English (+ 中文 / 한국어 in npm run test:a11y's full sweep) and furigana at 1080×1920 and 1920×1080 with no Japanese
// script in the other languages (names aside), nothing running out of its box; axe-core (WCAG 2.x
// A/AA, the real CSP on) in ja and en; 文字を大きく 200 % with no control cut off on the screens with
// the most in them (tests/e2e-browser/sweep.ts). Screenshots: test-results/screens/b<nn>-<screen>-<orientation>-<lang>.png.
// One kiosk for the file.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openAtOtherTerminal, receiveAtDesk, receptionFirst, reviseAtDesk, unpaid } from './billing-checks';
import { chromiumMissing, openKiosk, type KioskFixture } from './kiosk-fixture';
import { BillingPage } from './page-models/billing-page';
import { demoPin } from './reception-checks';
import { screenSweep } from './sweep';

describe('payment screens: four languages, both orientations, axe, 200 %', { skip: chromiumMissing }, () => {
  let f: KioskFixture;
  let b: BillingPage;
  const { look, findings } = screenSweep(() => f.page);
  before(async () => {
    f = await openKiosk();
    b = new BillingPage(f.page, f.kiosk);
  });
  after(async () => {
    await f?.close();
  });

  it('idle → お会計 → the bill (breakdown open) → cash → done with the change; a card linked; the next bill with the linked account', async () => {
    const { page, kiosk } = f;
    const taro = await receptionFirst(f.stack, page, kiosk, 'yamada-taro', '01');
    await receiveAtDesk(f.stack, taro, '10', '10003');
    await kiosk.waitForScreen('idle');
    await look('b01-idle-billing');
    await page.getByTestId('to-billing').click();
    await page.getByTestId('device-card').waitFor();
    await look('b02-device');
    await page.getByTestId('device-card').click();
    await kiosk.insertCard('yamada-taro');
    await kiosk.waitForScreen('pin');
    await kiosk.enterPin(demoPin('yamada-taro'));
    await b.bill();
    await page.getByTestId('bill-details').locator('summary').click();
    await look('b03-bill', { large: true });

    await b.choose('cash');
    await b.insert([1000]);
    await look('b04-paying-cash', { large: true });
    await b.insert([1000]);
    await b.done();
    await look('b05-done', { large: true });

    await page.getByTestId('link-offer').click();
    await page.locator('[data-link="linking"]').waitFor();
    await look('b06-linking');
    await b.terminal('approve');
    await page.locator('[data-link="linked"]').waitFor();
    await page.getByTestId('next-bill').click();
    await b.bill();
    await look('b07-bill-linked');
    await page.getByTestId('unlink-offer').click();
    await b.waitForStep('confirm-unlink');
    await look('b07-confirm-unlink');
    await page.getByTestId('unlink-back').click();
    await b.bill();
    await b.choose('linked');
    await b.waitForStep('confirm-linked');
    await look('b08-confirm-linked');
    await page.getByTestId('linked-confirm').click();
    await b.done();
    await b.finish('yamada-taro');

    await b.signIn('yamada-taro', demoPin('yamada-taro'));
    await b.waitForStep('nothing_due');
    await look('b09-nothing-due');
    await b.finish('yamada-taro');
  });

  it('the card terminal, a card declined, a bill changed at the desk, coins given back, the desk', async () => {
    const { page } = f;
    const patientId = await receptionFirst(f.stack, page, f.kiosk, 'takahashi-ichiro', '01');
    await b.signIn('takahashi-ichiro', demoPin('takahashi-ichiro'));
    await b.bill();
    await b.choose('card');
    await b.waitForStep('paying');
    await look('b10-paying-card');
    await b.terminal('decline');
    await b.billAgain('declined');
    await look('b11-bill-declined', { large: true });

    reviseAtDesk(f.stack, unpaid(f.stack, patientId)[0]!.invoiceNumber);
    await b.choose('cash');
    await b.billAgain('changed');
    await look('b12-bill-changed');
    await b.choose('cash');
    await b.insert([1000]);
    await page.getByTestId('pay-cancel').click();
    await b.waitForStep('stopped');
    await look('b13-stopped-returned');
    await b.finish('takahashi-ichiro');

    const other = await openAtOtherTerminal(f.stack, patientId);
    await b.signIn('takahashi-ichiro', demoPin('takahashi-ichiro'));
    await b.desk();
    await look('b14-desk-locked', { large: true });
    await b.finish('takahashi-ichiro');
    await other.release();

    assert.deepEqual(findings, [], findings.join('\n'));
    assert.deepEqual(f.problems, [], 'no CSP violations or page errors');
  });
});
