// Exclusive sessions keep other PC/SC clients out; a card reset by another client is survived.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import pcsclite, { type CardReader, type PCSCLite } from 'pcsclite';
import { isKioskError } from '../../common/errors';
import { JpkiCard } from '../../native/card/jpki-ap';
import { PcscService } from '../../native/pcsc/pcsc-service';
import type { PcscTransport } from '../../native/pcsc/pcsc-transport';
import { fixtureCard } from '../../simulators/vcard/fixture-card';
import { insertCard, type InsertedCard } from '../../simulators/vcard/vpcd-link';

const READER = 'Virtual PCD 00 00';
let svc: PcscService;
let other: PCSCLite;
let otherReader: CardReader;
let ins: InsertedCard;
let stateDir: string;

before(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'card-reset-'));
  svc = await PcscService.start();
  ins = await insertCard(fixtureCard({ id: `reset-${process.pid}`, stateDir }), { reader: 0 });
  await svc.waitForCard(READER, 5000);
  // A second, independent PC/SC client (its own contexts), as another program on the kiosk PC would be.
  other = pcsclite();
  other.on('error', () => undefined);
  otherReader = await new Promise<CardReader>((resolve) =>
    other.on('reader', (r) => {
      r.on('error', () => undefined);
      if (r.name === READER) resolve(r);
    }),
  );
});

after(async () => {
  for (const r of Object.values(other.readers)) r.close();
  other.close();
  await ins.remove();
  await svc.close();
  rmSync(stateDir, { recursive: true, force: true });
});

const otherConnect = (mode: number) =>
  new Promise<void>((resolve, reject) => otherReader.connect({ share_mode: mode }, (err) => (err ? reject(err) : resolve())));
const otherDisconnect = (disposition: number) =>
  new Promise<void>((resolve, reject) => otherReader.disconnect(disposition, (err) => (err ? reject(err) : resolve())));

it('an exclusive session shuts out other programs until it ends', async () => {
  const t = await svc.connect(READER);
  await new JpkiCard(t).verifyAuthPin('1234');
  await assert.rejects(otherConnect(otherReader.SCARD_SHARE_SHARED), /0x8010000b/i);
  await t.close('unpower');
  await otherConnect(otherReader.SCARD_SHARE_SHARED);
  await otherDisconnect(otherReader.SCARD_LEAVE_CARD);
});

it('a reset by another client mid-session: free reads recover, PIN-bound steps report card.reset', async () => {
  const t = (await svc.connect(READER, { exclusive: false })) as PcscTransport;
  const card = new JpkiCard(t);
  await card.detect();
  await card.verifyAuthPin('1234');
  await otherConnect(otherReader.SCARD_SHARE_SHARED);
  await otherDisconnect(otherReader.SCARD_RESET_CARD);
  // The reset wiped the verified PIN: signing must not silently continue.
  await assert.rejects(card.signWithAuthKey(new Uint8Array(51)), (e) => isKioskError(e, 'card.reset'));
  assert.equal(t.resets, 1);
  // The session itself survived (reconnected): a free step re-selects and works.
  const cert = await card.readAuthCertificate();
  assert.equal(cert[0], 0x30);
  await assert.rejects(card.signWithAuthKey(new Uint8Array(51)), (e) => isKioskError(e, 'card.security_status'));
  await t.close('unpower');
});
