// Hospital reception, each eligibility outcome as the patient meets it on the real stack (virtual
// card through pcscd, the eligibility simulator, the back office's ORCA subset, Chromium): 有効 with
// 負担割合 all the way to the reception number (and the accounting system has it), 処理中 shown
// calmly until the answer, 無効(新しい資格あり), 無効, 該当資格なし, 複数該当, a card not registered for
// insurance, and one PIN try left — each sends the patient to the desk with its own words, and
// nothing reaches the accounting system. One kiosk for the file.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { until } from '../helpers/until';
import { chromiumMissing, openKiosk, type KioskFixture } from './kiosk-fixture';
import { ReceptionPage } from './page-models/reception-page';
import { demoPin, eligibilityAnswer, lastVisit, orcaReceptionsToday } from './reception-checks';

describe('reception: each eligibility outcome', { skip: chromiumMissing }, () => {
  let f: KioskFixture;
  let r: ReceptionPage;
  before(async () => {
    f = await openKiosk();
    r = new ReceptionPage(f.page, f.kiosk);
  });
  after(async () => {
    await f?.close();
  });

  const onshi = () => f.stack.reception!.onshi;

  it('有効: 3割 shown, すべて同意, electronic prescription, 内科 → the number; ORCA and the eligibility service have it', async () => {
    const { page } = f;
    await r.checkIn('yamada-taro', demoPin('yamada-taro'));
    assert.equal(await r.outcome(), 'valid');
    assert.equal(await page.getByTestId('ratio').getAttribute('data-ratio'), '30');
    assert.match((await page.getByTestId('ratio').textContent()) ?? '', /3割/);
    await r.choose({ consent: 'all', prescription: 'electronic' });
    const done = await r.register('01');
    assert.match(done.number, /^\d+$/);
    assert.equal(done.department, '内科');
    assert.match(done.time, /^\d\d:\d\d$/);
    await page.locator('[data-slip="printed"]').waitFor();
    assert.equal(await page.getByTestId('unconfirmed').count(), 0);

    const row = lastVisit(f.stack)!;
    assert.equal(row.acceptanceId, done.number, 'the number shown is the accounting system\'s Acceptance_Id');
    const orca = await orcaReceptionsToday(f.stack);
    assert.deepEqual(orca.filter((o) => o.acceptanceId === done.number).map((o) => ({ patientId: o.patientId, department: o.department })), [{ patientId: row.patientId, department: '01' }]);
    const answer = await eligibilityAnswer(f.stack, row.fileId!);
    assert.equal(answer.body.PrescriptionIssueSelect, '1', 'electronic');
    const flags = answer.results[0]!;
    assert.deepEqual([flags.DiagnosisInfoConsFlg, flags.PharmacistsInfoConsFlg, flags.SpecificHealthCheckupsInfoConsFlg, flags.OperationInfoConsFlg], ['1', '1', '1', '1']);
    await r.finish('yamada-taro');
  });

  it('処理中: the checking screen says to wait, then the answer comes', async () => {
    onshi().slow('yamada-hanako', 3);
    await r.checkIn('yamada-hanako', demoPin('yamada-hanako'));
    await r.waitForStep('checking');
    assert.match((await f.kiosk.heading().textContent()) ?? '', /保険の資格を確認しています/);
    assert.equal(await r.outcome(), 'valid');
    await f.page.getByTestId('outcome-next').click();
    await r.waitForStep('consent');
    await f.page.getByRole('button', { name: '戻る' }).click();
    await r.waitForStep('outcome');
    await f.page.getByRole('button', { name: 'やめる' }).click();
    await f.kiosk.waitForScreen('goodbye');
    await f.kiosk.removeCard('yamada-hanako');
    await f.kiosk.waitForScreen('idle');
    await until('the stopped visit abandoned', () => (lastVisit(f.stack)?.state === 'abandoned' ? true : undefined));
  });

  const desks = [
    { holder: 'takahashi-yuko', code: 'new_qualification', title: /新しい保険の資格があります/ },
    { holder: 'shibasaki-ken', code: 'not_found', title: /保険の資格が見つかりませんでした/ },
    { holder: 'takahashi-sakura', code: 'unregistered', title: /保険証として登録されていません/, body: /マイナポータル/ },
    { holder: 'takahashi-ichiro', link: 'fujita-aoi', code: 'multiple', title: /複数見つかりました/ },
    { holder: 'takahashi-ichiro', link: 'endo-takeshi', code: 'invalid', title: /保険の資格が確認できませんでした/ },
  ];
  it('無効(新しい資格あり), 該当資格なし, unregistered card, 複数該当, 無効: the desk, each with its words; nothing in ORCA', async () => {
    const before = (await orcaReceptionsToday(f.stack)).length;
    for (const d of desks) {
      if (d.link) onshi().linkCard(d.holder, d.link);
      try {
        await r.checkIn(d.holder, demoPin(d.holder));
        const desk = await r.desk();
        assert.equal(desk.code, d.code, d.holder);
        assert.match(desk.title, d.title, d.code);
        if (d.body) assert.match(desk.body, d.body, d.code);
        await f.page.getByTestId('to-desk').waitFor();
        assert.equal(lastVisit(f.stack)?.acceptanceId, null, `${d.code}: no reception asked of the accounting system`);
        await r.finish(d.holder);
      } finally {
        if (d.link) onshi().linkCard(d.holder, d.holder);
      }
    }
    assert.equal((await orcaReceptionsToday(f.stack)).length, before, 'no reception registered for any of them');
  });

  it('one PIN try left: no PIN pad, the patient is sent to the desk with the card', async () => {
    await r.start('card');
    await f.kiosk.insertCard('kobayashi-naoko');
    await f.kiosk.waitForScreen('error');
    assert.equal(await f.kiosk.errorKind(), 'reception.last_pin_try');
    assert.match((await f.kiosk.heading().textContent()) ?? '', /受付窓口へお越しください/);
    assert.equal(await f.page.locator('.keypad').count(), 0);
    await f.page.getByTestId('take-card').waitFor();
    await f.page.getByRole('button', { name: 'はじめに戻る' }).click();
    await f.kiosk.waitForScreen('goodbye');
    await f.kiosk.removeCard('kobayashi-naoko');
    await f.kiosk.waitForScreen('idle');
    assert.deepEqual(f.problems, [], 'no CSP violations or page errors');
  });
});
