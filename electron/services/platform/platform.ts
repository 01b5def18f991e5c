// The kiosk platform: what every kiosk has whatever it offers — the kiosk database with its
// outbox, ONE back-office client, the sync engine, fleet registration and heartbeat, the
// housekeeping registry, the printer and the payment device when the site has them, and holder
// sign-in at the back office. Built once from the installation's configuration; the resident
// services (service modules: issuance today) are assembled on top of it.
//
// Life cycle: createPlatform() opens everything; the modules are built on it (they may resume
// unfinished work and register housekeeping tasks); start() then starts the sync engine and the
// housekeeping rounds; close() stops them and closes the database. The caller brings the payment
// device (a driver in production, the simulated acceptor in the demo): no simulator is imported here.
import { join } from 'node:path';
import { KioskError } from '../../../common/errors';
import { openKioskDb, type KioskDb } from '../../../db/kiosk-db';
import { createQueue, type KioskQueue } from '../../../db/queue';
import { DEFAULT_RETENTION_DAYS, prepareForRetention } from '../../../db/retention';
import { createHolderSignIn, type HolderSignIn } from '../kiosk/holder-sign-in';
import type { PaymentDevice } from '../payment/payment-device';
import { createIppPrinter } from '../printing/ipp-printer';
import type { IppPrinterOptions, KioskPrinter } from '../printing/types';
import { createBackOfficeClient, type BackOfficeClient, type BackOfficeClientOptions } from '../sync/http-client';
import { createSyncEngine, type SyncEngine } from '../sync/sync-engine';
import { createFleetHeartbeat } from './fleet';
import { createHousekeeping, type Housekeeping } from './housekeeping';

export interface KioskIdentity { id: string; site: string; kind: 'municipal' | 'hospital' | 'store' }

export interface PlatformOptions {
  /** The kiosk database is `<dataDir>/kiosk.db`. */
  dataDir: string;
  /** Who this kiosk is at the back office; required with a back office. */
  kiosk: KioskIdentity | null;
  softwareVersion: string;
  /** Without one the kiosk works alone: no sync, no heartbeat, no sign-in at the back office. */
  backOffice: BackOfficeClientOptions | null;
  printer: IppPrinterOptions | null;
  /** Wraps the IPP printer (the demo keeps a copy of what it sent). */
  wrapPrinter?: (printer: KioskPrinter) => KioskPrinter;
  payment: PaymentDevice | null;
  /** Time between housekeeping rounds (default 60 s). */
  housekeepingMs?: number;
  /** Days a finished, synced record stays in the kiosk database (default 7; 0: deleted at the next round). */
  retentionDays?: number;
  /** More health signals for the heartbeat (voice guidance: 'ok' or the languages without a voice). */
  signals?: () => { voice?: string };
  log?: (m: string) => void;
}

/** The back-office part: present together or not at all. */
export interface PlatformBackOffice {
  client: BackOfficeClient;
  sync: SyncEngine;
  /** Signs the holder in with the open card session right after the PIN (kiosk/holder-sign-in.ts). */
  signIn: HolderSignIn;
}

export interface Platform {
  kiosk: KioskIdentity | null;
  dataDir: string;
  softwareVersion: string;
  db: KioskDb;
  queue: KioskQueue;
  backOffice: PlatformBackOffice | null;
  printer: KioskPrinter | null;
  payment: PaymentDevice | null;
  housekeeping: Housekeeping;
  /** Days a finished, synced record stays (services' retention tasks use it: db/retention.ts). */
  retentionDays: number;
  log: (m: string) => void;
  /** Starts the sync engine and the housekeeping rounds (the heartbeat is the last task of a round). */
  start(): void;
  close(): Promise<void>;
}

export function createPlatform(opts: PlatformOptions): Platform {
  const log = opts.log ?? (() => undefined);
  if (opts.backOffice && !opts.kiosk) {
    throw new KioskError('input.invalid', 'kiosk: a back office needs the kiosk section (id, site, kind)', { field: 'kiosk' });
  }
  const db = openKioskDb({ path: join(opts.dataDir, 'kiosk.db') });
  // Deleted records are zeroed and hand their pages back to the file system (db/retention.ts).
  prepareForRetention(db);
  let client: BackOfficeClient | null = null;
  try {
    const queue = createQueue(db);
    const housekeeping = createHousekeeping(log);
    let backOffice: PlatformBackOffice | null = null;
    if (opts.backOffice && opts.kiosk) {
      client = createBackOfficeClient(opts.backOffice);
      backOffice = {
        client,
        sync: createSyncEngine({ queue, client, kioskId: opts.kiosk.id }),
        signIn: createHolderSignIn({ backOffice: client, kioskId: opts.kiosk.id }),
      };
    }
    let printer: KioskPrinter | null = null;
    if (opts.printer) {
      const ipp = createIppPrinter({ ...opts.printer, log });
      printer = opts.wrapPrinter ? opts.wrapPrinter(ipp) : ipp;
      const p = printer;
      // A job our deadline gave up on while the printer was unreachable is cancelled there as soon as
      // it answers again, not only before the next print (it would finish printing for nobody).
      if (p.sweepStale) housekeeping.register('printer.sweep-stale', async () => void (await p.sweepStale?.()));
    }

    let started = false;
    return {
      kiosk: opts.kiosk, dataDir: opts.dataDir, softwareVersion: opts.softwareVersion,
      db, queue, backOffice, printer, payment: opts.payment, housekeeping, log, retentionDays: opts.retentionDays ?? DEFAULT_RETENTION_DAYS,
      start() {
        if (started) return;
        started = true;
        if (backOffice && opts.kiosk) {
          backOffice.sync.start();
          housekeeping.register('fleet.heartbeat', createFleetHeartbeat({
            kiosk: opts.kiosk, softwareVersion: opts.softwareVersion, client: backOffice.client, sync: backOffice.sync, printer,
            ...(opts.signals ? { signals: opts.signals } : {}), log,
          }));
        }
        housekeeping.start(opts.housekeepingMs ?? 60_000);
      },
      async close() {
        housekeeping.stop();
        backOffice?.sync.stop();
        client?.close();
        db.close();
      },
    };
  } catch (err) {
    client?.close();
    db.close();
    throw err;
  }
}
