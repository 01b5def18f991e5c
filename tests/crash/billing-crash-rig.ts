// The parent side of the billing crash tests and the payment soak: the reference back office (its
// ORCA subset with incomev3, the payment links with the simulated acquirer) on loopback, a fresh
// patient with a fresh reception per payment (so each checkout has its own bill), a child kiosk
// (billing-crash-worker.ts) SIGKILLed at a point, the restarted kiosk (same files) resumed, and what
// a cash count, the acquirer's settlement and the accounting system's 収納 then say about it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { incomeStoreOf } from '../../backoffice/orca/income/income-store';
import { seedOrcaDemo } from '../../backoffice/orca/demo';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import type { CheckoutRow } from '../../electron/services/billing/checkout-machine';
import { createSimulatedCardTerminal } from '../../simulators/payment';
import { kioskKeyOf, testKey } from '../helpers/backoffice-access';
import { CRASH_KIOSK_ID, openCrashKiosk, type CrashKiosk } from './billing-crash-kiosk';

const WORKER = fileURLToPath(new URL('./billing-crash-worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLE = join(ROOT, 'var/crash/billing-crash-worker.mjs');

/** The worker bundled once (the soak's hundreds of children start in ~0.2 s instead of a TypeScript loader's ~1 s). */
function bundleWorker(): string[] {
  mkdirSync(join(ROOT, 'var/crash'), { recursive: true });
  const r = spawnSync(join(ROOT, 'node_modules/.bin/esbuild'), [WORKER, '--bundle', '--platform=node', '--format=esm', '--packages=external', `--outfile=${BUNDLE}`, '--log-level=warning'],
    { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not bundle the billing crash worker');
  return [BUNDLE];
}
const HOSPITAL = '1311234567';
const BASIC = `Basic ${Buffer.from('ormaster:ormaster').toString('base64')}`;

export type KillPoint = 'bill_shown' | 'paying' | 'approved' | 'paid' | 'recorded' | 'printing' | 'anytime';
export type PayMethod = 'cash' | 'card' | 'linked';

/** What the money and the records say about one checkout after the restart. */
export interface CheckoutFacts {
  /** undefined: the kiosk died before the checkout was created (nothing can have happened). */
  row: CheckoutRow | undefined;
  /** Per payment key: what its device kept, net of what it gave back (acceptor, terminal, acquirer). */
  kept: Map<string, number>;
  /** Per payment key: the 入金 (less 返金) lines in ORCA that carry it. */
  deposited: Map<string, { lines: number; yen: number }>;
  /** 入金 lines on the bill carrying a reference that is not one of this checkout's keys. */
  strangerLines: number;
  /** What the bill asked for (ORCA's Ac_Money). */
  billed: number;
  lockHeld: boolean;
  /** Outbox events per payment key and kind, e.g. 'co-1 billing.paid' → 1. */
  events: Map<string, number>;
}

export interface BillingCrashRig {
  /** The back office now (officeUp starts a new one on the same port and files). */
  readonly office: RunningBackOffice;
  /** The accounting system down (the whole back office stopped) and up again at the same address, with its records. */
  officeDown(): Promise<void>;
  officeUp(): Promise<void>;
  /** The kiosk's data folder (kiosk.db, acceptor-journal.jsonl, terminal-journal.jsonl). */
  kioskDir: string;
  /** A new insured patient (30 %, no limit category) with a 内科 reception today; linked to a card when asked. */
  newPatient(o?: { linked?: boolean }): Promise<string>;
  /** Runs a child kiosk to `point` and kills it there (SIGKILL). Answers the point reached (or 'ended <state>':
   *  the checkout ended first) and the milliseconds from the kiosk's start to the kill. */
  killAt(point: KillPoint, method: PayMethod, patientId: string, checkoutId: string, anytimeMs?: number): Promise<{ reached: string; ms: number }>;
  /** The kiosk after the restart (same files); close it before the next child. */
  restart(): CrashKiosk;
  facts(kiosk: CrashKiosk, checkoutId: string): Promise<CheckoutFacts>;
  close(): Promise<void>;
}

export async function startBillingCrashRig(o: { bundled?: boolean } = {}): Promise<BillingCrashRig> {
  const workerArgs = o.bundled ? bundleWorker() : ['--import', 'tsx', WORKER];
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-billing-crash-'));
  const startOffice = (port: number) => startBackOffice({
    dataDir: join(dir, 'office'), port,
    credentials: { kiosks: [{ kioskId: CRASH_KIOSK_ID, kind: 'hospital', key: testKey(`kiosk/${CRASH_KIOSK_ID}`), medicalInstitutionCode: HOSPITAL }] },
  });
  let office = await startOffice(0);
  const port = Number(new URL(office.url).port);
  seedOrcaDemo(office.orca);
  let income = incomeStoreOf(office.orca);
  let down = false;
  const kioskDir = join(dir, 'kiosk');
  const kioskOptions = { dir: kioskDir, orcaUrl: office.url, backOfficeUrl: office.url, kioskKey: kioskKeyOf(CRASH_KIOSK_ID) };
  let patients = 0;

  async function receive(patientId: string): Promise<void> {
    const r = await fetch(`${office.url}/orca11/acceptmodv2?format=json`, {
      method: 'POST', headers: { authorization: BASIC, 'content-type': 'application/json' },
      body: JSON.stringify({ acceptreq: { Request_Number: '01', Patient_ID: patientId, Department_Code: '01', Physician_Code: '10001', Medical_Information: '01' } }),
    });
    const res = (await r.json() as { acceptres: { Api_Result: string; Api_Result_Message: string } }).acceptres;
    if (!/^(00|K\d)$/.test(res.Api_Result)) throw new Error(`acceptmodv2: ${res.Api_Result} ${res.Api_Result_Message}`);
  }

  async function link(patientId: string): Promise<void> {
    const terminal = createSimulatedCardTerminal({ card: { brand: 'VISA', last4: '4242' } });
    const reading = terminal.tokenize();
    terminal.respond('approve');
    const t = await reading;
    if (!('token' in t)) throw new Error('the card could not be read for linking');
    const r = await fetch(`${office.url}/v1/hospital/payment-links/${patientId}`, {
      method: 'PUT', headers: { 'kiosk-key': kioskKeyOf(CRASH_KIOSK_ID), 'content-type': 'application/json' },
      body: JSON.stringify({ token: t.token, account: { brand: t.brand, last4: t.last4 } }),
    });
    if (r.status !== 200) throw new Error(`link: HTTP ${r.status} ${await r.text()}`);
  }

  return {
    get office() { return office; },
    kioskDir,
    async officeDown() {
      await office.close();
      down = true;
    },
    async officeUp() {
      office = await startOffice(port);
      income = incomeStoreOf(office.orca);
      down = false;
    },
    async newPatient(o = {}) {
      const patientId = String(40_000 + ++patients);
      office.orca.addPatient({
        patientId, wholeName: 'テスト　患者', wholeNameKana: 'テスト　カンジャ', birthDate: '1980-04-01', sex: '1',
        insurances: [{
          Insurance_Combination_Number: '0001', Insurance_Nondisplay: 'N', InsuranceProvider_Class: '009', InsuranceProvider_WholeName: '協会', RelationToInsuredPerson: '1',
          HealthInsuredPerson_WholeName: 'テスト　患者', Certificate_StartDate: '2020-04-01', Certificate_ExpiredDate: '9999-12-31',
          InsuranceCombination_Rate_Admission: '0.30', InsuranceCombination_Rate_Outpatient: '0.30',
        }],
      });
      await receive(patientId);
      if (o.linked) await link(patientId);
      return patientId;
    },

    killAt(point, method, patientId, checkoutId, anytimeMs = 0) {
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, workerArgs, {
          env: {
            ...process.env, BILLING_KILL_AT: point, BILLING_METHOD: method, BILLING_CHECKOUT_ID: checkoutId, BILLING_PATIENT: patientId,
            BILLING_DIR: kioskDir, BILLING_ORCA_URL: office.url, BILLING_BO_URL: office.url, BILLING_KIOSK_KEY: kioskOptions.kioskKey,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '', err = '', reached = '', readyAt = 0, killedAt = 0;
        let instant: NodeJS.Timeout | undefined;
        const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`worker never reached ${point}: ${err}`)); }, 30_000);
        const kill = (what: string) => { if (!reached) { reached = what; killedAt = performance.now(); child.kill('SIGKILL'); } };
        child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (!readyAt && /^ready$/m.test(out)) {
            readyAt = performance.now();
            if (point === 'anytime') instant = setTimeout(() => kill('anytime'), anytimeMs);
          }
          const m = /^(at \S+|ended \S+)/m.exec(out);
          if (m) kill(m[1]!.replace(/^at /, ''));
        });
        child.once('exit', (code, signal) => {
          clearTimeout(timer);
          clearTimeout(instant);
          if (signal === 'SIGKILL') resolve({ reached: reached || 'killed', ms: readyAt ? killedAt - readyAt : 0 });
          else reject(new Error(`worker exited ${code} before the kill: ${err || out}`));
        });
      });
    },

    restart: () => openCrashKiosk(kioskOptions),

    async facts(kiosk, checkoutId) {
      const row = kiosk.checkouts.get(checkoutId);
      const ours = (id: string) => id.startsWith(`${checkoutId}-`);
      const kept = new Map<string, number>();
      const add = (id: string, yen: number) => kept.set(id, (kept.get(id) ?? 0) + yen);
      for (const e of [...kiosk.acceptor.journal(), ...kiosk.terminal.journal()]) if (ours(e.paymentId)) add(e.paymentId, e.paid - e.refunded);
      // The acquirer's charges, by every key this checkout used and the next one it could have.
      for (let attempt = 1; attempt <= (row?.attempt ?? 0) + 1; attempt++) {
        const c = await kiosk.links.findCharge(`${checkoutId}-${attempt}`);
        if (c?.status === 'approved') add(c.reference, c.amount - c.refunded);
      }
      const deposited = new Map<string, { lines: number; yen: number }>();
      let strangerLines = 0;
      const invoice = row?.invoiceNumber ? income.invoice(row.invoiceNumber) : undefined;
      for (const h of invoice ? income.history(invoice.invoiceNumber) : []) {
        if (h.state !== '2' && h.state !== '4') continue;
        const ref = h.paymentReference ?? '';
        const key = h.state === '4' ? ref.replace(/-r\d+$/, '') : ref;
        if (!ours(key)) { strangerLines++; continue; }
        const d = deposited.get(key) ?? { lines: 0, yen: 0 };
        deposited.set(key, { lines: d.lines + (h.state === '2' ? 1 : 0), yen: d.yen + h.icMoney });
      }
      const events = new Map<string, number>();
      const outbox = kiosk.db.sqlite.prepare("SELECT kind, stream FROM outbox WHERE stream LIKE 'billing:%'").all() as { kind: string; stream: string }[];
      for (const e of outbox) {
        const key = e.stream.slice('billing:'.length);
        if (ours(key)) events.set(`${key} ${e.kind}`, (events.get(`${key} ${e.kind}`) ?? 0) + 1);
      }
      return {
        row, kept, deposited, strangerLines, billed: invoice?.acMoney ?? 0,
        lockHeld: Boolean(row?.patientId && (income.lockOf(row.patientId) || office.orca.lockedBy(row.patientId))), events,
      };
    },

    async close() {
      if (!down) await office.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** lost: money a device kept with no 入金 of that amount under its key; double: more kept than billed, or two 入金 for one key. */
export function judge(f: CheckoutFacts): { lost: boolean; doubleCharged: boolean } {
  let lost = false;
  let keptTotal = 0;
  for (const [key, yen] of f.kept) {
    keptTotal += yen;
    if (yen > 0 && (f.deposited.get(key)?.yen ?? 0) !== yen) lost = true;
  }
  const twice = [...f.deposited.values()].some((d) => d.lines > 1) || f.strangerLines > 0;
  return { lost, doubleCharged: keptTotal > f.billed || twice };
}
