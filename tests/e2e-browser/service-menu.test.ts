// A kiosk that offers no resident service (e.g. sign-in only, before a hospital's reception is
// wired): no certificate hours on the idle screen, and after sign-in a calm ending instead of a
// menu — "nothing else here, take your card" with one Finish button — in every language at both
// orientations, nothing cut off, axe clean. Screenshots: test-results/screens/40-menu-none-*.png.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromiumMissing, LANDSCAPE, openKiosk, PORTRAIT, type KioskFixture } from './kiosk-fixture';
import { overflows, registryNames, wrongScript } from './screens-checks';

const SHOTS = join(process.cwd(), 'test-results', 'screens');
const LANGS = [['ja', '日本語'], ['en', 'English'], ['zh', '中文'], ['ko', '한국어']] as const;
const ORIENTATIONS = [['portrait', PORTRAIT], ['landscape', LANDSCAPE]] as const;

describe('a kiosk without resident services', { skip: chromiumMissing }, () => {
  let f: KioskFixture;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    f = await openKiosk({ issuance: false });
  });
  after(async () => {
    await f?.close();
  });

  it('signs in, says there is nothing else to do here, and ends calmly', async () => {
    const { page, kiosk } = f;
    await kiosk.waitForScreen('idle');
    assert.equal(await page.getByTestId('service-hours').count(), 0, 'no certificate hours where no certificate is issued');
    await kiosk.insertCard('yamada-taro');
    await kiosk.waitForScreen('pin');
    await kiosk.enterPin('1234');
    await kiosk.waitForScreen('authenticated');
    await page.getByTestId('take-card').waitFor();
    assert.equal(await page.locator('main').getAttribute('data-screen'), 'authenticated');
    assert.match((await page.getByTestId('nothing-here').textContent()) ?? '', /ほかにありません/);
    assert.equal(await page.getByTestId('service-menu').locator('button').count(), 1, 'only 終わる');
    await kiosk.removeCard('yamada-taro');
    await page.getByTestId('take-card').waitFor({ state: 'detached' });

    const findings: string[] = [];
    const names = registryNames();
    for (const [orientation, size] of ORIENTATIONS) {
      await page.setViewportSize(size);
      for (const [code, label] of LANGS) {
        await page.locator('header').getByRole('button', { name: label, exact: true }).click();
        await page.locator(`html[lang^="${code}"]`).waitFor();
        const where = `${orientation} ${code}`;
        if (code !== 'ja') for (const w of await wrongScript(page, code, names)) findings.push(`${where}: Japanese script ${w}`);
        for (const o of await overflows(page)) findings.push(`${where}: ${o}`);
        if (orientation === 'portrait') for (const v of await kiosk.axe()) findings.push(`${where}: axe ${v.id} (${v.help})`);
        await page.screenshot({ path: join(SHOTS, `40-menu-none-${orientation}-${code}.png`), animations: 'disabled' });
      }
    }
    assert.deepEqual(findings, []);
    await page.setViewportSize(PORTRAIT);
    await page.locator('header').getByRole('button', { name: '日本語', exact: true }).click();

    await page.getByRole('button', { name: '終わる' }).click();
    await kiosk.waitForScreen('goodbye');
    await page.getByRole('button', { name: 'はじめに戻る' }).click();
    await kiosk.waitForScreen('idle');
    assert.deepEqual(f.problems, [], 'no CSP violations or page errors');
  });
});
