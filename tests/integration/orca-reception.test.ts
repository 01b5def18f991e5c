// The kiosk's accounting client against the reference back office's ORCA subset over real HTTP: a new
// patient registered and received, the day's list, the same department twice, a patient open on another
// terminal, a cancel, a wrong password; and the quirks of ORCA's answers at the wire (WebORCA's /api
// prefix, {} padding, HTTP 200 with an Api_Result). One back office for the file; no shared device.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KioskError, type ErrorKind } from '../../common/errors';
import { seedOrcaDemo } from '../../backoffice/orca/demo';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import { createOrcaClient } from '../../electron/services/reception/orca-client';
import type { NewPatient } from '../../electron/services/reception/ports';
import { makeTlsFiles } from '../helpers/tls-certs';

let bo: RunningBackOffice;
let dir: string;
const OPERATOR = { operatorId: 'reception-kiosk', password: 'orca-test-password' };
const clients: { close(): void }[] = [];
const client = (over: Partial<Parameters<typeof createOrcaClient>[0]> = {}) => {
  const c = createOrcaClient({ url: bo.url, user: OPERATOR.operatorId, password: OPERATOR.password, timeoutMs: 2000, physicians: { '01': '10001', '26': '10006' }, ...over });
  clients.push(c);
  return c;
};
const kindOf = async (p: Promise<unknown>): Promise<{ kind: ErrorKind; details: Record<string, unknown> }> => {
  try { await p; } catch (err) {
    assert.ok(err instanceof KioskError, String(err));
    return { kind: err.kind, details: err.details as Record<string, unknown> };
  }
  assert.fail('expected a typed failure');
};
const basic = `Basic ${Buffer.from(`${OPERATOR.operatorId}:${OPERATOR.password}`).toString('base64')}`;
const post = (path: string, body: unknown, auth = basic) => fetch(bo.url + path, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });

const newPatient: NewPatient = {
  name: '窓口 花子', kanaName: 'まどぐち はなこ', birthdate: '1990-04-01', sex: '2', postNumber: '204-0021', address: '東京都清瀬市元町一丁目',
  insurance: { insurerNumber: '06132013', symbol: 'AB12', number: '3456', branch: '00', personalFamily: '1', ratioPercent: 30 },
};

/** A patient of this file's own, so what the demo seeds for today never meets these receptions. */
const freshPatient = async (name: string) => (await client().registerPatient({ ...newPatient, name, kanaName: 'テスト　カンジャ' })).patientId;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bo-orca-'));
  bo = await startBackOffice({ dataDir: dir, credentials: { kiosks: [], staff: [], orcaOperators: [OPERATOR] } });
  seedOrcaDemo(bo.orca);
});
after(async () => {
  for (const c of clients) c.close();
  await bo.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a first visit: registered (numbered by ORCA), found again, received, and on the day\'s list', async () => {
  const orca = client();
  const { patientId } = await orca.registerPatient(newPatient);
  assert.match(patientId, /^\d{5}$/);
  assert.notEqual(patientId, '00001', 'the demo\'s returning patients keep their numbers');
  const found = await orca.findPatient(patientId);
  // The insured numbers come back half-width as registered (ORCA keeps 記号/番号 full-width): the
  // number-based re-check after an outage reads them from here.
  assert.deepEqual(found, {
    patientId, name: '窓口　花子', kanaName: 'マドグチ　ハナコ', birthdate: '1990-04-01', sex: '2', ratioPercent: 30,
    insurance: { insurerNumber: '06132013', symbol: 'AB12', number: '3456', branch: '00' },
  });
  const r = await orca.registerReception({ patientId, department: '01', time: '09:15:00' });
  assert.deepEqual(r, { acceptanceId: r.acceptanceId, acceptanceTime: '09:15:00' });
  assert.match(r.acceptanceId, /^\d{5}$/);
  const waiting = await orca.todaysReceptions('01');
  assert.deepEqual(waiting.filter((w) => w.patientId === patientId), [{ acceptanceId: r.acceptanceId, acceptanceTime: '09:15:00', patientId, department: '01' }]);
  assert.deepEqual((await orca.todaysReceptions('02')).filter((w) => w.patientId === patientId), [], 'nothing is paid yet');
});

test('a returning patient is found by the number alone; an unknown number is null, not an error', async () => {
  const orca = client();
  assert.equal((await orca.findPatient('00001'))?.name, '山田　太郎');
  assert.equal((await orca.findPatient('1'))?.patientId, '00001', 'ORCA pads the number to its layout');
  assert.equal(await orca.findPatient('99999'), null);
});

test('the same department twice today: already_received, and ORCA still holds one reception', async () => {
  const orca = client();
  const patientId = await freshPatient('二重　受付');
  await orca.registerReception({ patientId, department: '26', time: '10:00:00' });
  const second = await kindOf(orca.registerReception({ patientId, department: '26', time: '10:05:00' }));
  assert.equal(second.kind, 'accounting.already_received');
  assert.equal(second.details.department, '26');
  assert.equal(second.details.apiResult, '16');
  assert.equal((await orca.todaysReceptions('03')).filter((w) => w.patientId === patientId && w.department === '26').length, 1);
  // Another department the same day is a reception of its own.
  await orca.registerReception({ patientId, department: '01', time: '10:06:00' });
});

test('a patient open on another terminal: patient_locked, nothing registered; free again, received', async () => {
  const orca = client();
  const patientId = await freshPatient('排他　太郎');
  bo.orca.lockPatient(patientId, 'window-2');
  const locked = await kindOf(orca.registerReception({ patientId, department: '01', time: '11:00:00' }));
  assert.equal(locked.kind, 'accounting.patient_locked');
  assert.equal(locked.details.apiResult, '90');
  assert.deepEqual((await orca.todaysReceptions('03')).filter((w) => w.patientId === patientId), []);
  bo.orca.unlockPatient(patientId);
  const r = await orca.registerReception({ patientId, department: '01', time: '11:01:00' });
  assert.match(r.acceptanceId, /^\d{5}$/);
});

test('a cancelled reception leaves the list; cancelling it again is rejected with ORCA\'s code', async () => {
  const orca = client();
  const patientId = await freshPatient('取消　花子');
  const r = await orca.registerReception({ patientId, department: '26', time: '12:00:00' });
  await orca.cancelReception({ patientId, acceptanceId: r.acceptanceId, department: '26' });
  assert.deepEqual((await orca.todaysReceptions('03')).filter((w) => w.acceptanceId === r.acceptanceId), []);
  const again = await kindOf(orca.cancelReception({ patientId, acceptanceId: r.acceptanceId, department: '26' }));
  assert.deepEqual([again.kind, again.details.apiResult], ['accounting.rejected', '17']);
});

test('refusals are typed: wrong password (HTTP 401), a birth date in the future (P1), a server that is down or silent', async () => {
  const wrong = await kindOf(client({ password: 'not-the-password' }).findPatient('00001'));
  assert.deepEqual([wrong.kind, wrong.details.status], ['accounting.rejected', 401]);
  const future = await kindOf(client().registerPatient({ ...newPatient, birthdate: '2999-01-01' }));
  assert.deepEqual([future.kind, future.details.apiResult], ['accounting.rejected', 'P1']);
  // A port nobody listens on, and a server that accepts and never answers (bounded by timeoutMs).
  const closed: Server = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
  const port = (closed.address() as { port: number }).port;
  await new Promise<void>((r) => closed.close(() => r()));
  assert.equal((await kindOf(client({ url: `http://127.0.0.1:${port}` }).todaysReceptions('03'))).kind, 'accounting.unavailable');
  const silent: Server = createServer(() => {});
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  const t0 = Date.now();
  const slow = await kindOf(client({ url: `http://127.0.0.1:${(silent.address() as { port: number }).port}`, timeoutMs: 300 }).findPatient('00001'));
  assert.equal(slow.kind, 'accounting.unavailable');
  assert.ok(Date.now() - t0 < 2000, 'gave up at the timeout');
  silent.close();
  assert.throws(() => createOrcaClient({ url: 'http://192.0.2.10:8000', user: 'u', password: 'p' }), (e: unknown) => e instanceof KioskError && e.kind === 'input.invalid');
});

test('照会 (Request_Number 00) finds the day\'s reception; once settled it is 会計済 (61) and on list 02, not 01', async () => {
  const orca = client();
  const { patientId } = await orca.registerPatient({ ...newPatient, name: '照会 一郎', kanaName: 'ショウカイ イチロウ', sex: '1' });
  const r = await orca.registerReception({ patientId, department: '01', time: '13:00:00' });
  const ask = async () => (await (await post('/orca11/acceptmodv2?format=json', { acceptreq: { Request_Number: '00', Patient_ID: patientId } })).json() as
    { acceptres: { Api_Result: string; Acceptance_Id?: string; Department_WholeName?: string } }).acceptres;
  assert.deepEqual(await ask().then((a) => [a.Api_Result, a.Acceptance_Id, a.Department_WholeName]), ['00', r.acceptanceId, '内科']);
  const date = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
  bo.orca.markAccounted(date, r.acceptanceId, '13:30:00');
  assert.equal((await ask()).Api_Result, '61');
  assert.deepEqual((await orca.todaysReceptions('01')).filter((w) => w.patientId === patientId), []);
  assert.deepEqual((await orca.todaysReceptions('02')).filter((w) => w.patientId === patientId).map((w) => w.acceptanceId), [r.acceptanceId]);
  const unknown = (await (await post('/orca11/acceptmodv2?format=json', { acceptreq: { Request_Number: '00', Patient_ID: patientId, Department_Code: '27' } })).json() as { acceptres: { Api_Result: string } }).acceptres;
  assert.equal(unknown.Api_Result, '60');
});

test('at the wire: WebORCA\'s /api prefix, {} padding, HTTP 200 with Api_Result, 同一患者 warning, 401 without Basic auth', async () => {
  const viaWebOrca = client({ url: `${bo.url}/api` });
  assert.equal((await viaWebOrca.findPatient('00001'))?.name, '山田　太郎');
  const got = await fetch(`${bo.url}/api01rv2/patientgetv2?id=00001&format=json`, { headers: { authorization: basic } });
  const info = (await got.json() as { patientinfores: { Api_Result: string; Patient_Information: { HealthInsurance_Information: object[] } } }).patientinfores;
  assert.equal(info.Api_Result, '00');
  assert.equal(info.Patient_Information.HealthInsurance_Information.length, 30, 'padded to ORCA\'s 30 slots');
  assert.deepEqual(info.Patient_Information.HealthInsurance_Information[29], {});
  const same = await post('/orca12/patientmodv2?class=01&format=json', { patientmodreq: { Patient_ID: '*', WholeName: '山田　太郎', WholeName_inKana: 'ヤマダ　タロウ', BirthDate: '1980-02-17', Sex: '1' } });
  const mod = (await same.json() as { patientmodres: { Api_Result: string; Api_Warning_Message_Information: { Api_Warning_Message: string }[] } }).patientmodres;
  assert.equal(same.status, 200);
  assert.equal(mod.Api_Result, 'K0');
  assert.equal(mod.Api_Warning_Message_Information[0]!.Api_Warning_Message, '警告！同一患者の登録があります');
  const noClass = await post('/api01rv2/acceptlstv2?format=json', { acceptlstreq: {} });
  assert.equal((await noClass.json() as { acceptlstres: { Api_Result: string } }).acceptlstres.Api_Result, '91');
  const halfWidth = await post('/orca12/patientmodv2?class=01&format=json', { patientmodreq: { Patient_ID: '*', WholeName: 'Yamada', WholeName_inKana: 'ヤマダ', BirthDate: '1980-02-17', Sex: '1' } });
  assert.equal((await halfWidth.json() as { patientmodres: { Api_Result: string } }).patientmodres.Api_Result, '14');
  const anonymous = await post('/orca11/acceptmodv2?format=json', { acceptreq: { Request_Number: '01', Patient_ID: '00001', Department_Code: '01', Physician_Code: '10001' } }, '');
  assert.equal(anonymous.status, 401);
  const xml = await post('/api01rv2/acceptlstv2?class=03&format=xml', {});
  assert.equal(xml.status, 400);
  assert.equal((await xml.json() as { kind: string }).kind, 'input.invalid');
});

test('WebORCA\'s shape: HTTPS under /api with a client certificate; without the certificate the system is unavailable', async () => {
  const tls = makeTlsFiles();
  const web = await startBackOffice({
    dataDir: join(tls.dir, 'bo'), credentials: { kiosks: [], staff: [], orcaOperators: [OPERATOR] },
    tls: { key: tls.read(tls.serverKey), cert: tls.read(tls.serverCert), ca: tls.read(tls.caCert), requestClientCert: true },
  });
  try {
    seedOrcaDemo(web.orca);
    const withCert = client({ url: `${web.url}/api`, ca: tls.read(tls.caCert), cert: tls.read(tls.clientCert), key: tls.read(tls.clientKey) });
    assert.equal((await withCert.findPatient('00001'))?.patientId, '00001');
    const noCert = await kindOf(client({ url: `${web.url}/api`, ca: tls.read(tls.caCert) }).findPatient('00001'));
    assert.equal(noCert.kind, 'accounting.unavailable');
  } finally {
    await web.close();
    rmSync(tls.dir, { recursive: true, force: true });
  }
});
