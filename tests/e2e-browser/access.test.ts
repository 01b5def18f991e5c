// Reaching the kiosk without touch or Japanese: keyboard only (the braille keypad is a keyboard),
// English / 中文 / 한국어 and furigana one touch away, landscape 1920×1080, and the idle timeout
// that warns with at least 20 s to continue and then wipes the holder from the UI and main.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { chromiumMissing, LANDSCAPE, openKiosk, type KioskFixture } from './kiosk-fixture';

describe('access for everyone', { skip: chromiumMissing }, () => {
  let f: KioskFixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  it('completes the flow with the keyboard only, in landscape and English', async () => {
    f = await openKiosk({ viewport: LANDSCAPE });
    const { kiosk, page } = f;
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Place your My Number Card on the reader' }).waitFor();
    await kiosk.screenshot('20-idle-landscape-en');
    await kiosk.insertCard('takahashi-sakura');
    await kiosk.waitForScreen('pin');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await kiosk.screenshot('21-pin-landscape-en');
    // The heading has focus on arrival; digits and Enter come from the keyboard.
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
    await page.keyboard.type('0822');
    assert.equal(await page.getByTestId('pin-dots').getAttribute('data-filled'), '4');
    await page.keyboard.press('Enter');
    await kiosk.waitForScreen('authenticated');
    await kiosk.screenshot('22-authenticated-landscape-en');
    // Tab reaches "Finish" and Enter activates it.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Finish') break;
    }
    await page.keyboard.press('Enter');
    await kiosk.waitForScreen('goodbye');
    await kiosk.removeCard('takahashi-sakura');
    await kiosk.waitForScreen('idle');
    // The next person starts in Japanese again.
    assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
  });

  it('switches to 中文 and 한국어, and shows furigana in Japanese', async () => {
    f = await openKiosk();
    const { kiosk, page } = f;
    await page.getByRole('button', { name: 'ふりがな' }).click();
    assert.ok((await page.locator('main h1 ruby rt').count()) > 0);
    assert.match((await page.locator('main h1 rt').first().textContent()) ?? '', /^[ぁ-ん]+$/);
    await kiosk.screenshot('23-idle-furigana');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '请将个人编号卡放在读卡器上' }).waitFor();
    await page.getByRole('button', { name: '한국어' }).click();
    await page.getByRole('heading', { name: '마이넘버 카드를 리더기에 올려 주십시오' }).waitFor();
    await kiosk.screenshot('24-idle-korean');
    const violations = await kiosk.axe();
    assert.deepEqual(violations.map((v) => v.id), []);
  });

  it('warns before the idle timeout with ≥ 20 s to continue, then wipes the session', async () => {
    f = await openKiosk({ beforeLoad: (page) => page.clock.install() });
    const { kiosk, page, stack } = f;
    const info = await stack.kiosk.api['system.info']({});
    assert.ok(info.idle.warnSec >= 20);
    await kiosk.insertCard('shibasaki-ken');
    await kiosk.waitForScreen('pin');
    await page.clock.runFor(info.idle.idleSec * 1000 + 1000);
    const warning = page.getByTestId('idle-warning');
    await warning.waitFor();
    const seconds = Number(await warning.locator('[data-seconds]').getAttribute('data-seconds'));
    assert.ok(seconds >= 20 && seconds <= info.idle.warnSec, `countdown ${seconds}`);
    await kiosk.screenshot('25-idle-warning');
    assert.deepEqual((await kiosk.axe()).map((v) => v.id), []);
    await page.getByRole('button', { name: '続ける' }).click();
    await warning.waitFor({ state: 'detached' });
    await kiosk.waitForScreen('pin');

    await page.clock.runFor((info.idle.idleSec + info.idle.warnSec) * 1000 + 2000);
    await kiosk.waitForScreen('goodbye');
    await page.getByTestId('take-card').waitFor();
    // The main process ended the card session too: a login now finds none.
    await assert.rejects(stack.kiosk.api['session.login']({ pin: '9012' }), (e: Error & { kind?: string }) => e.kind === 'card.removed');
    await kiosk.removeCard('shibasaki-ken');
    await kiosk.waitForScreen('idle');
  });
});
