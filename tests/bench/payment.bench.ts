// `npm run bench:payment`: hospital payment by card, from the card on the reader (the virtual card
// through pcscd: session.start) to the 領収証 + 明細書 accepted by the printer (its Print-Job answered:
// the cups-pdf demo queue, the kiosk's own printer path), on the production composition: お会計 named
// at login, the card's one signature verified by the eligibility simulator (its 照会番号 names the
// patient), the oldest unpaid bill locked, confirmed and its statement read on the reference back
// office's ORCA subset (incomev3 over HTTP), re-confirmed before money, the simulated card terminal
// approving at once (a payment device: the only simulator), 入金 with the payment key, the documents
// drawn, signed and sent. The patient is received once at the kiosk beforehand (that registers the
// 照会番号); each run then gets a new bill from a reception made in ORCA directly (acceptmodv2 over
// HTTP, another of the clinic's doctors each time, outside the measured time).
// Last line: `payment: card_to_receipt_p95_ms=<n>` (goal ≤ 500). Uses pcscd/vpcd and CUPS: run it under the
// machine lock (flock /tmp/madoguchi-hw.lock npm run bench:payment) when tests may be running.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackOffice } from '../../backoffice/server';
import { DEMO_ORCA_OPERATOR, seedOrcaDemo } from '../../backoffice/orca/demo';
import { startDevBilling } from '../../electron/dev-server/dev-billing';
import { DEMO_PRINTER_URI } from '../../electron/dev-server/dev-issuance';
import { startDevReception } from '../../electron/dev-server/dev-reception';
import { createCardAuthService } from '../../electron/services/auth/holder-auth-service';
import { assembleKiosk } from '../../electron/services/installation/kiosk-assembly';
import { createVoiceGuidance } from '../../electron/services/voice/voice-guidance';
import { startAuthStack, vpcdReaderName } from '../helpers/auth-stack';

const RUNS = Number(process.env.PAYMENT_BENCH_RUNS ?? 20);
const WARM_UP = 3;
const KIOSK_ID = 'bench-hospital-pay-01';
const CHOICES = { consent: { diagnosis: true, medication: true, checkups: true, surgery: true }, publicAid: 'none', prescription: 'electronic' } as const;
const BASIC = `Basic ${Buffer.from(`${DEMO_ORCA_OPERATOR.operatorId}:${DEMO_ORCA_OPERATOR.password}`).toString('base64')}`;

const dir = mkdtempSync(join(tmpdir(), 'payment-bench-'));
const stack = await startAuthStack();
const office = await startBackOffice({ dataDir: join(dir, 'office'), port: 0 });
seedOrcaDemo(office.orca);
// The clinic's other 内科 doctors: one reception per patient, department and doctor a day, so each run sees its own.
for (let i = 0; i < RUNS + WARM_UP; i++) office.orca.putPhysician({ code: String(20_001 + i), name: `内科\u3000医師${i + 1}`, departmentCode: '01' });
const reception = await startDevReception({ dataDir: dir, accountingUrl: office.url });
const billing = startDevBilling({ dataDir: join(dir, 'billing'), kioskId: KIOSK_ID, reception, cardTerminal: { mode: 'auto', auto: 'approve' } });
const auth = await createCardAuthService(stack.env.authConfig, { pcsc: stack.pcsc });
const log = (m: string) => process.stderr.write(`${m}\n`);
const assembled = await assembleKiosk({
  platform: {
    dataDir: join(dir, 'kiosk'), kiosk: { id: KIOSK_ID, site: 'bench', kind: 'hospital' }, softwareVersion: 'bench',
    backOffice: null, printer: { printerUri: DEMO_PRINTER_URI, pollMs: 100 }, payment: null,
  },
  services: ['reception', 'billing'],
  serviceSettings: { reception: reception.settings, receptionParts: reception.parts, billing: billing.settings, billingParts: billing.parts },
  auth, voice: createVoiceGuidance({ engine: null, log }), version: 'bench', idle: { idleSec: 60, warnSec: 30 }, log: () => undefined,
});
const api = assembled.kiosk.api;
let accepted: (() => void) | null = null;
// 'printing' follows the printer's answer to Print-Job: the documents were accepted.
assembled.kiosk.events.on('billing.progress', (p) => { if (p.phase === 'printing') accepted?.(); });

async function newBill(patientId: string, run: number): Promise<void> {
  const r = await fetch(`${office.url}/orca11/acceptmodv2?format=json`, {
    method: 'POST', headers: { authorization: BASIC, 'content-type': 'application/json' },
    body: JSON.stringify({ acceptreq: { Request_Number: '01', Patient_ID: patientId, Department_Code: '01', Physician_Code: String(20_001 + run), Medical_Information: '01' } }),
  });
  const res = (await r.json() as { acceptres: { Api_Result: string; Api_Result_Message: string } }).acceptres;
  if (!/^(00|K\d)$/.test(res.Api_Result)) throw new Error(`acceptmodv2: ${res.Api_Result} ${res.Api_Result_Message}`);
}

const times: number[] = [];
try {
  await stack.insert('yamada-taro', { reader: 0 });
  // Once: the patient's reception at the kiosk, which registers their 照会番号 (= ORCA's Patient_ID).
  await api['session.start']({ reader: vpcdReaderName(0) });
  await api['session.login']({ pin: '1234', service: 'reception', medium: 'card' });
  let v = await api['reception.visit']({});
  while (v.state === 'checking') v = await api['reception.visit']({});
  await api['reception.choose']({ visitId: v.visitId, choices: { ...CHOICES } });
  const received = await api['reception.register']({ visitId: v.visitId, department: '01' });
  await api['session.end']({ reason: 'user' });
  const patientId = (office.orca.receptionsOn(new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10)).find((r) => r.acceptanceId === received.receptionNumber))?.patientId;
  if (!patientId) throw new Error(`the reception did not register a patient (${received.state})`);

  for (let i = 0; i < RUNS + WARM_UP; i++) {
    await newBill(patientId, i);
    const printerAccepted = new Promise<number>((resolve) => { accepted = () => resolve(performance.now()); });
    const t0 = performance.now();
    await api['session.start']({ reader: vpcdReaderName(0) });
    await api['session.login']({ pin: '1234', service: 'billing', medium: 'card' });
    const shown = await api['billing.checkout']({});
    if (shown.state !== 'bill_shown') throw new Error(`run ${i + 1}: the checkout is ${shown.state} (${shown.deskReason ?? ''})`);
    const paying = api['billing.pay']({ checkoutId: shown.checkoutId, method: 'card' });
    const t1 = await Promise.race([printerAccepted, paying.then(() => NaN)]);
    const done = await paying;
    if (done.state !== 'done' || Number.isNaN(t1)) throw new Error(`run ${i + 1}: ${done.state}, documents ${done.documents.status} ${done.documents.reason ?? ''}`);
    if (i >= WARM_UP) times.push(t1 - t0);
    log(`run ${i + 1}: ${(t1 - t0).toFixed(0)} ms, ¥${done.payment?.paid} by card, documents ${done.documents.status}`);
    await api['session.end']({ reason: 'user' });
  }
} finally {
  await assembled.close();
  await reception.close();
  await office.close();
  await stack.close();
  rmSync(dir, { recursive: true, force: true });
}
times.sort((a, b) => a - b);
const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] ?? NaN;
process.stdout.write(`payment: card_to_receipt_p95_ms=${p95.toFixed(0)}\n`);
