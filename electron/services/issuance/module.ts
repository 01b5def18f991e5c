// Certificate issuance as a resident service module: assembled on the kiosk platform (its
// database and queue, its one back-office client, printer and payment device) and offered after
// sign-in. The resident takes the card right after sign-in; a session that ends with a request
// open has it settled (payment cancelled or refunded, logged). Staff settle held prints at the
// kiosk's screen through the same service. Between residents, housekeeping wipes the personal data
// of requests the back office has acknowledged.
import { KioskError } from '../../../common/errors';
import { createRetention } from '../../../db/retention';
import type { CommandName } from '../../../common/api/contract';
import { createIssuanceCommands, type IssuanceSession, type PrinterStatusSource } from './commands';
import type { ModuleContext, ResidentServiceModule, ResidentSession } from '../kiosk/service-module';
import type { Platform } from '../platform/platform';
import { createIssuanceService } from './issuance-service';
import type { IssuanceService } from './types';

export const ISSUANCE_COMMANDS = [
  'issuance.catalog', 'issuance.request', 'issuance.pay', 'issuance.print', 'issuance.cancel', 'issuance.status',
] as const satisfies readonly CommandName[];

export interface IssuanceModule extends ResidentServiceModule {
  name: 'issuance';
  service: IssuanceService;
}

/** The module over an issuance service (the platform's below; tests give a stand-in service). */
export function createIssuanceModule(o: { service: IssuanceService; printer?: PrinterStatusSource }): IssuanceModule {
  // The requests a session made belong to it alone: the UI can never pay, print or cancel another's.
  const requests = new WeakMap<ResidentSession, Set<string>>();
  const view = (s: ResidentSession): IssuanceSession => {
    let ids = requests.get(s);
    if (!ids) requests.set(s, (ids = new Set()));
    const requestIds = ids;
    return {
      get holderToken() { return s.holderToken; },
      get signInError() { return s.signInError; },
      requestIds,
    };
  };
  return {
    name: 'issuance',
    commands: ISSUANCE_COMMANDS,
    releasesCard: true,
    service: o.service,
    staffDesk: { service: o.service, ...(o.printer ? { printer: o.printer } : {}) },
    open(ctx: ModuleContext) {
      const commands = createIssuanceCommands({
        service: o.service,
        ...(o.printer ? { printer: o.printer } : {}),
        session: () => {
          const s = ctx.session();
          return s ? view(s) : null;
        },
        emit: {
          payment: (p) => ctx.emit('payment.progress', p),
          progress: (p) => {
            ctx.touch();
            ctx.emit('issuance.progress', p);
          },
          printer: (p) => ctx.emit('printer.status', p),
        },
        busy: ctx.busy,
        log: ctx.log,
      });
      return { api: commands.api, settle: (s, reason) => commands.settle(view(s), reason) };
    },
  };
}

/** Issuance on the platform: needs its back office, printer and payment device. */
export async function assembleIssuanceModule(platform: Platform): Promise<IssuanceModule> {
  const { backOffice, printer, payment, kiosk } = platform;
  const missing = [!backOffice && 'backOffice', !printer && 'printer', !payment && 'payment', !kiosk && 'kiosk'].filter(Boolean);
  if (!backOffice || !printer || !payment || !kiosk) {
    throw new KioskError('input.invalid', `services: "issuance" needs ${missing.join(', ')} in the configuration`, { field: 'services' });
  }
  const service = createIssuanceService({
    db: platform.db, queue: platform.queue, backOffice: backOffice.client, printer, payment, kioskId: kiosk.id, log: platform.log,
  });
  // A kiosk that stopped mid-request (crash, power cut) puts it in a safe state before serving anyone.
  await service.resume();
  // Personal data leaves the kiosk once the back office has it (printed or voided requests).
  platform.housekeeping.register('issuance.wipe-synced', () => {
    const wiped = service.settleSynced();
    if (wiped > 0) platform.log(`housekeeping: personal data of ${wiped} synced request(s) wiped`);
  });
  // Then finished, synced requests older than the retention leave the database (db/retention.ts).
  const retention = createRetention(platform.db);
  platform.housekeeping.register('issuance.retention', () => {
    const r = retention.run({ retentionDays: platform.retentionDays });
    if (r.requests > 0 || r.outboxRows > 0) platform.log(`housekeeping: ${r.requests} finished request(s) and ${r.outboxRows} outbox row(s) past ${platform.retentionDays} day(s) deleted`);
  });
  return createIssuanceModule({ service, printer });
}
