// The kiosk's calls to the back office's card-linked payment accounts
// (backoffice/hospital-payments/routes.ts), made with the kiosk's own credential over the same client
// as its other back-office calls (sync/http-client.ts). Answers are validated with zod here.
// Failures: an unreachable or failing (5xx) back office is 'sync.unreachable'; no link is
// 'billing.not_linked'; a refusal keeps the back office's kind (backoffice.refused with its reason,
// backoffice.duplicate_reference, backoffice.unauthenticated, input.invalid).
// No card number ever passes here: a token, a brand and 4 digits.
import { z } from 'zod';
import {
  LinkedAccount, LinkedChargeLookupResponse, LinkedChargeResponse, PaymentLinkResponse,
} from '../../../common/backoffice-api/billing';
import { ERROR_KINDS, KioskError, type ErrorKind } from '../../../common/errors';
import type { BackOfficeClient, HttpAnswer } from '../sync/http-client';
import type { PaymentLinks } from './ports';

export type LinkedCharge = z.infer<typeof LinkedChargeResponse>;
export type LinkedChargeLookup = z.infer<typeof LinkedChargeLookupResponse>;

/** PaymentLinks (the screen's link / unlink) and the charges the linked account makes. */
export interface PaymentLinksClient extends PaymentLinks {
  /** Idempotent by reference: the same reference and amount answer the first answer, never a second charge. */
  charge(patientId: string, c: { reference: string; amount: number; invoiceNumber: string }): Promise<LinkedCharge>;
  /** The charge made under this reference at this kiosk's hospital; null when none was made. */
  findCharge(reference: string): Promise<LinkedChargeLookup | null>;
  /** Idempotent by refundRef; never more than the charge less earlier refunds (backoffice.refused exceeds_charge). */
  refund(patientId: string, reference: string, r: { refundRef: string; amount: number }): Promise<LinkedCharge>;
}

const ErrorAnswer = z.object({ kind: z.string(), message: z.string(), details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional() });

function parsedJson(s: string): unknown {
  try { return JSON.parse(s); } catch { return undefined; }
}

function typedError(answer: HttpAnswer): KioskError {
  if (answer.status >= 500) return new KioskError('sync.unreachable', `back office answered HTTP ${answer.status}`, { status: answer.status });
  const parsed = ErrorAnswer.safeParse(parsedJson(answer.body));
  if (!parsed.success) return new KioskError('sync.rejected', `HTTP ${answer.status}`);
  if (parsed.data.details?.reason === 'not_linked') return new KioskError('billing.not_linked');
  const kind = (parsed.data.kind in ERROR_KINDS ? parsed.data.kind : 'sync.rejected') as ErrorKind;
  return new KioskError(kind, parsed.data.message, parsed.data.details ?? {});
}

function answerOf<S extends z.ZodType>(answer: HttpAnswer, schema: S): z.infer<S> {
  if (answer.status !== 200) throw typedError(answer);
  const parsed = schema.safeParse(parsedJson(answer.body));
  if (!parsed.success) throw new KioskError('sync.rejected', `unexpected payment-link answer from the back office: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

export function createPaymentLinksClient(http: BackOfficeClient): PaymentLinksClient {
  const linkPath = (patientId: string) => `/v1/hospital/payment-links/${encodeURIComponent(patientId)}`;
  return {
    async get(patientId) {
      const a = answerOf(await http.request('GET', linkPath(patientId)), PaymentLinkResponse);
      return a.linked && a.account ? a.account : null;
    },
    async link(patientId, token, account) {
      const body = { token, account: LinkedAccount.parse(account) };
      const a = answerOf(await http.request('PUT', linkPath(patientId), body), PaymentLinkResponse);
      return a.linked && a.account ? { status: 'linked', account: a.account } : { status: 'unlinked' };
    },
    async unlink(patientId) {
      answerOf(await http.request('DELETE', linkPath(patientId)), PaymentLinkResponse);
      return { status: 'unlinked' };
    },
    async charge(patientId, c) {
      return answerOf(await http.request('POST', `${linkPath(patientId)}/charges`, c), LinkedChargeResponse);
    },
    async findCharge(reference) {
      const answer = await http.request('GET', `/v1/hospital/payment-charges/${encodeURIComponent(reference)}`);
      if (answer.status === 404) return null;
      return answerOf(answer, LinkedChargeLookupResponse);
    },
    async refund(patientId, reference, r) {
      return answerOf(await http.request('POST', `${linkPath(patientId)}/charges/${encodeURIComponent(reference)}/refunds`, r), LinkedChargeResponse);
    },
  };
}
