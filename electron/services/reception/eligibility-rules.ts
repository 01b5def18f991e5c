// The rules a real reader follows after the online check (kiosk-domain.md §3.3–3.4, issue 11
// Deliver 2): each answer becomes one outcome, the next step the patient is offered and a flag for
// staff. Pure: the visit machine stores what this decides; the screens only show it.
//
// Never a 10割 charge by default: when the check could not be done the visit goes on
// "unconfirmed" (the patient shows 資格情報のお知らせ or マイナポータル at the desk) and housekeeping
// re-checks it when the service is back.
import type { EligibilityOutcomeView, EligibilityView, NextStepView, StaffFlagView } from '../../../common/api/contract';
import type { EligibilityResult, InsuredNumbers } from './ports';

export interface EligibilityDecision {
  outcome: EligibilityOutcomeView;
  next: NextStepView;
  staffFlag: StaffFlagView;
  ratioPercent: number | null;
  hasPublicAid: boolean;
  /** The answer's own words to show as they are (異常終了, ProcessingResultMessage). */
  message: string | null;
}

const SEGMENT_PENDING = '2';
const SEGMENT_ERROR = '9';

/** True when the answer is 処理中 and must be polled. */
export const isPending = (r: EligibilityResult): boolean => r.segmentOfResult === SEGMENT_PENDING;

/** '030' → 30; absent or unreadable → null (the desk sees "unknown", never a guess). */
export function ratioPercentOf(r: EligibilityResult): number | null {
  const raw = r.elderlyRecipientContributionRatio ?? r.insuredPartialContributionRatio;
  if (!raw || !/^\d{1,3}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 0 && n <= 100 ? n : null;
}

const byValidity: Record<string, Pick<EligibilityDecision, 'outcome' | 'next' | 'staffFlag'>> = {
  '1': { outcome: 'valid', next: 'choose', staffFlag: 'none' },
  // 有効(未登録): 医療扶助 recipient known to the system; reception goes on, staff check the 医療券.
  '6': { outcome: 'valid', next: 'choose', staffFlag: 'check_documents' },
  '2': { outcome: 'invalid', next: 'desk', staffFlag: 'invalid' },
  '3': { outcome: 'new_qualification', next: 'desk', staffFlag: 'new_insurer' },
  '4': { outcome: 'not_found', next: 'desk', staffFlag: 'no_match' },
  '5': { outcome: 'multiple', next: 'desk', staffFlag: 'multiple_matches' },
};

/** One final answer (not 処理中) → outcome, next step and staff flag. */
export function decide(r: EligibilityResult): EligibilityDecision {
  const message = (r.errorMessage ?? (r.processingResultStatus === '2' ? r.processingResultMessage : undefined))?.slice(0, 500) ?? null;
  const base = { ratioPercent: ratioPercentOf(r), hasPublicAid: (r.publicExpenses?.length ?? 0) > 0, message };
  if (r.cardUnregistered) return { ...base, outcome: 'unregistered', next: 'register_card', staffFlag: 'unregistered_card' };
  if (r.segmentOfResult === SEGMENT_ERROR || r.processingResultStatus === '2') return { ...base, outcome: 'error', next: 'desk', staffFlag: 'service_error' };
  const rule = byValidity[r.qualificationValidity ?? ''];
  if (!rule) return { ...base, outcome: 'error', next: 'desk', staffFlag: 'service_error' };
  // Only a valid qualification carries a 負担割合 the desk may use.
  return { ...base, ...rule, ...(rule.outcome === 'valid' ? {} : { ratioPercent: null, hasPublicAid: false }) };
}

/** The check could not be done (service down, too slow, still 処理中 at the bound). */
export function unconfirmed(): EligibilityDecision {
  return { outcome: 'unconfirmed', next: 'choose_then_show_document', staffFlag: 'recheck_pending', ratioPercent: null, hasPublicAid: false, message: null };
}

/** The outcomes with which the patient goes on at the kiosk (consent, choices, department). */
export const goesOn = (d: Pick<EligibilityDecision, 'next'>): boolean => d.next === 'choose' || d.next === 'choose_then_show_document';

/** The insured person's numbers in a result, for a later number-based re-check; null if incomplete. */
export function numbersOf(r: EligibilityResult): InsuredNumbers | null {
  if (!r.insurerNumber || !r.insuredIdentificationNumber || !r.birthdate) return null;
  return {
    insurerNumber: r.insurerNumber, symbol: r.insuredCardSymbol ?? '', number: r.insuredIdentificationNumber,
    ...(r.insuredBranchNumber ? { branch: r.insuredBranchNumber } : {}), birthdate: r.birthdate,
  };
}

/** What the screen shows of a decision and its result (no numbers, no names). */
export function eligibilityView(d: EligibilityDecision, r: EligibilityResult | null): EligibilityView {
  return {
    outcome: d.outcome, next: d.next, staffFlag: d.staffFlag, hasPublicAid: d.hasPublicAid,
    ...(d.ratioPercent !== null ? { ratioPercent: d.ratioPercent } : {}),
    ...(d.message ? { message: d.message } : {}),
    ...(r && d.outcome === 'valid' ? {
      preschool: r.preschoolClassification === '1',
      limitCertificate: Boolean(r.limitApplicationClassificationFlag),
      specificDisease: (r.specificDiseases?.length ?? 0) > 0,
    } : {}),
  };
}
