// Certificate issuance end to end, the choices beyond the whole-household 住民票: the
// 住民票記載事項証明書 (offered where the municipality's configuration says so, at its fee), and a
// 住民票の写し for chosen household members only. Real stack as in issuance-certificates.test.ts:
// virtual card through pcscd, the reference back office, the simulated acceptor, the cups-pdf queue;
// the printed paper is read back (pdftotext) and verified offline (madoguchi verify).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CertificatesConfig, municipalityConfig, type MunicipalityCertConfigT } from '../../backoffice/certificates/config';
import { loadProfiles, type HolderProfile } from '../../simulators/vcard/profiles';
import { pdfText } from '../helpers/printers';
import { chromiumMissing, openKiosk, type KioskFixture } from './kiosk-fixture';
import { IssuancePage } from './page-models/issuance-page';
import { accessible, checkPrinted, printedFile, sentDocument } from './printed-certificate';

const profiles = loadProfiles();

function holder(id: string): HolderProfile {
  const p = profiles.find((h) => h.id === id);
  assert.ok(p, `demo card holder ${id}`);
  return p;
}

/** The persons the municipality signed into the paper's QR codes (every page), by name. */
function signedNames(facts: string): string[] {
  const result = JSON.parse(facts) as { pages: { attestation: { type: string; persons: { name: string }[] } | null }[] };
  return result.pages.flatMap((p) => p.attestation?.persons.map((x) => x.name) ?? []);
}

function signedTypes(facts: string): string[] {
  const result = JSON.parse(facts) as { pages: { attestation: { type: string } | null }[] };
  return [...new Set(result.pages.map((p) => p.attestation?.type ?? ''))];
}

describe('certificate issuance: 記載事項証明書 and chosen household members', { skip: chromiumMissing }, () => {
  let f: KioskFixture;
  let iss: IssuancePage;
  /** The per-municipality configuration the running back office decides with (what kiosks pull). */
  let municipality: (code: string) => MunicipalityCertConfigT;
  before(async () => {
    f = await openKiosk();
    iss = new IssuancePage(f.page, f.kiosk);
    const { url, kioskKey } = f.stack.issuance!.backOffice;
    const res = await fetch(`${url}/v1/certificates/config`, { headers: { 'kiosk-key': kioskKey! } });
    assert.equal(res.status, 200, 'the back office serves its certificate configuration');
    const config = CertificatesConfig.parse(await res.json());
    municipality = (code) => {
      const m = municipalityConfig(config, code);
      assert.ok(m, `municipality ${code} is configured`);
      return m;
    };
  });
  after(async () => {
    await f?.close();
  });

  it('住民票記載事項証明書 with 本籍: offered, 2 copies at the configured fee, paid, printed with its own title and certifying sentence', async () => {
    const { kiosk, page } = f;
    const taro = holder('yamada-taro');
    const cfg = municipality(taro.municipalityCode);
    assert.ok(cfg.offered.includes('kisai'), `${cfg.name} offers the 記載事項証明書 at kiosks`);
    const copies = 2;
    const fee = cfg.fees.kisai * copies;
    const taken = f.stack.issuance!.payment.netTaken();

    await iss.signIn(taro.id, taro.authPin);
    await iss.waitForStep('choose');
    assert.equal(await iss.entry('kisai').getAttribute('data-available'), 'true');
    assert.match((await iss.entry('kisai').locator('.choice-fee').textContent()) ?? '', new RegExp(`${cfg.fees.kisai}`));
    await iss.choose('kisai');
    await iss.waitForStep('options');
    await iss.tick('scope-self');
    await iss.tick('option-honseki');
    await kiosk.screenshot('38-issuance-kisai-options');
    await accessible(kiosk, 'kisai options');
    await iss.next();
    await iss.setCopies(copies);
    await iss.next();
    assert.equal(await iss.fee(), fee, `the configured ¥${cfg.fees.kisai} × ${copies} copies`);
    assert.match((await page.getByTestId('fee').textContent()) ?? '', new RegExp(`${fee}`));
    const summary = (await page.getByTestId('summary').textContent()) ?? '';
    for (const s of ['住民票記載事項証明書', '本人のみ', '本籍・筆頭者', `${copies}通`]) assert.ok(summary.includes(s), `the summary says ${s}: ${summary}`);
    await kiosk.screenshot('39-issuance-kisai-confirm');
    await accessible(kiosk, 'kisai confirm');
    await iss.goToPayment();
    await page.getByTestId('demo-money').getByRole('button', { name: '電子マネー' }).click();
    await iss.waitForStep('done', 120_000);
    assert.equal(f.stack.issuance!.payment.netTaken() - taken, fee, 'the fee was taken exactly once');

    const file = await printedFile(f.stack.issuance!.lastIssuanceId());
    const facts = await checkPrinted(f, file, ['住民票記載事項証明書', '上記のとおり住民票に記載されていることを証明する。', '本籍', '筆頭者']);
    assert.deepEqual(signedTypes(facts), ['kisai'], 'the signed QR says 記載事項証明書');
    assert.deepEqual(signedNames(facts), [taro.name], 'only the holder is on a certificate for himself');
    const text = pdfText(sentDocument(f)).replace(/\s+/g, '');
    assert.ok(!text.includes('住民票の写し') && !text.includes('原本と相違ない'), 'never the wording of a 住民票の写し');
    await page.getByRole('button', { name: '終わる' }).click();
    await kiosk.waitForScreen('goodbye');
    assert.deepEqual(f.problems, []);
  });

  it('a municipality that does not offer the 記載事項証明書: the menu does not list it', async () => {
    const { kiosk, page } = f;
    // Today 川崎市 (the 髙橋 household): a plain resident card of a municipality without it.
    const other = profiles.find((p) => p.kind === 'resident' && !municipality(p.municipalityCode).offered.includes('kisai'));
    assert.ok(other, 'the demo data has a holder whose municipality does not offer the 記載事項証明書');
    await iss.home();
    await iss.signIn(other.id, other.authPin);
    await iss.waitForStep('choose');
    assert.equal(await iss.entry('juminhyo').count(), 1, 'the menu is there');
    assert.equal(await iss.entry('kisai').count(), 0, 'the 記載事項証明書 is not offered at all');
    assert.doesNotMatch((await page.locator('.choices').textContent()) ?? '', /記載事項証明書/);
    await kiosk.screenshot('42-issuance-kisai-not-offered');
    await accessible(kiosk, 'menu without kisai');
    await page.getByRole('button', { name: 'やめる' }).click();
    await kiosk.waitForScreen('goodbye');
  });

  it('住民票の写し for chosen members: the holder and one other, the one not chosen is not printed', async () => {
    const { kiosk, page } = f;
    const taro = holder('yamada-taro');
    const hanako = holder('yamada-hanako');
    const household = profiles.filter((p) => p.householdId === taro.householdId);
    const notChosen = household.filter((p) => p.id !== taro.id && p.id !== hanako.id);
    assert.ok(notChosen.length > 0, 'the household has someone left out of the choice');
    const fee = municipality(taro.municipalityCode).fees.juminhyo;

    await iss.home();
    await iss.signIn(taro.id, taro.authPin);
    await iss.choose('juminhyo');
    await iss.waitForStep('options');
    await iss.tick('scope-members');
    // Every living member is offered (a removed person never is); nobody is on it until chosen.
    assert.deepEqual(
      (await page.locator('[data-testid^="member-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).sort(),
      household.map((p) => `member-${p.id}`).sort(),
    );
    for (const p of household) assert.equal(await iss.member(p.id).getAttribute('aria-pressed'), 'false');
    assert.equal(await page.locator('[data-testid^="member-"]').first().getAttribute('data-testid'), `member-${taro.id}`, 'the 世帯主 is listed first');
    const next = page.locator('.issuance .actions .btn-primary').first();
    assert.ok(await next.isDisabled(), 'no one chosen yet: 次へ waits');
    // Ticked 妻 first: the certificate still lists the household's order, 世帯主 first.
    await iss.tickMember(hanako.id);
    await iss.tickMember(taro.id);
    assert.ok(await next.isEnabled());
    for (const p of notChosen) assert.equal(await iss.member(p.id).getAttribute('aria-pressed'), 'false');
    await kiosk.screenshot('43-issuance-members-choice');
    await accessible(kiosk, 'members choice');
    await iss.next();
    await iss.setCopies(1);
    await iss.next();
    assert.equal(await iss.fee(), fee);
    const summary = (await page.getByTestId('summary').textContent()) ?? '';
    assert.ok(summary.includes(`世帯の一部（2人）: ${taro.name}、${hanako.name}`), `the summary names whom it covers, 世帯主 first: ${summary}`);
    assert.ok(!summary.includes('世帯全員'), summary);
    await kiosk.screenshot('44-issuance-members-confirm');
    await accessible(kiosk, 'members confirm');
    await iss.goToPayment();
    await iss.insert(500);
    await iss.waitForStep('done', 120_000);
    assert.match((await page.getByTestId('change').textContent()) ?? '', new RegExp(`${500 - fee}`));

    const file = await printedFile(f.stack.issuance!.lastIssuanceId());
    const facts = await checkPrinted(f, file, ['住 民 票 の 写 し', 'この写しは、住民票の原本と相違ないことを証明する。']);
    assert.deepEqual(signedTypes(facts), ['juminhyo']);
    assert.deepEqual(signedNames(facts), [taro.name, hanako.name], 'exactly the chosen members are signed into the paper, 世帯主 first');
    const text = pdfText(sentDocument(f)).replace(/\s+/g, '');
    assert.ok(!text.includes('世帯全員'), 'a partial household is not certified as the whole household');
    for (const p of notChosen) {
      assert.ok(!facts.includes(p.name), `${p.name} was not chosen and is not in the signed facts`);
      assert.ok(!text.includes(p.name.replace(/\s+/g, '')), `${p.name} was not chosen and is not printed`);
    }
    await page.getByRole('button', { name: '終わる' }).click();
    await kiosk.waitForScreen('goodbye');
    assert.deepEqual(f.problems, []);
  });
});
