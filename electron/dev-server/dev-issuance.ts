// What `npm start` and the UI tests plug into the kiosk's one composition for certificate issuance
// (services/installation/kiosk-assembly.ts): the reference back office on loopback (demo residents,
// this kiosk's and its staff's keys made at each start), the simulated cash / IC acceptor, and the
// printer — the cups-pdf demo queue by default, or a fault-injecting ippeveprinter in tests — wrapped
// so the demo keeps a copy of each certificate it sent. The platform and the issuance module are
// the production ones. Dev/test only.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIssuanceRequests } from '../../db/issuance-requests';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import { DEFAULT_MEDICAL_INSTITUTION_CODE } from '../../simulators/onshi';
import { createSimulatedAcceptor, type SimulatedAcceptor, type SimulatedAcceptorOptions } from '../../simulators/payment/simulated-acceptor';
import type { IssuanceModule } from '../services/issuance/module';
import type { IssuanceService } from '../services/issuance/types';
import type { KioskIdentity, Platform, PlatformOptions } from '../services/platform/platform';
import type { KioskPrinter } from '../services/printing/types';
import { keepNewestFiles } from '../services/retention/folder-sweep';
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
  /** Newest files kept in the demo printer's output and in sent-documents (default 5; 0 = none). */
  keepPrintedFiles?: number;
  log?: (m: string) => void;
}

/** The demo's parts, before the kiosk is put together. */
export interface DevIssuanceParts {
  kiosk: KioskIdentity;
  /** What the platform takes from the demo: the back office, the printer (wrapped) and the payment device. */
  platform: Pick<PlatformOptions, 'backOffice' | 'printer' | 'wrapPrinter' | 'payment'>;
  payment: SimulatedAcceptor;
  backOffice: DevIssuance['backOffice'];
  printerUri: string;
  sentDir: string;
  lastDocumentPdf(): Uint8Array | null;
  /** The demo's view once the kiosk runs on the platform (tests reach the service through it). */
  attach(platform: Platform, module: IssuanceModule): DevIssuance;
  /** Stops the embedded back office (after the kiosk's platform closed). */
  close(): Promise<void>;
}

export interface DevIssuance {
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
}

export async function startDevIssuance(opts: DevIssuanceOptions): Promise<DevIssuanceParts> {
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
        // Registered to the demo hospital too: staff at this kiosk see its reception desk and its payments (settlement).
        credentials: { kiosks: [{ kioskId, kind: 'store', key: kiosk, medicalInstitutionCode: DEFAULT_MEDICAL_INSTITUTION_CODE }],
          staff: [{ staffId: 'demo-staff', key: staff, roles: ['reprint', 'refund', 'reception', 'settlement'] }] },
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
    const kiosk: KioskIdentity = { id: kioskId, site: 'demo', kind: 'store' };
    const backOffice = { url: baseUrl, running, ...(kioskKey ? { kioskKey } : {}), ...(staffKey ? { staffKey } : {}) };
    // The production platform takes these; only the payment device and the back office differ.
    const platform: DevIssuanceParts['platform'] = {
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
    };
    return {
      kiosk, platform, payment, backOffice, printerUri, sentDir,
      lastDocumentPdf: () => lastSent,
      attach(p: Platform, module: IssuanceModule): DevIssuance {
        const requests = createIssuanceRequests(p.db);
        // Residents' printed certificates do not pile up on the demo machine (at start and each round).
        const keep = opts.keepPrintedFiles ?? 5;
        const folders = printerUri === DEMO_PRINTER_URI ? [DEMO_PRINT_DIR, sentDir] : [sentDir];
        p.housekeeping.register('demo.printed-files', () => {
          const removed = folders.reduce((n, dir) => n + keepNewestFiles(dir, keep), 0);
          if (removed > 0) log(`housekeeping: ${removed} printed file(s) beyond the newest ${keep} removed`);
        });
        return {
          service: module.service, payment, printer: p.printer!, backOffice, printerUri, sentDir,
          lastIssuanceId: requests.latestIssuanceId,
          lastRequestId: requests.latestRequestId,
          lastDocumentPdf: () => lastSent,
        };
      },
      close: async () => {
        for (const fn of cleanup.reverse()) await fn();
      },
    };
  } catch (err) {
    for (const fn of cleanup.reverse()) await Promise.resolve(fn()).catch(() => undefined);
    throw err;
  }
}
