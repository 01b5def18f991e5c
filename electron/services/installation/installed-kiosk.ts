// The kiosk as an installation runs it, from its configuration file: PC/SC, holder authentication
// against the configured trust anchors, and — when configured — certificate issuance through the
// shared assembly. The Electron entry (electron/main/index.ts) only adds the window; this part runs
// and is tested in plain Node.
import { KioskError } from '../../../common/errors';
import { PcscService } from '../../../native/pcsc/pcsc-service';
import { createCardAuthService } from '../auth/holder-auth-service';
import { createKioskService, type KioskService } from '../kiosk/kiosk-service';
import type { PaymentDevice } from '../payment/payment-device';
import { createEspeakEngine } from '../voice/espeak-engine';
import { createVoiceGuidance } from '../voice/voice-guidance';
import type { InstallationConfig } from './config';
import { assembleIssuance, type IssuanceAssembly } from './issuance-assembly';

/** Payment-device drivers this build carries, by the name `issuance.payment.device` gives. */
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
  issuance: IssuanceAssembly | null;
  close(): Promise<void>;
}

/** A payment device named in the configuration that this build has no driver for stops the start. */
function paymentDriver(drivers: PaymentDrivers, name: string) {
  const driver = drivers[name];
  if (driver) return driver;
  const known = Object.keys(drivers);
  throw new KioskError('input.invalid',
    `issuance.payment.device: "${name}" has no driver in this build (drivers: ${known.length > 0 ? known.join(', ') : 'none'})`,
    { field: 'issuance.payment.device' });
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

    let issuance: IssuanceAssembly | null = null;
    if (config.issuance && config.kiosk) {
      const payment = await paymentDriver(opts.paymentDrivers, config.issuance.paymentDevice)({ dataDir, log });
      issuance = await assembleIssuance({
        dataDir, kiosk: config.kiosk, softwareVersion: opts.version,
        backOffice: config.issuance.backOffice, printer: config.issuance.printer, payment,
        housekeepingMs: config.issuance.housekeepingMs, signals: () => ({ voice: voice.signal() }), log,
      });
      const assembled = issuance;
      cleanup.push(() => assembled.close());
      // A missing voice reaches the technician now, not at the next heartbeat.
      voice.onSignal(() => void assembled.housekeeping());
    } else {
      log('certificate issuance is not configured: this kiosk authenticates holders only');
    }

    const readers = config.readers;
    const kiosk = createKioskService({
      auth, version: opts.version, idle: config.idle, voice, log,
      ...(readers ? { acceptReader: (name: string) => readers.includes(name) } : {}),
      ...(issuance ? { issuance: issuance.wiring } : {}),
      ...(config.staff ? { staff: { codeHash: config.staff.codeHash } } : {}),
    });
    if (config.staff && !issuance) log('staff.codeHash is set but certificate issuance is not: there is nothing for staff mode to settle');
    cleanup.push(() => kiosk.shutdown());
    return {
      kiosk,
      issuance,
      close: async () => {
        // Reverse order: end the card session, stop issuance (sync, database), then PC/SC.
        for (const fn of cleanup.reverse()) await fn().catch((err: unknown) => log(`close: ${(err as Error).message}`));
      },
    };
  } catch (err) {
    for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
    throw err;
  }
}
