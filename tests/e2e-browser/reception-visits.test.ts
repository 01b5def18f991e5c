// Hospital reception on the real stack, the visits beyond "valid, agree to all": consent chosen one
// by one with 医療費助成 declined (what the eligibility service recorded), a first visit and the same
// patient returning (found from the card alone: the 照会番号 registered the first time), a patient
// with an Android phone, and the eligibility service down and back (reception made "unconfirmed" by
// name only, the patient told what to show at the desk; an outright outage is not re-checked: a new
// check needs the card's signature).
// What the patient sees AND what the accounting system (acceptlstv2) got. One kiosk for the file.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromiumMissing, openKiosk, type KioskFixture } from './kiosk-fixture';
import { ReceptionPage } from './page-models/reception-page';
import { UNCONFIRMED_RECEPTION_NAME } from '../../electron/services/reception/registration';
import { demoPin, eligibilityAnswer, lastVisit, orcaReceptionsToday } from './reception-checks';

describe('reception: choices, new and returning patients, a phone, the service down and back', { skip: chromiumMissing }, () => {
  let f: KioskFixture;
  let r: ReceptionPage;
  before(async () => {
    f = await openKiosk();
    r = new ReceptionPage(f.page, f.kiosk);
  });
  after(async () => {
    f?.stack.reception?.onshi.outage(false);
    await f?.close();
  });

  it('consent one by one (お薬 only), 公費 提供しない, paper prescription: the eligibility service has exactly that', async () => {
    await r.checkIn('yamada-shota', demoPin('yamada-shota'));
    assert.equal(await r.outcome(), 'valid');
    await r.choose({ consent: ['medication'], publicAid: 'decline', prescription: 'paper' });
    const done = await r.register('09');
    const row = lastVisit(f.stack)!;
    const answer = await eligibilityAnswer(f.stack, row.fileId!);
    const flags = answer.results[0]!;
    assert.deepEqual([flags.DiagnosisInfoConsFlg, flags.PharmacistsInfoConsFlg, flags.SpecificHealthCheckupsInfoConsFlg, flags.OperationInfoConsFlg], ['0', '1', '0', '0']);
    assert.equal(answer.body.PrescriptionIssueSelect, '2', 'paper');
    assert.equal(flags.PublicExpenseCertificateList, undefined, '提供しない: the 受給者証 is not given to the clinic');
    assert.ok((await orcaReceptionsToday(f.stack)).some((o) => o.acceptanceId === done.number && o.department === '09'));
    await r.finish('yamada-shota');
  });

  it('a first visit registers the patient (and says to collect the patient card); the next visit finds the same patient from the card alone', async () => {
    const pin = demoPin('takahashi-ichiro');
    await r.checkIn('takahashi-ichiro', pin);
    await r.choose({ consent: 'all', prescription: 'electronic' });
    const first = await r.register('01');
    await f.page.getByTestId('first-visit').waitFor();
    const firstRow = lastVisit(f.stack)!;
    assert.equal(firstRow.patientKind, 'new');
    await r.finish('takahashi-ichiro');

    await r.checkIn('takahashi-ichiro', pin);
    await r.choose({ consent: 'all', prescription: 'electronic' });
    const second = await r.register('10');
    assert.equal(await f.page.getByTestId('first-visit').count(), 0, 'a returning patient is not told to collect a patient card');
    const secondRow = lastVisit(f.stack)!;
    assert.equal(secondRow.patientKind, 'returning');
    assert.equal(secondRow.patientId, firstRow.patientId, 'the same patient in the accounting system');
    const orca = await orcaReceptionsToday(f.stack);
    assert.deepEqual(orca.filter((o) => o.patientId === firstRow.patientId).map((o) => [o.acceptanceId, o.department]).sort(), [[first.number, '01'], [second.number, '10']].sort());
    await r.finish('takahashi-ichiro');
  });

  it('an Android phone: placed as a phone, received, and told to take the phone', async () => {
    await r.start('android');
    assert.match((await f.kiosk.heading().textContent()) ?? '', /スマートフォンを読み取り機の上に置いてください/);
    await f.kiosk.insertCard('kato-yui');
    await f.kiosk.waitForScreen('pin');
    await f.kiosk.enterPin(demoPin('kato-yui'));
    assert.equal(await r.outcome(), 'valid');
    await r.choose({ consent: 'all', prescription: 'electronic' });
    const done = await r.register('01');
    assert.match((await f.page.getByTestId('take-card').textContent()) ?? '', /スマートフォンのお取り忘れ/);
    assert.equal(lastVisit(f.stack)?.medium, 'android');
    assert.ok((await orcaReceptionsToday(f.stack)).some((o) => o.acceptanceId === done.number));
    await r.finish('kato-yui');
  });

  it('the service down: what to show at the desk, reception still made (unconfirmed, by name only); back: not re-checked without a card signature', async () => {
    const onshi = f.stack.reception!.onshi;
    onshi.outage(true);
    await r.checkIn('yamada-taro', demoPin('yamada-taro'));
    assert.equal(await r.outcome(), 'unconfirmed');
    assert.match((await f.page.getByTestId('show-document').textContent()) ?? '', /資格情報のお知らせ.*マイナポータル/);
    assert.equal(await f.page.getByTestId('ratio').count(), 0, 'no 負担割合 is guessed (never 10割 by default)');
    await r.choose({ consent: 'all', prescription: 'paper' });
    const done = await r.register('01');
    await f.page.getByTestId('unconfirmed').waitFor();
    const row = lastVisit(f.stack)!;
    assert.equal(row.outcome, 'unconfirmed');
    const mine = (await orcaReceptionsToday(f.stack)).find((o) => o.acceptanceId === done.number);
    // In the accounting system all the same, without a patient: the desk attaches them after seeing the お知らせ.
    assert.deepEqual(mine && [mine.patientId, mine.wholeName, mine.department], ['', UNCONFIRMED_RECEPTION_NAME, '01']);
    await r.finish('yamada-taro');

    // Back: an outright outage left no answer to poll, and a new check needs the card's signature.
    onshi.outage(false);
    await f.stack.platform.housekeeping.runNow();
    const after = lastVisit(f.stack)!;
    assert.deepEqual([after.outcome, after.recheckPending, after.acceptanceId], ['unconfirmed', false, done.number]);
    assert.deepEqual(f.problems, [], 'no CSP violations or page errors');
  });
});
