// The card-linked payment survives the renewal of the card's certificate, on the real stack: the demo
// kiosk (production composition) with pcscd + vpcd + the virtual card, the online-eligibility simulator
// (it finds the holder through its table of J-LIS's certificate → person links, and keys 照会番号 on the
// insured person), the back office's ORCA subset and payment links, the simulated card terminal and the
// CUPS printer. 山田太郎 is received and pays with his card as first issued, and links a payment
// account; his certificate is then renewed on the same card (new key pair, serial and validity) and the
// old one revoked as J-LIS does; with the renewed card お会計 names the same patient, offers the linked
// account and pays with it, the terminal untouched. Another person's card is not offered that link.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckoutView } from '../../common/api/billing-schemas';
import { isKioskError } from '../../common/errors';
import { parseCertificate } from '../../common/jpki';
import { startDevKiosk, type DevKiosk } from '../../electron/dev-server/dev-kiosk';
import { VirtualCard } from '../../simulators/vcard/card';
import { insertCard, type InsertedCard } from '../../simulators/vcard/vpcd-link';
import type { CertificateGeneration } from '../../simulators/vcard/world';
import { until } from '../helpers/until';

const CHOICES = { consent: { diagnosis: true, medication: true, checkups: true, surgery: true }, publicAid: 'none', prescription: 'electronic' } as const;
const TARO = { id: 'yamada-taro', pin: '1234' };
const ICHIRO = { id: 'takahashi-ichiro', pin: '4321' };

let dir: string;
let dev: DevKiosk;
/** The card on reader 0, put there as its holder would (the card as first issued, or renewed). */
let onReader: InsertedCard | null = null;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-billing-renewed-'));
  dev = await startDevKiosk({ dataDir: dir, voice: false, staffCode: false, hospital: true });
});

after(async () => {
  await onReader?.remove().catch(() => undefined);
  await dev?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The holder's card with the certificates of that generation, and the auth certificate it holds. */
async function cardOf(id: string, generation: CertificateGeneration) {
  const config = await dev.demo.world.cardConfigFor(id, { stateDir: join(dir, 'cards'), generation });
  return { card: new VirtualCard(config), auth: parseCertificate(config.auth.certDer), authDer: config.auth.certDer };
}

async function place(id: string, generation: CertificateGeneration): Promise<string> {
  onReader = await insertCard((await cardOf(id, generation)).card, { reader: 0 });
  return until('the card on the reader', async () => (await dev.kiosk.api['card.readers']({})).find((r) => r.cardPresent)?.name);
}

async function leave(): Promise<void> {
  await dev.kiosk.api['session.end']({ reason: 'user' });
  await onReader?.remove();
  onReader = null;
  await until('the card off the reader', async () => ((await dev.kiosk.api['card.readers']({})).some((r) => r.cardPresent) ? undefined : true));
}

/** Reception at the kiosk: registers the 照会番号 (first time) and an ORCA reception the demo bills. */
async function receive(who: { id: string; pin: string }, generation: CertificateGeneration, department: string): Promise<void> {
  const api = dev.kiosk.api;
  await api['session.start']({ reader: await place(who.id, generation) });
  await api['session.login']({ pin: who.pin, service: 'reception', medium: 'card' });
  let v = await api['reception.visit']({});
  while (v.state === 'checking') v = await api['reception.visit']({});
  await api['reception.choose']({ visitId: v.visitId, choices: { ...CHOICES } });
  assert.equal((await api['reception.register']({ visitId: v.visitId, department })).state, 'done');
  await leave();
}

/** お会計: the card, the PIN, the bill as the screen first reads it. */
async function checkout(who: { id: string; pin: string }, generation: CertificateGeneration): Promise<CheckoutView> {
  const api = dev.kiosk.api;
  await api['session.start']({ reader: await place(who.id, generation) });
  await api['session.login']({ pin: who.pin, service: 'billing', medium: 'card' });
  return api['billing.checkout']({});
}

/** The patient ID the kiosk recorded for a checkout (the screen never shows it). */
const patientOf = (v: CheckoutView) =>
  dev.platform.db.sqlite.prepare('SELECT patient_id FROM billing_checkouts WHERE checkout_id = ?').pluck().get(v.checkoutId) as string;

let taroPatientId = '';

test('a payment account linked with the card as first issued is offered and charged after the certificate was renewed', async () => {
  const api = dev.kiosk.api;
  const first = await cardOf(TARO.id, 0);
  const renewed = await cardOf(TARO.id, 1);
  // The renewal is a new certificate: another serial, another key, valid from the renewal day.
  assert.notEqual(renewed.auth.serialHex, first.auth.serialHex);
  assert.notEqual(renewed.auth.subject, first.auth.subject);
  assert.notEqual(renewed.auth.sha256FingerprintHex, first.auth.sha256FingerprintHex);
  assert.ok(renewed.auth.notBefore > first.auth.notBefore && renewed.auth.notAfter > first.auth.notAfter);
  assert.ok(renewed.auth.notBefore.getTime() <= Date.now(), 'the renewed certificate is already valid');

  // Before the renewal: reception, then お会計 paid by card at the terminal, then 「次回からカードで支払う」.
  await receive(TARO, 0, '01');
  const paid = await checkout(TARO, 0);
  assert.equal(paid.state, 'bill_shown');
  assert.ok(!paid.methods.includes('linked'), 'nothing linked yet');
  taroPatientId = patientOf(paid);
  assert.match(taroPatientId, /^\d+$/, 'the 照会番号 registered at reception names the patient');
  const paying = api['billing.pay']({ checkoutId: paid.checkoutId, method: 'card' });
  await until('the terminal waiting for the card', () => (dev.billing!.cardTerminal.respond('approve') ? true : undefined));
  assert.equal((await paying).state, 'done');
  const linking = api['billing.link']({});
  await until('the terminal waiting for the card to link', () => (dev.billing!.cardTerminal.respond('approve') ? true : undefined));
  assert.deepEqual(await linking, { status: 'linked', account: { brand: 'VISA', last4: '4242' } });
  await leave();

  // The renewal: J-LIS revokes the certificate it replaces, so the card as first issued no longer signs in.
  dev.demo.world.pki.revoke(first.authDer, 'superseded', new Date(Date.now() - 1000));
  await api['session.start']({ reader: await place(TARO.id, 0) });
  await assert.rejects(api['session.login']({ pin: TARO.pin, service: 'billing', medium: 'card' }), (e) => isKioskError(e, 'auth.revoked'));
  await leave();

  // The next visit with the renewed card: the same patient, the linked account offered and charged.
  await receive(TARO, 1, '10');
  const next = await checkout(TARO, 1);
  assert.equal(next.state, 'bill_shown');
  assert.equal(patientOf(next), taroPatientId, 'the renewed card names the same patient (照会番号 follows the insured person)');
  assert.ok(next.methods.includes('linked'), `「マイナンバーカードで支払う」 offered (${next.methods.join(', ')})`);
  assert.deepEqual(next.linkedAccount, { brand: 'VISA', last4: '4242' });
  const charged = dev.billing!.cardTerminal.netCharged();
  const done = await api['billing.pay']({ checkoutId: next.checkoutId, method: 'linked' });
  assert.deepEqual([done.state, done.payment?.method, done.payment?.paid, done.documents.status], ['done', 'linked', next.bill!.due, 'printed']);
  assert.equal(dev.billing!.cardTerminal.netCharged(), charged, 'the terminal was not used: the back office charged the linked account');
  await leave();
});

test('another person\'s card is not offered that link, and paying with it is refused', async () => {
  assert.ok(taroPatientId, 'runs after the link was made');
  const api = dev.kiosk.api;
  await receive(ICHIRO, 0, '01');
  const v = await checkout(ICHIRO, 0);
  assert.equal(v.state, 'bill_shown');
  assert.notEqual(patientOf(v), taroPatientId);
  assert.ok(!v.methods.includes('linked'), `not offered (${v.methods.join(', ')})`);
  assert.equal(v.linkedAccount, undefined);
  await assert.rejects(api['billing.pay']({ checkoutId: v.checkoutId, method: 'linked' }), (e) => isKioskError(e, 'billing.not_linked'));
  assert.equal((await api['billing.checkout']({})).state, 'bill_shown', 'nothing taken; the bill still shown');
  await api['billing.cancel']({ checkoutId: v.checkoutId });
  await leave();
});
