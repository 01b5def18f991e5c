// Page model of hospital payment: what a patient does (お会計, place the card, the PIN, choose how
// to pay, put coins in, confirm the linked account, link a card or remove it, finish) and what the screen shows
// (the amount due, the breakdown, the notice of a bill shown again, the desk's words, what was
// paid), waiting on what the app announces (data-step, data-notice, data-desk), never on time.
import type { Locator, Page } from 'playwright-core';
import type { KioskPage } from './kiosk-page';

export type BillingStep = 'looking_up' | 'bill' | 'confirm-linked' | 'confirm-unlink' | 'paying' | 'printing' | 'done' | 'nothing_due' | 'desk' | 'held' | 'stopped' | 'failed';
export type Coin = 10 | 50 | 100 | 500 | 1000 | 5000 | 10000;

export class BillingPage {
  constructor(readonly page: Page, readonly kiosk: KioskPage) {}

  /** Idle → お会計 → card (or phone) → place it → its PIN → the payment flow. */
  async signIn(holderId: string, pin: string, device: 'card' | 'android' = 'card'): Promise<void> {
    await this.kiosk.waitForScreen('idle');
    await this.page.getByTestId('to-billing').click();
    await this.page.getByTestId(`device-${device}`).click();
    await this.page.locator(`main[data-screen="prepare"] [data-device="${device}"]`).waitFor();
    await this.kiosk.insertCard(holderId);
    await this.kiosk.waitForScreen('pin');
    await this.kiosk.enterPin(pin);
  }

  flow(): Locator {
    return this.page.locator('main[data-screen="billing"] .billing');
  }

  async waitForStep(step: BillingStep, timeout = 20_000): Promise<void> {
    await this.page.locator(`main[data-screen="billing"] .billing[data-step="${step}"]`).waitFor({ timeout });
  }

  /** The bill on the screen: the amount due (a number, and as shown), the ratio, the method buttons, a notice. */
  async bill(): Promise<{ due: number; dueText: string; ratio: string | null; methods: string[]; notice: string | null }> {
    await this.waitForStep('bill');
    const due = this.page.getByTestId('bill-due');
    const methods = await this.page.locator('.bill-methods [data-testid^="pay-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice(4)));
    const notice = this.page.getByTestId('bill-notice');
    return {
      due: Number(await due.getAttribute('data-due')),
      dueText: (await due.locator('.bill-due-value').textContent()) ?? '',
      ratio: (await this.page.getByTestId('bill-ratio').count()) ? await this.page.getByTestId('bill-ratio').textContent() : null,
      methods,
      notice: (await notice.count()) ? await notice.getAttribute('data-notice') : null,
    };
  }

  /** The bill shown again with why (e.g. 'changed', 'declined'): waits for that notice, then reads the bill. */
  async billAgain(notice: string): Promise<Awaited<ReturnType<BillingPage['bill']>>> {
    await this.page.locator(`main[data-screen="billing"] .billing[data-step="bill"] [data-notice="${notice}"]`).waitFor({ timeout: 20_000 });
    return this.bill();
  }

  /** What the demo card terminal's customer does (approve, decline, cancel, let it time out). */
  async terminal(key: 'approve' | 'decline' | 'cancel' | 'timeout'): Promise<void> {
    await this.page.getByTestId(`demo-card-${key}`).click();
  }

  async choose(method: 'cash' | 'ic' | 'card' | 'linked'): Promise<void> {
    await this.page.getByTestId(`pay-${method}`).click();
  }

  /** The demo acceptor's coins, one by one, each awaited on the screen's inserted amount. */
  async insert(coins: Coin[]): Promise<void> {
    await this.waitForStep('paying');
    let total = Number(await this.page.getByTestId('money').getAttribute('data-inserted'));
    for (const c of coins) {
      total += c;
      await this.page.getByTestId('demo-money').getByRole('button', { name: `¥${c.toLocaleString('ja-JP')}`, exact: true }).click();
      // The last coin may end the collect at once: the screen moves on instead of showing the sum.
      await this.page.locator(`[data-testid="money"][data-inserted="${total}"], main[data-screen="billing"] .billing:not([data-step="paying"])`).first().waitFor();
    }
  }

  /** The done screen: what was paid, the change, the method, and the documents' outcome. */
  async done(timeout = 30_000): Promise<{ paid: number; change: number; method: string | null; documents: string | null }> {
    await this.waitForStep('done', timeout);
    await this.page.locator('.bill-done:not([data-documents="pending"])').waitFor({ timeout });
    const change = this.page.getByTestId('change');
    return {
      paid: Number(await this.page.getByTestId('paid').getAttribute('data-yen')),
      change: (await change.count()) ? Number(await change.getAttribute('data-yen')) : 0,
      method: await this.page.getByTestId('paid-method').getAttribute('data-method'),
      documents: await this.page.locator('.bill-done').getAttribute('data-documents'),
    };
  }

  /** A desk ending: its code and the words shown. */
  async desk(): Promise<{ code: string | null; title: string; body: string }> {
    await this.waitForStep('desk');
    return {
      code: await this.page.locator('[data-desk]').getAttribute('data-desk'),
      title: (await this.kiosk.heading().textContent()) ?? '',
      body: (await this.page.getByTestId('desk-body').textContent()) ?? '',
    };
  }

  /** From the bill: remove the linked account (the confirm names it), then the bill again without it. */
  async unlink(): Promise<{ named: string; said: string }> {
    await this.page.getByTestId('unlink-offer').click();
    await this.waitForStep('confirm-unlink');
    const named = (await this.page.getByTestId('unlink-account').textContent()) ?? '';
    await this.page.getByTestId('unlink-confirm').click();
    const status = this.page.locator('main[data-screen="billing"] .billing[data-step="bill"] [data-unlink]');
    await status.waitFor({ timeout: 20_000 });
    return { named, said: (await status.getAttribute('data-unlink')) + ':' + ((await status.textContent()) ?? '') };
  }

  /** Leave at the bill (やめる): the checkout cancelled, the card taken, back to the idle screen. */
  async leaveBill(holderId: string): Promise<void> {
    await this.page.getByTestId('bill-cancel').click();
    await this.kiosk.removeCard(holderId);
    await this.kiosk.waitForScreen('idle');
  }

  /** Finish, and take the card if it is still on the reader: back to the idle screen. */
  async finish(holderId: string): Promise<void> {
    await this.page.getByTestId('billing-finish').and(this.page.locator(':enabled')).click();
    await this.kiosk.removeCard(holderId);
    await this.kiosk.waitForScreen('idle');
  }
}
