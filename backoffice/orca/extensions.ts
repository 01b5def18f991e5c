// Further ORCA APIs mounted beside the reception subset, with the same operators and records.
// The cashier's incomev3 (backoffice/orca/income/) adds its routes here.
import type { Route } from '../http/route';
import { incomeRoutes } from './income/routes';
import type { OrcaAccess } from './orca-routes';
import type { OrcaStore } from './orca-store';

export function orcaExtensionRoutes(orca: () => OrcaStore, access: OrcaAccess): Route[] {
  return [...incomeRoutes(orca, access)];
}
