// incomev3 at ORCA's path and under WebORCA's `/api` prefix, with the accounting system's operators
// (Basic auth, as the reception subset beside it).
import { KioskError } from '../../../common/errors';
import { route, type Route } from '../../http/route';
import type { OrcaAccess } from '../orca-routes';
import type { OrcaStore } from '../orca-store';
import { incomeV3 } from './incomev3';
import { IncomeAnswer, IncomeBody } from './wire';

export function incomeRoutes(orca: () => OrcaStore, access: OrcaAccess): Route[] {
  return (['', '/api'] as const).map((prefix) => route({
    method: 'POST', path: `${prefix}/orca23/incomev3`, operationId: prefix ? 'orcaIncomeWebOrca' : 'orcaIncome', tag: 'orca', access, errors: [401],
    summary: 'ORCA 収納 (incomev3): 01 請求一覧/請求確認 (locks the patient: Orca_Uid), 02 入金/返金/再発行, 99 unlock; E1038 held elsewhere, E0107 overpayment',
    body: IncomeBody, response: IncomeAnswer,
    handler: ({ query, body, now }) => {
      if (query.format !== undefined && query.format !== 'json') {
        throw new KioskError('input.invalid', 'only format=json is implemented by this accounting system (not xml2)', { field: 'format' });
      }
      return { body: incomeV3(orca(), body.incomev3req, now) };
    },
  }));
}
