// The kiosk's calls to the back office's certificate service (backoffice/certificates). Answers are
// validated with zod at this boundary; a refusal becomes KioskError 'issuance.refused' with the
// back office's reason and where-to-go, an unreachable or failing server 'sync.unreachable'.
import { z } from 'zod';
import { Catalog, IssuanceAnswer, ReprintAnswer, type IssuanceRequest } from '../../../common/backoffice-api';
import { KioskError, type ErrorKind, ERROR_KINDS } from '../../../common/errors';
import { backOfficeClientOf, type HttpAnswer } from '../sync/http-client';
import type { IssuanceDeps, RequestInput } from './types';

export type CatalogAnswerT = z.infer<typeof Catalog>;
export type AuthorizationAnswerT = z.infer<typeof IssuanceAnswer>;
export type ReprintAnswerT = z.infer<typeof ReprintAnswer>;

const ErrorAnswer = z.object({ kind: z.string(), message: z.string(), details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional() });

function typedError(answer: HttpAnswer): KioskError {
  if (answer.status >= 500) return new KioskError('sync.unreachable', `back office answered HTTP ${answer.status}`, { status: answer.status });
  const parsed = ErrorAnswer.safeParse(safeJson(answer.body));
  if (!parsed.success) return new KioskError('sync.rejected', `HTTP ${answer.status}`);
  const kind = (parsed.data.kind in ERROR_KINDS ? parsed.data.kind : 'sync.rejected') as ErrorKind;
  return new KioskError(kind, parsed.data.message, parsed.data.details ?? {});
}

function safeJson(s: string): unknown {
  try { return JSON.parse(s); } catch { return undefined; }
}

function parseOk<T>(schema: z.ZodType<T>, answer: HttpAnswer): T {
  if (answer.status < 200 || answer.status >= 300) throw typedError(answer);
  const parsed = schema.safeParse(safeJson(answer.body));
  if (!parsed.success) throw new KioskError('sync.rejected', `unexpected answer from the back office: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

export function createCertificateClient(deps: Pick<IssuanceDeps, 'backOffice' | 'kioskId'>) {
  const http = backOfficeClientOf(deps.backOffice);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  return {
    async catalog(holderToken: string): Promise<CatalogAnswerT> {
      return parseOk(Catalog, await http.request('GET', '/v1/certificates/catalog', undefined, bearer(holderToken)));
    },
    /** Idempotent by requestId: a retry after a lost answer gets the same issuance, never a second. */
    async authorize(requestId: string, input: RequestInput): Promise<AuthorizationAnswerT> {
      const body: IssuanceRequest = { kioskId: deps.kioskId, requestId, type: input.type, scope: input.scope, memberIds: input.memberIds ?? [],
        options: input.options, ...(input.layout ? { layout: input.layout } : {}), copies: input.copies };
      return parseOk(IssuanceAnswer, await http.request('POST', '/v1/certificates/issuances', body, { ...bearer(input.holderToken), 'idempotency-key': requestId }));
    },
    /** A fresh document for a held issuance (staff confirmed nothing usable came out). Idempotent by reprintId. */
    async reprint(issuanceId: string, r: { requestId: string; reprintId: string; staffNote: string }): Promise<ReprintAnswerT> {
      const body = { kioskId: deps.kioskId, requestId: r.requestId, reprintId: r.reprintId, staffNote: r.staffNote };
      // A reprint is staff's decision: the back office takes it only with a staff credential holding the reprint role.
      const staff: Record<string, string> = http.staffKey ? { 'staff-key': http.staffKey } : {};
      return parseOk(ReprintAnswer, await http.request('POST', `/v1/certificates/issuances/${encodeURIComponent(issuanceId)}/reprints`, body, { ...staff, 'idempotency-key': r.reprintId }));
    },
    close: () => http.close(),
  };
}
