// The virtual card through the real PC/SC stack: card → vpcd link → pcscd → pcsclite addon.
// Uses vpcd reader 1 (reader 0 is left for interactive development).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pcsclite, { type CardReader, type PCSCLite } from 'pcsclite';
import { isKioskError } from '../../common/errors';
import { fixtureCard } from '../../simulators/vcard/fixture-card';
import { insertCard, type InsertedCard } from '../../simulators/vcard/vpcd-link';

const JPKI = '00A4040C0AD392F000260100000001';
const stateDir = mkdtempSync(join(tmpdir(), 'vpcd-link-'));
let pcsc: PCSCLite;
let reader: CardReader;
let lastState = 0;
const waiters: Array<() => void> = [];

before(async () => {
  pcsc = pcsclite();
  pcsc.on('error', (err) => {
    if (!/cancelled/i.test(err.message)) console.error('pcsc error:', err.message);
  });
  reader = await new Promise<CardReader>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('vpcd reader 1 not found: is pcscd running with vpcd? (node scripts/setup.mjs)')), 5000);
    pcsc.on('reader', (r) => {
      if (!/ 01$/.test(r.name)) return;
      clearTimeout(timer);
      r.on('error', () => {});
      r.on('status', (s) => {
        lastState = s.state;
        waiters.splice(0).forEach((w) => w());
      });
      resolve(r);
    });
  });
});

const live: InsertedCard[] = [];

// Whatever a failed test left behind: take its card out so the reader and the event loop are free.
after(async () => {
  await Promise.all(live.map((c) => c.remove()));
  // Every reader's status thread must stop, not only ours, or the process never exits.
  for (const r of Object.values(pcsc?.readers ?? {})) r.close();
  pcsc?.close();
});

async function waitForState(present: boolean, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const ok = () => ((lastState & reader.SCARD_STATE_PRESENT) !== 0) === present && (lastState & (reader.SCARD_STATE_PRESENT | reader.SCARD_STATE_EMPTY)) !== 0;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`reader did not become ${present ? 'present' : 'empty'} (state 0x${lastState.toString(16)})`);
    await new Promise<void>((r) => {
      waiters.push(r);
      setTimeout(r, 100);
    });
  }
}

function connect(): Promise<number> {
  return new Promise((resolve, reject) => reader.connect({ share_mode: reader.SCARD_SHARE_EXCLUSIVE }, (err, p) => (err ? reject(err) : resolve(p!))));
}
function disconnect(disposition: number): Promise<void> {
  return new Promise((resolve) => reader.disconnect(disposition, () => {
    reader.connected = false;
    resolve();
  }));
}
function transmit(protocol: number, hex: string): Promise<{ sw: string; data: Buffer }> {
  return new Promise((resolve, reject) => reader.transmit(Buffer.from(hex, 'hex'), 65_538, protocol, (err, r) => {
    if (err || !r) reject(err ?? new Error('no response'));
    else resolve({ sw: r.subarray(-2).toString('hex').toUpperCase(), data: r.subarray(0, -2) });
  }));
}

async function insertFresh(id: string): Promise<InsertedCard> {
  // A failed earlier test may have left its card in: one card per reader.
  await Promise.all(live.splice(0).map((c) => c.remove()));
  if (reader.connected) await disconnect(reader.SCARD_UNPOWER_CARD);
  const inserted = await insertCard(fixtureCard({ id, stateDir }), { reader: 1 });
  live.push(inserted);
  await waitForState(true);
  return inserted;
}

test('insert, SELECT + READ through pcscd, measure the round trip, remove → pcscd reports the reader empty', async () => {
  const inserted = await insertFresh('link-basic');
  const protocol = await connect();
  assert.equal((await transmit(protocol, JPKI)).sw, '9000');
  assert.equal((await transmit(protocol, '00A4020C020006')).sw, '9000');
  const label = await transmit(protocol, '00B0000020');
  assert.equal(label.data.toString('ascii').trimEnd(), 'JPKIAPICCTOKEN2');
  const whole = await transmit(protocol, '00B08A00000000');
  assert.equal(whole.sw, '9000');
  assert.equal(whole.data.length, 2048, 'extended-length read returns the whole EF through pcscd');

  const rounds = 40;
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await transmit(protocol, '00A4020C02000A');
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / rounds;
  const t0 = performance.now();
  for (let off = 0; off < 2048; off += 256) await transmit(protocol, `00B0${off.toString(16).padStart(4, '0')}00`);
  const chunked = performance.now() - t0;
  console.log(`vpcd APDU round trip via ${inserted.host}: mean ${mean.toFixed(2)} ms, p50 ${times[rounds / 2]!.toFixed(2)} ms, p95 ${times[Math.floor(rounds * 0.95)]!.toFixed(2)} ms; ` +
    `2 KB EF: 8 short reads ${chunked.toFixed(1)} ms`);
  assert.equal(inserted.apduCount, 4 + rounds + 8);

  await disconnect(reader.SCARD_LEAVE_CARD);
  await inserted.remove();
  assert.equal(inserted.inserted, false);
  await waitForState(false);
});

test('unpower at the end of a session clears the PIN; leaving the card powered keeps it', async () => {
  const inserted = await insertFresh('link-unpower');
  const digestInfo = Buffer.concat([Buffer.from('3031300d060960864801650304020105000420', 'hex'), createHash('sha256').update('x').digest()]);
  const sign = `802A009733${digestInfo.toString('hex')}00`;
  let protocol = await connect();
  await transmit(protocol, JPKI);
  assert.equal((await transmit(protocol, '002000980431323334')).sw, '9000');
  assert.equal((await transmit(protocol, sign)).data.length, 256);
  await disconnect(reader.SCARD_LEAVE_CARD);
  protocol = await connect();
  assert.equal((await transmit(protocol, sign)).sw, '9000', 'LEAVE_CARD: still logged in (why the kiosk must unpower)');
  await disconnect(reader.SCARD_UNPOWER_CARD);
  protocol = await connect();
  await transmit(protocol, JPKI);
  assert.equal((await transmit(protocol, sign)).sw, '6982', 'after UNPOWER the key needs the PIN again');
  assert.equal((await transmit(protocol, '00B0810004')).sw, '6982', 'and the sign certificate is locked again');
  await disconnect(reader.SCARD_UNPOWER_CARD);
  await inserted.remove();
  await waitForState(false);
});

test('fault injection: the card is pulled when the signing APDU arrives; the client gets an error, not a hang', async () => {
  const inserted = await insertFresh('link-pull');
  inserted.pullOnApdu((apdu) => apdu[1] === 0x2a);
  const protocol = await connect();
  await transmit(protocol, JPKI);
  await transmit(protocol, '002000980431323334');
  // Through vpcd the interrupted command comes back as an error or as a response without any
  // status word (vpcd reports an empty answer as success): the client must treat both as removal.
  const interrupted = await transmit(protocol, '802A00970300010200').catch((err: Error) => err);
  assert.ok(interrupted instanceof Error || interrupted.sw === '', `no card answer, got ${JSON.stringify(interrupted)}`);
  await inserted.removed;
  assert.equal(inserted.inserted, false);
  await waitForState(false);
  await assert.rejects(transmit(protocol, JPKI), 'the handle is dead once pcscd saw the removal');
  await disconnect(reader.SCARD_LEAVE_CARD);
  // The reader works again for the next card.
  const next = await insertFresh('link-after-pull');
  const p2 = await connect();
  assert.equal((await transmit(p2, JPKI)).sw, '9000');
  await disconnect(reader.SCARD_UNPOWER_CARD);
  await next.remove();
  await waitForState(false);
});

test('a second card for an occupied reader is refused with card.busy instead of hanging', async () => {
  const first = await insertFresh('link-first');
  await assert.rejects(insertCard(fixtureCard({ id: 'link-second', stateDir }), { reader: 1, attachTimeoutMs: 1000 }),
    (e) => isKioskError(e, 'card.busy'));
  await first.remove();
  await waitForState(false);
});
