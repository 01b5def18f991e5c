// The kiosk's call to the back office's payment desk (GET /v1/hospital/desk/{date}/payments), made
// with the kiosk's credential and the installation's staff key (the back office answers only staff
// holding the settlement role, at a kiosk registered to the hospital). The answer is validated with
// zod here; refusals keep the back office's kind, as the reception desk's client does.
import { DeskPaymentsResponse } from '../../../common/backoffice-api';
import { KioskError } from '../../../common/errors';
import type { BackOfficeClient } from '../sync/http-client';
import { parsedJson, typedError } from './desk-client';

/** Where the payment desk's figures come from (the back office; tests may bring another with the same shape). */
export interface PaymentsDeskSource {
  payments(date: string): Promise<DeskPaymentsResponse>;
}

export function createPaymentsDeskClient(http: BackOfficeClient): PaymentsDeskSource {
  return {
    async payments(date) {
      if (!http.staffKey) {
        throw new KioskError('backoffice.unauthenticated', 'no staff key is configured for this kiosk (backOffice.staffKey): the payment desk needs one with the settlement role');
      }
      const answer = await http.request('GET', `/v1/hospital/desk/${encodeURIComponent(date)}/payments`, undefined, { 'staff-key': http.staffKey });
      if (answer.status !== 200) throw typedError(answer);
      const parsed = DeskPaymentsResponse.safeParse(parsedJson(answer.body));
      if (!parsed.success) throw new KioskError('sync.rejected', `unexpected payment desk answer from the back office: ${parsed.error.issues[0]?.message ?? ''}`);
      return parsed.data;
    },
  };
}
