// The resident services this build carries, in one list: a service's name (ResidentServiceSchema
// in common/api/contract.ts), what it needs of the platform, and how its module is assembled on
// the platform. Adding a service is one line here (plus its own folder per layer, see README.md).
// The installation's `services` list picks from these; a name without a module is refused there.
import type { ResidentService } from '../../../common/api/contract';
import { assembleBillingModule, type BillingParts } from '../billing/assemble';
import type { BillingSettings } from '../billing/config';
import { assembleIssuanceModule } from '../issuance/module';
import { assembleReceptionModule, type ReceptionParts } from '../reception/assemble';
import type { ReceptionSettings } from '../reception/config';
import type { ResidentServiceModule } from '../kiosk/service-module';
import type { Platform } from '../platform/platform';

type PlatformPart = 'kiosk' | 'backOffice' | 'printer' | 'payment';

/** What a service brings of its own beyond the platform: its settings, and parts a demo or test gives. */
export interface ServiceSettings {
  reception?: ReceptionSettings | null;
  receptionParts?: ReceptionParts;
  billing?: BillingSettings | null;
  billingParts?: BillingParts;
}

interface ServiceEntry {
  /** The configuration sections the service cannot run without (checked when the file is read). */
  needs: PlatformPart[];
  assemble(platform: Platform, settings: ServiceSettings): Promise<ResidentServiceModule>;
}

export const SERVICE_LIST: Partial<Record<ResidentService, ServiceEntry>> = {
  issuance: { needs: ['kiosk', 'backOffice', 'printer', 'payment'], assemble: assembleIssuanceModule },
  reception: { needs: ['kiosk'], assemble: (platform, s) => assembleReceptionModule(platform, s.reception ?? null, s.receptionParts) },
  // What else billing needs depends on its methods (billing/config.ts billingNeeds), checked with its entry.
  billing: { needs: ['kiosk'], assemble: (platform, s) => assembleBillingModule(platform, s.billing ?? null, s.reception ?? null, s.billingParts) },
};

export const SERVICES_WITH_MODULES = Object.keys(SERVICE_LIST) as ResidentService[];
export const SERVICE_NEEDS: Partial<Record<ResidentService, PlatformPart[]>> =
  Object.fromEntries(Object.entries(SERVICE_LIST).map(([name, e]) => [name, e.needs]));
