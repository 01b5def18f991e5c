// The hospital's reception desk on the wire: what reception kiosks report about each visit (as
// outbox events, or in the body of POST /v1/hospital/receptions) and the desk's list of today's
// visits (GET /v1/hospital/desk/{date}), read by staff at a kiosk of the same hospital.
// What it carries is what reception needs and nothing more: the reception number, time,
// department, the clinic's patient ID, the eligibility state and the 負担割合 — never a name, a
// birth date, an address or the insurer's numbers. Patients are called by the reception number
// printed on their 受付票; staff who need the name open the patient ID in the accounting system,
// which already holds it.
import { z } from 'zod';
import { Id, KioskId } from './primitives';

/**
 * The eligibility of a visit as the desk sees it:
 * - confirmed: オンライン資格確認 answered 有効;
 * - pending_recheck: the service was unavailable; the kiosk re-checks by itself when it is back;
 * - unconfirmed: not confirmed and no automatic re-check left (staff check 資格情報のお知らせ or マイナポータル);
 * - refused: the service answered, and not 有効 (the reason says which answer).
 */
export const DeskEligibilityState = z.enum(['confirmed', 'pending_recheck', 'unconfirmed', 'refused']);
export type DeskEligibilityState = z.infer<typeof DeskEligibilityState>;

/** Why the kiosk sent the patient to the desk (or why eligibility was refused). */
export const DeskReason = z.enum([
  'pin_last_try', // one PIN try left: the kiosk stops before the card blocks
  'no_qualification', // 該当資格なし
  'invalid_new_qualification', // 無効(新しい資格あり): a newer qualification exists
  'multiple_matches', // 複数該当
  'card_not_registered', // the card is not registered for insurance use (利用登録)
  'card_rejected', // the signature or the certificate was refused
  'service_down', // オンライン資格確認 unavailable
  'accounting_failed', // the reception could not be registered in the accounting system
]);
export type DeskReason = z.infer<typeof DeskReason>;

/** 負担割合 in percent (10, 20, 30; 0 for 医療扶助 and the like). */
export const RatioPercent = z.number().int().min(0).max(100);

/** The result of the online check as the kiosk kept it for the desk. */
export const VisitEligibility = z.object({
  state: DeskEligibilityState,
  reason: DeskReason.optional(),
  /** InsuredPartialContributionRatio of the result ('030' → 30); absent when none was returned. */
  ratioPercent: RatioPercent.optional(),
  /** When the service answered (or was last tried). */
  checkedAt: z.string().max(40).optional(),
});
export type VisitEligibility = z.infer<typeof VisitEligibility>;

/** What a reception kiosk adds to a reception for the desk (reception.created, POST /v1/hospital/receptions). */
export const ReceptionDeskFacts = z.object({
  /** The reception number printed on the 受付票 (ORCA's Acceptance_Id). */
  receptionNumber: z.string().min(1).max(20).optional(),
  eligibility: VisitEligibility.optional(),
  /** Received, and still sent to the desk (e.g. eligibility unconfirmed: show 資格情報のお知らせ). */
  sentToDesk: DeskReason.optional(),
});

/** Outbox event payloads of the desk's kinds (reception.created carries ReceptionDeskFacts beside its references). */
export const DESK_EVENT_PAYLOADS = {
  /** A re-check (housekeeping, staff) changed a reception's eligibility. */
  'reception.eligibility': z.looseObject({ receptionRef: Id, eligibility: VisitEligibility, patientRef: Id.optional() }),
  /** A visit ended at the kiosk without a reception and the patient was sent to the desk. */
  'reception.sent_to_desk': z.looseObject({
    visitRef: Id, reason: DeskReason, department: z.string().min(1).max(40).optional(), patientRef: Id.optional(),
  }),
} as const;

/** ISO date of the desk's day (Japan time). */
export const DeskDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const DeskRow = z.object({
  /** receptionRef, or the visitRef of a visit sent to the desk without a reception. */
  ref: Id,
  kind: z.enum(['reception', 'sent_to_desk']),
  kioskId: KioskId,
  /** When the kiosk recorded it (ISO, the kiosk's clock). */
  at: z.string(),
  receptionNumber: z.string().nullable(),
  /** 診療科 code, and its name in the accounting system when it knows the code. */
  department: z.string().nullable(),
  departmentName: z.string().nullable(),
  patientId: z.string().nullable(),
  eligibility: z.object({ state: DeskEligibilityState.nullable(), reason: DeskReason.nullable(), checkedAt: z.string().nullable() }),
  /** 負担割合: the online result's beside the accounting system's; mismatch when both are known and differ. */
  ratio: z.object({ online: RatioPercent.nullable(), accounting: RatioPercent.nullable(), mismatch: z.boolean() }),
  sentToDesk: DeskReason.nullable(),
});
export type DeskRow = z.infer<typeof DeskRow>;

export const DeskResponse = z.object({
  date: DeskDate,
  medicalInstitutionCode: z.string(),
  /** 'unavailable': the accounting system could not be read; its ratios are null. */
  accounting: z.enum(['available', 'unavailable', 'none']),
  rows: z.array(DeskRow).max(2000),
});
export type DeskResponse = z.infer<typeof DeskResponse>;
