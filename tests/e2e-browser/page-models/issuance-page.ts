// Page model of the certificate-issuance steps: what a resident does (choose, tick, pay, wait) and
// what the app announces (the step in `.issuance[data-step]`), never a sleep.
import type { Locator, Page } from 'playwright-core';
import type { KioskPage } from './kiosk-page';

export type IssuanceStep = 'loading' | 'choose' | 'options' | 'copies' | 'requesting' | 'confirm' | 'paying' | 'printing'
  | 'done' | 'held' | 'refunded' | 'cancelled' | 'refused' | 'failed';

export class IssuancePage {
  constructor(readonly page: Page, readonly kiosk: KioskPage) {}

  async waitForStep(step: IssuanceStep, timeout = 30_000): Promise<void> {
    await this.page.locator(`.issuance[data-step="${step}"]`).waitFor({ timeout });
  }

  /** Back to the idle screen from wherever the last visit ended (goodbye or an issuance ending). */
  async home(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      if ((await this.page.locator('main').getAttribute('data-screen')) === 'idle') return;
      // 終わる (done) → goodbye → はじめに戻る; やめる on a menu. Whichever this screen offers.
      const button = this.page.locator('main').getByRole('button', { name: /^(終わる|はじめに戻る|やめる)$/ }).first();
      if (await button.isVisible()) await button.click();
      await this.page.locator('main[data-screen="idle"], main[data-screen="goodbye"]').first().waitFor();
    }
    await this.kiosk.waitForScreen('idle');
  }

  /** Card on the reader → PIN → take the card → the certificate menu. */
  async signIn(holderId: string, pin: string): Promise<void> {
    await this.kiosk.waitForScreen('idle');
    await this.kiosk.insertCard(holderId);
    await this.kiosk.waitForScreen('pin');
    await this.kiosk.enterPin(pin);
    await this.kiosk.waitForScreen('authenticated');
    await this.kiosk.removeCard(holderId);
    await this.page.getByTestId('to-certificates').and(this.page.locator(':enabled')).click();
    await this.kiosk.waitForScreen('issuance');
  }

  entry(type: 'juminhyo' | 'kisai' | 'inkan'): Locator {
    return this.page.locator(`.choices li[data-type="${type}"]`);
  }

  async choose(type: 'juminhyo' | 'kisai' | 'inkan'): Promise<void> {
    await this.waitForStep('choose');
    await this.entry(type).getByRole('button').click();
  }

  async tick(testId: string): Promise<void> {
    const t = this.page.getByTestId(testId);
    // A toggle (aria-pressed) or a single choice (role=radio, aria-checked).
    if ((await t.getAttribute('aria-pressed')) !== 'true' && (await t.getAttribute('aria-checked')) !== 'true') await t.click();
  }

  /** A household member's toggle on the options step (shown when the scope is "some members"). */
  member(residentId: string): Locator {
    return this.page.getByTestId(`member-${residentId}`);
  }

  /** Puts a household member on the certificate, and waits until the toggle shows it. */
  async tickMember(residentId: string): Promise<void> {
    await this.tick(`member-${residentId}`);
    await this.page.locator(`[data-testid="member-${residentId}"][aria-pressed="true"]`).waitFor();
  }

  async next(): Promise<void> {
    await this.page.locator('.issuance .actions .btn-primary').first().click();
  }

  async setCopies(n: number): Promise<void> {
    await this.waitForStep('copies');
    const count = this.page.getByTestId('copies');
    for (let i = 0; i < 12 && Number(await count.getAttribute('data-copies')) !== n; i++) {
      const now = Number(await count.getAttribute('data-copies'));
      await this.page.locator('.copies .step-btn').nth(now < n ? 1 : 0).click();
      await this.page.locator(`[data-testid="copies"][data-copies="${now < n ? now + 1 : now - 1}"]`).waitFor();
    }
  }

  async fee(): Promise<number> {
    await this.waitForStep('confirm');
    return Number(await this.page.getByTestId('fee').getAttribute('data-fee'));
  }

  async goToPayment(): Promise<void> {
    await this.page.locator('.issuance .actions .btn-primary').click();
    await this.waitForStep('paying');
  }

  /** The demo acceptor's coin slot: one coin or note, then wait until the screen shows it counted. */
  async insert(yen: 10 | 50 | 100 | 500 | 1000): Promise<void> {
    const before = Number(await this.page.getByTestId('money').getAttribute('data-inserted'));
    await this.page.getByTestId('demo-money').getByRole('button', { name: `¥${yen}`, exact: true }).click();
    const step = this.page.locator(`.issuance:not([data-step="paying"]), [data-testid="money"][data-inserted="${before + yen}"]`);
    await step.first().waitFor();
  }
}
