// The screen sweep the hospital services' a11y files share: the current screen in each language of
// SWEEP_LANGS and both orientations (+ furigana), axe in ja and en, and on request the 200 % reflow
// and the focus rings. Findings are collected, not thrown, so one run lists every problem; the
// screenshots are test-results/screens/<screen>-<orientation>-<lang>[-furigana].png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { axeViaCdp, cutOff, weakFocusRings } from './a11y-checks';
import { LANDSCAPE, PORTRAIT } from './kiosk-fixture';
import { overflows, registryNames, SWEEP_LANGS, wrongScript } from './screens-checks';

const SHOTS = join(process.cwd(), 'test-results', 'screens');
const ORIENTATIONS = [['portrait', PORTRAIT], ['landscape', LANDSCAPE]] as const;

export interface LookOptions {
  /** Also 文字を大きく 200 % in both orientations: no control cut off. */
  large?: boolean;
  /** Also the focus rings (the shared styles'; one screen with every kind of control measures them). */
  rings?: boolean;
}

/**
 * A sweep over the page `page()` returns (a getter: the kiosk opens in the test's before hook).
 * `look` leaves the screen in Japanese, portrait, 100 %; `findings` holds what it saw.
 */
export function screenSweep(page: () => Page): { look: (screen: string, opts?: LookOptions) => Promise<void>; findings: string[] } {
  const findings: string[] = [];
  const names = registryNames();

  const setLang = async (code: string, label: string) => {
    await page().locator('header').getByRole('button', { name: label, exact: true }).click();
    await page().locator(`html[lang^="${code}"]`).waitFor();
  };
  const size = async (percent: 100 | 200) => {
    for (let i = 0; i < 3 && (await page().locator('html').getAttribute('data-text')) !== String(percent); i++) await page().getByTestId('large-text').click();
    await page().locator(`html[data-text="${percent}"]`).waitFor();
  };
  const furigana = () => page().locator('header').getByRole('button', { name: 'ふりがな' }).click();

  async function look(screen: string, opts: LookOptions = {}): Promise<void> {
    const p = page();
    mkdirSync(SHOTS, { recursive: true });
    for (const [orientation, vp] of ORIENTATIONS) {
      await p.setViewportSize(vp);
      for (const [code, label] of SWEEP_LANGS) {
        await setLang(code, label);
        const where = `${screen} ${orientation} ${code}`;
        if (code !== 'ja') for (const w of await wrongScript(p, code, names)) findings.push(`${where}: Japanese script ${w}`);
        for (const o of await overflows(p)) findings.push(`${where}: ${o}`);
        await p.screenshot({ path: join(SHOTS, `${screen}-${orientation}-${code}.png`), animations: 'disabled' });
        if (orientation === 'portrait' && (code === 'ja' || code === 'en')) for (const v of await axeViaCdp(p)) findings.push(`${where}: axe ${v}`);
        if (code === 'ja') {
          await furigana();
          await p.locator('main ruby').first().waitFor();
          for (const o of await overflows(p)) findings.push(`${where} furigana: ${o}`);
          await p.screenshot({ path: join(SHOTS, `${screen}-${orientation}-ja-furigana.png`), animations: 'disabled' });
          await furigana();
        }
      }
    }
    await p.setViewportSize(PORTRAIT);
    await setLang('ja', '日本語');
    if (opts.rings) for (const ring of await weakFocusRings(p)) findings.push(`${screen}: focus ring ${ring}`);
    if (opts.large) {
      await size(200);
      for (const [orientation, vp] of ORIENTATIONS) {
        await p.setViewportSize(vp);
        for (const c of await cutOff(p)) findings.push(`${screen} 200 % ${orientation}: ${c}`);
      }
      await p.setViewportSize(PORTRAIT);
      await size(100);
    }
  }

  return { look, findings };
}
