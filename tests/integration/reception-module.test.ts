// Hospital reception on the real stack, through the kiosk's contract as the screens call it: the
// demo kiosk (production composition) with pcscd + vpcd + the virtual card, the online-eligibility
// simulator on loopback with its REQ/RES folder, and the reference back office's ORCA subset.
// The card's one signature goes to the eligibility service; the reception is what ORCA's own
// acceptlstv2 lists; a first visit's patient is found from the card alone the next time; with the
// service down the reception is made by name only (no patient: the desk attaches them after seeing
// the documents); with one PIN try left the kiosk does not use it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ORCA_OPERATOR } from '../../backoffice/orca/demo';
import { isKioskError } from '../../common/errors';
import type { VisitView } from '../../common/api/contract';
import { startDevKiosk, type DevKiosk } from '../../electron/dev-server/dev-kiosk';
import { createOrcaClient } from '../../electron/services/reception/orca-client';
import { UNCONFIRMED_RECEPTION_NAME } from '../../electron/services/reception/registration';
import { until } from '../helpers/until';

const CHOICES = { consent: { diagnosis: true, medication: true, checkups: true, surgery: true }, publicAid: 'none', prescription: 'electronic' } as const;

let dir: string;
let dev: DevKiosk;
let orca: ReturnType<typeof createOrcaClient>;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-reception-module-'));
  dev = await startDevKiosk({ dataDir: dir, voice: false, staffCode: false, reception: { pendingBoundMs: 3_000 } });
  orca = createOrcaClient({ url: dev.issuance!.backOffice.url, user: DEMO_ORCA_OPERATOR.operatorId, password: DEMO_ORCA_OPERATOR.password });
});

after(async () => {
  orca?.close();
  await dev?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The card in reader 0 as pcscd sees it, and the reader's name. */
async function place(holderId: string): Promise<string> {
  await dev.kiosk.api['demo.insert']({ id: holderId, reader: 0 });
  return until('the card on the reader', async () => (await dev.kiosk.api['card.readers']({})).find((r) => r.cardPresent)?.name);
}

/** The card in reader 0, a session on it, the PIN for reception: the visit as the screen then reads it. */
async function placeAndLogin(holderId: string, pin: string): Promise<VisitView> {
  const api = dev.kiosk.api;
  await api['session.start']({ reader: await place(holderId) });
  await api['session.login']({ pin, service: 'reception', medium: 'card' });
  let v = await api['reception.visit']({});
  while (v.state === 'checking') v = await api['reception.visit']({});
  return v;
}

async function leave(): Promise<void> {
  await dev.kiosk.api['session.end']({ reason: 'user' });
  await dev.kiosk.api['demo.remove']({ reader: 0 });
  await until('the card off the reader', async () => ((await dev.kiosk.api['card.readers']({})).some((r) => r.cardPresent) ? undefined : true));
}

test('a patient is received from the card alone: one reception in ORCA, and the next visit finds the same patient', async () => {
  const api = dev.kiosk.api;
  const v = await placeAndLogin('yamada-taro', '1234');
  assert.deepEqual([v.state, v.eligibility?.outcome, v.eligibility?.ratioPercent], ['outcome', 'valid', 30]);
  await api['reception.choose']({ visitId: v.visitId, choices: { ...CHOICES } });
  const done = await api['reception.register']({ visitId: v.visitId, department: '01' });
  assert.equal(done.state, 'done');
  assert.ok(done.receptionNumber);
  const rows = (await orca.todaysReceptions('03')).filter((r) => r.acceptanceId === done.receptionNumber);
  assert.equal(rows.length, 1, 'ORCA lists the reception under the number the patient was given');
  assert.equal(rows[0]!.department, '01');
  const patientId = rows[0]!.patientId;
  await leave();

  const again = await placeAndLogin('yamada-taro', '1234');
  await api['reception.choose']({ visitId: again.visitId, choices: { ...CHOICES, prescription: 'paper' } });
  const second = await api['reception.register']({ visitId: again.visitId, department: '10' });
  assert.equal(second.patient, 'returning');
  const mine = (await orca.todaysReceptions('03')).filter((r) => r.patientId === patientId);
  assert.deepEqual(mine.map((r) => r.department).sort(), ['01', '10'], 'the same patient, one reception per department');
  await leave();
});

test('eligibility service down: the patient goes on unconfirmed and ORCA receives one reception by name only (no patient)', async (t) => {
  const api = dev.kiosk.api;
  dev.reception!.onshi.outage(true);
  t.after(() => dev.reception!.onshi.outage(false));
  const before = (await orca.todaysReceptions('03')).length;
  const v = await placeAndLogin('takahashi-ichiro', '4321');
  assert.deepEqual([v.eligibility?.outcome, v.eligibility?.next, v.eligibility?.ratioPercent], ['unconfirmed', 'choose_then_show_document', undefined]);
  await api['reception.choose']({ visitId: v.visitId, choices: { ...CHOICES } });
  const end = await api['reception.register']({ visitId: v.visitId, department: '01' });
  assert.equal(end.state, 'done');
  const today = await orca.todaysReceptions('03');
  assert.equal(today.length, before + 1);
  const mine = today.find((r) => r.acceptanceId === end.receptionNumber);
  assert.deepEqual(mine && [mine.patientId, mine.wholeName], ['', UNCONFIRMED_RECEPTION_NAME]);
  await leave();
});

test('one PIN try left: the kiosk refuses to use it and the card keeps its try', async () => {
  const api = dev.kiosk.api;
  const reader = await place('kobayashi-naoko');
  const overview = await api['session.start']({ reader });
  assert.equal(overview.authPinTriesLeft, 1);
  await assert.rejects(api['session.login']({ pin: '0000', service: 'reception', medium: 'card' }), (e) => isKioskError(e, 'reception.last_pin_try'));
  await api['session.end']({ reason: 'user' });
  assert.equal((await api['session.start']({ reader })).authPinTriesLeft, 1, 'no try was used');
  await leave();
});
