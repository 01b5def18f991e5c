// The kiosk's call to the back office's reception desk (GET /v1/hospital/desk/{date}), made with the
// kiosk's credential and the installation's staff key (the back office answers only staff holding
// the reception role, at a kiosk registered to the hospital). The answer is validated with zod here;
// a refusal keeps the back office's kind (backoffice.refused with its reason, .unauthenticated), an
// unreachable or failing server is sync.unreachable.
import { z } from 'zod';
import { DeskResponse } from '../../../common/backoffice-api';
import { ERROR_KINDS, KioskError, type ErrorKind } from '../../../common/errors';
import type { BackOfficeClient, HttpAnswer } from '../sync/http-client';

export type DeskAnswer = z.infer<typeof DeskResponse>;

/** Where the desk's rows come from (the back office; tests may bring another with the same shape). */
export interface DeskSource {
  today(date: string): Promise<DeskAnswer>;
}

const ErrorAnswer = z.object({ kind: z.string(), message: z.string(), details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional() });

export function parsedJson(s: string): unknown {
  try { return JSON.parse(s); } catch { return undefined; }
}

export function typedError(answer: HttpAnswer): KioskError {
  if (answer.status >= 500) return new KioskError('sync.unreachable', `back office answered HTTP ${answer.status}`, { status: answer.status });
  const parsed = ErrorAnswer.safeParse(parsedJson(answer.body));
  if (!parsed.success) return new KioskError('sync.rejected', `HTTP ${answer.status}`);
  const kind = (parsed.data.kind in ERROR_KINDS ? parsed.data.kind : 'sync.rejected') as ErrorKind;
  return new KioskError(kind, parsed.data.message, parsed.data.details ?? {});
}

export function createDeskClient(http: BackOfficeClient): DeskSource {
  return {
    async today(date) {
      if (!http.staffKey) {
        throw new KioskError('backoffice.unauthenticated', 'no staff key is configured for this kiosk (backOffice.staffKey): the desk needs one with the reception role');
      }
      const answer = await http.request('GET', `/v1/hospital/desk/${encodeURIComponent(date)}`, undefined, { 'staff-key': http.staffKey });
      if (answer.status !== 200) throw typedError(answer);
      const parsed = DeskResponse.safeParse(parsedJson(answer.body));
      if (!parsed.success) throw new KioskError('sync.rejected', `unexpected desk answer from the back office: ${parsed.error.issues[0]?.message ?? ''}`);
      return parsed.data;
    },
  };
}
