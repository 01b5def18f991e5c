// Printer faults while a paid certificate prints, with ippeveprinter as the printer (real IPP, a
// fault-injecting engine): out of paper, a paper jam, the printer going offline. The resident is
// told calmly what is happening and to stay; when staff fix it the print completes and the screen
// moves on — and the fee was taken exactly once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEvePrinter, type EvePrinter } from '../helpers/printers';
import { chromiumMissing, openKiosk, type KioskFixture } from './kiosk-fixture';
import { IssuancePage } from './page-models/issuance-page';

const FAULTS = [
  { name: 'out of paper', apply: (p: EvePrinter) => p.setFault('media-empty'), fix: (p: EvePrinter) => p.setFault(null), words: /用紙がなくなりました/ },
  { name: 'paper jam', apply: (p: EvePrinter) => p.setFault('media-jam'), fix: (p: EvePrinter) => p.setFault(null), words: /紙がつまりました/ },
] as const;

describe('printer faults during printing are shown to the resident and resolved', { skip: chromiumMissing }, () => {
  let printer: EvePrinter;
  let f: KioskFixture;
  let iss: IssuancePage;
  before(async () => {
    printer = await startEvePrinter('madoguchi-e2e-eve');
    f = await openKiosk({ issuance: { printer: { printerUri: printer.uri, pollMs: 200 } } });
    iss = new IssuancePage(f.page, f.kiosk);
  });
  after(async () => {
    await f?.close();
    await printer?.stop();
  });

  for (const fault of FAULTS) {
    it(`${fault.name}: staff called, then printed after the fix`, async () => {
      const { kiosk, page } = f;
      await iss.home();
      const taken = f.stack.issuance!.payment.netTaken();
      const sheets = printer.impressionsTotal();
      await iss.signIn('yamada-taro', '1234');
      await iss.choose('inkan');
      await iss.next();
      await iss.fee();
      fault.apply(printer);
      await iss.goToPayment();
      await page.getByTestId('demo-money').getByRole('button', { name: '電子マネー' }).click();
      await iss.waitForStep('printing');
      await page.getByTestId('printer-problem').waitFor({ timeout: 30_000 });
      assert.match((await page.getByTestId('printer-problem').textContent()) ?? '', fault.words);
      assert.match((await page.getByTestId('printer-problem').textContent()) ?? '', /係員/);
      await kiosk.screenshot(`40-issuance-printer-${fault.name.replace(/ /g, '-')}`);
      fault.fix(printer);
      await iss.waitForStep('done', 90_000);
      assert.ok(printer.impressionsTotal() > sheets, 'paper came out after the fix');
      assert.equal(f.stack.issuance!.payment.netTaken(), taken + 200, 'charged exactly once');
      await page.getByRole('button', { name: '終わる' }).click();
      await kiosk.waitForScreen('goodbye');
    });
  }

  it('offline before the job is sent: held for staff, who refund it — the fee comes back, nothing printed', async () => {
    const { kiosk, page } = f;
    await iss.home();
    const taken = f.stack.issuance!.payment.netTaken();
    await iss.signIn('yamada-taro', '1234');
    await iss.choose('inkan');
    await iss.next();
    await iss.fee();
    printer.goOffline();
    try {
      await iss.goToPayment();
      await page.getByTestId('demo-money').getByRole('button', { name: '電子マネー' }).click();
      await iss.waitForStep('held', 60_000);
      assert.match((await page.getByTestId('reference').textContent()) ?? '', /受付番号 [0-9A-F-]{8}/);
      await kiosk.screenshot('41-issuance-printer-offline-held');
    } finally {
      printer.comeOnline();
    }
    // Staff, at the kiosk's maintenance screen: nothing came out, so the fee is refunded.
    const requestId = f.stack.issuance!.lastRequestId()!;
    const r = await f.stack.issuance!.service.resolveHeld(requestId, 'refund', 'printer was offline; nothing printed');
    assert.equal(r.state, 'refunded');
    assert.equal(f.stack.issuance!.payment.netTaken(), taken, 'the fee was returned');
  });
});
