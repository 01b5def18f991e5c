// Every screen of the certificate flow, and both dialogs, in Japanese and English: axe-core (WCAG
// 2.x A/AA) with the app's real CSP on, the focus ring's contrast, and 文字を大きく at 200 % in
// portrait and landscape with no control cut off, off-screen or covered.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axeViaCdp, cutOff, weakFocusRings, writeFigures } from './a11y-checks';
import { chromiumMissing, LANDSCAPE, openKiosk, PORTRAIT, type KioskFixture } from './kiosk-fixture';
import { IssuancePage } from './page-models/issuance-page';

describe('every screen, ja and en, 100 % and 200 %', { skip: chromiumMissing }, () => {
  let f: KioskFixture;
  const violations: string[] = [];
  const overflow: string[] = [];
  const rings: string[] = [];
  const leaks: string[] = [];
  let screens = 0;
  before(async () => {
    f = await openKiosk({ beforeLoad: (page) => page.clock.install() });
  });
  after(async () => {
    writeFigures('screens', { screens, violations: violations.length, overflow_200: overflow.length, weak_focus_rings: rings.length, details: { violations, overflow, rings } });
    await f?.close();
  });

  const lang = async (label: 'English' | '日本語', code: 'en' | 'ja') => {
    await f.page.getByRole('button', { name: label, exact: true }).click();
    await f.page.locator(`html[lang="${code}"]`).waitFor();
  };
  const size = async (percent: 100 | 200) => {
    for (let i = 0; i < 3 && (await f.page.locator('html').getAttribute('data-text')) !== String(percent); i++) await f.page.getByTestId('large-text').click();
    await f.page.locator(`html[data-text="${percent}"]`).waitFor();
  };
  const axe = async (name: string, code: string) => {
    screens++;
    for (const v of await axeViaCdp(f.page)) violations.push(`${name} (${code}) ${v}`);
  };
  const reflow = async (name: string, shots: boolean) => {
    for (const [o, vp] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]] as const) {
      await f.page.setViewportSize(vp);
      for (const p of await cutOff(f.page)) overflow.push(`${name} ${o}: ${p}`);
      if (shots) await f.kiosk.screenshot(`a11y-200-${name}-${o}`);
    }
    await f.page.setViewportSize(PORTRAIT);
  };
  /** A screen: axe in ja and en, focus rings, and the reflow at 200 %. */
  const check = async (name: string, shots = false) => {
    await axe(name, 'ja');
    for (const r of await weakFocusRings(f.page)) rings.push(`${name}: ${r}`);
    await lang('English', 'en');
    await axe(name, 'en');
    await lang('日本語', 'ja');
    await size(200);
    await reflow(name, shots);
    await size(100);
  };
  /** A dialog (the background is inert, so the toggles are set before it opens). */
  const checkDialog = async (name: string, open: () => Promise<void>, close: () => Promise<void>, opts: { tabs: boolean }) => {
    await open();
    await axe(name, 'ja');
    // (Any key answers the idle warning, so its one button's ring is measured on the other screens' buttons.)
    if (opts.tabs) {
      // Modal: the page behind is inert and Tab (either way) never leaves the dialog.
      if ((await f.page.locator('main[inert]').count()) !== 1) leaks.push(`${name}: the screen behind is not inert`);
      for (const k of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
        await f.page.keyboard.press(k);
        if (!(await f.page.evaluate(() => !!document.activeElement?.closest('[role="dialog"], [role="alertdialog"]')))) leaks.push(`${name}: ${k} left the dialog`);
      }
      for (const r of await weakFocusRings(f.page)) rings.push(`${name}: ${r}`);
    } else if ((await f.page.locator('main[inert]').count()) !== 1) leaks.push(`${name}: the screen behind is not inert`);
    await close();
    await lang('English', 'en');
    await open();
    await axe(name, 'en');
    await close();
    await lang('日本語', 'ja');
    await size(200);
    await open();
    await reflow(name, true);
    await close();
    await size(100);
  };

  it('passes axe, keeps a visible focus ring and reflows at 200 % on every screen', async () => {
    const { kiosk, page, stack } = f;
    const iss = new IssuancePage(page, kiosk);
    await kiosk.waitForScreen('idle');
    await check('idle', true);
    await checkDialog('staff-code', async () => {
      await page.getByTestId('staff-open').click();
      await page.getByTestId('staff-code').waitFor();
    }, async () => {
      await page.getByTestId('staff-code').locator('[data-keypad="back"]').click();
      await page.getByTestId('staff-code').waitFor({ state: 'detached' });
    }, { tabs: true });

    await kiosk.insertCard('yamada-taro');
    await kiosk.waitForScreen('pin');
    await check('pin', true);
    await kiosk.enterPin('9999');
    await page.getByTestId('pin-problem').waitFor();
    await check('pin-wrong');
    await kiosk.enterPin('1234');
    await kiosk.waitForScreen('authenticated');
    await page.getByTestId('take-card').waitFor();
    await check('authenticated-take-card');
    await kiosk.removeCard('yamada-taro');
    await page.getByTestId('to-certificates').and(page.locator(':enabled')).click();
    await iss.waitForStep('choose');
    await check('choose', true);
    await iss.choose('juminhyo');
    await iss.waitForStep('options');
    await check('options', true);
    await iss.next();
    await iss.waitForStep('copies');
    await check('copies');
    await iss.next();
    await iss.waitForStep('confirm');
    await check('confirm', true);
    await iss.goToPayment();
    await check('paying', true);
    await stack.kiosk.api['demo.pay']({ yen: 1000 });
    await iss.waitForStep('done', 60_000);
    await check('done', true);
    await page.locator('main').getByRole('button', { name: '終わる' }).click();
    await kiosk.waitForScreen('goodbye');
    await check('goodbye');
    await page.locator('main').getByRole('button', { name: 'はじめに戻る' }).click();
    await kiosk.waitForScreen('idle');

    // The card pulled before the PIN: the error screen; then the idle warning over it.
    await kiosk.insertCard('yamada-taro');
    await kiosk.waitForScreen('pin');
    await kiosk.removeCard('yamada-taro');
    await kiosk.waitForScreen('error');
    await check('error-card-removed', true);
    const info = await stack.kiosk.api['system.info']({});
    await checkDialog('idle-warning', async () => {
      await page.clock.runFor(info.idle.idleSec * 1000 + 1000);
      await page.getByTestId('idle-warning').waitFor();
    }, async () => {
      await page.getByTestId('idle-warning').getByRole('button').click();
      await page.getByTestId('idle-warning').waitFor({ state: 'detached' });
    }, { tabs: false });

    assert.deepEqual(violations, [], 'axe violations');
    assert.deepEqual(overflow, [], 'cut off at 200 %');
    assert.deepEqual(rings, [], 'focus ring below 3:1');
    assert.deepEqual(leaks, [], 'dialogs keep focus');
    assert.equal(f.problems.filter((p) => /Content Security Policy/.test(p)).length, 0, 'the CSP stayed on and nothing broke it');
  });
});
