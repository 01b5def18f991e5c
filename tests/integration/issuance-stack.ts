// The real parts of certificate issuance for tests and the benchmark: the reference back office on
// loopback (demo registry, real templates, the demo municipality's key), a kiosk database, the
// simulated payment acceptor, and an ippeveprinter-based printer (tests/helpers/printers.ts) driven
// through the real IPP client. Holder tokens come from the back office's own challenge/verify,
// signed with the demo holder's auth key from the test PKI (the card path is covered elsewhere).
import { createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { holderSpecOf, loadDemoProfiles } from '../../backoffice/demo/seed';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import { openKioskDb, type KioskDb } from '../../db/kiosk-db';
import { createQueue, type KioskQueue } from '../../db/queue';
import { createIssuanceService } from '../../electron/services/issuance/issuance-service';
import type { IssuanceService } from '../../electron/services/issuance/types';
import { createIppPrinter } from '../../electron/services/printing/ipp-printer';
import type { KioskPrinter } from '../../electron/services/printing/types';
import { createSimulatedAcceptor, type SimulatedAcceptor, type SimulatedAcceptorOptions } from '../../simulators/payment/simulated-acceptor';
import { loadTestPki } from '../../simulators/testpki';
import { kioskHeaders, kioskKeyOf, staffKeyOf, testCredentials } from '../helpers/backoffice-access';
import { startEvePrinter, type EvePrinter } from '../helpers/printers';
import { serviceClock } from '../helpers/service-clock';

// A weekday noon in JST, inside service hours whatever the wall clock says (shared with the e2e fixture).
export { NOON_JST, serviceClock } from '../helpers/service-clock';

/** The stack's kiosk and the staff member who settles its held prints. */
export const KIOSK_ID = 'kiosk-test-1';
export const STAFF_ID = 'staff-test-1';

export interface IssuanceStack {
  bo: RunningBackOffice;
  dir: string;
  eve: EvePrinter | null;
  printer: KioskPrinter;
  payment: SimulatedAcceptor;
  db: KioskDb;
  queue: KioskQueue;
  service: IssuanceService;
  /** The kiosk's and its staff's credentials at the back office (child processes get them by env). */
  kioskKey: string;
  staffKey: string;
  holderToken(profileId: string): Promise<string>;
  /** Reopens the kiosk side (db, device journal, service) as a restarted process would. */
  restartKiosk(): IssuanceService;
  close(): Promise<void>;
}

export async function startIssuanceStack(opts: { clock?: () => number; payment?: SimulatedAcceptorOptions; printer?: KioskPrinter; dir?: string; backOfficeUrl?: string; receiptTimeoutMs?: number } = {}): Promise<IssuanceStack> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'madoguchi-issue-'));
  const clock = opts.clock ?? serviceClock();
  const bo = await startBackOffice({ dataDir: join(dir, 'backoffice'), demo: true, clock,
    credentials: testCredentials([KIOSK_ID], { [STAFF_ID]: ['reprint'] }) });
  const kioskKey = kioskKeyOf(KIOSK_ID);
  const staffKey = staffKeyOf(STAFF_ID);
  const eve = opts.printer ? null : await startEvePrinter(`madoguchi-issue-${process.pid}`);
  const printer = opts.printer ?? createIppPrinter({ printerUri: eve!.uri, pollMs: 50 });
  const pki = await loadTestPki();
  const profiles = loadDemoProfiles();
  const journalPath = join(dir, 'payment-journal.json');
  let db = openKioskDb({ path: join(dir, 'kiosk.db') });
  let queue = createQueue(db);
  let payment = createSimulatedAcceptor({ mode: 'instant', ...opts.payment, journalPath });
  const make = () => createIssuanceService({ db, queue, backOffice: { baseUrl: opts.backOfficeUrl ?? bo.url, kioskKey, staffKey }, printer, payment, kioskId: KIOSK_ID,
    clock: () => new Date(clock()), printTimeoutMs: 20_000, receiptTimeoutMs: opts.receiptTimeoutMs ?? 20_000 });
  const stack: IssuanceStack = {
    bo, dir, eve, printer, payment, db, queue, service: make(), kioskKey, staffKey,
    async holderToken(profileId) {
      const holder = await pki.issueHolder(holderSpecOf(profiles.find((p) => p.id === profileId)!));
      const post = async (path: string, body: unknown) => {
        const r = await fetch(bo.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...kioskHeaders(KIOSK_ID) }, body: JSON.stringify(body) });
        return r.json() as Promise<Record<string, string>>;
      };
      const ch = await post('/v1/auth/challenges', { kioskId: KIOSK_ID });
      const key = createPrivateKey({ key: Buffer.from(holder.authKeyPkcs8), format: 'der', type: 'pkcs8' });
      const signature = sign('sha256', Buffer.from(ch.challenge!, 'base64'), key).toString('base64');
      const v = await post('/v1/auth/verify', { challengeId: ch.challengeId, authCertDer: Buffer.from(holder.authCertDer).toString('base64'), signature });
      if (!v.sessionToken) throw new Error(`holder login failed: ${JSON.stringify(v)}`);
      return v.sessionToken;
    },
    restartKiosk() {
      db.close();
      db = openKioskDb({ path: join(dir, 'kiosk.db') });
      queue = createQueue(db);
      payment = createSimulatedAcceptor({ mode: 'instant', ...opts.payment, journalPath });
      Object.assign(stack, { db, queue, payment, service: make() });
      return stack.service;
    },
    async close() {
      db.close();
      await bo.close();
      await eve?.stop();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return stack;
}
