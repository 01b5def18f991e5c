// The one composition of a kiosk: the platform built from the configuration, the resident
// services of the `services` list assembled on it (service-list.ts), and the kiosk session core
// serving them. The packaged entry (installed-kiosk.ts), `npm start` and the UI tests
// (electron/dev-server/dev-kiosk.ts) all come through here; they differ only in what they bring —
// PC/SC and the card-authentication service, the payment device (a driver, or the demo acceptor),
// the back office (the configured one, or the embedded reference server) and the demo tray.
import type { ResidentService } from '../../../common/api/contract';
import { KioskError } from '../../../common/errors';
import type { CardAuthService } from '../auth/holder-auth-service';
import { createKioskService, type KioskService, type KioskServiceOptions } from '../kiosk/kiosk-service';
import type { ResidentServiceModule } from '../kiosk/service-module';
import { createDeskClient } from '../desk/desk-client';
import { createPaymentsDeskClient } from '../desk/payments-client';
import { createPlatform, type Platform, type PlatformOptions } from '../platform/platform';
import type { StaffWiring } from '../staff/staff-commands';
import type { VoiceGuidance } from '../voice/voice-guidance';
import { SERVICE_LIST, type ServiceSettings } from './service-list';

export interface KioskAssemblyOptions {
  platform: Omit<PlatformOptions, 'signals' | 'log'>;
  /** The resident services offered after sign-in, in menu order. */
  services: ResidentService[];
  /** Settings of the services that have their own (reception), and parts a demo or test gives them. */
  serviceSettings?: ServiceSettings;
  auth: CardAuthService;
  voice: VoiceGuidance;
  version: string;
  idle: KioskServiceOptions['idle'];
  acceptReader?: (reader: string) => boolean;
  staff?: StaffWiring;
  /** Demo and test builds only. */
  demoTray?: KioskServiceOptions['demoTray'];
  demoPayment?: KioskServiceOptions['demoPayment'];
  log: (m: string) => void;
}

export interface AssembledKiosk {
  kiosk: KioskService;
  platform: Platform;
  /** The offered services' modules, in menu order. */
  modules: ResidentServiceModule[];
  /** Ends the card session (settling open work), then stops the platform (sync, database). */
  close(): Promise<void>;
}

export async function assembleKiosk(o: KioskAssemblyOptions): Promise<AssembledKiosk> {
  const { log, voice } = o;
  const platform = createPlatform({ ...o.platform, signals: () => ({ voice: voice.signal() }), log });
  try {
    const modules: ResidentServiceModule[] = [];
    for (const [i, name] of o.services.entries()) {
      const entry = SERVICE_LIST[name];
      if (!entry) throw new KioskError('input.invalid', `services.${i}: "${name}" has no module in this build`, { field: 'services' });
      modules.push(await entry.assemble(platform, o.serviceSettings ?? {}));
    }
    platform.start();
    // A missing voice reaches the technician now, not at the next heartbeat.
    voice.onSignal(() => void platform.housekeeping.runNow());
    if (!platform.backOffice) log('no back office is configured: holders are verified by this kiosk alone, nothing is synced');
    if (modules.length === 0) log('no resident service is configured: this kiosk authenticates holders only');
    // The hospital's reception desk is staff work wherever reception is offered with a back office.
    const receptionDesk = o.services.includes('reception') && platform.backOffice ? createDeskClient(platform.backOffice.client) : null;
    // The payment desk wherever the hospital's patients pay or are received: staff at a reception
    // kiosk see the day's payments too; refunds are made at the kiosk that took the payment.
    const paymentActions = modules.find((m) => m.paymentDesk)?.paymentDesk;
    const paymentDesk = (o.services.includes('billing') || o.services.includes('reception')) && platform.backOffice
      ? { source: createPaymentsDeskClient(platform.backOffice.client), ...(paymentActions ? { actions: paymentActions } : {}) } : null;
    const desk = modules.some((m) => m.staffDesk) || receptionDesk !== null || paymentDesk !== null;
    if (o.staff && !desk) log('staff.codeHash is set but no service here brings staff work: there is nothing for staff mode to settle');

    const kiosk = createKioskService({
      auth: o.auth, version: o.version, idle: o.idle, voice, log, modules,
      ...(platform.backOffice ? { holderSignIn: platform.backOffice.signIn } : {}),
      ...(o.acceptReader ? { acceptReader: o.acceptReader } : {}),
      ...(o.staff ? { staff: o.staff } : {}),
      ...(receptionDesk ? { receptionDesk } : {}),
      ...(paymentDesk ? { paymentDesk } : {}),
      ...(o.demoTray ? { demoTray: o.demoTray } : {}),
      ...(o.demoPayment ? { demoPayment: o.demoPayment } : {}),
    });
    return {
      kiosk, platform, modules,
      close: async () => {
        await kiosk.shutdown().catch((err: unknown) => log(`close: ${(err as Error).message}`));
        await platform.close();
      },
    };
  } catch (err) {
    await platform.close().catch(() => undefined);
    throw err;
  }
}
