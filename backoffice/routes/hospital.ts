// Hospital side: eligibility confirmation answered in the オンライン資格確認 result shape (field
// names and code values of kiosk-domain.md §3.3), and the accounting records a reception kiosk
// produces (receptions, bills, payments). Payments require an Idempotency-Key: money twice is a bug.
import { KioskError } from '../../common/errors';
import { route } from '../http/route';
import {
  BillRequest, BillResponse, EligibilityRequest, EligibilityResponse, PaymentRequest, ReceptionRequest, ReceptionResponse,
} from '../schemas';
import type { InsuranceRow, ResidentRow } from '../storage/store';
import type { BackOfficeContext } from './context';

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

function bill(b: { billRef: string; receptionRef: string; copayYen: number; paidYen: number }) {
  return { ...b, state: b.paidYen >= b.copayYen ? 'paid' as const : 'open' as const };
}

export function hospitalRoutes(ctx: BackOfficeContext) {
  const { store } = ctx;
  return [
    route({
      method: 'POST', path: '/v1/eligibility/confirm', operationId: 'confirmEligibility', tag: 'hospital', session: true,
      summary: 'Eligibility of the signed-in card holder (ReferenceClassification 1 マイナンバーカード)',
      body: EligibilityRequest, response: EligibilityResponse, errors: [401],
      handler: ({ residentId }) => {
        const person = store.getResident(residentId!);
        return { body: { SegmentOfResult: '1' as const, ProcessingResultStatus: '1' as const, ReferenceClassification: '1' as const,
          ResultOfQualificationConfirmation: qualification(store.insuranceOf(residentId!), person) } };
      },
    }),
    route({
      method: 'POST', path: '/v1/eligibility/confirm-by-numbers', operationId: 'confirmEligibilityByNumbers', tag: 'hospital',
      summary: 'Eligibility by 保険者番号・記号・番号・生年月日 (ReferenceClassification 2 被保険者証情報)',
      body: EligibilityRequest, response: EligibilityResponse, errors: [400],
      handler: ({ body }) => {
        if (!body.insurerNumber || !body.insuredIdentificationNumber || !body.birthdate) {
          throw new KioskError('input.invalid', 'insurerNumber, insuredIdentificationNumber and birthdate are required', { field: 'insurerNumber' });
        }
        const ins = store.insuranceByNumbers(body.insurerNumber, body.insuredCardSymbol ?? '', body.insuredIdentificationNumber);
        const person = ins ? store.getResident(ins.residentId) : undefined;
        // A birthdate that does not match is answered like the real service: 該当資格なし.
        const matches = ins && person && person.dob === body.birthdate;
        return { body: { SegmentOfResult: '1' as const, ProcessingResultStatus: '1' as const, ReferenceClassification: '2' as const,
          ResultOfQualificationConfirmation: qualification(matches ? ins : undefined, matches ? person : undefined) } };
      },
    }),
    route({
      method: 'POST', path: '/v1/hospital/receptions', operationId: 'createReception', tag: 'hospital',
      summary: 'Record a reception (受付)', body: ReceptionRequest, response: ReceptionResponse, idempotency: 'required', successStatus: 201, errors: [422],
      handler: ({ body, now }) => {
        store.putReception({ ...body, receivedAt: now });
        return { status: 201, body: { receptionRef: body.receptionRef, patientRef: body.patientRef, department: body.department, receivedAt: new Date(now).toISOString() } };
      },
    }),
    route({
      method: 'POST', path: '/v1/hospital/bills', operationId: 'createBill', tag: 'hospital',
      summary: 'Record the bill of a reception (from the レセコン)', body: BillRequest, response: BillResponse, idempotency: 'required', successStatus: 201, errors: [404, 422],
      handler: ({ body }) => {
        if (!store.getReception(body.receptionRef)) throw new KioskError('backoffice.not_found', 'unknown reception', { field: 'receptionRef' });
        store.putBill({ billRef: body.billRef, receptionRef: body.receptionRef, totalYen: body.totalPointsYen, copayYen: body.copayYen });
        return { status: 201, body: bill(store.getBill(body.billRef)!) };
      },
    }),
    route({
      method: 'GET', path: '/v1/hospital/bills/{billRef}', operationId: 'getBill', tag: 'hospital',
      summary: 'A bill and what has been paid', response: BillResponse, errors: [404],
      handler: ({ params }) => {
        const b = store.getBill(params.billRef!);
        if (!b) throw new KioskError('backoffice.not_found', 'unknown bill', { field: 'billRef' });
        return { body: bill(b) };
      },
    }),
    route({
      method: 'POST', path: '/v1/hospital/payments', operationId: 'recordPayment', tag: 'hospital',
      summary: 'Record a payment against a bill (never more than what is owed)', body: PaymentRequest, response: BillResponse,
      idempotency: 'required', successStatus: 201, errors: [403, 404, 422],
      handler: ({ body, now }) => {
        const updated = store.transaction(() => {
          const b = store.getBill(body.billRef);
          if (!b) throw new KioskError('backoffice.not_found', 'unknown bill', { field: 'billRef' });
          if (b.paidYen + body.amountYen > b.copayYen) throw new KioskError('backoffice.refused', 'payment exceeds the amount owed', { reason: 'overpayment', field: 'amountYen' });
          store.addPayment({ ...body, paidAt: now });
          return store.getBill(body.billRef)!;
        });
        return { status: 201, body: bill(updated) };
      },
    }),
  ];
}
