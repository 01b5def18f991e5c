// Staff settle a print held by a printer fault at the kiosk's own screen, in Chromium against the
// real stack (ippeveprinter as the printer, the simulated acceptor taking the fee, the reference
// back office for the reprint): the resident's held screen → 「係員の方へ」 → the staff code (a wrong
// one is refused with the tries left) → the held request, without the resident's name → a reprint
// after the fix, with no second fee; and a refund that the acceptor pays back, audited with the note.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isKioskError } from '../../common/errors';
import { DEMO_STAFF_CODE } from '../../electron/dev-server/dev-kiosk';
import { startEvePrinter, type EvePrinter } from '../helpers/printers';
import { chromiumMissing, openKiosk, type KioskFixture } from './kiosk-fixture';
import { IssuancePage } from './page-models/issuance-page';
import { StaffPage } from './page-models/staff-page';
import { accessible } from './printed-certificate';

const FEE = 200;

describe('staff settle a held print at the kiosk screen', { skip: chromiumMissing }, () => {
  let printer: EvePrinter;
  let f: KioskFixture;
  let iss: IssuancePage;
  let staff: StaffPage;
  before(async () => {
    printer = await startEvePrinter('madoguchi-e2e-staff');
    f = await openKiosk({ issuance: { printer: { printerUri: printer.uri, pollMs: 200 } } });
    iss = new IssuancePage(f.page, f.kiosk);
    staff = new StaffPage(f.page, f.kiosk);
  });
  after(async () => {
    await f?.close();
    await printer?.stop();
  });

  const netTaken = () => f.stack.issuance!.payment.netTaken();
  const request = (id: string) => f.stack.issuance!.service.get(id)!;

  /** A resident pays for a 印鑑登録証明書 while the printer is offline: the print is held, the resident told. */
  async function heldPrint(): Promise<{ requestId: string; taken: number }> {
    await iss.home();
    const taken = netTaken();
    await iss.signIn('yamada-taro', '1234');
    await iss.choose('inkan');
    await iss.next();
    assert.equal(await iss.fee(), FEE);
    printer.goOffline();
    try {
      await iss.goToPayment();
      await f.page.getByTestId('demo-money').getByRole('button', { name: '電子マネー' }).click();
      await iss.waitForStep('held', 60_000);
    } catch (err) {
      printer.comeOnline();
      throw err;
    }
    assert.equal(netTaken(), taken + FEE, 'the fee was taken once');
    return { requestId: f.stack.issuance!.lastRequestId()!, taken };
  }

  it('offline → held → 係員の方へ → wrong code, right code → the held request → fixed → reprint, no second fee', async () => {
    const { kiosk, page } = f;
    const { requestId, taken } = await heldPrint();
    const reference = requestId.slice(-8).toUpperCase();
    assert.match((await page.getByTestId('reference').textContent()) ?? '', new RegExp(reference));
    await kiosk.screenshot('50-staff-held-screen-button');

    await staff.open();
    await staff.enterCode('135790');
    assert.equal(await staff.problem().getAttribute('data-problem'), 'staff.code.wrong');
    assert.match((await staff.problem().textContent()) ?? '', /コードが違います。残り 4 回/);
    assert.equal(await kiosk.main().getAttribute('data-screen'), 'issuance', 'the resident screen is still there below');
    await kiosk.screenshot('51-staff-code-wrong');
    await accessible(kiosk, 'the staff code dialog');

    await staff.enterCode(DEMO_STAFF_CODE);
    await kiosk.waitForScreen('staff');
    await staff.waitForStep('list');
    // Entering staff mode ended the resident's session in main: nothing of it is left to act on.
    await assert.rejects(f.stack.kiosk.api['issuance.status']({ requestId }), (e) => isKioskError(e, 'issuance.not_found'));
    const item = staff.request(requestId);
    await item.waitFor();
    assert.equal(await item.getByTestId('held-ref').textContent(), reference);
    assert.equal(await item.getByTestId('held-paid').getAttribute('data-paid'), String(FEE));
    assert.equal(await item.getByTestId('held-what').getAttribute('data-what'), 'offline');
    assert.match((await item.getByTestId('held-what').textContent()) ?? '', /プリンターが応答しませんでした/);
    assert.equal(await item.getByTestId('held-paper').getAttribute('data-maybe-printed'), 'false');
    assert.match((await item.getByTestId('held-number').textContent()) ?? '', /\d/);
    assert.match((await item.textContent()) ?? '', /印鑑登録証明書/);
    // No personal data on the staff screen: not the resident's name, not the household.
    const screen = (await kiosk.main().textContent()) ?? '';
    for (const personal of ['山田', '太郎', 'ヤマダ']) assert.ok(!screen.includes(personal), `${personal} on the staff screen`);
    assert.equal(await staff.printerState().getAttribute('data-message'), 'printer.offline');
    assert.match((await staff.printerState().textContent()) ?? '', /オフライン/);
    await kiosk.screenshot('52-staff-list-printer-offline');
    await accessible(kiosk, 'the staff list');

    // Staff switch the printer back on; the screen shows it ready.
    printer.comeOnline();
    await staff.waitForPrinter('printer.ready');
    assert.match((await staff.printerState().textContent()) ?? '', /正常/);

    const sheets = printer.impressionsTotal();
    await staff.choose(requestId, 'reprint');
    await kiosk.screenshot('53-staff-reason');
    await accessible(kiosk, 'the reason step');
    await staff.reason('power-cycled');
    assert.match((await page.getByTestId('staff-confirm').textContent()) ?? '', /手数料をいただかずに印刷し直します.*プリンターの電源を入れ直した/s);
    await kiosk.screenshot('54-staff-confirm-reprint');
    await accessible(kiosk, 'the confirmation');
    await staff.go();
    await staff.outcome().waitFor({ timeout: 120_000 });
    assert.equal(await staff.outcome().getAttribute('data-outcome'), 'reprinted');
    await kiosk.screenshot('55-staff-reprinted');
    await accessible(kiosk, 'the outcome');

    assert.ok(printer.impressionsTotal() > sheets, 'paper came out');
    assert.equal(netTaken(), taken + FEE, 'no second fee');
    assert.equal(request(requestId).state, 'printed');
    assert.ok(request(requestId).events.some((e) => e.state === 'printing' && e.detail?.includes('(staff: プリンターの電源を入れ直した（係員画面）)')));

    await staff.exit();
    await assert.rejects(f.stack.kiosk.api['staff.held']({}), (e) => isKioskError(e, 'staff.locked'));
  });

  it('held → 係員の方へ → 返金する: the acceptor pays the fee back, the request is refunded and the audit carries the note', async () => {
    const { kiosk, page } = f;
    const { requestId, taken } = await heldPrint();
    printer.comeOnline();
    await staff.open();
    await staff.enterCode(DEMO_STAFF_CODE);
    await kiosk.waitForScreen('staff');
    await staff.request(requestId).waitFor();

    await staff.choose(requestId, 'refund');
    await staff.reason('no-paper-out');
    assert.match((await page.getByTestId('staff-confirm').textContent()) ?? '', /200円を返金します.*用紙は出ていなかった/s);
    await kiosk.screenshot('56-staff-confirm-refund');
    await staff.go();
    await staff.outcome().waitFor();
    assert.deepEqual([await staff.outcome().getAttribute('data-outcome'), await staff.outcome().getAttribute('data-amount')], ['refunded', String(FEE)]);
    assert.match((await staff.outcome().textContent()) ?? '', /200円を返金しました/);
    await kiosk.screenshot('57-staff-refunded');
    await accessible(kiosk, 'the refund outcome');

    assert.equal(netTaken(), taken, 'the fee went back to the resident');
    const r = request(requestId);
    assert.deepEqual([r.state, r.paid], ['refunded', FEE]);
    assert.equal(r.events.at(-1)?.detail, 'staff: 用紙は出ていなかった（係員画面）');

    await page.getByRole('button', { name: '一覧に戻る' }).click();
    await staff.waitForStep('list');
    await staff.request(requestId).waitFor({ state: 'detached' });
    await staff.exit();
  });

  it('the idle screen has a small 係員 button; the demo tray shows the demo code; nothing held is said plainly', async () => {
    const { kiosk, page } = f;
    await iss.home();
    await kiosk.openTray();
    assert.match((await page.getByTestId('demo-staff-code').textContent()) ?? '', new RegExp(DEMO_STAFF_CODE));
    await page.locator('.tray-toggle').click();
    await page.getByTestId('staff-open').waitFor();
    assert.equal(await page.getByTestId('staff-open').textContent(), '係員');
    await kiosk.screenshot('58-staff-idle-button');
    await accessible(kiosk, 'the idle screen with the staff button');
    await staff.open();
    // Cancel leaves the idle screen as it was; the second time staff go in.
    await staff.codeDialog().getByRole('button', { name: 'やめる' }).click();
    await staff.codeDialog().waitFor({ state: 'detached' });
    await kiosk.waitForScreen('idle');
    await staff.open();
    await staff.enterCode(DEMO_STAFF_CODE);
    await kiosk.waitForScreen('staff');
    await page.getByTestId('staff-none').waitFor();
    await kiosk.screenshot('59-staff-list-none');
    await accessible(kiosk, 'the empty staff list');
    await staff.exit();
  });
});
