// The card-linked payment of a hospital's patients (issue: pay with the My Number Card alone):
// PUT/GET/DELETE /v1/hospital/payment-links/{patientRef} — the account linked to a patient, made at a
// kiosk after the card's signature and PIN with the card terminal's token; POST …/charges — a charge
// to it, idempotent by the kiosk's reference (the same reference and amount answer the first answer,
// never a second charge; the same reference with another amount or bill is a 409); POST
// …/charges/{reference}/refunds — money back, idempotent by refundRef, never above the charge;
// GET /v1/hospital/payment-charges/{reference} — a charge by the kiosk's reference alone (a restarted
// kiosk's device lookup: it knows the payment's reference, not always the patient).
// Caller: a registered kiosk, checked first (http/access.ts), and registered to a hospital (its
// 医療機関コード): the hospital is the kiosk's, never one the request names, so a kiosk of another
// hospital finds no link and no charge of this one (404, as if none existed).
// No names and no card numbers here: a patient is their patient ID, an account its brand and last 4.
import { KioskError } from '../../common/errors';
import { LinkedChargeLookupResponse, LinkedChargeRequest, LinkedChargeResponse, LinkedRefundRequest, PatientRef, PaymentLinkRequest, PaymentLinkResponse } from '../../common/backoffice-api/billing';
import type { Principal } from '../http/access';
import { route } from '../http/route';
import { normalizePatientId } from '../orca/orca-store';
import type { BackOfficeContext } from '../routes/context';
import type { LinkedChargeRow } from './links-store';

const BASE = '/v1/hospital/payment-links/{patientRef}';

function chargeView(c: LinkedChargeRow) {
  return {
    reference: c.reference, status: c.status, amount: c.amount, refunded: c.refunded,
    ...(c.reason ? { reason: c.reason } : {}), ...(c.approvalCode ? { approvalCode: c.approvalCode } : {}),
  };
}

export function hospitalPaymentRoutes(ctx: BackOfficeContext) {
  const links = () => {
    if (!ctx.paymentLinks) throw new KioskError('backoffice.not_found', 'card-linked payment is not offered by this back office');
    return ctx.paymentLinks;
  };
  /** The calling kiosk's hospital: the operator's registration, never what the request names. */
  async function hospitalOf(principal: Principal): Promise<string> {
    const kiosk = principal.caller === 'kiosk' ? await ctx.access.kiosk(principal.kiosk.kioskId) : undefined;
    const institution = kiosk?.medicalInstitutionCode ?? null;
    if (!institution) throw new KioskError('backoffice.refused', 'payment links are kept only for a kiosk registered to a hospital', { reason: 'not_hospital_kiosk' });
    return institution;
  }
  /** The hospital and the patient named in the path (ORCA's layout: "12" is "00012"). */
  async function scope(principal: Principal, params: Record<string, string>): Promise<{ institution: string; patientId: string }> {
    const institution = await hospitalOf(principal);
    if (!PatientRef.safeParse(params.patientRef).success) throw new KioskError('input.invalid', 'patientRef must be the hospital\'s patient ID (digits)', { field: 'patientRef' });
    return { institution, patientId: normalizePatientId(params.patientRef!) };
  }
  const kioskIdOf = (p: Principal) => (p.caller === 'kiosk' ? p.kiosk.kioskId : '');
  const access = { caller: 'kiosk' as const };

  return [
    route({
      method: 'PUT', path: BASE, operationId: 'putPaymentLink', tag: 'hospital', access,
      summary: 'Link a payment account (the acquirer\'s token from the card terminal) to a patient of the calling kiosk\'s hospital; replaces an earlier link',
      body: PaymentLinkRequest, response: PaymentLinkResponse, errors: [401, 403],
      handler: async ({ params, body, principal, now }) => {
        const { institution, patientId } = await scope(principal, params);
        const { store, acquirer } = links();
        if (!acquirer.knows(body.token, body.account)) throw new KioskError('input.invalid', 'the token is not one the acquirer issued for this account', { field: 'token' });
        await store.putLink({ institution, patientId, token: body.token, brand: body.account.brand, last4: body.account.last4, linkedAt: now, kioskId: kioskIdOf(principal) });
        return { body: { linked: true, account: body.account } };
      },
    }),
    route({
      method: 'GET', path: BASE, operationId: 'getPaymentLink', tag: 'hospital', access,
      summary: 'The account linked to a patient of the calling kiosk\'s hospital (brand and last 4 only), or linked: false',
      response: PaymentLinkResponse, errors: [401, 403],
      handler: async ({ params, principal }) => {
        const { institution, patientId } = await scope(principal, params);
        const link = await links().store.link(institution, patientId);
        return { body: link ? { linked: true, account: { brand: link.brand, last4: link.last4 } } : { linked: false } };
      },
    }),
    route({
      method: 'DELETE', path: BASE, operationId: 'deletePaymentLink', tag: 'hospital', access,
      summary: 'Unlink the patient\'s payment account (the token is forgotten); unlinking twice answers the same',
      response: PaymentLinkResponse, errors: [401, 403],
      handler: async ({ params, principal }) => {
        const { institution, patientId } = await scope(principal, params);
        await links().store.deleteLink(institution, patientId);
        return { body: { linked: false } };
      },
    }),
    route({
      method: 'POST', path: `${BASE}/charges`, operationId: 'chargePaymentLink', tag: 'hospital', access,
      summary: 'Charge the linked account, idempotent by reference: the same reference and amount answer the first answer (approved or declined) without a second charge; the reference with another amount or bill is a 409; no link is a 404',
      body: LinkedChargeRequest, response: LinkedChargeResponse, errors: [401, 403, 404, 409],
      handler: async ({ params, body, principal, now }) => {
        const { institution, patientId } = await scope(principal, params);
        const { store, acquirer } = links();
        // Exclusive per reference: two retries arriving together cannot both reach the acquirer.
        const charge = await store.exclusive(`${institution}\u0000${body.reference}`, async () => {
          const earlier = await store.charge(institution, body.reference);
          if (earlier) {
            if (earlier.amount === body.amount && earlier.patientId === patientId && earlier.invoiceNumber === body.invoiceNumber) return earlier;
            throw new KioskError('backoffice.duplicate_reference', 'this reference was charged for another amount or bill; a new payment needs a new reference', { field: 'reference' });
          }
          const link = await store.link(institution, patientId);
          if (!link) throw new KioskError('backoffice.not_found', 'no payment account is linked to this patient', { field: 'patientRef', reason: 'not_linked' });
          const answer = acquirer.charge(link.token, body.amount, body.reference);
          const row: LinkedChargeRow = {
            institution, reference: body.reference, patientId, invoiceNumber: body.invoiceNumber, amount: body.amount, status: answer.status,
            reason: answer.status === 'declined' ? answer.reason : null, approvalCode: answer.status === 'approved' ? answer.approvalCode : null,
            refunded: 0, at: now, kioskId: kioskIdOf(principal),
          };
          await store.putCharge(row);
          return row;
        });
        return { body: chargeView(charge) };
      },
    }),
    route({
      method: 'POST', path: `${BASE}/charges/{reference}/refunds`, operationId: 'refundPaymentLinkCharge', tag: 'hospital', access,
      summary: 'Give back part or all of an approved charge, idempotent by refundRef (the same refundRef and amount answer again without a second refund); never more than the charge less earlier refunds (403 exceeds_charge)',
      body: LinkedRefundRequest, response: LinkedChargeResponse, errors: [401, 403, 404, 409],
      handler: async ({ params, body, principal, now }) => {
        const { institution, patientId } = await scope(principal, params);
        const { store } = links();
        // The charge's own key: its refunds and a late retry of the charge never interleave.
        const charge = await store.exclusive(`${institution}\u0000${params.reference!}`, async () => {
          const c = await store.charge(institution, params.reference!);
          if (!c || c.patientId !== patientId) throw new KioskError('backoffice.not_found', 'no charge with this reference for this patient', { field: 'reference' });
          const earlier = await store.refund(institution, body.refundRef);
          if (earlier) {
            if (earlier.reference === c.reference && earlier.amount === body.amount) return c;
            throw new KioskError('backoffice.duplicate_reference', 'this refundRef was used for another refund', { field: 'refundRef' });
          }
          if (c.status !== 'approved') throw new KioskError('backoffice.refused', 'a declined charge took nothing to give back', { reason: 'not_charged' });
          if (body.amount > c.amount - c.refunded) {
            throw new KioskError('backoffice.refused', `at most ¥${c.amount - c.refunded} of this charge is left to give back`, { reason: 'exceeds_charge', field: 'amount' });
          }
          await store.addRefund({ institution, refundRef: body.refundRef, reference: c.reference, amount: body.amount, at: now });
          return (await store.charge(institution, c.reference))!;
        });
        return { body: chargeView(charge) };
      },
    }),
    route({
      method: 'GET', path: '/v1/hospital/payment-charges/{reference}', operationId: 'getPaymentLinkCharge', tag: 'hospital', access,
      summary: 'A charge to a linked account by the kiosk\'s reference (for a restarted kiosk), with its patient ID; none of the calling kiosk\'s hospital: 404',
      response: LinkedChargeLookupResponse, errors: [401, 403, 404],
      handler: async ({ params, principal }) => {
        const institution = await hospitalOf(principal);
        const c = await links().store.charge(institution, params.reference!);
        if (!c) throw new KioskError('backoffice.not_found', 'no charge with this reference', { field: 'reference' });
        return { body: { ...chargeView(c), patientRef: c.patientId } };
      },
    }),
  ];
}
