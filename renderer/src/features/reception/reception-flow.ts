// Hospital reception after the PIN, as a pure reducer (unit-tested in Node): every step the
// patient sees and every transition in one place; the component renders the step and runs its one
// command. The visit itself (eligibility result, choices, the accounting system's reception) lives
// in the main process (reception.* commands); this mirrors what the patient sees.
//   checking (処理中, calm) → outcome → consent (すべて同意 | each) → public aid (only when offered)
//   → prescription → choosing (sent) → department → registering → done (number, 受付票)
// and the endings: desk (the patient is sent to the reception desk, with why) and failed.
// Eligibility unavailable ('unconfirmed'): the outcome says what to show at the desk and reception
// still goes on — the same choices, recorded now and used when the check is done again.
import type { DepartmentView, EligibilityView, VisitView } from '../../../../common/api/contract';
import type { ErrorKind } from '../../../../common/errors';

export interface Consent { diagnosis: boolean; medication: boolean; checkups: boolean; surgery: boolean }
export const CONSENT_ITEMS = ['diagnosis', 'medication', 'checkups', 'surgery'] as const;
export const ALL_CONSENT: Consent = { diagnosis: true, medication: true, checkups: true, surgery: true };
export const NO_CONSENT: Consent = { diagnosis: false, medication: false, checkups: false, surgery: false };

export interface Draft {
  consent: Consent | null;
  publicAid: 'use' | 'decline' | 'none';
  prescription: 'electronic' | 'paper' | null;
}

/** What every step after the outcome carries: the visit's id, what the check said, the departments. */
export interface Visit { visitId: string; eligibility: EligibilityView; departments: DepartmentView[] }

export type Slip = VisitView['slip'];

/** Why the patient is sent to the desk: an outcome with next 'desk' / 'register_card', or the visit's deskReason. */
export type DeskWhy = { outcome: EligibilityView['outcome']; message?: string } | { reason: string };

type At = { visit: Visit; draft: Draft };
export type Step =
  | { step: 'checking' }
  | ({ step: 'outcome' } & At)
  | ({ step: 'consent' } & At)
  | ({ step: 'consent-each'; each: Consent } & At)
  | ({ step: 'public-aid' } & At)
  | ({ step: 'prescription' } & At)
  /** The choices are on their way to the main process (reception.choose). */
  | ({ step: 'choosing' } & At)
  | ({ step: 'department' } & At)
  | ({ step: 'registering'; department: string } & At)
  /** firstVisit: the patient was registered in the accounting system just now (no 診察券 yet). */
  | { step: 'done'; visitId: string; number: string; department: DepartmentView | null; time: string; unconfirmed: boolean; firstVisit: boolean; slip: Slip }
  | { step: 'desk'; why: DeskWhy }
  | { step: 'failed'; problem: 'accounting' | 'other' };

export type ReceptionAction =
  /** The visit as the main process has it (reception.visit, .choose, .register answers). */
  | { type: 'visit'; visit: VisitView }
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'consent-all' }
  | { type: 'consent-each' }
  | { type: 'consent-set'; item: keyof Consent; value: boolean }
  | { type: 'consent-done' }
  | { type: 'public-aid'; choice: 'use' | 'decline' }
  | { type: 'prescription'; choice: 'electronic' | 'paper' }
  | { type: 'department'; code: string }
  | { type: 'reprint' }
  | { type: 'error'; kind: ErrorKind };

export const initialReception: Step = { step: 'checking' };

/** Whether the outcome lets the patient go on at the kiosk. */
export const goesOn = (e: EligibilityView): boolean => e.next === 'choose' || e.next === 'choose_then_show_document';

const draftOf = (v: VisitView, e: EligibilityView): Draft => ({
  consent: v.choices?.consent ?? null,
  publicAid: v.choices?.publicAid ?? (e.hasPublicAid ? 'decline' : 'none'),
  prescription: v.choices?.prescription ?? null,
});

/** Where a visit as main reports it puts the patient (a fresh one, or one resumed at a later state). */
function fromVisit(s: Step, v: VisitView): Step {
  const department = v.departments.find((d) => d.code === v.department) ?? null;
  switch (v.state) {
    case 'checking':
      return { step: 'checking' };
    case 'registered':
    case 'done':
      return {
        step: 'done', visitId: v.visitId, number: v.receptionNumber ?? '', department, time: (v.receptionTime ?? '').slice(0, 5),
        unconfirmed: v.eligibility?.outcome !== 'valid', firstVisit: v.patient === 'new', slip: v.slip,
      };
    case 'sent_to_desk':
      if (v.eligibility && !goesOn(v.eligibility)) return { step: 'desk', why: { outcome: v.eligibility.outcome, ...(v.eligibility.message ? { message: v.eligibility.message } : {}) } };
      return { step: 'desk', why: { reason: v.deskReason ?? 'other' } };
    case 'abandoned':
      return { step: 'failed', problem: 'other' };
    default: {
      const e = v.eligibility;
      if (!e) return { step: 'checking' };
      if (!goesOn(e)) return { step: 'desk', why: { outcome: e.outcome, ...(e.message ? { message: e.message } : {}) } };
      const at: At = { visit: { visitId: v.visitId, eligibility: e, departments: v.departments }, draft: draftOf(v, e) };
      // The choices were accepted: the department is next (also after a visit sent back from 'registering').
      if (v.state === 'chosen') return { step: 'department', ...at };
      return s.step === 'checking' ? { step: 'outcome', ...at } : s;
    }
  }
}

const at = (s: Step): At | null => ('visit' in s ? { visit: s.visit, draft: s.draft } : null);

function afterConsent(a: At): Step {
  return a.visit.eligibility.hasPublicAid ? { step: 'public-aid', ...a } : { step: 'prescription', ...a };
}

export function receptionFlow(s: Step, a: ReceptionAction): Step {
  const cur = at(s);
  switch (a.type) {
    case 'visit':
      // Printing news after the number is shown only changes the slip.
      if (s.step === 'done' && (a.visit.state === 'registered' || a.visit.state === 'done')) return { ...s, slip: a.visit.slip };
      if (s.step === 'done' || s.step === 'desk' || s.step === 'failed') return s;
      return fromVisit(s, a.visit);
    case 'next':
      return s.step === 'outcome' && cur ? { step: 'consent', ...cur } : s;
    case 'consent-all':
      return s.step === 'consent' && cur ? afterConsent({ ...cur, draft: { ...cur.draft, consent: ALL_CONSENT } }) : s;
    case 'consent-each':
      // Starts from what the patient chose before (coming back), else from nothing ticked.
      return s.step === 'consent' && cur ? { step: 'consent-each', ...cur, each: cur.draft.consent ?? NO_CONSENT } : s;
    case 'consent-set':
      return s.step === 'consent-each' ? { ...s, each: { ...s.each, [a.item]: a.value } } : s;
    case 'consent-done':
      return s.step === 'consent-each' && cur ? afterConsent({ ...cur, draft: { ...cur.draft, consent: s.each } }) : s;
    case 'public-aid':
      return s.step === 'public-aid' && cur ? { step: 'prescription', ...cur, draft: { ...cur.draft, publicAid: a.choice } } : s;
    case 'prescription':
      return s.step === 'prescription' && cur ? { step: 'choosing', ...cur, draft: { ...cur.draft, prescription: a.choice } } : s;
    case 'department':
      if (s.step !== 'department' || !cur || !cur.visit.departments.some((d) => d.code === a.code)) return s;
      return { step: 'registering', ...cur, department: a.code };
    case 'reprint':
      return s.step === 'done' ? { ...s, slip: { status: 'pending' } } : s;
    case 'back':
      if (!cur) return s;
      if (s.step === 'consent-each' || s.step === 'public-aid') return { step: 'consent', ...cur };
      if (s.step === 'consent') return { step: 'outcome', ...cur };
      if (s.step === 'prescription') return cur.visit.eligibility.hasPublicAid ? { step: 'public-aid', ...cur } : { step: 'consent', ...cur };
      return s;
    case 'error':
      return failure(s, a.kind);
  }
}

function failure(s: Step, kind: ErrorKind): Step {
  // The reception is in the accounting system already: only the 受付票 failed, not the visit.
  if (s.step === 'done') return { ...s, slip: { status: 'failed' } };
  if (kind === 'accounting.already_received') return { step: 'desk', why: { reason: 'already_received' } };
  if (kind === 'eligibility.rejected') return { step: 'desk', why: { reason: 'card_rejected' } };
  if (kind === 'reception.last_pin_try') return { step: 'desk', why: { reason: 'pin_last_try' } };
  if (kind.startsWith('accounting.')) return { step: 'failed', problem: 'accounting' };
  return { step: 'failed', problem: 'other' };
}

/** The choices sent with reception.choose (nothing consented unless the patient said so). */
export function choicesOf(d: Draft): { consent: Consent; publicAid: Draft['publicAid']; prescription: 'electronic' | 'paper' } {
  return { consent: d.consent ?? NO_CONSENT, publicAid: d.publicAid, prescription: d.prescription ?? 'paper' };
}

/** Steps where the patient is deciding (the idle timer runs); checking, sending and registering are the kiosk's. */
export function idleApplies(s: Step): boolean {
  return s.step !== 'checking' && s.step !== 'choosing' && s.step !== 'registering' && !(s.step === 'done' && s.slip.status === 'pending');
}

/** 負担割合 as a Japanese patient reads it: 30 % → 3 (割). */
export const ratioTenths = (percent: number): number => Math.round(percent / 10);
