// Page model of staff mode: what staff do at the kiosk (open the code dialog, type the code, pick a
// decision, a reason, confirm) and what the app announces (the dialog, `.staff[data-step]`, the
// outcome's data attributes) — never a sleep.
import type { Locator, Page } from 'playwright-core';
import type { KioskPage } from './kiosk-page';

export type StaffStep = 'list' | 'reason' | 'confirm' | 'working' | 'outcome';
export type Decision = 'printed' | 'reprint' | 'refund';
export type Reason = 'refilled-paper' | 'cleared-jam' | 'power-cycled' | 'no-paper-out' | 'other';

export class StaffPage {
  constructor(readonly page: Page, readonly kiosk: KioskPage) {}

  /** The 「係員」 / 「係員の方へ」 button of the current screen. */
  async open(): Promise<void> {
    await this.page.getByTestId('staff-open').click();
    await this.codeDialog().waitFor();
  }

  codeDialog(): Locator {
    return this.page.getByTestId('staff-code');
  }

  /** Types the code on the dialog's keypad, confirms, and waits until the kiosk has answered. */
  async enterCode(code: string): Promise<void> {
    const dialog = this.codeDialog();
    for (const d of code) await dialog.locator('.keypad button', { hasText: new RegExp(`^${d}$`) }).click();
    await dialog.locator(`[data-testid="pin-dots"][data-filled="${code.length}"]`).waitFor();
    const answered = Number(await dialog.getAttribute('data-answers'));
    await dialog.locator('.key-ok').click();
    await this.page.locator(`[data-testid="staff-code"][data-answers="${answered + 1}"], main[data-screen="staff"]`).first().waitFor();
  }

  problem(): Locator {
    return this.page.getByTestId('staff-code-problem');
  }

  async waitForStep(step: StaffStep, timeout = 30_000): Promise<void> {
    await this.page.locator(`.staff[data-step="${step}"]`).waitFor({ timeout });
  }

  request(requestId: string): Locator {
    return this.page.locator(`[data-testid="held-request"][data-request-id="${requestId}"]`);
  }

  printerState(): Locator {
    return this.page.getByTestId('printer-state');
  }

  /** Refresh until the printer shows this message key (e.g. 'printer.ready' once it is fixed). */
  async waitForPrinter(message: string, timeout = 30_000): Promise<void> {
    const deadline = Date.now() + timeout;
    while ((await this.printerState().getAttribute('data-message')) !== message) {
      if (Date.now() > deadline) throw new Error(`printer still ${await this.printerState().getAttribute('data-message')}, not ${message}`);
      await this.page.locator('[data-testid="staff-refresh"]:enabled').click();
      // The refresh button is disabled while the kiosk asks the printer, enabled again with the answer.
      await this.page.locator('[data-testid="staff-refresh"]:enabled').waitFor({ timeout: 10_000 });
    }
  }

  async choose(requestId: string, decision: Decision): Promise<void> {
    await this.request(requestId).locator(`button[data-decision="${decision}"]`).click();
    await this.waitForStep('reason');
  }

  async reason(reason: Reason): Promise<void> {
    await this.page.locator(`.reasons button[data-reason="${reason}"]`).click();
    await this.waitForStep('confirm');
  }

  async go(): Promise<void> {
    await this.page.getByTestId('staff-go').click();
  }

  outcome(): Locator {
    return this.page.getByTestId('staff-outcome');
  }

  /** 終了: staff mode locks and the idle screen returns. */
  async exit(): Promise<void> {
    await this.page.locator('main').getByTestId('staff-exit').click();
    await this.kiosk.waitForScreen('idle');
  }
}
