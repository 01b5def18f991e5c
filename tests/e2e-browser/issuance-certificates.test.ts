// Certificate issuance end to end in Chromium against the real stack: virtual card through pcscd,
// holder sign-in and rules at the reference back office, the simulated acceptor, and the cups-pdf
// demo printer. The printed file is read back (pdftotext) and verified offline (madoguchi verify).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromiumMissing, openKiosk, type KioskFixture } from './kiosk-fixture';
import { IssuancePage } from './page-models/issuance-page';
import { accessible, checkPrinted, printedFile } from './printed-certificate';

describe('certificate issuance at the kiosk', { skip: chromiumMissing }, () => {
  let f: KioskFixture;
  let iss: IssuancePage;
  before(async () => {
    f = await openKiosk();
    iss = new IssuancePage(f.page, f.kiosk);
  });
  after(async () => {
    await f?.close();
  });

  it('住民票の写し for the whole household: choose, options, 2 copies, pay in coins with change, print, take everything', async () => {
    const { kiosk, page } = f;
    await iss.signIn('yamada-taro', '1234');
    await iss.waitForStep('choose');
    await kiosk.screenshot('30-issuance-choose');
    await accessible(kiosk, 'choose');
    await iss.choose('juminhyo');
    await iss.waitForStep('options');
    await iss.tick('scope-household');
    await iss.tick('option-householdHead');
    await kiosk.screenshot('31-issuance-options');
    await accessible(kiosk, 'options');
    await iss.next();
    await iss.setCopies(2);
    await kiosk.screenshot('32-issuance-copies');
    await iss.next();
    const fee = await iss.fee();
    assert.equal(fee, 400, '¥200 × 2 copies');
    assert.match((await page.getByTestId('summary').textContent()) ?? '', /世帯全員/);
    await kiosk.screenshot('33-issuance-confirm');
    await accessible(kiosk, 'confirm');
    await iss.goToPayment();
    await iss.insert(100);
    assert.equal(await page.getByTestId('money').getAttribute('data-remaining'), '300');
    await kiosk.screenshot('34-issuance-paying');
    await accessible(kiosk, 'paying');
    await iss.insert(500);
    await iss.waitForStep('done', 120_000);
    assert.match((await page.getByTestId('change').textContent()) ?? '', /200/);
    await kiosk.screenshot('35-issuance-done');
    await accessible(kiosk, 'done');
    assert.equal(f.stack.issuance!.payment.netTaken(), 400, 'the fee was taken exactly once');

    const file = await printedFile(f.stack.issuance!.lastIssuanceId());
    const facts = await checkPrinted(f, file, ['住 民 票 の 写 し', '世帯全員の住民票の原本と相違ない', '世帯主']);
    for (const field of ['山田\u3000太郎', '山田\u3000花子', '清瀬市']) assert.ok(facts.includes(field), `the printed certificate carries ${field}`);
    assert.ok(!facts.includes('山田\u3000うめ'), 'a removed (deceased) person is never printed');
    await page.getByRole('button', { name: '終わる' }).click();
    await kiosk.waitForScreen('goodbye');
    assert.deepEqual(f.problems, []);
  });

  it('印鑑登録証明書 for the registrant, paid by IC, with the seal certificate printed', async () => {
    const { kiosk, page } = f;
    await iss.home();
    await iss.signIn('yamada-taro', '1234');
    await iss.choose('inkan');
    await iss.setCopies(1);
    await iss.next();
    assert.equal(await iss.fee(), 200);
    await iss.goToPayment();
    await page.getByTestId('demo-money').getByRole('button', { name: '電子マネー' }).click();
    await iss.waitForStep('done', 120_000);
    const file = await printedFile(f.stack.issuance!.lastIssuanceId());
    const facts = await checkPrinted(f, file, ['印影', '登録された印影と相違ない']);
    assert.match(facts, /inkan/);
    assert.match(facts, /山田\u3000太郎/);
    await page.getByRole('button', { name: '終わる' }).click();
    await kiosk.waitForScreen('goodbye');
  });

  for (const c of [
    { holder: 'yamada-shota', pin: '1111', type: 'juminhyo', reason: 'under_15', words: /15歳未満/, where: /窓口/ },
    { holder: 'yamada-hanako', pin: '2580', type: 'inkan', reason: 'not_registrant', words: /印鑑登録をしているご本人/, where: /印鑑登録の窓口/ },
    { holder: 'kobayashi-naoko', pin: '1234', type: 'juminhyo', reason: 'moved_out', words: /転出/, where: /窓口/ },
  ] as const) {
    it(`refusal ${c.reason}: shown on the menu with where to go instead, nothing charged`, async () => {
      const { kiosk, page } = f;
      await iss.home();
      await iss.signIn(c.holder, c.pin);
      await iss.waitForStep('choose');
      const refusal = page.getByTestId(`refusal-${c.type}`);
      assert.equal(await refusal.getAttribute('data-reason'), c.reason);
      // A reason every certificate shares is said once above them; otherwise under the certificate.
      const said = (await page.getByTestId('refusal-all').count()) > 0 ? page.getByTestId('refusal-all') : refusal;
      assert.match((await said.textContent()) ?? '', c.words);
      assert.match((await said.textContent()) ?? '', c.where);
      await kiosk.screenshot(`36-issuance-refused-${c.reason}`);
      await accessible(kiosk, `refusal ${c.reason}`);
      await page.getByRole('button', { name: 'やめる' }).click();
      await kiosk.waitForScreen('goodbye');
    });
  }

  it('back office unreachable: a clear message, and no money is taken', async () => {
    const { kiosk, page } = f;
    await iss.home();
    const taken = f.stack.issuance!.payment.netTaken();
    await f.stack.issuance!.backOffice.running!.close();
    await iss.signIn('yamada-taro', '1234');
    await iss.waitForStep('failed');
    assert.match((await page.getByTestId('next-step').textContent()) ?? '', /手数料はいただいていません/);
    await kiosk.screenshot('37-issuance-backoffice-down');
    await accessible(kiosk, 'back office down');
    assert.equal(f.stack.issuance!.payment.netTaken(), taken);
  });
});
