// statementv2 (the 明細書's items) at ORCA's path and under WebORCA's `/api` prefix, with the accounting
// system's operators (Basic auth), as incomev3 beside it.
import { KioskError } from '../../../common/errors';
import { route, type Route } from '../../http/route';
import type { OrcaAccess } from '../orca-routes';
import type { OrcaStore } from '../orca-store';
import { StatementAnswer, StatementBody, statementV2 } from './statement';

export function statementRoutes(orca: () => OrcaStore, access: OrcaAccess): Route[] {
  return (['', '/api'] as const).map((prefix) => route({
    method: 'POST', path: `${prefix}/api01rv2/statementv2`, operationId: prefix ? 'orcaStatementWebOrca' : 'orcaStatement', tag: 'orca', access, errors: [401],
    summary: 'ORCA 診療費明細書 (statementv2, JSON subset): the items of one bill (伝票番号) as billed, with its 保険外 lines',
    body: StatementBody, response: StatementAnswer,
    handler: ({ query, body, now }) => {
      if (query.format !== undefined && query.format !== 'json') {
        throw new KioskError('input.invalid', 'only format=json is implemented by this accounting system (not xml2 or PDF)', { field: 'format' });
      }
      return { body: statementV2(orca(), body.statementv2req, now) };
    },
  }));
}
