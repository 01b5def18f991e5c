// Every resident screen, as a resident meets it, in 日本語 / English (npm test) or also 中文 / 한국어
// (npm run test:a11y: screens-checks.ts SWEEP_LANGS) at 1080×1920 and
// 1920×1080: no Japanese script in the other languages' text (registry names aside), nothing running
// out of its box, off the screen or under the demo tray, no page scroll, axe clean — refusals and
// errors included. Each screen is saved as test-results/screens/<screen>-<orientation>-<lang>.png.
// One kiosk for the whole tour (the checks, not the start-ups, take the time).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumMissing, LANDSCAPE, openKiosk, PORTRAIT, type KioskFixture } from './kiosk-fixture';
import { IssuancePage } from './page-models/issuance-page';
import { overflows, registryNames, SWEEP_LANGS, wrongScript } from './screens-checks';

const SHOTS = join(process.cwd(), 'test-results', 'screens');
const LANGS = SWEEP_LANGS;
const ORIENTATIONS = [['portrait', PORTRAIT], ['landscape', LANDSCAPE]] as const;

describe('every screen in every language at both orientations', { skip: chromiumMissing }, () => {
  let f: KioskFixture;
  let iss: IssuancePage;
  const findings: string[] = [];
  const names = registryNames();

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    f = await openKiosk({ beforeLoad: (page) => page.clock.install() });
    iss = new IssuancePage(f.page, f.kiosk);
  });
  after(async () => {
    await f?.close();
  });

  async function setLang(page: Page, code: string, label: string): Promise<void> {
    await page.locator('header').getByRole('button', { name: label, exact: true }).click();
    await page.locator(`html[lang^="${code}"]`).waitFor();
  }

  /** Looks at the current screen 8 ways; language back to Japanese and portrait afterwards. */
  async function tour(screen: string): Promise<void> {
    const { page, kiosk } = f;
    for (const [orientation, size] of ORIENTATIONS) {
      await page.setViewportSize(size);
      for (const [code, label] of LANGS) {
        await setLang(page, code, label);
        const where = `${screen} ${orientation} ${code}`;
        if (code !== 'ja') for (const w of await wrongScript(page, code, names)) findings.push(`${where}: Japanese script ${w}`);
        for (const o of await overflows(page)) findings.push(`${where}: ${o}`);
        await page.screenshot({ path: join(SHOTS, `${screen}-${orientation}-${code}.png`), animations: 'disabled' });
        if (orientation === 'portrait') for (const v of await kiosk.axe()) findings.push(`${where}: axe ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        if (code === 'ja') {
          // With furigana: readings over whole words, lines breaking between phrases, still fitting.
          await page.locator('header').getByRole('button', { name: 'ふりがな' }).click();
          await page.locator('main ruby').first().waitFor();
          for (const o of await overflows(page)) findings.push(`${where} furigana: ${o}`);
          await page.screenshot({ path: join(SHOTS, `${screen}-${orientation}-ja-furigana.png`), animations: 'disabled' });
          await page.locator('header').getByRole('button', { name: 'ふりがな' }).click();
        }
      }
    }
    await page.setViewportSize(PORTRAIT);
    await setLang(page, 'ja', '日本語');
  }

  /** A text in English on the current screen (the plural forms and the item lists are said right). */
  async function english(testId: string): Promise<string> {
    await setLang(f.page, 'en', 'English');
    const text = (await f.page.getByTestId(testId).textContent()) ?? '';
    await setLang(f.page, 'ja', '日本語');
    return text;
  }

  it('idle (with service hours) and the open demo tray', async () => {
    const { page, kiosk } = f;
    await kiosk.waitForScreen('idle');
    assert.match((await page.getByTestId('service-hours').textContent()) ?? '', /6:30〜23:00/);
    await tour('01-idle');
    await kiosk.openTray();
    // No raw kind ids, no promise a card cannot keep.
    const tray = page.getByTestId('card-tray');
    assert.equal(await tray.locator('.kind', { hasText: /^(low-tries|no-extended|phone-token|old-token)$/ }).count(), 0);
    for (const id of ['kimura-aoi', 'watanabe-kazuo']) assert.equal(await kiosk.tray(id).getByTestId('demo-hint').getAttribute('data-hint'), 'notCard', `${id} is refused before any certificate`);
    await tour('02-tray-open');
    await page.locator('.tray-toggle').click();
  });

  it('errors with the card still on the reader say to take it: PIN blocked, not a My Number Card', async () => {
    const { page, kiosk } = f;
    await kiosk.insertCard('tanaka-miho');
    await kiosk.waitForScreen('error');
    assert.equal(await kiosk.errorKind(), 'card.pin_blocked');
    await page.getByTestId('take-card').waitFor();
    await tour('10-error-pin-blocked');
    await page.getByRole('button', { name: 'はじめに戻る' }).click();
    await kiosk.waitForScreen('goodbye');
    await tour('11-goodbye-take-card');
    await kiosk.removeCard('tanaka-miho');
    await kiosk.waitForScreen('idle');
    await kiosk.insertCard('nakamura-kenichi');
    await kiosk.waitForScreen('error');
    await page.getByTestId('take-card').waitFor();
    await tour('12-error-not-my-number-card');
    await kiosk.removeCard('nakamura-kenichi');
    await page.getByRole('button', { name: 'はじめに戻る' }).click();
    await iss.home();
  });

  it('the low-tries card shows its one try, then a greeting by name; a refused certificate says where to go', async () => {
    const { page, kiosk } = f;
    await kiosk.insertCard('kobayashi-naoko');
    await kiosk.waitForScreen('pin');
    assert.equal(await kiosk.triesLeft(), '1', 'the tray card labelled "one try left" has one try left');
    assert.equal(await english('tries-left'), '1 try left');
    await tour('20-pin-last-try');
    await kiosk.enterPin('1234');
    await kiosk.waitForScreen('authenticated');
    assert.match((await page.locator('main h1').textContent()) ?? '', /小林\u3000直子様/);
    await tour('21-authenticated-card-on-reader');
    await kiosk.removeCard('kobayashi-naoko');
    await page.getByTestId('to-certificates').and(page.locator(':enabled')).click();
    await iss.waitForStep('choose');
    await tour('22-choose-refused');
    await page.getByRole('button', { name: 'やめる' }).click();
    await kiosk.waitForScreen('goodbye');
    await tour('23-goodbye-thanks');
    await iss.home();
  });

  it('PIN, wrong PIN, choose, options, copies, confirm (who, items left off), paying, cancelled with the amount', async () => {
    const { page, kiosk } = f;
    await kiosk.insertCard('yamada-taro');
    await kiosk.waitForScreen('pin');
    assert.equal(await english('tries-left'), '3 tries left');
    await tour('30-pin');
    await kiosk.enterPin('9999');
    await page.getByTestId('pin-problem').waitFor();
    await tour('31-pin-wrong');
    await kiosk.enterPin('1234');
    await kiosk.waitForScreen('authenticated');
    await kiosk.removeCard('yamada-taro');
    await page.getByTestId('to-certificates').and(page.locator(':enabled')).waitFor();
    await tour('32-authenticated');
    await page.getByTestId('to-certificates').click();
    await iss.waitForStep('choose');
    await tour('33-choose');
    await iss.choose('juminhyo');
    await iss.waitForStep('options');
    await iss.tick('scope-members');
    await tour('34-options-members');
    await iss.tick('scope-household');
    await iss.tick('option-householdHead');
    await tour('35-options-household');
    await iss.next();
    await iss.setCopies(2);
    await tour('36-copies');
    await iss.next();
    await iss.waitForStep('confirm');
    const covers = (await page.getByTestId('summary-covers').textContent()) ?? '';
    assert.match(covers, /世帯全員（3人）: 山田\u3000太郎、山田\u3000花子、山田\u3000翔太/, 'whom it covers, by name, 世帯主 first');
    assert.equal(await page.getByTestId('summary-omitted').textContent(), '本籍・筆頭者、個人番号（マイナンバー）');
    assert.equal(await english('summary-copies'), '2 copies');
    assert.equal(await english('summary-covers'), 'Whole household (3 people): 山田\u3000太郎, 山田\u3000花子, 山田\u3000翔太');
    // Type, copies and fee each said once.
    const text = (await page.locator('main').textContent()) ?? '';
    assert.equal(text.split('住民票の写し').length - 1, 1, text);
    assert.equal(text.split('2通').length - 1, 1, text);
    await tour('37-confirm');
    await iss.goToPayment();
    await iss.insert(100);
    await tour('38-paying');
    await page.getByRole('button', { name: 'やめてお金を返す' }).click();
    await iss.waitForStep('cancelled');
    assert.match((await page.getByTestId('next-step').textContent()) ?? '', /100円をお返ししました/);
    await tour('39-cancelled');
    await page.getByRole('button', { name: 'はじめに戻る' }).click();
    await iss.home();
  });

  it('印鑑登録証明書: the confirm names whom it covers, one copy; pay, print, take the paper', async () => {
    const { page, kiosk } = f;
    await iss.signIn('yamada-taro', '1234');
    await iss.choose('inkan');
    await iss.setCopies(1);
    await iss.next();
    await iss.waitForStep('confirm');
    assert.equal(await page.getByTestId('summary-covers').textContent(), '山田\u3000太郎（ご本人）');
    assert.equal(await english('summary-copies'), '1 copy');
    await tour('40-confirm-inkan');
    await iss.goToPayment();
    await iss.insert(500);
    await iss.waitForStep('done', 120_000);
    assert.doesNotMatch((await page.locator('main h1').textContent()) ?? '', /カード/, 'the card came out long ago');
    await tour('41-done');
    await page.getByRole('button', { name: '終わる' }).click();
    await iss.home();
    void kiosk;
  });

  it('the idle warning, then a timeout that says why the visit ended', async () => {
    const { page, kiosk } = f;
    const info = await f.stack.kiosk.api['system.info']({});
    await kiosk.insertCard('shibasaki-ken');
    await kiosk.waitForScreen('pin');
    // A touch is activity: the language is set before the warning, which is then looked at untouched.
    for (const [code, label] of LANGS) {
      await setLang(page, code, label);
      await page.clock.runFor(info.idle.idleSec * 1000 + 1000);
      await page.getByTestId('idle-warning').waitFor();
      for (const [orientation, size] of ORIENTATIONS) {
        await page.setViewportSize(size);
        const where = `50-idle-warning ${orientation} ${code}`;
        if (code !== 'ja') for (const w of await wrongScript(page, code, names)) findings.push(`${where}: Japanese script ${w}`);
        for (const o of await overflows(page)) findings.push(`${where}: ${o}`);
        await page.screenshot({ path: join(SHOTS, `50-idle-warning-${orientation}-${code}.png`), animations: 'disabled' });
      }
      for (const v of await kiosk.axe()) findings.push(`50-idle-warning ${code}: axe ${v.id} (${v.help})`);
      await page.setViewportSize(PORTRAIT);
      await page.getByTestId('idle-warning').getByRole('button').click();
      await page.getByTestId('idle-warning').waitFor({ state: 'detached' });
    }
    await setLang(page, 'ja', '日本語');
    await page.clock.runFor((info.idle.idleSec + info.idle.warnSec) * 1000 + 2000);
    await kiosk.waitForScreen('goodbye');
    await page.getByTestId('timed-out').waitFor();
    await page.getByTestId('take-card').waitFor();
    await tour('51-goodbye-timed-out');
    await kiosk.removeCard('shibasaki-ken');
    await kiosk.waitForScreen('idle');
  });

  it('found nothing a resident would trip on', () => {
    assert.deepEqual(findings, [], `${findings.length} findings:\n${findings.join('\n')}`);
    assert.deepEqual(f.problems, []);
  });
});
