// Builds the OpenAPI 3.1 document from the route table and its zod schemas. backoffice/openapi.json
// is this output, committed; tests/integration/backoffice-openapi.test.ts fails when they differ.
// Regenerate with: node --import tsx backoffice/openapi.ts --write
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { Access } from './http/access';
import type { Route } from './http/route';
import { allRoutes } from './routes';
import type { BackOfficeContext } from './routes/context';
import { ErrorBody } from './schemas';

type Json = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid input (kind input.invalid)', 401: 'Not authenticated (auth.* or backoffice.unauthenticated)',
  403: 'Refused (backoffice.refused: details.reason kiosk_mismatch, kiosk_kind, staff_role or a registry rule; auth.unknown_holder)',
  429: 'Too many requests from this kiosk (backoffice.rate_limited, details.retryAfterSeconds)', 404: 'Not found (backoffice.not_found)',
  409: 'The reference already exists, made by an earlier request (backoffice.duplicate_reference)',
  413: 'Body larger than the route accepts (input.too_large)', 415: 'Body is not application/json (input.unsupported_media_type)',
  422: 'Idempotency-Key reused with a different body (idempotency.conflict)', 503: 'A dependency is unreachable (auth.revocation_unreachable)',
};

function schemaOf(s: z.ZodType, io: 'input' | 'output'): Json {
  const json = z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline',
    override: (c) => { delete (c.jsonSchema as Json).$schema; } }) as Json;
  delete json.$schema;
  return json;
}

/** Who may call: alternatives (the kiosk by certificate OR by key), each with the holder's or staff's credential. */
function securityOf(a: Access): Json {
  if (a.caller === 'anyone') return { security: [] };
  if (a.caller === 'orca-operator') return { security: [{ orcaOperator: [] }] };
  const extra = a.caller === 'holder' ? { holderSession: [] } : a.caller === 'staff' ? { staffKey: [] } : {};
  return {
    security: [{ kioskCertificate: [], ...extra }, { kioskKey: [], ...extra }],
    ...(a.caller === 'kiosk' && a.kinds ? { 'x-kiosk-kinds': a.kinds } : {}),
    ...(a.caller === 'staff' ? { 'x-staff-role': a.role } : {}),
  };
}

function operation(r: Route): Json {
  const success = r.successStatus ?? 200;
  const responses: Json = {
    [success]: { description: 'Success', content: { 'application/json': { schema: schemaOf(r.response, 'output') } } },
  };
  if (r.notModified) responses['304'] = { description: 'Not modified (If-None-Match matched the ETag)' };
  for (const status of new Set([400, ...(r.errors ?? []), ...(r.idempotency ? [422] : []), ...(r.body ? [413, 415] : []), ...(r.access.caller === 'anyone' ? [] : [401, 403])])) {
    responses[status] = { description: STATUS_TEXT[status] ?? 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  responses['500'] = { description: 'Server error; retry with back-off', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  const parameters: Json[] = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  if (r.idempotency) parameters.push({ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', minLength: 1, maxLength: 200 } });
  if (r.notModified) parameters.push({ name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } });
  return {
    operationId: r.operationId, summary: r.summary, tags: [r.tag],
    ...(parameters.length ? { parameters } : {}),
    ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(r.body, 'input') } } } } : {}),
    ...securityOf(r.access),
    responses,
  };
}

export function buildOpenApi(routes: readonly Route[]): Json {
  const paths: Record<string, Json> = {};
  for (const r of routes) (paths[r.path] ??= {})[r.method.toLowerCase()] = operation(r);
  return {
    openapi: '3.1.0',
    info: {
      title: 'madoguchi reference back office', version: '1',
      description: 'Holder authentication, resident registry, certificate requests, eligibility, hospital accounting, fleet and outbox sync for madoguchi kiosks. Errors are {kind, message, details}. Every request: a Host naming this server (else 421 input.unknown_host), no Origin but a configured one (else 403 backoffice.refused, reason origin_not_allowed), headers within 16 KiB (else 431 input.too_large), JSON nested at most 32 deep.',
    },
    servers: [{ url: 'http://127.0.0.1:8470' }],
    components: {
      schemas: { Error: schemaOf(ErrorBody, 'output') },
      securitySchemes: {
        kioskCertificate: { type: 'mutualTLS', description: 'The kiosk\'s TLS client certificate, registered to its kiosk id (by SHA-256 fingerprint). A kioskId in the path or body must be that kiosk\'s (else 403 kiosk_mismatch).' },
        kioskKey: { type: 'apiKey', in: 'header', name: 'Kiosk-Key', description: '<kioskId>:<key> registered for the kiosk; stands in for the certificate on a plain-HTTP loopback back office only.' },
        holderSession: { type: 'http', scheme: 'bearer', description: 'Token from POST /v1/auth/verify, valid only at the kiosk that asked for the challenge' },
        staffKey: { type: 'apiKey', in: 'header', name: 'Staff-Key', description: '<staffId>:<key> of staff holding the operation\'s role (x-staff-role)' },
        orcaOperator: { type: 'http', scheme: 'basic', description: 'An operator of the medical-accounting system (ORCA subset, tag orca): its own operators, from the credentials file (orcaOperators) or the demo\'s ormaster' },
      },
    },
    paths,
  };
}

/** The route table does not depend on live state, so a placeholder context documents it. */
export function documentedRoutes(): Route[] {
  const unused = new Proxy({}, { get: () => { throw new Error('documentation only'); } });
  return allRoutes({ store: unused, access: unused, auth: unused } as unknown as BackOfficeContext);
}

export const OPENAPI_PATH = new URL('./openapi.json', import.meta.url);

if (process.argv.includes('--write')) {
  writeFileSync(OPENAPI_PATH, JSON.stringify(buildOpenApi(documentedRoutes()), null, 2) + '\n');
  console.log(`wrote ${OPENAPI_PATH.pathname}`);
}
