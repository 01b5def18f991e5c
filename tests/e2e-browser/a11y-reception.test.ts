// Every screen of hospital reception as a patient meets it, looked at the way the resident tour and
// the a11y suite look at the certificate flow: 日本語 / English (+ 中文 / 한국어 in the full sweep of
// npm run test:a11y: screens-checks.ts SWEEP_LANGS) and furigana at
// 1080×1920 and 1920×1080 with no Japanese script in the other languages (names aside), nothing
// running out of its box, no page scroll; axe-core (WCAG 2.x A/AA, the real CSP on) in ja and en;
// 文字を大きく 200 % with no control cut off (tests/e2e-browser/sweep.ts). Screenshots: test-results/screens/r<nn>-<screen>-<orientation>-<lang>.png.
// One kiosk for the file.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromiumMissing, openKiosk, type KioskFixture } from './kiosk-fixture';
import { ReceptionPage } from './page-models/reception-page';
import { demoPin } from './reception-checks';
import { screenSweep } from './sweep';

describe('reception screens: four languages, both orientations, axe, 200 %', { skip: chromiumMissing }, () => {
  let f: KioskFixture;
  let r: ReceptionPage;
  const { look, findings } = screenSweep(() => f.page);
  before(async () => {
    f = await openKiosk();
    r = new ReceptionPage(f.page, f.kiosk);
  });
  after(async () => {
    f?.stack.reception?.onshi.outage(false);
    await f?.close();
  });

  it('from the idle screen to the reception number, with 公費 and consent one by one', async () => {
    const { page, kiosk } = f;
    await kiosk.waitForScreen('idle');
    await look('r01-idle-reception');
    await page.getByTestId('to-reception').click();
    await page.getByTestId('device-card').waitFor();
    await look('r02-device');
    await page.getByTestId('device-android').click();
    await look('r03-place-phone');
    await page.getByRole('button', { name: '戻る' }).click();
    await page.getByTestId('device-card').click();
    await kiosk.insertCard('yamada-shota');
    await kiosk.waitForScreen('pin');
    await kiosk.enterPin(demoPin('yamada-shota'));
    await r.outcome();
    await look('r04-outcome-valid', { large: true });
    await page.getByTestId('outcome-next').click();
    await r.waitForStep('consent');
    await look('r05-consent');
    await page.getByTestId('consent-each').click();
    await r.waitForStep('consent-each');
    await page.getByTestId('consent-medication-yes').click();
    await look('r06-consent-each', { large: true, rings: true });
    await page.getByTestId('consent-done').click();
    await r.waitForStep('public-aid');
    await look('r07-public-aid');
    await page.getByTestId('aid-use').click();
    await r.waitForStep('prescription');
    await look('r08-prescription');
    await page.getByTestId('rx-electronic').click();
    await r.waitForStep('department');
    await look('r09-department', { large: true });
    await page.getByTestId('dept-09').click();
    await r.waitForStep('done');
    await page.locator('[data-slip="printed"]').waitFor();
    await look('r10-done', { large: true });
    await r.finish('yamada-shota');
  });

  it('the endings: sent to the desk, the service unavailable, one PIN try left', async () => {
    const { page, kiosk } = f;
    await r.checkIn('shibasaki-ken', demoPin('shibasaki-ken'));
    await r.desk();
    await look('r11-desk-not-found');
    await r.finish('shibasaki-ken');

    f.stack.reception!.onshi.outage(true);
    await r.checkIn('yamada-taro', demoPin('yamada-taro'));
    await r.outcome();
    await look('r12-outcome-unconfirmed', { large: true });
    await page.getByRole('button', { name: 'やめる' }).click();
    await kiosk.waitForScreen('goodbye');
    await kiosk.removeCard('yamada-taro');
    await kiosk.waitForScreen('idle');
    f.stack.reception!.onshi.outage(false);

    await r.start('card');
    await kiosk.insertCard('kobayashi-naoko');
    await kiosk.waitForScreen('error');
    await look('r13-last-pin-try');
    await page.getByRole('button', { name: 'はじめに戻る' }).click();
    await kiosk.waitForScreen('goodbye');
    await kiosk.removeCard('kobayashi-naoko');
    await kiosk.waitForScreen('idle');

    assert.deepEqual(findings, []);
    assert.deepEqual(f.problems, [], 'no CSP violations or page errors');
  });
});
