// Every failure of holder authentication, shown with what to do next: one demo card per case,
// inserted from the tray, through the real card stack and the test PKI's revocation responder.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromiumMissing, openKiosk, type KioskFixture } from './kiosk-fixture';

const CASES = [
  { holder: 'sato-jiro', kind: 'auth.expired', next: /更新/ },
  { holder: 'suzuki-saburo', kind: 'auth.revoked', next: /再発行/ },
  { holder: 'ito-makoto', kind: 'auth.untrusted_issuer', next: /窓口/ },
  { holder: 'tanaka-miho', kind: 'card.pin_blocked', next: /カードをお取りになり、市区町村の窓口へお持ちください/, noPin: true },
  { holder: 'nakamura-kenichi', kind: 'card.not_my_number_card', next: /マイナンバーカードを置いて/, noPin: true },
] as const;

describe('authentication failures show a clear next step', { skip: chromiumMissing }, () => {
  let f: KioskFixture;
  before(async () => {
    f = await openKiosk();
  });
  after(async () => {
    await f?.close();
  });

  for (const c of CASES) {
    it(`${c.holder}: ${c.kind}`, async () => {
      const { kiosk, page } = f;
      await kiosk.waitForScreen('idle');
      await kiosk.insertCard(c.holder);
      if (!('noPin' in c)) {
        await kiosk.waitForScreen('pin');
        await kiosk.enterPin('1234');
      }
      await kiosk.waitForScreen('error');
      assert.equal(await kiosk.errorKind(), c.kind);
      assert.match((await page.getByTestId('next-step').textContent()) ?? '', c.next);
      await kiosk.screenshot(`10-error-${c.kind.replace('.', '-')}`);
      await page.getByRole('button', { name: 'はじめに戻る' }).click();
      await kiosk.waitForScreen('goodbye');
      await page.getByTestId('take-card').waitFor();
      await kiosk.removeCard(c.holder);
      await kiosk.waitForScreen('idle');
    });
  }

  it('a card pulled during PIN entry ends the session and says so', async () => {
    const { kiosk, page } = f;
    await kiosk.insertCard('takahashi-ichiro');
    await kiosk.waitForScreen('pin');
    await kiosk.removeCard('takahashi-ichiro');
    await kiosk.waitForScreen('error');
    assert.equal(await kiosk.errorKind(), 'card.removed');
    await page.getByRole('button', { name: 'はじめに戻る' }).click();
    await kiosk.waitForScreen('goodbye');
    await page.getByRole('button', { name: 'はじめに戻る' }).click();
    await kiosk.waitForScreen('idle');
    assert.deepEqual(f.problems, []);
  });
});
