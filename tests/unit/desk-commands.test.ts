// The reception desk in staff mode at a reception-only kiosk (no issuance): desk.today answers only
// in staff mode, shows the hospital's visits as the reference back office answers them (real HTTP,
// the kiosk's key and the staff key), and the desk's own rule — 30 minutes without a tap lock staff
// mode even while the screen keeps refreshing itself.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import { isKioskError } from '../../common/errors';
import type { CardAuthService } from '../../electron/services/auth/holder-auth-service';
import { createDeskClient } from '../../electron/services/desk/desk-client';
import { japanDate } from '../../electron/services/desk/desk-commands';
import { createKioskService } from '../../electron/services/kiosk/kiosk-service';
import type { Timers } from '../../electron/services/kiosk/watchdog';
import { hashStaffCode } from '../../electron/services/staff/staff-code';
import { createBackOfficeClient } from '../../electron/services/sync/http-client';
import { kioskKeyOf, staffKeyOf, testKey } from '../helpers/backoffice-access';

const CODE = '246800';
const codeHash = await hashStaffCode(CODE, { N: 1 << 14, r: 8, p: 1 });
const KIOSK = 'clinic-front';
const NOON = Date.parse('2026-12-06T03:00:00Z');
const MIN = 60_000;

let bo: RunningBackOffice;
let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'desk-cmd-'));
  bo = await startBackOffice({
    dataDir: dir, clock: () => NOON,
    credentials: {
      kiosks: [{ kioskId: KIOSK, kind: 'hospital', key: testKey(`kiosk/${KIOSK}`), medicalInstitutionCode: '1311111111' }],
      staff: [{ staffId: 'desk-1', key: testKey('staff/desk-1'), roles: ['reception'] }],
    },
  });
  const synced = await fetch(`${bo.url}/v1/sync/events`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'kiosk-key': kioskKeyOf(KIOSK) },
    body: JSON.stringify({ kioskId: KIOSK, events: [{ key: 'r1', kind: 'reception.created', stream: null, createdAt: NOON,
      payload: { receptionRef: 'visit-1', patientRef: '00101', department: '01', receptionNumber: '00001', eligibility: { state: 'confirmed', ratioPercent: 30 } } }] }),
  });
  assert.equal(synced.status, 200);
});
after(async () => { await bo.close(); rmSync(dir, { recursive: true, force: true }); });

const noTimers: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };
const noCard: CardAuthService = {
  readers: () => [], onReaderEvent: () => () => undefined,
  open: async () => { throw new Error('no card in this test'); }, login: async () => { throw new Error('no card in this test'); }, close: async () => undefined,
};

function kiosk() {
  let now = NOON;
  const locked: string[] = [];
  const http = createBackOfficeClient({ baseUrl: bo.url, kioskKey: kioskKeyOf(KIOSK), staffKey: staffKeyOf('desk-1') });
  const k = createKioskService({
    auth: noCard, version: '0.1.0', idle: { idleSec: 60, warnSec: 30 }, timers: noTimers, clock: () => now,
    staff: { codeHash }, receptionDesk: createDeskClient(http),
  });
  k.events.on('staff.locked', ({ reason }) => locked.push(reason));
  return { k, locked, advance: (ms: number) => { now += ms; }, close: () => http.close() };
}

it('the desk answers only in staff mode, with the hospital\'s visits of the day from the back office', async () => {
  const { k, close } = kiosk();
  assert.equal((await k.api['system.info']({})).staff, true, 'staff mode exists for the desk alone');
  await assert.rejects(k.api['desk.today']({ refresh: false }), (e: unknown) => isKioskError(e, 'staff.locked'));
  await k.api['staff.unlock']({ code: CODE });
  const view = await k.api['desk.today']({ refresh: false });
  assert.equal(view.date, japanDate(NOON));
  assert.deepEqual(view.rows.map((r) => [r.receptionNumber, r.patientId, r.eligibility.state, r.ratio.online]), [['00001', '00101', 'confirmed', 30]]);
  close();
});

it('30 minutes without a tap lock staff mode, however often the screen refreshed itself', async () => {
  const { k, locked, advance, close } = kiosk();
  await k.api['staff.unlock']({ code: CODE });
  await k.api['desk.today']({ refresh: false });
  for (let i = 0; i < 29; i++) { advance(MIN); await k.api['desk.today']({ refresh: true }); }
  advance(MIN);
  await k.api['desk.today']({ refresh: false }); // a tap at minute 30 starts the half hour again
  advance(30 * MIN);
  await k.api['desk.today']({ refresh: true });
  assert.deepEqual(locked, []);
  advance(MIN);
  await assert.rejects(k.api['desk.today']({ refresh: true }), (e: unknown) => isKioskError(e, 'staff.locked'));
  assert.deepEqual(locked, ['timeout']);
  await assert.rejects(k.api['staff.held']({}), (e: unknown) => isKioskError(e, 'staff.locked'), 'staff mode itself is locked');
  close();
});
