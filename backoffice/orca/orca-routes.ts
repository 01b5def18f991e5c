// The ORCA subset reception needs, at ORCA's own paths and again under WebORCA's `/api` prefix, so a
// kiosk configured for a real ORCA (on-premises or WebORCA) talks to this one unchanged. Operators
// sign in with Basic auth against the accounting system's own list (access 'orca-operator'); the
// answers are ORCA's JSON (format=json; xml2 is not implemented).
import { KioskError } from '../../common/errors';
import type { Access } from '../http/access';
import { route, type Route } from '../http/route';
import type { BackOfficeContext } from '../routes/context';
import { orcaExtensionRoutes } from './extensions';
import { acceptList, acceptMod } from './orca-accept';
import { patientGet, patientMod } from './orca-patient';
import type { OrcaStore } from './orca-store';
import { AcceptLstAnswer, AcceptLstBody, AcceptModAnswer, AcceptModBody, PatientGetAnswer, PatientModAnswer, PatientModBody } from './orca-wire';

export type OrcaAccess = Extract<Access, { caller: 'orca-operator' }>;

/** Only JSON is spoken here; ORCA's default xml2 is refused with a clear message, never misread. */
function jsonOnly(query: Record<string, string>): void {
  if (query.format !== undefined && query.format !== 'json') {
    throw new KioskError('input.invalid', 'only format=json is implemented by this accounting system (not xml2)', { field: 'format' });
  }
}

const WEBORCA = '/api';

export function orcaRoutes(ctx: BackOfficeContext): Route[] {
  // The route table is built without live state (openapi.ts); the store is looked up per request.
  const orca = (): OrcaStore => {
    if (!ctx.orca) throw new KioskError('internal', 'the accounting system is not mounted');
    return ctx.orca;
  };
  const access: OrcaAccess = { caller: 'orca-operator', check: (id, password) => orca().checkOperator(id, password) };
  const both = (make: (prefix: string, suffix: string) => Route): Route[] => [make('', ''), make(WEBORCA, 'WebOrca')];
  const tag = 'orca';
  return [
    ...both((p, s) => route({
      method: 'GET', path: `${p}/api01rv2/patientgetv2`, operationId: `orcaPatientGet${s}`, tag, access, errors: [401],
      summary: 'ORCA 患者情報取得 (?id=<Patient_ID>&format=json): the patient with insurance combinations padded to 30',
      response: PatientGetAnswer,
      handler: ({ query, now }) => { jsonOnly(query); return { body: patientGet(orca(), query, now) }; },
    })),
    ...both((p, s) => route({
      method: 'POST', path: `${p}/api01rv2/patientgetv2`, operationId: `orcaPatientGetByPost${s}`, tag, access, errors: [401],
      summary: 'ORCA 患者情報取得 by POST (?id=<Patient_ID>&format=json), for servers that close the GET form',
      response: PatientGetAnswer,
      handler: ({ query, now }) => { jsonOnly(query); return { body: patientGet(orca(), query, now) }; },
    })),
    ...both((p, s) => route({
      method: 'POST', path: `${p}/orca12/patientmodv2`, operationId: `orcaPatientMod${s}`, tag, access, errors: [401],
      summary: 'ORCA 患者登録 (?class=01): Patient_ID "*" numbers the patient; 同一患者 (same name, sex, birth date) registers with warning K0',
      body: PatientModBody, response: PatientModAnswer,
      handler: ({ query, body, now }) => { jsonOnly(query); return { body: patientMod(orca(), query, body.patientmodreq, now) }; },
    })),
    ...both((p, s) => route({
      method: 'POST', path: `${p}/orca11/acceptmodv2`, operationId: `orcaAcceptMod${s}`, tag, access, errors: [401],
      summary: 'ORCA 受付 (Request_Number 01 register, 02 cancel, 00 照会): 16 already received today, 90 patient open on another terminal',
      body: AcceptModBody, response: AcceptModAnswer,
      handler: ({ query, body, now }) => { jsonOnly(query); return { body: acceptMod(orca(), query, body.acceptreq, now) }; },
    })),
    ...both((p, s) => route({
      method: 'POST', path: `${p}/api01rv2/acceptlstv2`, operationId: `orcaAcceptList${s}`, tag, access, errors: [401],
      summary: 'ORCA 受付一覧 (?class=01 waiting to pay, 02 paid, 03 all): 21 when there is none',
      body: AcceptLstBody, response: AcceptLstAnswer,
      handler: ({ query, body, now }) => { jsonOnly(query); return { body: acceptList(orca(), query, body.acceptlstreq, now) }; },
    })),
    ...orcaExtensionRoutes(orca, access),
  ];
}
