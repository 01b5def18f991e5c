// Certificate issuance end to end in Chromium against the real stack: virtual card through pcscd,
// holder sign-in and rules at the reference back office, the simulated acceptor, and the cups-pdf
// demo printer. The printed file is read back (pdftotext) and verified offline (madoguchi verify).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyCommand } from '../../electron/cli/commands/verify';
import { PDF_OUTPUT_DIR, pdfText, waitFor } from '../helpers/printers';
import { chromiumMissing, openKiosk, type KioskFixture } from './kiosk-fixture';
import type { KioskPage } from './page-models/kiosk-page';
import { IssuancePage } from './page-models/issuance-page';

async function accessible(kiosk: KioskPage, what: string): Promise<void> {
  const violations = await kiosk.axe();
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`), [], `axe on ${what}`);
}

/** The PDF the demo queue wrote for this issuance: the job's title carries the issuance id. */
async function printedFile(issuanceId: string | null): Promise<string> {
  assert.ok(issuanceId, 'the request has an issuance id');
  return waitFor(() => {
    if (!existsSync(PDF_OUTPUT_DIR)) return undefined;
    const file = readdirSync(PDF_OUTPUT_DIR).find((f) => f.endsWith('.pdf') && f.includes(issuanceId));
    return file && statSync(join(PDF_OUTPUT_DIR, file)).size > 0 ? join(PDF_OUTPUT_DIR, file) : undefined;
  }, 20_000, 'the printed PDF in the cups-pdf output folder');
}

/**
 * `madoguchi verify --demo --json <pdf>`: the exit code, and the facts the municipality signed
 * (read back from the QR code on the page image).
 */
/** The document the kiosk sent to the printer, written to a file for pdftotext and verify. */
function sentDocument(f: KioskFixture): string {
  const pdf = f.stack.issuance!.lastDocumentPdf();
  assert.ok(pdf, 'the kiosk kept the document it printed');
  const file = join(mkdtempSync(join(tmpdir(), 'madoguchi-sent-')), 'sent.pdf');
  writeFileSync(file, pdf);
  return file;
}

/**
 * Both sides of the printer: the document the kiosk sent verifies fully (exit 0: signed QR and
 * page text agree); the printer's output — which CUPS re-distils through PostScript, losing the
 * text layer — verifies its QR (exit 11: genuine QR, text not machine-readable) for the same
 * issuance number. Returns the signed facts of the printed page.
 */
async function checkPrinted(f: KioskFixture, printed: string, expectText: string[]): Promise<string> {
  const sent = sentDocument(f);
  const full = await verified(sent);
  assert.equal(full.code, 0, `madoguchi verify accepts the document the kiosk printed: ${full.facts.slice(0, 300)}`);
  const text = pdfText(sent);
  // Compared without white space: the layout letter-spaces titles and pdftotext's spacing varies.
  const flat = text.replace(/\s+/g, '');
  for (const t of expectText) assert.ok(flat.includes(t.replace(/\s+/g, '')), `the certificate text carries ${t}`);
  const out = await verified(printed);
  assert.equal(out.code, 11, 'the printer output: QR genuine, text not machine-readable (re-distilled by CUPS)');
  const number = /第([0-9A-Za-z-]+)号/.exec(text)?.[1];
  assert.ok(number && out.facts.includes(number), `the printed paper's signed QR carries issuance number ${number}`);
  return out.facts;
}

async function verified(file: string): Promise<{ code: number; facts: string }> {
  const write = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await verifyCommand(['--demo', '--json', file]);
    return { code, facts: out };
  } finally {
    process.stdout.write = write;
  }
}

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
      assert.match((await refusal.textContent()) ?? '', c.words);
      assert.match((await refusal.locator('.refusal-where').textContent()) ?? '', c.where);
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
