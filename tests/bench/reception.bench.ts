// `npm run bench:reception`: hospital reception from the PIN submitted on the virtual card (through
// pcscd) to the reception registered in the accounting system and the 受付票 accepted by the
// printer (its Print-Job answered: the cups-pdf demo queue), on the production composition: the
// card's one signature verified by the eligibility simulator (WebAPI on loopback), consent and
// choices recorded, the patient (new on the first run, then found from the 照会番号), acceptmodv2 on the reference back
// office's ORCA subset, the slip drawn and sent. Each run's reception is cancelled afterwards
// (outside the measured time) so the next one is a fresh registration, not "already received".
// Last line: `reception: pin_to_number_p95_ms=<n> apdus=<n>` (APDUs between the PIN and the number).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackOffice } from '../../backoffice/server';
import { DEMO_ORCA_OPERATOR, seedOrcaDemo } from '../../backoffice/orca/demo';
import { DEMO_PRINTER_URI } from '../../electron/dev-server/dev-issuance';
import { startDevReception } from '../../electron/dev-server/dev-reception';
import { createCardAuthService } from '../../electron/services/auth/holder-auth-service';
import { assembleKiosk } from '../../electron/services/installation/kiosk-assembly';
import { createOrcaClient } from '../../electron/services/reception/orca-client';
import { createVoiceGuidance } from '../../electron/services/voice/voice-guidance';
import { CountingTransport } from '../../native/counting-transport';
import { startAuthStack, vpcdReaderName } from '../helpers/auth-stack';

const RUNS = Number(process.env.RECEPTION_BENCH_RUNS ?? 20);
const WARM_UP = 3;
const CHOICES = { consent: { diagnosis: true, medication: true, checkups: true, surgery: true }, publicAid: 'none', prescription: 'electronic' } as const;

const dir = mkdtempSync(join(tmpdir(), 'reception-bench-'));
const stack = await startAuthStack();
const office = await startBackOffice({ dataDir: join(dir, 'office'), port: 0 });
seedOrcaDemo(office.orca);
const reception = await startDevReception({ dataDir: dir, accountingUrl: office.url });
const orca = createOrcaClient({ url: office.url, user: DEMO_ORCA_OPERATOR.operatorId, password: DEMO_ORCA_OPERATOR.password });
let counting: CountingTransport | undefined;
const auth = await createCardAuthService(stack.env.authConfig, { pcsc: stack.pcsc, wrapTransport: (t) => (counting = new CountingTransport(t)) });
const log = (m: string) => process.stderr.write(`${m}\n`);
const assembled = await assembleKiosk({
  platform: {
    dataDir: join(dir, 'kiosk'), kiosk: { id: 'bench-hospital-01', site: 'bench', kind: 'hospital' }, softwareVersion: 'bench',
    backOffice: null, printer: { printerUri: DEMO_PRINTER_URI, pollMs: 100 }, payment: null,
  },
  services: ['reception'], serviceSettings: { reception: reception.settings, receptionParts: reception.parts },
  auth, voice: createVoiceGuidance({ engine: null, log }), version: 'bench', idle: { idleSec: 60, warnSec: 30 }, log: () => undefined,
});
const api = assembled.kiosk.api;
let accepted: (() => void) | null = null;
assembled.kiosk.events.on('reception.progress', (p) => { if (p.phase === 'printing') accepted?.(); });

const times: number[] = [];
const apdus: number[] = [];
try {
  await stack.insert('yamada-taro', { reader: 0 });
  for (let i = 0; i < RUNS + WARM_UP; i++) {
    await api['session.start']({ reader: vpcdReaderName(0) });
    counting!.reset();
    const printerAccepted = new Promise<number>((resolve) => { accepted = () => resolve(performance.now()); });
    const t0 = performance.now();
    await api['session.login']({ pin: '1234', service: 'reception', medium: 'card' });
    let v = await api['reception.visit']({});
    while (v.state === 'checking') v = await api['reception.visit']({});
    if (v.eligibility?.outcome !== 'valid') throw new Error(`eligibility ${v.eligibility?.outcome ?? v.state}`);
    await api['reception.choose']({ visitId: v.visitId, choices: { ...CHOICES } });
    const registered = api['reception.register']({ visitId: v.visitId, department: '01' });
    const t1 = await Promise.race([printerAccepted, registered.then(() => NaN)]);
    const n = counting!.snapshot().apdus;
    const done = await registered;
    if (!done.receptionNumber || Number.isNaN(t1)) throw new Error(`run ${i + 1}: no number or the printer never accepted the slip (${done.slip.status} ${done.slip.reason ?? ''})`);
    if (i >= WARM_UP) {
      times.push(t1 - t0);
      apdus.push(n);
    }
    log(`run ${i + 1}: ${(t1 - t0).toFixed(0)} ms, ${n} APDUs, reception ${done.receptionNumber}, slip ${done.slip.status}`);
    await api['session.end']({ reason: 'user' });
    // The next run registers afresh: this reception is taken back (ORCA's acceptmodv2 class 02).
    const row = (await orca.todaysReceptions('03')).find((r) => r.acceptanceId === done.receptionNumber)!;
    await orca.cancelReception({ patientId: row.patientId, acceptanceId: row.acceptanceId, department: row.department });
  }
} finally {
  await assembled.close();
  orca.close();
  await reception.close();
  await office.close();
  await stack.close();
  rmSync(dir, { recursive: true, force: true });
}
times.sort((a, b) => a - b);
const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] ?? NaN;
process.stdout.write(`reception: pin_to_number_p95_ms=${p95.toFixed(0)} apdus=${Math.max(...apdus)}\n`);
