// The hospital's reception desk in Chromium against the real stack (the demo kiosk offering issuance
// and reception, the reference back office with its ORCA subset): staff mode → 受付一覧 → today's
// visits the kiosk's outbox reported (sent through the back office's sync route as the outbox sends
// them), the online 負担割合 beside ORCA's with the mismatch written out, the patients sent to the
// desk with why, the filter, an automatic refresh, and 終了 leaving staff mode. No name on screen.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isKioskError } from '../../common/errors';
import { DEMO_STAFF_CODE } from '../../electron/dev-server/dev-kiosk';
import { chromiumMissing, LANDSCAPE, openKiosk, type KioskFixture } from './kiosk-fixture';
import { StaffPage } from './page-models/staff-page';
import { accessible } from './printed-certificate';

describe('the reception desk at the kiosk', { skip: chromiumMissing }, () => {
  let f: KioskFixture;
  let staff: StaffPage;
  let sync: (events: unknown[]) => Promise<void>;
  before(async () => {
    f = await openKiosk({ viewport: LANDSCAPE });
    staff = new StaffPage(f.page, f.kiosk);
    const bo = f.stack.issuance!.backOffice;
    const orca = bo.running!.orca;
    // The accounting system's window registered 3割 for one patient and 2割 for another.
    for (const [patientId, rate] of [['00901', '0.30'], ['00902', '0.20']] as const) {
      orca.addPatient({ patientId, wholeName: `受付\u3000太郎${patientId}`, wholeNameKana: 'ウケツケ\u3000タロウ', birthDate: '1950-05-05', sex: '1',
        insurances: [{ Insurance_Combination_Number: '0001', InsuranceCombination_Rate_Outpatient: rate }] });
    }
    const kioskId = bo.kioskKey!.slice(0, bo.kioskKey!.lastIndexOf(':'));
    sync = async (events) => {
      const res = await fetch(`${bo.url}/v1/sync/events`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'kiosk-key': bo.kioskKey! }, body: JSON.stringify({ kioskId, events }),
      });
      const body = await res.json() as { results: { status: string }[] };
      assert.deepEqual(body.results.map((r) => r.status), events.map(() => 'applied'));
    };
    const now = Date.now();
    const created = (ref: string, patientRef: string, number: string, facts: Record<string, unknown>) =>
      ({ key: `e2e:${ref}`, kind: 'reception.created', stream: null, createdAt: now, payload: { receptionRef: ref, patientRef, department: '01', receptionNumber: number, ...facts } });
    await sync([
      created('visit-a', '00901', '00011', { eligibility: { state: 'confirmed', ratioPercent: 30 } }),
      created('visit-b', '00902', '00012', { eligibility: { state: 'confirmed', ratioPercent: 30 } }),
      created('visit-c', '00903', '00013', { eligibility: { state: 'pending_recheck', reason: 'service_down' }, sentToDesk: 'service_down' }),
      { key: 'e2e:visit-d', kind: 'reception.sent_to_desk', stream: null, createdAt: now, payload: { visitRef: 'visit-d', reason: 'pin_last_try' } },
    ]);
  });
  after(async () => { await f?.close(); });

  const rows = () => f.page.getByTestId('desk-row');
  const row = (ref: string) => f.page.locator(`[data-testid="desk-row"][data-ref="${ref}"]`);

  it('staff mode → 受付一覧: the day\'s visits, the mismatch and the desk reasons written out, no names', async () => {
    const { kiosk, page } = f;
    await staff.open();
    await staff.enterCode(DEMO_STAFF_CODE);
    await kiosk.waitForScreen('staff');
    await page.getByTestId('staff-desk').click();
    await page.getByTestId('desk-table').waitFor();
    assert.equal(await rows().count(), 4);
    const counts = page.getByTestId('desk-counts');
    assert.deepEqual([await counts.getAttribute('data-visits'), await counts.getAttribute('data-desk'), await counts.getAttribute('data-mismatch')], ['3', '2', '1']);

    const match = row('visit-a');
    assert.match(await match.innerText(), /00011[\s\S]*内科[\s\S]*00901[\s\S]*確認済み[\s\S]*3割 ／ 3割/);
    assert.equal(await match.getAttribute('data-mismatch'), 'false');
    const mismatch = row('visit-b');
    assert.match(await mismatch.getByTestId('desk-mismatch').innerText(), /⚠ 不一致/);
    assert.match(await mismatch.innerText(), /3割 ／ 2割/);
    assert.match(await row('visit-c').innerText(), /未確認・自動再確認待ち[\s\S]*▶ 窓口へ: オンライン資格確認が停止中/);
    assert.match(await row('visit-d').innerText(), /（受付なし）[\s\S]*▶ 窓口へ: 暗証番号の残りが1回/);
    assert.doesNotMatch(await page.getByTestId('desk').innerText(), /受付\u3000太郎|ウケツケ|1950/, 'no name or birth date on the desk');
    await kiosk.screenshot('70-reception-desk');
    await accessible(kiosk, 'the reception desk');
  });

  it('the filter keeps the rows needing staff; a new visit appears without a tap', async () => {
    const { page } = f;
    await page.getByTestId('desk-filter').click();
    await page.locator('[data-testid="desk-filter"][aria-pressed="true"]').waitFor();
    assert.deepEqual(await rows().evaluateAll((trs) => trs.map((t) => t.getAttribute('data-ref'))), ['visit-d', 'visit-c', 'visit-b']);
    await f.kiosk.screenshot('71-reception-desk-attention');
    await sync([{ key: 'e2e:visit-e', kind: 'reception.sent_to_desk', stream: null, createdAt: Date.now() + 1000,
      payload: { visitRef: 'visit-e', reason: 'invalid_new_qualification' } }]);
    await row('visit-e').waitFor({ timeout: 15_000 });
    assert.match(await row('visit-e').innerText(), /無効（新しい資格あり）/);
  });

  it('終了 leaves staff mode: the desk answers staff.locked afterwards', async () => {
    await f.page.getByTestId('desk-exit').click();
    await f.kiosk.waitForScreen('idle');
    await assert.rejects(f.stack.kiosk.api['desk.today']({ refresh: false }), (e) => isKioskError(e, 'staff.locked'));
    assert.deepEqual(f.problems, []);
  });
});
