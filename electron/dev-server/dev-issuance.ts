// Certificate issuance for `npm start` and the UI tests: the reference back office on loopback
// (demo residents) and the simulated cash / IC acceptor, plugged into the production assembly
// (services/installation: kiosk database, outbox and sync, IPP printer — the cups-pdf demo queue by
// default, or a fault-injecting ippeveprinter in tests — and the issuance service). Dev/test only.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIssuanceRequests } from '../../db/issuance-requests';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import { createSimulatedAcceptor, type SimulatedAcceptor, type SimulatedAcceptorOptions } from '../../simulators/payment/simulated-acceptor';
import { assembleIssuance } from '../services/installation/issuance-assembly';
import type { IssuanceService } from '../services/issuance/types';
import type { IssuanceWiring } from '../services/kiosk/kiosk-service';
import type { KioskPrinter } from '../services/printing/types';
import type { RevocationChecker } from '../../common/jpki';

/** The demo queue of scripts/printers-setup.mjs (cups-pdf): printed PDFs land in PDF_OUTPUT_DIR. */
export const DEMO_PRINTER_URI = 'ipp://127.0.0.1:631/printers/madoguchi-pdf';
export const DEMO_PRINT_DIR = '/var/spool/cups-pdf-madoguchi';

export interface DevIssuanceOptions {
  dataDir: string;
  kioskId?: string;
  /** Use this back office instead of starting the embedded one (with this kiosk's and staff's keys there). */
  backOfficeUrl?: string;
  kioskKey?: string;
  staffKey?: string;
  /** Another printer (a fault-injecting ippeveprinter in tests); default the cups-pdf demo queue. */
  printer?: { printerUri: string; deviceUri?: string; pollMs?: number };
  payment?: SimulatedAcceptorOptions;
  /** The back office's service-hours clock (tests pin it inside 6:30–23:00 JST); other clocks stay real. */
  backOfficeClock?: () => number;
  /** The embedded back office's revocation checker (the demo: the test PKI's OCSP/CRL responder). */
  backOfficeRevocation?: RevocationChecker;
  /** More heartbeat signals (the kiosk's voice guidance). */
  signals?: () => { voice?: string };
  log?: (m: string) => void;
}

export interface DevIssuance {
  wiring: IssuanceWiring;
  /** Give this to the card-authentication service: the sign-in reaches the open session's card through it. */
  service: IssuanceService;
  payment: SimulatedAcceptor;
  printer: KioskPrinter;
  /** The back office, and this kiosk's key there (tests call it as the kiosk would). */
  backOffice: { url: string; running: RunningBackOffice | null; kioskKey?: string; staffKey?: string };
  printerUri: string;
  /** The newest request's issuance id (tests find its printed file by it: the job carries the id). */
  lastIssuanceId(): string | null;
  /** The newest request's id (tests act as staff on it, e.g. resolve a held print). */
  lastRequestId(): string | null;
  /** The certificate the kiosk last sent to the printer (kept by the demo wiring, not the database). */
  lastDocumentPdf(): Uint8Array | null;
  /** Where each certificate is kept exactly as the kiosk sent it (demo only): `madoguchi verify` answers 0 on these. */
  sentDir: string;
  close(): Promise<void>;
}

export async function startDevIssuance(opts: DevIssuanceOptions): Promise<DevIssuance> {
  const log = opts.log ?? (() => undefined);
  const kioskId = opts.kioskId ?? 'kiosk-dev-01';
  mkdirSync(opts.dataDir, { recursive: true });
  const cleanup: (() => Promise<void> | void)[] = [];
  try {
    let running: RunningBackOffice | null = null;
    // The embedded back office knows this demo kiosk and its staff by keys made at each start.
    const secret = () => randomBytes(32).toString('base64url');
    let kioskKey = opts.kioskKey;
    let staffKey = opts.staffKey;
    if (!opts.backOfficeUrl) {
      const kiosk = secret();
      const staff = secret();
      kioskKey = `${kioskId}:${kiosk}`;
      staffKey = `demo-staff:${staff}`;
      running = await startBackOffice({
        port: 0, dataDir: join(opts.dataDir, 'backoffice'), demo: true,
        credentials: { kiosks: [{ kioskId, kind: 'store', key: kiosk }], staff: [{ staffId: 'demo-staff', key: staff, roles: ['reprint', 'refund'] }] },
        ...(opts.backOfficeClock ? { hoursClock: opts.backOfficeClock } : {}),
        // The municipality is the legal verifier: it checks revocation itself, fail-closed.
        ...(opts.backOfficeRevocation ? { revocation: opts.backOfficeRevocation, revocationFailure: 'fail-closed' as const } : {}),
      });
      cleanup.push(() => running!.close().catch(() => undefined));
    }
    const baseUrl = opts.backOfficeUrl ?? running!.url;
    const printerUri = opts.printer?.printerUri ?? DEMO_PRINTER_URI;
    let lastSent: Uint8Array | null = null;
    const sentDir = join(opts.dataDir, 'sent-documents');
    mkdirSync(sentDir, { recursive: true });
    const payment = createSimulatedAcceptor({ mode: 'manual', journalPath: join(opts.dataDir, 'payment-journal.json'), ...opts.payment });
    // The same assembly the production entry uses; only the payment device and the back office differ.
    const assembly = await assembleIssuance({
      dataDir: opts.dataDir,
      kiosk: { id: kioskId, site: 'demo', kind: 'store' },
      softwareVersion: 'dev',
      backOffice: { baseUrl, timeoutMs: 5000, ...(kioskKey ? { kioskKey } : {}), ...(staffKey ? { staffKey } : {}) },
      printer: { printerUri, ...(opts.printer?.deviceUri ? { deviceUri: opts.printer.deviceUri } : {}), pollMs: opts.printer?.pollMs ?? 300 },
      payment,
      // The demo remembers the last certificate it sent: tests read it back after the kiosk has
      // wiped its own copy (personal data leaves the kiosk once the back office has it).
      wrapPrinter: (ipp) => ({ ...ipp, print: (req, o) => {
        if (req.kind === 'certificate') {
          lastSent = new Uint8Array(req.pdf);
          // The print queue re-distils what it prints (its copy verifies as 11, text unreadable);
          // staff trying `madoguchi verify` find the document as sent here, named by issuance id.
          writeFileSync(join(sentDir, `${req.documentId}.pdf`), req.pdf);
        }
        return ipp.print(req, o);
      } }),
      ...(opts.signals ? { signals: opts.signals } : {}),
      log,
    });
    cleanup.push(() => assembly.close());
    const { db, service, printer } = assembly;
    const requests = createIssuanceRequests(db);
    return {
      wiring: assembly.wiring,
      service,
      payment,
      printer,
      backOffice: { url: baseUrl, running, ...(kioskKey ? { kioskKey } : {}), ...(staffKey ? { staffKey } : {}) },
      printerUri,
      lastIssuanceId: requests.latestIssuanceId,
      lastRequestId: requests.latestRequestId,
      lastDocumentPdf: () => lastSent,
      sentDir,
      close: async () => {
        for (const fn of cleanup.reverse()) await fn();
      },
    };
  } catch (err) {
    for (const fn of cleanup.reverse()) await Promise.resolve(fn()).catch(() => undefined);
    throw err;
  }
}
