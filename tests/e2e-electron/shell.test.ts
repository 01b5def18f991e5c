// The Electron shell itself (preload wiring, window policy, navigation denial), driven with
// Playwright's `_electron` where Electron's binary is installed. On machines without it (our CI
// builders cannot download it) the suite reports itself skipped, with the reason.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { electronBinary } from '../../electron/dev-server/electron-binary';

const binary = electronBinary();
const skip = binary ? false : "Electron's binary is not installed here (npm package only); the Electron suite runs where it is";
if (skip) process.stdout.write(`# e2e-electron skipped: ${skip}\n`);

describe('Electron kiosk shell', { skip }, () => {
  let app: ElectronApplication;
  let page: Page;
  before(async () => {
    app = await _electron.launch({
      executablePath: binary!,
      args: [fileURLToPath(new URL('../../electron/main/dev-entry.mjs', import.meta.url))],
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
    });
    page = await app.firstWindow();
    await page.locator('html[data-ready="1"]').waitFor();
  });
  after(async () => {
    await app?.close();
  });

  it('loads the UI from app://kiosk with the preload bridge and no Node in the page', async () => {
    assert.equal(new URL(page.url()).origin, 'app://kiosk');
    assert.deepEqual(await page.evaluate(() => [typeof (globalThis as { kiosk?: unknown }).kiosk, typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process]), ['object', 'undefined', 'undefined']);
    await page.locator('main[data-screen="idle"]').waitFor();
  });

  it('refuses navigation away and new windows', async () => {
    await page.evaluate(() => {
      window.open('https://example.com/');
      location.href = 'https://example.com/';
    });
    await page.locator('main[data-screen="idle"]').waitFor();
    assert.equal(new URL(page.url()).origin, 'app://kiosk');
    assert.equal(app.windows().length, 1);
  });

  it('rejects a command outside the allow-list at the preload', async () => {
    const reply = await page.evaluate(() => (globalThis as unknown as { kiosk: { invoke(c: string, i: unknown): Promise<unknown> } }).kiosk.invoke('fs.read', {}));
    assert.deepEqual(reply, { ok: false, error: { kind: 'input.invalid', message: 'unknown command' } });
  });
});
