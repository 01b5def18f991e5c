// A resident who cannot see the screen: the whole certificate flow with a numeric keypad alone
// (digits, Enter, + / − to move, / back, * help and repeat), and the kiosk's own voice saying every
// outcome — a wrong PIN with the tries left, "take your card", the amount due, the change, "take
// your certificate", a card pulled too early — in words, never a PIN digit. What was said is what
// the kiosk handed to espeak-ng, which wrote it to WAV files (checked to hold sound). Keys are the
// values a numeric keypad sends with NumLock on: 0–9 + - * / . Enter.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { plain, type MessageKey, type Vars } from '../../renderer/src/i18n';
import { startEvePrinter, type EvePrinter } from '../helpers/printers';
import { writeFigures } from './a11y-checks';
import { chromiumMissing, openKiosk, type KioskFixture } from './kiosk-fixture';
import { IssuancePage } from './page-models/issuance-page';

const said = (k: MessageKey, vars: Vars = {}) => plain('ja', k, vars, true);
const shown = (k: MessageKey, vars: Vars = {}) => plain('ja', k, vars);

/** Every outcome the voice must say; one not reached counts as not said. */
const OUTCOMES = ['wrong PIN with the tries left', 'take your card', 'amount due', 'change', 'take your certificate', 'card removed', 'printer fault'] as const;
const outcomes: Record<string, boolean> = Object.fromEntries(OUTCOMES.map((o) => [o, false]));
let keypadFlow: 'ok' | 'fail' = 'fail';
const spokenLog: string[] = [];
after(() => {
  const n = Object.values(outcomes).filter(Boolean).length;
  writeFigures('keypad-voice', { keypad_flow: keypadFlow, spoken_outcomes: `${n}/${Object.keys(outcomes).length}`, outcomes, spoken: spokenLog });
});

/** Waits until the kiosk has said `text` (after message number `from`); records the outcome. */
async function heardOn(f: KioskFixture, outcome: string | null, text: string, from: number, timeout = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeout;
  let ok = false;
  while (!ok && Date.now() < deadline) {
    ok = f.stack.spoken.slice(from).some((u) => u.text.includes(text));
    if (!ok) await new Promise((r) => setTimeout(r, 100));
  }
  if (outcome) outcomes[outcome] = ok;
  return ok;
}

describe('keypad and voice alone (ATM voice mode)', { skip: chromiumMissing }, () => {
  let f: KioskFixture;
  before(async () => {
    f = await openKiosk();
  });
  after(async () => {
    spokenLog.push(...(f?.stack.spoken.map((u) => u.text) ?? []));
    await f?.close();
  });
  const heard = (outcome: string | null, text: string, from: number, timeout?: number) => heardOn(f, outcome, text, from, timeout);
  const key = (k: string) => f.page.keyboard.press(k);
  const focused = () => f.page.evaluate(() => (document.activeElement?.textContent ?? '').trim());
  /** + until the focused item's label contains `label` (the voice names each), then Enter. */
  const choose = async (label: string) => {
    for (let i = 0; i < 25; i++) {
      const mark = f.stack.spoken.length;
      await key('+');
      const now = await focused();
      if (now.includes(label)) {
        assert.ok(await heard(null, said('kp.focus', { label: '' }).slice(1), mark), `the voice says what Enter will do on ${label}`);
        await key('Enter');
        return;
      }
    }
    throw new Error(`keypad never reached "${label}"`);
  };

  it('finishes the certificate flow by keypad and voice, and says every outcome', async () => {
    const { page, stack, kiosk } = f;
    await kiosk.waitForScreen('idle');
    // * turns voice guidance on and reads the screen.
    let mark = stack.spoken.length;
    await key('*');
    assert.ok(await heard(null, said('idle.title'), mark), 'the idle screen is read when * is pressed');

    // The card goes on the reader (a hand, not a key); the PIN screen says how to type.
    mark = stack.spoken.length;
    await stack.tray.insert('yamada-taro', 0);
    await kiosk.waitForScreen('pin');
    assert.ok(await heard(null, said('kp.pinHint'), mark));

    // + on the PIN screen names the keys around the keypad, never a digit key (a bystander would hear it).
    mark = stack.spoken.length;
    for (let i = 0; i < 4; i++) await key('+');
    await heard(null, said('kp.focus', { label: '' }).slice(1), mark);
    assert.equal(stack.spoken.slice(mark).some((u) => /^[0-9]。/.test(u.text)), false, 'no digit key is announced');

    mark = stack.spoken.length;
    for (const d of '9876') await key(d);
    await heard(null, said('pin.entered', { n: 4 }), mark);
    const typing = stack.spoken.slice(mark).map((u) => u.text);
    assert.deepEqual(typing, [1, 2, 3, 4].map((n) => said('pin.entered', { n })), 'each key: how many digits, never which');
    mark = stack.spoken.length;
    await key('Enter');
    await page.getByTestId('pin-problem').waitFor();
    await heard('wrong PIN with the tries left', `${said('pin.wrong')}。${said('pin.tries', { n: 2 })}`, mark);
    // Focus moved to what happened, and the live region carries it for screen readers.
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'pin-problem');
    assert.match((await page.getByTestId('announcer').textContent()) ?? '', new RegExp(`${shown('pin.wrong')}.*${shown('pin.tries', { n: 2 })}`));

    // The clear key empties the entry; then the right PIN.
    for (const d of '12') await key(d);
    await key('.');
    await page.locator('[data-testid="pin-dots"][data-filled="0"]').waitFor();
    mark = stack.spoken.length;
    for (const d of '1234') await key(d);
    await key('Enter');
    await kiosk.waitForScreen('authenticated');
    await heard('take your card', said('auth.removeCard'), mark);
    await stack.tray.remove(0);
    await page.getByTestId('to-certificates').and(page.locator(':enabled')).waitFor();

    await choose(shown('auth.toCertificates'));
    await page.locator('.issuance[data-step="choose"]').waitFor();
    await choose(shown('iss.type.juminhyo'));
    await page.locator('.issuance[data-step="options"]').waitFor();
    // / goes back one step, and + / Enter come forward again.
    await key('/');
    await page.locator('.issuance[data-step="choose"]').waitFor();
    await choose(shown('iss.type.juminhyo'));
    await page.locator('.issuance[data-step="options"]').waitFor();
    await choose(shown('iss.next'));
    await page.locator('.issuance[data-step="copies"]').waitFor();
    await choose(shown('iss.next'));
    await page.locator('.issuance[data-step="confirm"]').waitFor();
    const fee = Number(await page.getByTestId('fee').getAttribute('data-fee'));
    mark = stack.spoken.length;
    await choose(shown('iss.confirm.pay'));
    await page.locator('.issuance[data-step="paying"]').waitFor();
    await heard('amount due', said('iss.pay.total', { fee: fee.toLocaleString('ja-JP') }), mark);

    // Money goes into the acceptor (a hand again): the change and "take your certificate" are said.
    mark = stack.spoken.length;
    await stack.kiosk.api['demo.pay']({ yen: 1000 });
    await page.locator('.issuance[data-step="done"]').waitFor({ timeout: 60_000 });
    await heard('change', said('iss.done.change', { n: 1000 - fee }), mark);
    const receipt = (await page.locator('[data-receipt]').getAttribute('data-receipt')) === 'printed';
    await heard('take your certificate', said(receipt ? 'iss.done.title' : 'iss.done.titleNoReceipt'), mark);
    await choose(shown('auth.done'));
    await kiosk.waitForScreen('goodbye');
    await choose(shown('bye.home'));
    await kiosk.waitForScreen('idle');
    keypadFlow = 'ok';

    // A card pulled before the PIN was accepted.
    await stack.tray.insert('yamada-taro', 0);
    await kiosk.waitForScreen('pin');
    mark = stack.spoken.length;
    await stack.tray.remove(0);
    await kiosk.waitForScreen('error');
    await heard('card removed', said('err.removed.title'), mark);

    const missing = Object.entries(outcomes).filter(([o, ok]) => !ok && o !== 'printer fault').map(([o]) => o);
    assert.deepEqual(missing, [], `not said: ${missing.join(', ')}\nsaid:\n${stack.spoken.map((u) => u.text).join('\n')}`);
    // Never a PIN: neither the wrong one nor the right one was ever handed to the voice.
    assert.equal(stack.spoken.some((u) => /9876|1234/.test(u.text)), false);
    // espeak-ng turned the messages into sound (a message cut short by the next one stops early, so
    // only the last one, which nothing interrupted, must hold a whole message).
    const wavs = readdirSync(f.voiceDir).filter((n) => n.endsWith('.wav')).sort();
    assert.ok(wavs.length > 0 && wavs.length <= stack.spoken.length, `${wavs.length} WAVs for ${stack.spoken.length} messages`);
    const last = join(f.voiceDir, wavs.at(-1)!);
    const deadline = Date.now() + 10_000;
    while (statSync(last).size < 4000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(statSync(last).size >= 4000, `the last message was spoken (${statSync(last).size} bytes)`);
    assert.equal(stack.voice.signal(), 'ok', 'every offered language has a voice on this machine');
  });
});

describe('a printer fault while printing is said, calmly, with what happens next', { skip: chromiumMissing }, () => {
  let printer: EvePrinter;
  let f: KioskFixture;
  before(async () => {
    printer = await startEvePrinter('madoguchi-a11y-eve');
    f = await openKiosk({ issuance: { printer: { printerUri: printer.uri, pollMs: 200 } } });
  });
  after(async () => {
    spokenLog.push(...(f?.stack.spoken.map((u) => u.text) ?? []));
    await f?.close();
    await printer?.stop();
  });

  it('out of paper: the voice says so and that staff are coming; the print completes after the fix', async () => {
    const { page, kiosk, stack } = f;
    const iss = new IssuancePage(page, kiosk);
    await kiosk.waitForScreen('idle');
    await page.keyboard.press('*');
    await iss.signIn('yamada-taro', '1234');
    await iss.choose('inkan');
    await iss.next();
    await iss.fee();
    printer.setFault('media-empty');
    await iss.goToPayment();
    const mark = stack.spoken.length;
    await page.getByTestId('demo-money').getByRole('button', { name: '電子マネー' }).click();
    await page.getByTestId('printer-problem').waitFor({ timeout: 30_000 });
    await heardOn(f, 'printer fault', `${said('iss.printer.media-empty')}。${said('iss.print.waiting')}`, mark);
    printer.setFault(null);
    await iss.waitForStep('done', 90_000);
    assert.ok(outcomes['printer fault'], `not said:\n${stack.spoken.slice(mark).map((u) => u.text).join('\n')}`);
  });
});
