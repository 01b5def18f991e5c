// The kiosk as an installation runs it, from its configuration file: PC/SC, holder authentication
// against the configured trust anchors, the platform (database, sync, heartbeat, sign-in at the back
// office, printer, payment device) and the configured resident services, put together by the one
// composition (kiosk-assembly.ts). The Electron entry (electron/main/index.ts) only adds the window;
// this part runs and is tested in plain Node.
import { KioskError } from '../../../common/errors';
import { PcscService } from '../../../native/pcsc/pcsc-service';
import { createCardAuthService } from '../auth/holder-auth-service';
import type { KioskService } from '../kiosk/kiosk-service';
import type { ResidentServiceModule } from '../kiosk/service-module';
import type { PaymentDevice } from '../payment/payment-device';
import type { Platform } from '../platform/platform';
import { createEspeakEngine } from '../voice/espeak-engine';
import { createVoiceGuidance } from '../voice/voice-guidance';
import type { InstallationConfig } from './config';
import { assembleKiosk } from './kiosk-assembly';

/** Payment-device drivers this build carries, by the name `payment.device` gives. */
export type PaymentDrivers = Record<string, (ctx: { dataDir: string; log: (m: string) => void }) => PaymentDevice | Promise<PaymentDevice>>;

export interface InstalledKioskOptions {
  config: InstallationConfig;
  /** Used when the configuration names no dataDir (the app's user-data folder). */
  defaultDataDir: string;
  version: string;
  paymentDrivers: PaymentDrivers;
  log: (m: string) => void;
  /** PC/SC is started here unless given (tests share one). */
  pcsc?: PcscService;
}

export interface InstalledKiosk {
  kiosk: KioskService;
  platform: Platform;
  /** The offered services' modules, in menu order. */
  modules: ResidentServiceModule[];
  close(): Promise<void>;
}

/** A payment device named in the configuration that this build has no driver for stops the start. */
function paymentDriver(drivers: PaymentDrivers, name: string) {
  const driver = drivers[name];
  if (driver) return driver;
  const known = Object.keys(drivers);
  throw new KioskError('input.invalid',
    `payment.device: "${name}" has no driver in this build (drivers: ${known.length > 0 ? known.join(', ') : 'none'})`,
    { field: 'payment.device' });
}

export async function startInstalledKiosk(opts: InstalledKioskOptions): Promise<InstalledKiosk> {
  const { config, log } = opts;
  const dataDir = config.dataDir ?? opts.defaultDataDir;
  const cleanup: (() => Promise<void>)[] = [];
  try {
    const pcsc = opts.pcsc ?? (await PcscService.start({ log }));
    if (!opts.pcsc) cleanup.push(() => pcsc.close());
    const auth = await createCardAuthService({ ...config.auth, log }, { pcsc });
    // The kiosk's own offline voice; languages it cannot speak are logged and sent with the heartbeat.
    const voice = createVoiceGuidance({ engine: createEspeakEngine(), log });
    const payment: PaymentDevice | null = config.paymentDevice ? await paymentDriver(opts.paymentDrivers, config.paymentDevice)({ dataDir, log }) : null;
    const readers = config.readers;
    const assembled = await assembleKiosk({
      platform: {
        dataDir, kiosk: config.kiosk, softwareVersion: opts.version,
        backOffice: config.backOffice, printer: config.printer, payment, housekeepingMs: config.housekeepingMs, retentionDays: config.retentionDays,
      },
      services: config.services, serviceSettings: { reception: config.reception, billing: config.billing },
      auth, voice, version: opts.version, idle: config.idle, log,
      ...(readers ? { acceptReader: (name: string) => readers.includes(name) } : {}),
      ...(config.staff ? { staff: { codeHash: config.staff.codeHash } } : {}),
    });
    cleanup.push(() => assembled.close());
    return {
      kiosk: assembled.kiosk,
      platform: assembled.platform,
      modules: assembled.modules,
      close: async () => {
        // Reverse order: end the card session, stop the platform (sync, database), then PC/SC.
        for (const fn of cleanup.reverse()) await fn().catch((err: unknown) => log(`close: ${(err as Error).message}`));
      },
    };
  } catch (err) {
    for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
    throw err;
  }
}
