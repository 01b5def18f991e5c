// Hospital reception on the wire (backoffice/routes/hospital.ts): eligibility (オンライン資格確認 field
// names and code values), reception, the bill of a visit and its payment.
import { z } from 'zod';
import { ReceptionDeskFacts } from './desk';
import { Id, KioskId, Yyyymmdd } from './primitives';

export const EligibilityRequest = z.object({
  kioskId: KioskId,
  medicalInstitutionCode: z.string().regex(/^\d{10}$/),
  insurerNumber: z.string().regex(/^\d{6,8}$/).optional(),
  insuredCardSymbol: z.string().max(40).optional(),
  insuredIdentificationNumber: z.string().max(40).optional(),
  insuredBranchNumber: z.string().regex(/^\d{2}$/).optional(),
  birthdate: Yyyymmdd.optional(),
});
export const EligibilityResponse = z.object({
  SegmentOfResult: z.enum(['1', '2', '9']),
  ProcessingResultStatus: z.enum(['1', '2']),
  ReferenceClassification: z.enum(['1', '2']),
  ResultOfQualificationConfirmation: z.object({
    QualificationValidity: z.enum(['1', '2', '3', '4', '5', '6']),
    InsuredCardClassification: z.string().optional(),
    InsurerNumber: z.string().optional(),
    InsurerName: z.string().optional(),
    InsuredCardSymbol: z.string().optional(),
    InsuredIdentificationNumber: z.string().optional(),
    InsuredBranchNumber: z.string().optional(),
    PersonalFamilyClassification: z.enum(['1', '2']).optional(),
    Name: z.string().optional(),
    NameKana: z.string().optional(),
    Sex1: z.enum(['1', '2', '3']).optional(),
    Birthdate: z.string().optional(),
    QualificationDate: z.string().optional(),
    InsuredPartialContributionRatio: z.string().optional(),
    LimitApplicationCertificateRelatedInfo: z.object({ LimitApplicationCertificateClassificationFlag: z.string() }).optional(),
  }),
});

/** A reception, with what the desk shows about it (desk.ts) when the kiosk knows it. */
export const ReceptionRequest = z.object({ kioskId: KioskId, receptionRef: Id, patientRef: Id, department: z.string().min(1).max(40), ...ReceptionDeskFacts.shape });
export const ReceptionResponse = z.object({ receptionRef: Id, patientRef: Id, department: z.string(), receivedAt: z.string() });
export const BillRequest = z.object({ receptionRef: Id, billRef: Id, totalPointsYen: z.number().int().min(0), copayYen: z.number().int().min(0) });
export const BillResponse = z.object({ billRef: Id, receptionRef: Id, copayYen: z.number().int(), paidYen: z.number().int(), state: z.enum(['open', 'paid']) });
export const PaymentRequest = z.object({ kioskId: KioskId, paymentRef: Id, billRef: Id, amountYen: z.number().int().min(1), method: z.enum(['cash', 'card', 'qr', 'emoney']) });
