// What the reception service is built from and what it answers. The outside systems are ports
// (ports.ts); the 受付票 renderer is templates/reception-slip.ts, passed in by the assembly.
import type { ChoicesView, DepartmentView, ReceptionMediumView, VisitView } from '../../../common/api/contract';
import type { KioskPrinter } from '../printing/types';
import type { AccountingSystem, EligibilityResult, EligibilityService } from './ports';
import type { VisitStore } from './visit-machine';

/** What the 受付票 says (templates/reception-slip.ts draws it). No insurance numbers, no address. */
export interface ReceptionSlip {
  receptionNumber: string | null;
  department: DepartmentView;
  /** HH:mm:ss, Japan time. */
  time: string;
  /** yyyy-MM-dd, Japan time. */
  date: string;
  /** What to do next: wait to be called, or show 資格情報のお知らせ / マイナポータル at the desk. */
  next: 'wait' | 'show_document_at_desk' | 'desk';
  hospital: string;
  kioskId: string;
  /** The patient's language (the slip keeps the Japanese beside it for staff). */
  language: 'ja' | 'en' | 'zh' | 'ko';
}

/** Renders the 受付票 bound to its visit (kind 'reception-slip'); the printer checks the binding before sending. */
export type SlipRenderer = (slip: ReceptionSlip, binding: { documentId: string; requestId: string; subjectHash: string }) => Promise<Uint8Array>;

export interface ReceptionDeps {
  visits: VisitStore;
  eligibility: EligibilityService;
  accounting: AccountingSystem;
  /** Absent: no 受付票 (the number is on the screen only). */
  printer: KioskPrinter | null;
  renderSlip: SlipRenderer | null;
  departments: DepartmentView[];
  hospitalName: string;
  kioskId: string;
  /** How long a 処理中 answer is polled before the visit goes on unconfirmed (default 10 s). */
  pendingBoundMs?: number;
  /** Pause between polls of a 処理中 answer (default 500 ms). */
  pollIntervalMs?: number;
  /** A 受付票 that does not come out within this is reported, not waited for (default 30 s). */
  slipTimeoutMs?: number;
  clock?: () => number;
  newId?: () => string;
  sleep?: (ms: number) => Promise<void>;
  log?: (m: string) => void;
}

/** How the card check ended for a new visit: an answer, or the error that stopped it. */
export type CardCheck = { result: EligibilityResult } | { error: unknown };

export interface ReceptionService {
  /** A new visit from the login's card check (or its failure). */
  startVisit(check: CardCheck, medium: ReceptionMediumView): VisitView;
  /** A visit that ends at once at the desk (one PIN try left): the desk sees why. */
  sentToDesk(medium: ReceptionMediumView, reason: string): VisitView;
  /** The visit as the screen shows it; a 'checking' visit is polled once more first. */
  view(visitId: string): Promise<VisitView>;
  choose(visitId: string, choices: ChoicesView): Promise<VisitView>;
  /** Patient found or registered, reception registered exactly once, 受付票 printed. */
  register(visitId: string, department: string, onPhase?: (phase: string) => void, language?: ReceptionSlip['language']): Promise<VisitView>;
  /** The 受付票 again after a printer fault. */
  printSlip(visitId: string, onPhase?: (phase: string) => void): Promise<VisitView>;
  /** The session ended: an open visit is abandoned, a reception under way is resolved. */
  settle(visitId: string): Promise<void>;
  /** After a restart: every unfinished visit put in a safe, correct place. */
  resume(): Promise<void>;
  /** Housekeeping: re-checks unconfirmed eligibility and resolves registrations left open. Returns how many changed. */
  recheck(): Promise<number>;
  /** Housekeeping: personal data of synced finished visits wiped; old finished visits deleted. */
  housekeep(retentionDays: number): { wiped: number; deleted: number };
}
