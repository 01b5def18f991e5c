// Hospital payment sent to the desk, on the real stack: another cashier terminal holding the patient
// in the accounting system (a direct incomev3 01 with its own Karte_Uid: E1038 for the kiosk, which
// unlocks only its own and tries once more) → 「窓口で手続き中」 with nothing taken; once it lets go the
// bill shows, and leaving at the bill unlocks the patient for the desk; the accounting system down →
// 「お会計を確認できません」, nothing taken. One kiosk for the file (the outage is its last test).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromiumMissing, openKiosk, type KioskFixture } from './kiosk-fixture';
import { BillingPage } from './page-models/billing-page';
import { openAtOtherTerminal, orcaOf, payments, receptionFirst, unpaid } from './billing-checks';
import { demoPin } from './reception-checks';
import { until } from '../helpers/until';

describe('billing: sent to the desk', { skip: chromiumMissing }, () => {
  let f: KioskFixture;
  let b: BillingPage;
  before(async () => {
    f = await openKiosk();
    b = new BillingPage(f.page, f.kiosk);
  });
  after(async () => {
    await f?.close();
  });

  it('another terminal holds the patient: the desk with words, nothing taken; released, the bill shows; leaving unlocks it', async () => {
    const patientId = await receptionFirst(f.stack, f.page, f.kiosk, 'takahashi-ichiro', '01');
    const other = await openAtOtherTerminal(f.stack, patientId);
    assert.equal(other.apiResult, '00000', 'the other terminal has the patient');
    await b.signIn('takahashi-ichiro', demoPin('takahashi-ichiro'));
    const desk = await b.desk();
    assert.equal(desk.code, 'locked_elsewhere');
    assert.match(desk.title, /窓口で手続き中/);
    assert.match(desk.body, /お金はいただいていません/);
    assert.match((await f.page.getByTestId('to-desk').textContent()) ?? '', /会計窓口へお越しください/);
    await f.kiosk.screenshot('billing-desk-locked');
    assert.equal(orcaOf(f.stack).lockedBy(patientId), 'incomev3:desk-cashier-2', 'still the other terminal\'s: the kiosk never takes it away');
    await b.finish('takahashi-ichiro');

    await other.release();
    await b.signIn('takahashi-ichiro', demoPin('takahashi-ichiro'));
    await b.bill();
    assert.ok(orcaOf(f.stack).lockedBy(patientId), 'the kiosk holds the patient while the bill is shown');
    await f.page.getByTestId('bill-cancel').click();
    await f.kiosk.removeCard('takahashi-ichiro');
    await f.kiosk.waitForScreen('idle');
    await until('the kiosk\'s unlock (incomev3 99)', () => (orcaOf(f.stack).lockedBy(patientId) === undefined ? true : undefined), 5_000);
    assert.equal(payments(f.stack, unpaid(f.stack, patientId)[0]!.invoiceNumber).length, 0);
  });

  it('the accounting system down: the desk with words, nothing taken', async () => {
    await f.stack.issuance!.backOffice.running!.close();
    await b.signIn('takahashi-ichiro', demoPin('takahashi-ichiro'));
    const desk = await b.desk();
    assert.equal(desk.code, 'accounting_unavailable');
    assert.match(desk.title, /お会計を確認できません/);
    assert.match(desk.body, /お金はいただいていません/);
    await f.kiosk.screenshot('billing-desk-down');
    await b.finish('takahashi-ichiro');
    assert.deepEqual(f.problems, [], 'no CSP violations or page errors');
  });
});
