// Certificate issuance put together from its parts: the kiosk database with its outbox and the sync
// engine, the printer over IPP, the payment device, the issuance service and the holder sign-in.
// One function for every kiosk — the production entry, `npm start` and the tests — so what the
// tests exercise is what a municipality runs. The caller brings the payment device (a real driver
// in production, the simulated acceptor in the demo) because no simulator may be imported here.
import { join } from 'node:path';
import { toKioskError } from '../../../common/errors';
import { openKioskDb, type KioskDb } from '../../../db/kiosk-db';
import { createQueue } from '../../../db/queue';
import { createIssuanceService } from '../issuance/issuance-service';
import type { IssuanceService } from '../issuance/types';
import { createHolderSignIn } from '../kiosk/holder-sign-in';
import type { IssuanceWiring } from '../kiosk/kiosk-service';
import type { PaymentDevice } from '../payment/payment-device';
import { createIppPrinter } from '../printing/ipp-printer';
import type { IppPrinterOptions, KioskPrinter } from '../printing/types';
import { createBackOfficeClient, type BackOfficeClientOptions } from '../sync/http-client';
import { createSyncEngine, type SyncEngine } from '../sync/sync-engine';

export interface IssuanceAssemblyOptions {
  /** The kiosk database is `<dataDir>/kiosk.db`. */
  dataDir: string;
  kiosk: { id: string; site: string; kind: 'municipal' | 'hospital' | 'store' };
  softwareVersion: string;
  backOffice: BackOfficeClientOptions;
  printer: IppPrinterOptions;
  payment: PaymentDevice;
  /** Wraps the IPP printer (the demo keeps a copy of what it sent; tests inject nothing else). */
  wrapPrinter?: (printer: KioskPrinter) => KioskPrinter;
  /** How often the kiosk reports its health and wipes personal data the back office has (default 60 s). */
  housekeepingMs?: number;
  /** More health signals for the heartbeat (voice guidance: 'ok' or the languages without a voice). */
  signals?: () => { voice?: string };
  log?: (m: string) => void;
}

export interface IssuanceAssembly {
  wiring: IssuanceWiring;
  service: IssuanceService;
  printer: KioskPrinter;
  sync: SyncEngine;
  db: KioskDb;
  /** One round of housekeeping now: heartbeat, then wipe what the back office has acknowledged. */
  housekeeping(): Promise<void>;
  close(): Promise<void>;
}

export async function assembleIssuance(opts: IssuanceAssemblyOptions): Promise<IssuanceAssembly> {
  const log = opts.log ?? (() => undefined);
  const kioskId = opts.kiosk.id;
  const db = openKioskDb({ path: join(opts.dataDir, 'kiosk.db') });
  let sync: SyncEngine | null = null;
  try {
    const queue = createQueue(db);
    const client = createBackOfficeClient({ timeoutMs: 5000, ...opts.backOffice });
    sync = createSyncEngine({ queue, client, kioskId });
    const ipp = createIppPrinter(opts.printer);
    const printer = opts.wrapPrinter ? opts.wrapPrinter(ipp) : ipp;
    const service = createIssuanceService({ db, queue, backOffice: opts.backOffice, printer, payment: opts.payment, kioskId, log });
    // A kiosk that stopped mid-request (crash, power cut) puts it in a safe state before serving anyone.
    await service.resume();
    sync.start();
    const signIn = createHolderSignIn({ backOffice: opts.backOffice, kioskId });

    let registered = false;
    const register = async () => {
      const answer = await client.request('PUT', `/v1/fleet/kiosks/${encodeURIComponent(kioskId)}`,
        { kioskId, site: opts.kiosk.site, kind: opts.kiosk.kind, softwareVersion: opts.softwareVersion.slice(0, 40) });
      registered = answer.status === 200;
    };
    async function housekeeping(): Promise<void> {
      // Personal data leaves the kiosk once the back office has it (printed or voided requests).
      const wiped = service.settleSynced();
      if (wiped > 0) log(`housekeeping: personal data of ${wiped} synced request(s) wiped`);
      // A job our deadline gave up on while the printer was unreachable is cancelled there as soon as
      // it answers again, not only before the next print (it would finish printing for nobody).
      await printer.sweepStale?.();
      try {
        if (!registered) await register();
        const status = await printer.status().catch(() => null);
        const voice = opts.signals?.().voice;
        await sync!.heartbeat({
          ...(status ? { printer: (status.needsStaff ? status.message : status.state).slice(0, 40) } : {}),
          ...(voice ? { voice: voice.slice(0, 40) } : {}),
        });
      } catch (err) {
        // The sync engine's own back-off covers the outbox; a missed heartbeat is only logged.
        log(`heartbeat not delivered: ${toKioskError(err).message}`);
      }
    }
    const timer = setInterval(() => void housekeeping(), opts.housekeepingMs ?? 60_000);
    timer.unref();
    void housekeeping();

    return {
      wiring: { service, signIn, printer },
      service,
      printer,
      sync,
      db,
      housekeeping,
      close: async () => {
        clearInterval(timer);
        sync?.stop();
        db.close();
      },
    };
  } catch (err) {
    sync?.stop();
    db.close();
    throw err;
  }
}
