// The resident services this renderer can show, in menu order. The kiosk offers the ones the main
// process names in `system.info.services`; adding a service is its folder under features/ and one
// line here.
import type { ResidentService } from '../../../common/api/contract';
import { billingService } from '../features/billing';
import { issuanceService } from '../features/issuance';
import { receptionService } from '../features/reception';
import type { ServiceModule } from '../shared/service';

export const SERVICES: readonly ServiceModule[] = [
  issuanceService,
  receptionService,
  billingService,
];

/** The services to offer: those the main process reports that this renderer has a flow for, in its order. */
export function offeredServices(reported: readonly ResidentService[], known: readonly ServiceModule[] = SERVICES): ServiceModule[] {
  return reported.flatMap((name) => known.filter((s) => s.name === name));
}

export function serviceModule(name: ResidentService): ServiceModule | undefined {
  return SERVICES.find((s) => s.name === name);
}
