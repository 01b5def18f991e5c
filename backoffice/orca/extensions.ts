// Further ORCA APIs mounted beside the reception subset, with the same operators and records.
// The cashier's incomev3 and the 明細書's statementv2 (backoffice/orca/income/) add their routes here.
import type { Route } from '../http/route';
import { incomeRoutes } from './income/routes';
import { statementRoutes } from './income/statement-routes';
import type { OrcaAccess } from './orca-routes';
import type { OrcaStore } from './orca-store';

export function orcaExtensionRoutes(orca: () => OrcaStore, access: OrcaAccess): Route[] {
  return [...incomeRoutes(orca, access), ...statementRoutes(orca, access)];
}
