// Page model of hospital reception: what a patient does (choose card or phone, place it, type the
// PIN, agree, choose) and what the screen shows (the outcome, the desk's words, the number), waiting
// on what the app announces (data-step, data-outcome, data-desk), never on time.
import type { Locator, Page } from 'playwright-core';
import type { KioskPage } from './kiosk-page';

export type ReceptionStep = 'checking' | 'outcome' | 'consent' | 'consent-each' | 'public-aid' | 'prescription' | 'choosing' | 'department' | 'registering' | 'done' | 'desk' | 'failed';

export class ReceptionPage {
  constructor(readonly page: Page, readonly kiosk: KioskPage) {}

  /** Idle → 病院の受付 → card / Android / iPhone (the "place it" screen shows next). */
  async start(device: 'card' | 'android' | 'iphone' = 'card'): Promise<void> {
    await this.kiosk.waitForScreen('idle');
    await this.page.getByTestId('to-reception').click();
    await this.page.getByTestId(`device-${device}`).click();
    await this.page.locator(`main[data-screen="prepare"] [data-device="${device}"]`).waitFor();
  }

  /** start → place the demo card (or phone) → its PIN → the reception flow. */
  async checkIn(holderId: string, pin: string, device: 'card' | 'android' | 'iphone' = 'card'): Promise<void> {
    await this.start(device);
    await this.kiosk.insertCard(holderId);
    await this.kiosk.waitForScreen('pin');
    await this.kiosk.enterPin(pin);
  }

  step(): Locator {
    return this.page.locator('main .reception');
  }

  async waitForStep(step: ReceptionStep, timeout = 20_000): Promise<void> {
    await this.page.locator(`main[data-screen="reception"] .reception[data-step="${step}"]`).waitFor({ timeout });
  }

  async outcome(): Promise<string | null> {
    await this.waitForStep('outcome');
    return this.page.locator('[data-outcome]').getAttribute('data-outcome');
  }

  /** The desk ending: its code (the outcome or the reason) and the words shown. */
  async desk(): Promise<{ code: string | null; title: string; body: string }> {
    await this.waitForStep('desk');
    return {
      code: await this.page.locator('[data-desk]').getAttribute('data-desk'),
      title: (await this.kiosk.heading().textContent()) ?? '',
      body: (await this.page.getByTestId('desk-body').textContent()) ?? '',
    };
  }

  /** outcome → すべて同意 (or each: the items agreed) → 公費 (when asked) → prescription. */
  async choose(o: { consent: 'all' | ('diagnosis' | 'medication' | 'checkups' | 'surgery')[]; publicAid?: 'use' | 'decline'; prescription: 'electronic' | 'paper' }): Promise<void> {
    await this.waitForStep('outcome');
    await this.page.getByTestId('outcome-next').click();
    await this.waitForStep('consent');
    if (o.consent === 'all') await this.page.getByTestId('consent-all').click();
    else {
      await this.page.getByTestId('consent-each').click();
      for (const item of o.consent) await this.page.getByTestId(`consent-${item}-yes`).click();
      await this.page.getByTestId('consent-done').click();
    }
    if (o.publicAid) {
      await this.waitForStep('public-aid');
      await this.page.getByTestId(`aid-${o.publicAid}`).click();
    }
    await this.waitForStep('prescription');
    await this.page.getByTestId(`rx-${o.prescription}`).click();
  }

  /** The department → the number: what the done screen shows. */
  async register(department: string): Promise<{ number: string; department: string; time: string }> {
    await this.waitForStep('department');
    await this.page.getByTestId(`dept-${department}`).click();
    await this.waitForStep('done');
    return {
      number: (await this.page.getByTestId('reception-number').getAttribute('data-number')) ?? '',
      department: (await this.page.getByTestId('reception-department').textContent()) ?? '',
      time: (await this.page.getByTestId('reception-time').textContent()) ?? '',
    };
  }

  /** Finish and take the card: back to the idle screen. */
  async finish(holderId: string): Promise<void> {
    await this.page.getByTestId('reception-finish').and(this.page.locator(':enabled')).click();
    await this.kiosk.removeCard(holderId);
    await this.kiosk.waitForScreen('idle');
  }
}
