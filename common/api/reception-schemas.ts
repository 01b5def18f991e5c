// The hospital-reception half of the UI↔main contract (schemas only; contract.ts lists the commands).
// What the patient's screen may know: the eligibility outcome and its next step, 負担割合, whether
// there is a 公費 to choose about, the consent / 公費 / prescription choices, the departments and the
// reception number with its time. Never the insured person's numbers, name, address or the raw XML:
// those stay in the main process (and the kiosk database until the back office has the visit).
import { z } from 'zod';

export const visitId = z.string().min(1).max(100);

/** How the resident identifies themself at reception: a card or a smartphone's JPKI token. */
export const ReceptionMediumSchema = z.enum(['card', 'android', 'iphone']);

/** The visit's step (electron/services/reception/visit-machine.ts holds the transitions). */
export const VisitStateSchema = z.enum([
  /** Eligibility answered 処理中: the kiosk polls it (up to a bound). */
  'checking',
  /** The result is in (or the service was unavailable): the screen shows the outcome and its next step. */
  'outcome',
  /** Consent / 公費 / prescription chosen; the department is next. */
  'chosen',
  /** The visit is written and the accounting system is being asked (acceptmodv2); resumes by asking acceptlstv2. */
  'registering',
  /** The accounting system has the reception; the 受付票 is next. */
  'registered',
  /** The 受付票 came out (or was held: printing is not a condition of the reception). */
  'done',
  /** The patient goes to the desk (details in outcome.deskReason); nothing is registered by the kiosk. */
  'sent_to_desk',
  /** The session ended before the reception was registered. */
  'abandoned',
]);

/**
 * The eligibility outcome as the patient and staff see it:
 * valid (有効 / 医療扶助 有効(未登録)), new_qualification (無効(新しい資格あり)), invalid (無効),
 * not_found (該当資格なし), multiple (複数該当), unregistered (card not registered for insurance),
 * unconfirmed (the service was unavailable: show 資格情報のお知らせ / マイナポータル at the desk),
 * error (異常終了 with a message shown as it is).
 */
export const EligibilityOutcomeSchema = z.enum(['valid', 'new_qualification', 'invalid', 'not_found', 'multiple', 'unregistered', 'unconfirmed', 'error']);

/** The next step the screen offers for an outcome. */
export const NextStepSchema = z.enum([
  /** Go on at the kiosk: consent and choices. */
  'choose',
  /** Go on at the kiosk, then show 資格情報のお知らせ or マイナポータル at the desk. */
  'choose_then_show_document',
  /** Go to the desk with the insurance details (new insurer, several matches, no match, 無効). */
  'desk',
  /** The card is not registered for insurance: how to register (マイナポータル / the card's reader), then the desk. */
  'register_card',
]);

export const StaffFlagSchema = z.enum(['none', 'check_documents', 'new_insurer', 'no_match', 'multiple_matches', 'invalid', 'unregistered_card', 'recheck_pending', 'service_error', 'pin_last_try']);

export const EligibilityViewSchema = z.object({
  outcome: EligibilityOutcomeSchema,
  next: NextStepSchema,
  staffFlag: StaffFlagSchema,
  /** 負担割合 in percent (10, 20, 30) when the result says it; absent when unconfirmed. */
  ratioPercent: z.number().int().min(0).max(100).optional(),
  /** The result has a 公費 (医療費助成): the 利用する / 提供しない question is asked. */
  hasPublicAid: z.boolean(),
  /** 未就学 / 高齢受給者 / 限度額 / 特定疾病 present (shown as "your card has ..." lines, never the codes). */
  preschool: z.boolean().optional(),
  limitCertificate: z.boolean().optional(),
  specificDisease: z.boolean().optional(),
  /** ProcessingResultMessage or ErrorMessage to show as it is (異常終了). */
  message: z.string().max(500).optional(),
});

export const ConsentSchema = z.object({ diagnosis: z.boolean(), medication: z.boolean(), checkups: z.boolean(), surgery: z.boolean() }).strict();
export const PublicAidChoiceSchema = z.enum(['use', 'decline', 'none']);
export const PrescriptionChoiceSchema = z.enum(['electronic', 'paper']);

export const ChoicesSchema = z.object({
  consent: ConsentSchema,
  /** 'none' only when the result has no 公費. */
  publicAid: PublicAidChoiceSchema,
  prescription: PrescriptionChoiceSchema,
}).strict();

const localized = z.object({ ja: z.string().min(1).max(60), en: z.string().min(1).max(60), zh: z.string().min(1).max(60), ko: z.string().min(1).max(60) });
export const DepartmentSchema = z.object({ code: z.string().regex(/^[0-9A-Za-z]{1,4}$/), name: localized });

export const SlipViewSchema = z.object({
  status: z.enum(['pending', 'printed', 'held', 'failed']),
  reason: z.string().max(80).optional(),
});

export const VisitViewSchema = z.object({
  visitId,
  state: VisitStateSchema,
  medium: ReceptionMediumSchema,
  /** Absent while 'checking'. */
  eligibility: EligibilityViewSchema.optional(),
  choices: ChoicesSchema.optional(),
  /** The departments of this hospital, in the order of the configuration. */
  departments: z.array(DepartmentSchema).max(60),
  department: z.string().max(4).optional(),
  /** The reception number (ORCA's Acceptance_Id) and time (HH:mm:ss), once registered. */
  receptionNumber: z.string().max(20).optional(),
  receptionTime: z.string().max(20).optional(),
  /** A returning patient (found from the card) or a first visit registered now. */
  patient: z.enum(['returning', 'new']).optional(),
  /** Why the patient is sent to the desk (state sent_to_desk). */
  deskReason: z.string().max(80).optional(),
  slip: SlipViewSchema,
});

export const VisitRefSchema = z.object({ visitId }).strict();
export const ChooseInputSchema = z.object({ visitId, choices: ChoicesSchema }).strict();
/** `language`: the one the patient used, for the 受付票's words (Japanese stays beside them for staff). */
export const SlipLanguageSchema = z.enum(['ja', 'en', 'zh', 'ko']);
export const RegisterInputSchema = z.object({ visitId, department: z.string().regex(/^[0-9A-Za-z]{1,4}$/), language: SlipLanguageSchema.optional() }).strict();

export const ReceptionProgressSchema = z.object({
  visitId,
  state: VisitStateSchema,
  /** 'registering', 'slip' (the 受付票 being drawn), then the printer's 'sending' | 'printing' | 'waiting-for-printer'. */
  phase: z.string().min(1).max(40).optional(),
});

export type ReceptionMediumView = z.infer<typeof ReceptionMediumSchema>;
export type VisitStateView = z.infer<typeof VisitStateSchema>;
export type EligibilityOutcomeView = z.infer<typeof EligibilityOutcomeSchema>;
export type NextStepView = z.infer<typeof NextStepSchema>;
export type StaffFlagView = z.infer<typeof StaffFlagSchema>;
export type EligibilityView = z.infer<typeof EligibilityViewSchema>;
export type ChoicesView = z.infer<typeof ChoicesSchema>;
export type DepartmentView = z.infer<typeof DepartmentSchema>;
export type VisitView = z.infer<typeof VisitViewSchema>;
export type ReceptionProgressView = z.infer<typeof ReceptionProgressSchema>;
