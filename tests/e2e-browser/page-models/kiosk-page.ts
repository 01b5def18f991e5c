// Page model of the kiosk UI: tests say what a person does ("insert the card", "type the PIN")
// and wait for what the app announces (main[data-screen], html[data-ready]), never for time.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

export type ScreenName = 'idle' | 'prepare' | 'reception' | 'reading' | 'pin' | 'verifying' | 'authenticated' | 'issuance' | 'error' | 'goodbye' | 'staff';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

export class KioskPage {
  constructor(readonly page: Page, private readonly shots: string) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('html[data-ready="1"]').waitFor();
  }

  main(): Locator {
    return this.page.locator('main');
  }

  async waitForScreen(name: ScreenName, timeout = 20_000): Promise<void> {
    await this.page.locator(`main[data-screen="${name}"]`).waitFor({ timeout });
  }

  heading(): Locator {
    return this.page.locator('main h1');
  }

  tray(holderId: string): Locator {
    return this.page.locator(`[data-testid="card-tray"] li[data-holder="${holderId}"]`);
  }

  async openTray(): Promise<void> {
    const toggle = this.page.locator('.tray-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  }

  /** Demo tray: put this holder's virtual card on reader 0. */
  async insertCard(holderId: string): Promise<void> {
    await this.openTray();
    await this.tray(holderId).getByRole('button').click();
    await this.tray(holderId).and(this.page.locator('.inserted')).waitFor({ state: 'attached' });
  }

  async removeCard(holderId: string): Promise<void> {
    await this.openTray();
    await this.tray(holderId).getByRole('button').click();
    await this.tray(holderId).and(this.page.locator(':not(.inserted)')).waitFor({ state: 'attached' });
  }

  /** Types the PIN on the on-screen keypad and confirms. */
  async enterPin(pin: string): Promise<void> {
    for (const d of pin) await this.page.locator('.keypad button', { hasText: new RegExp(`^${d}$`) }).click();
    await this.page.locator('.key-ok').click();
  }

  triesLeft(): Promise<string | null> {
    return this.page.getByTestId('tries-left').getAttribute('data-tries');
  }

  errorKind(): Promise<string | null> {
    return this.page.locator('[data-error-kind]').getAttribute('data-error-kind');
  }

  async screenshot(name: string): Promise<string> {
    const path = join(this.shots, `${name}.png`);
    await this.page.screenshot({ path, animations: 'disabled' });
    return path;
  }

  /** axe-core in the page (evaluated through the debugger protocol, so our CSP stays on). */
  async axe(): Promise<AxeViolation[]> {
    await this.page.evaluate(axeSource);
    return this.page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
    });
  }
}
