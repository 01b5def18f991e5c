// Hospital side: eligibility confirmation answered in the オンライン資格確認 result shape (field
// names and code values of kiosk-domain.md §3.3), and the accounting records a reception kiosk
// produces (receptions, bills, payments). Payments require an Idempotency-Key: money twice is a bug.
// Only hospital kiosks call these; a reception, its bill and its payments belong to the kiosk that
// took the reception, and to every other kiosk they do not exist (404). The number-based check is
// rate-limited per kiosk and audited, and answers only the qualification, never who the person is:
// the caller already has the numbers and the birth date, and a name would turn a guessed birth date
// into an identity.
import { KioskError } from '../../common/errors';
import type { Principal } from '../http/access';
import { route } from '../http/route';
import {
  BillRequest, BillResponse, EligibilityRequest, EligibilityResponse, PaymentRequest, ReceptionRequest, ReceptionResponse,
} from '../schemas';
import type { InsuranceRow, ResidentRow } from '../storage/store';
import type { BackOfficeContext } from './context';
import { recordReceptionForDesk } from './desk-events';

/** Number-based checks a kiosk may make: per minute (a queue at reception) and per hour (all day). */
export const NUMBER_CHECK_LIMITS = [{ windowMs: 60_000, max: 10 }, { windowMs: 3_600_000, max: 120 }] as const;

function qualification(ins: InsuranceRow | undefined, person: ResidentRow | undefined) {
  if (!ins) return { QualificationValidity: '4' as const };
  return {
    QualificationValidity: ins.valid ? '1' as const : '2' as const,
    InsuredCardClassification: ins.cardClassification,
    InsurerNumber: ins.insurerNumber, InsurerName: ins.insurerName,
    InsuredCardSymbol: ins.symbol, InsuredIdentificationNumber: ins.number, InsuredBranchNumber: ins.branch,
    PersonalFamilyClassification: ins.personalFamily,
    ...(person ? { Name: person.name, NameKana: person.nameKana, Sex1: (person.sex === '9' ? '3' : person.sex) as '1' | '2' | '3', Birthdate: person.dob } : {}),
    QualificationDate: ins.qualificationDate,
    InsuredPartialContributionRatio: ins.contributionRatio,
    ...(ins.limitFlag ? { LimitApplicationCertificateRelatedInfo: { LimitApplicationCertificateClassificationFlag: ins.limitFlag } } : {}),
  };
}

/** A reference made by an earlier request (under another Idempotency-Key): a 409, never a constraint error. */
function duplicate(field: string): KioskError {
  return new KioskError('backoffice.duplicate_reference', `${field} already exists; a retry must reuse its first Idempotency-Key`, { field });
}

function bill(b: { billRef: string; receptionRef: string; copayYen: number; paidYen: number }) {
  return { ...b, state: b.paidYen >= b.copayYen ? 'paid' as const : 'open' as const };
}

export function hospitalRoutes(ctx: BackOfficeContext) {
  const { store } = ctx;
  const ownReception = async (receptionRef: string, p: Principal) => p.caller === 'kiosk' && (await store.getReception(receptionRef))?.kioskId === p.kiosk.kioskId;
  return [
    route({
      method: 'POST', path: '/v1/eligibility/confirm', operationId: 'confirmEligibility', tag: 'hospital', access: { caller: 'holder' },
      summary: 'Eligibility of the signed-in card holder (ReferenceClassification 1 マイナンバーカード)',
      body: EligibilityRequest, response: EligibilityResponse, errors: [401],
      handler: async ({ residentId }) => {
        const person = await store.getResident(residentId!);
        return { body: { SegmentOfResult: '1' as const, ProcessingResultStatus: '1' as const, ReferenceClassification: '1' as const,
          ResultOfQualificationConfirmation: qualification(await store.insuranceOf(residentId!), person) } };
      },
    }),
    route({
      method: 'POST', path: '/v1/eligibility/confirm-by-numbers', operationId: 'confirmEligibilityByNumbers', tag: 'hospital',
      access: { caller: 'kiosk', kinds: ['hospital'] },
      summary: 'Eligibility by 保険者番号・記号・番号・生年月日 (ReferenceClassification 2 被保険者証情報): the qualification only, no name, kana, sex or birth date; audited, at most 10 a minute and 120 an hour per kiosk',
      body: EligibilityRequest, response: EligibilityResponse, errors: [401, 403, 429],
      handler: async ({ body, now }) => {
        if (!body.insurerNumber || !body.insuredIdentificationNumber || !body.birthdate) {
          throw new KioskError('input.invalid', 'insurerNumber, insuredIdentificationNumber and birthdate are required', { field: 'insurerNumber' });
        }
        // Counted and recorded before anything is looked up (an attempt that fails later still counts).
        const slot = await ctx.access.startEligibilityCheck({ kioskId: body.kioskId, at: now, medicalInstitutionCode: body.medicalInstitutionCode,
          insurerNumber: body.insurerNumber }, NUMBER_CHECK_LIMITS);
        if ('over' in slot) {
          throw new KioskError('backoffice.rate_limited', `at most ${slot.over.max} number-based checks per ${slot.over.windowMs / 60_000} min for a kiosk`,
            { retryAfterSeconds: slot.over.windowMs / 1000 });
        }
        const ins = await store.insuranceByNumbers(body.insurerNumber, body.insuredCardSymbol ?? '', body.insuredIdentificationNumber);
        const person = ins ? await store.getResident(ins.residentId) : undefined;
        // A birthdate that does not match is answered like the real service: 該当資格なし.
        const matches = ins && person && person.dob === body.birthdate;
        const result = qualification(matches ? ins : undefined, undefined);
        await ctx.access.settleEligibilityCheck(slot.id, result.QualificationValidity);
        return { body: { SegmentOfResult: '1' as const, ProcessingResultStatus: '1' as const, ReferenceClassification: '2' as const,
          ResultOfQualificationConfirmation: result } };
      },
    }),
    route({
      method: 'POST', path: '/v1/hospital/receptions', operationId: 'createReception', tag: 'hospital', access: { caller: 'kiosk', kinds: ['hospital'] },
      summary: 'Record a reception (受付)', body: ReceptionRequest, response: ReceptionResponse, idempotency: 'required', successStatus: 201, errors: [409, 422],
      handler: async ({ body, now }) => {
        if (await store.getReception(body.receptionRef)) throw duplicate('receptionRef');
        await store.transaction(async () => {
          await store.putReception({ receptionRef: body.receptionRef, patientRef: body.patientRef, department: body.department, kioskId: body.kioskId, receivedAt: now });
          // The desk reads what kiosks report about visits as their events (routes/desk.ts): a
          // reception posted here is recorded as the event the outbox would have sent.
          await recordReceptionForDesk(store, body, now);
        });
        return { status: 201, body: { receptionRef: body.receptionRef, patientRef: body.patientRef, department: body.department, receivedAt: new Date(now).toISOString() } };
      },
    }),
    route({
      method: 'POST', path: '/v1/hospital/bills', operationId: 'createBill', tag: 'hospital', access: { caller: 'kiosk', kinds: ['hospital'] },
      summary: 'Record the bill of a reception (from the レセコン)', body: BillRequest, response: BillResponse, idempotency: 'required', successStatus: 201, errors: [404, 409, 422],
      handler: async ({ body, principal }) => {
        if (!(await ownReception(body.receptionRef, principal))) throw new KioskError('backoffice.not_found', 'unknown reception', { field: 'receptionRef' });
        if (await store.getBill(body.billRef)) throw duplicate('billRef');
        await store.putBill({ billRef: body.billRef, receptionRef: body.receptionRef, totalYen: body.totalPointsYen, copayYen: body.copayYen });
        return { status: 201, body: bill((await store.getBill(body.billRef))!) };
      },
    }),
    route({
      method: 'GET', path: '/v1/hospital/bills/{billRef}', operationId: 'getBill', tag: 'hospital', access: { caller: 'kiosk', kinds: ['hospital'] },
      summary: 'A bill and what has been paid', response: BillResponse, errors: [404],
      handler: async ({ params, principal }) => {
        const b = await store.getBill(params.billRef!);
        if (!b || !(await ownReception(b.receptionRef, principal))) throw new KioskError('backoffice.not_found', 'unknown bill', { field: 'billRef' });
        return { body: bill(b) };
      },
    }),
    route({
      method: 'POST', path: '/v1/hospital/payments', operationId: 'recordPayment', tag: 'hospital', access: { caller: 'kiosk', kinds: ['hospital'] },
      summary: 'Record a payment against a bill (never more than what is owed)', body: PaymentRequest, response: BillResponse,
      idempotency: 'required', successStatus: 201, errors: [403, 404, 409, 422],
      handler: async ({ body, now, principal }) => {
        const updated = await store.transaction(async () => {
          const b = await store.getBill(body.billRef);
          if (!b || !(await ownReception(b.receptionRef, principal))) throw new KioskError('backoffice.not_found', 'unknown bill', { field: 'billRef' });
          if (await store.hasPayment(body.paymentRef)) throw duplicate('paymentRef');
          if (b.paidYen + body.amountYen > b.copayYen) throw new KioskError('backoffice.refused', 'payment exceeds the amount owed', { reason: 'overpayment', field: 'amountYen' });
          await store.addPayment({ ...body, paidAt: now });
          return (await store.getBill(body.billRef))!;
        });
        return { status: 201, body: bill(updated) };
      },
    }),
  ];
}
