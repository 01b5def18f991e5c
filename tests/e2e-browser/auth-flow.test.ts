// First flow, end to end in Chromium against the real stack: place card → PIN → authenticated →
// take the card → idle. Every screen is screenshotted (test-results/ui) and checked with axe.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromiumMissing, openKiosk, type KioskFixture } from './kiosk-fixture';
import type { KioskPage } from './page-models/kiosk-page';

async function accessible(kiosk: KioskPage, screen: string): Promise<void> {
  const violations = await kiosk.axe();
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`), [], `axe on ${screen}`);
}

describe('authenticate at the kiosk (portrait 1080×1920)', { skip: chromiumMissing }, () => {
  let f: KioskFixture;
  before(async () => {
    f = await openKiosk();
  });
  after(async () => {
    await f?.close();
  });

  it('goes idle → PIN → authenticated → take card → idle, accessible on every screen', async () => {
    const { kiosk, page } = f;
    await kiosk.waitForScreen('idle');
    await kiosk.screenshot('01-idle-portrait');
    await accessible(kiosk, 'idle');

    await kiosk.insertCard('yamada-taro');
    await kiosk.waitForScreen('pin');
    assert.equal(await kiosk.triesLeft(), '3');
    await kiosk.screenshot('02-pin-portrait');
    await accessible(kiosk, 'pin');

    await page.locator('.keypad button', { hasText: /^1$/ }).click();
    await page.locator('.keypad button', { hasText: /^2$/ }).click();
    assert.equal(await page.getByTestId('pin-dots').getAttribute('data-filled'), '2');
    // Masked: the dots carry no digits, and nothing outside the keypad shows "12".
    assert.equal(await page.getByTestId('pin-dots').textContent(), '');
    assert.equal(await page.locator('main .pin-text').textContent().then((t) => t?.includes('12')), false);
    await kiosk.screenshot('03-pin-masked-portrait');
    await page.getByRole('button', { name: '全部消す' }).click();

    await kiosk.enterPin('1234');
    await kiosk.waitForScreen('authenticated');
    await page.getByTestId('take-card').waitFor();
    // A greeting by the registered name; the certificate's technical facts stay off the screen.
    assert.match((await page.locator('main h1').textContent()) ?? '', /^山田\u3000太郎様、/);
    assert.equal(await page.locator('main').getByText('JPKI').count(), 0);
    assert.match((await page.getByTestId('valid-until').textContent()) ?? '', /\d{4}年\d{1,2}月\d{1,2}日/);
    await kiosk.screenshot('04-authenticated-take-card-portrait');
    await accessible(kiosk, 'authenticated');

    await kiosk.removeCard('yamada-taro');
    await page.getByTestId('take-card').waitFor({ state: 'detached' });
    await kiosk.screenshot('05-authenticated-card-taken-portrait');

    await page.getByRole('button', { name: '終わる' }).click();
    await kiosk.waitForScreen('goodbye');
    await kiosk.screenshot('06-goodbye-portrait');
    await accessible(kiosk, 'goodbye');
    await page.getByRole('button', { name: 'はじめに戻る' }).click();
    await kiosk.waitForScreen('idle');
    // Nothing about the holder is left, in the UI or in main.
    assert.equal(await page.locator('[data-testid="holder-facts"]').count(), 0);
    await assert.rejects(f.stack.kiosk.api['session.login']({ pin: '1234' }), (e: Error & { kind?: string }) => e.kind === 'card.removed');
    assert.deepEqual(f.problems, [], 'no CSP violations or page errors');
  });

  it('counts down tries on a wrong PIN, warns before the last try, and blocks with a clear next step', async () => {
    const { kiosk, page } = f;
    await kiosk.waitForScreen('idle');
    await kiosk.insertCard('yamada-hanako');
    await kiosk.waitForScreen('pin');
    await kiosk.enterPin('0000');
    await page.getByTestId('pin-problem').waitFor();
    assert.equal(await kiosk.triesLeft(), '2');
    assert.equal(await page.getByTestId('last-try-warning').count(), 0);
    await kiosk.enterPin('0000');
    await page.getByTestId('last-try-warning').waitFor();
    assert.equal(await kiosk.triesLeft(), '1');
    await kiosk.screenshot('07-pin-last-try-warning-portrait');
    await accessible(kiosk, 'pin (last try)');
    await kiosk.enterPin('0000');
    await kiosk.waitForScreen('error');
    assert.equal(await kiosk.errorKind(), 'card.pin_blocked');
    assert.match((await page.getByTestId('next-step').textContent()) ?? '', /市区町村の窓口/);
    await kiosk.screenshot('08-error-pin-blocked-portrait');
    await accessible(kiosk, 'error');
    await page.getByRole('button', { name: 'はじめに戻る' }).click();
    await kiosk.waitForScreen('goodbye');
    await page.getByTestId('take-card').waitFor();
    await kiosk.removeCard('yamada-hanako');
    await kiosk.waitForScreen('idle');
  });
});
