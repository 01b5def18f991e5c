// test-lane: free
// The card-linked account as the kiosk uses it, against the real reference back office over HTTP:
// the payment-links client (link, read, unlink) and the linked account as a payment device — approved
// (paid once, asked again: the same answer, no second charge), declined with the acquirer's reason,
// no link, the back office down (nothing charged), an answer lost after the charge was made (found by
// reference: paid, not charged again), no answer at all (timeout; the charge found later and reversed),
// and refunds within the charge. A small HTTP relay in front of the back office drops answers or the
// connection the way a failing network does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import { isKioskError } from '../../common/errors';
import { createLinkedAccount } from '../../electron/services/billing/linked-account';
import { createPaymentLinksClient } from '../../electron/services/billing/payment-links-client';
import { createBackOfficeClient } from '../../electron/services/sync/http-client';
import { createSimulatedCardTerminal } from '../../simulators/payment';
import { kioskKeyOf, testKey } from '../helpers/backoffice-access';

const HOSPITAL = '1311111111';
const KIOSK = 'pay-kiosk';

let bo: RunningBackOffice;
let dir: string;
let relay: Server;
let relayUrl: string;
/** 'pass': forwarded; 'lose-charge-answer': the next charge forwarded, its answer dropped, then 'pass'
 *  again; 'lose-charge-answer-then-silent': the same, then every request dropped unsent. */
let mode: 'pass' | 'lose-charge-answer' | 'lose-charge-answer-then-silent' | 'silent' = 'pass';
let charges = 0;

const noProgress = () => undefined;
const linkedReq = (paymentId: string, amount: number, patientId: string) =>
  ({ paymentId, amount, methods: ['linked' as const], subject: { patientId, invoiceNumber: '0000042' } });

function clientAt(url: string) {
  return createPaymentLinksClient(createBackOfficeClient({ baseUrl: url, kioskKey: kioskKeyOf(KIOSK), timeoutMs: 2000 }));
}

async function linkCard(patientId: string, card: { brand: string; last4: string }) {
  const terminal = createSimulatedCardTerminal({ card });
  const reading = terminal.tokenize();
  terminal.respond('approve');
  const read = await reading;
  assert.ok('token' in read);
  return clientAt(bo.url).link(patientId, read.token, { brand: read.brand, last4: read.last4 });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'linked-account-'));
  bo = await startBackOffice({ dataDir: dir, credentials: { kiosks: [{ kioskId: KIOSK, kind: 'hospital', key: testKey(`kiosk/${KIOSK}`), medicalInstitutionCode: HOSPITAL }] } });
  relay = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (mode === 'silent') return void req.socket.destroy();
      const isCharge = req.method === 'POST' && req.url?.endsWith('/charges');
      if (isCharge) charges++;
      const loseAnswer = isCharge && mode !== 'pass';
      if (loseAnswer) mode = mode === 'lose-charge-answer' ? 'pass' : 'silent';
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'connection').map(([k, v]) => [k, String(v)]));
      void fetch(`${bo.url}${req.url}`, { method: req.method, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) }).then(async (r) => {
        const body = await r.text();
        if (loseAnswer) return void req.socket.destroy();
        res.writeHead(r.status, { 'content-type': 'application/json' }).end(body);
      });
    });
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  relayUrl = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
});

after(async () => {
  relay.closeAllConnections();
  await new Promise<void>((resolve) => relay.close(() => resolve()));
  await bo.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the links client: nothing linked, link (brand and last 4 back), read, unlink', async () => {
  const links = clientAt(bo.url);
  assert.equal(await links.get('1001'), null);
  assert.deepEqual(await linkCard('1001', { brand: 'JCB', last4: '1234' }), { status: 'linked', account: { brand: 'JCB', last4: '1234' } });
  assert.deepEqual(await links.get('1001'), { brand: 'JCB', last4: '1234' });
  assert.deepEqual(await links.unlink('1001'), { status: 'unlinked' });
  assert.equal(await links.get('1001'), null);
  await assert.rejects(links.link('1001', 'simtok-JCB-9999-0123456789abcdef', { brand: 'JCB', last4: '1234' }), (e) => isKioskError(e, 'input.invalid'));
});

test('approved: paid once; the same payment asked again (a restarted kiosk) gets the same answer and is not charged again', async () => {
  await linkCard('1002', { brand: 'VISA', last4: '4242' });
  const device = createLinkedAccount(clientAt(relayUrl));
  const progress: unknown[] = [];
  const before = charges;
  assert.deepEqual(await device.collect(linkedReq('chk-a-1', 3210, '1002'), (p) => progress.push(p)), { status: 'paid', method: 'linked', paid: 3210, change: 0 });
  assert.deepEqual(progress, [{ inserted: 0, remaining: 3210, method: 'linked' }]);
  const restarted = createLinkedAccount(clientAt(relayUrl));
  assert.deepEqual(await restarted.lookup('chk-a-1'), { status: 'paid', method: 'linked', paid: 3210, change: 0 });
  assert.deepEqual(await restarted.collect(linkedReq('chk-a-1', 3210, '1002'), noProgress), { status: 'paid', method: 'linked', paid: 3210, change: 0 });
  const found = await clientAt(bo.url).findCharge('chk-a-1');
  assert.deepEqual([found?.amount, found?.refunded, charges - before], [3210, 0, 2], 'two requests, one charge of ¥3,210');
});

test('declined by the acquirer: failed with its reason, nothing kept (lookup: none); no link: not_linked; no patient: refused locally', async () => {
  await linkCard('1003', { brand: 'VISA', last4: '0002' });
  const device = createLinkedAccount(clientAt(bo.url));
  assert.deepEqual(await device.collect(linkedReq('chk-b-1', 900, '1003'), noProgress), { status: 'failed', reason: 'insufficient_funds', refunded: 0 });
  assert.equal(await device.lookup('chk-b-1'), null);
  assert.deepEqual(await device.collect(linkedReq('chk-b-2', 900, '1999'), noProgress), { status: 'failed', reason: 'not_linked', refunded: 0 });
  assert.deepEqual(await device.collect({ paymentId: 'chk-b-3', amount: 900, methods: ['linked'] }, noProgress), { status: 'failed', reason: 'no_patient', refunded: 0 });
  assert.equal(await clientAt(bo.url).findCharge('chk-b-3'), null);
});

test('back office down (connection refused): failed unreachable, nothing charged; lookup throws so a restart keeps asking', async () => {
  const down = createServer();
  await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(down.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => down.close(() => resolve()));
  const device = createLinkedAccount(clientAt(url));
  assert.deepEqual(await device.collect(linkedReq('chk-c-1', 500, '1002'), noProgress), { status: 'failed', reason: 'unreachable', refunded: 0 });
  await assert.rejects(device.lookup('chk-c-1'), (e) => isKioskError(e, 'sync.unreachable'));
  assert.equal(await clientAt(bo.url).findCharge('chk-c-1'), null);
});

test('the answer lost after the charge was made: found by its reference, paid — not a decline that would send the patient to pay twice', async () => {
  await linkCard('1004', { brand: 'VISA', last4: '4242' });
  const device = createLinkedAccount(clientAt(relayUrl));
  mode = 'lose-charge-answer';
  const before = charges;
  try {
    assert.deepEqual(await device.collect(linkedReq('chk-d-1', 1500, '1004'), noProgress), { status: 'paid', method: 'linked', paid: 1500, change: 0 });
  } finally {
    mode = 'pass';
  }
  assert.equal(charges - before, 1, 'the charge was sent once; its answer was lost');
  assert.equal((await clientAt(bo.url).findCharge('chk-d-1'))?.amount, 1500);
});

test('no answer at all after the charge left: timeout; the charge is found later and reversed in full, once', async () => {
  await linkCard('1005', { brand: 'VISA', last4: '4242' });
  const device = createLinkedAccount(clientAt(relayUrl));
  mode = 'lose-charge-answer-then-silent';
  try {
    assert.deepEqual(await device.collect(linkedReq('chk-e-1', 2000, '1005'), noProgress), { status: 'failed', reason: 'timeout', refunded: 0 });
  } finally {
    mode = 'pass';
  }
  const late = await device.lookup('chk-e-1');
  assert.equal(late?.status, 'paid');
  assert.deepEqual(await device.refund('chk-e-1', 2000), { refunded: 2000 });
  assert.deepEqual(await device.refund('chk-e-1', 2000), { refunded: 0 }, 'a second reversal gives nothing');
  assert.equal((await clientAt(bo.url).findCharge('chk-e-1'))?.refunded, 2000);
});

test('refunds: part, then the rest capped at what is left, then nothing; an unknown payment gives nothing', async () => {
  await linkCard('1006', { brand: 'VISA', last4: '4242' });
  const device = createLinkedAccount(clientAt(bo.url));
  await device.collect(linkedReq('chk-f-1', 1000, '1006'), noProgress);
  assert.deepEqual(await device.refund('chk-f-1', 300), { refunded: 300 });
  assert.deepEqual(await device.refund('chk-f-1', 5000), { refunded: 700 });
  assert.deepEqual(await device.refund('chk-f-1', 1), { refunded: 0 });
  assert.deepEqual(await device.refund('chk-none', 100), { refunded: 0 });
});
