// Hospital reception visits and their audit events (migration 0080), typed. The visit machine
// (electron/services/reception/visit-machine.ts) decides WHICH changes are allowed and wraps them in
// one durable transaction with their outbox event; this module only reads and writes rows, so every
// SQL statement about a reception visit lives here (retention of finished visits included).
import type { KioskDb } from './kiosk-db';
import { createRowUpdate } from './row-update';

export type VisitState = 'checking' | 'outcome' | 'chosen' | 'registering' | 'registered' | 'done' | 'sent_to_desk' | 'abandoned';
export type EligibilityOutcome = 'valid' | 'new_qualification' | 'invalid' | 'not_found' | 'multiple' | 'unregistered' | 'unconfirmed' | 'error';
export type SlipStatus = 'pending' | 'printed' | 'held' | 'failed';

export interface VisitRow {
  visitId: string;
  state: VisitState;
  medium: 'card' | 'android' | 'iphone';
  outcome: EligibilityOutcome | null;
  nextStep: string | null;
  staffFlag: string | null;
  ratioPercent: number | null;
  hasPublicAid: boolean;
  fileId: string | null;
  recheckPending: boolean;
  recheckedAt: number | null;
  choicesJson: string | null;
  department: string | null;
  patientId: string | null;
  patientKind: 'returning' | 'new' | null;
  receptionTime: string | null;
  acceptanceId: string | null;
  acceptanceTime: string | null;
  slipStatus: SlipStatus;
  slipReason: string | null;
  deskReason: string | null;
  message: string | null;
  /** Personal (the parsed result); null once wiped. */
  eligibilityJson: string | null;
  /** Personal (the raw result XML verbatim); null once wiped. */
  eligibilityXml: string | null;
  createdAt: number;
  updatedAt: number;
}

export type VisitPatch = Partial<Omit<VisitRow, 'visitId' | 'state' | 'medium' | 'createdAt' | 'updatedAt'>>;

const COLUMNS: Record<keyof VisitPatch, string> = {
  outcome: 'outcome', nextStep: 'next_step', staffFlag: 'staff_flag', ratioPercent: 'ratio_percent', hasPublicAid: 'has_public_aid',
  fileId: 'file_id', recheckPending: 'recheck_pending', recheckedAt: 'rechecked_at', choicesJson: 'choices_json', department: 'department',
  patientId: 'patient_id', patientKind: 'patient_kind', receptionTime: 'reception_time', acceptanceId: 'acceptance_id',
  acceptanceTime: 'acceptance_time', slipStatus: 'slip_status', slipReason: 'slip_reason', deskReason: 'desk_reason', message: 'message',
  eligibilityJson: 'eligibility_json', eligibilityXml: 'eligibility_xml',
};

type Raw = Record<string, unknown>;

function fromRaw(r: Raw): VisitRow {
  const row = { visitId: r.visit_id, state: r.state, medium: r.medium, createdAt: r.created_at, updatedAt: r.updated_at } as Record<string, unknown>;
  for (const [key, column] of Object.entries(COLUMNS)) row[key] = r[column] ?? null;
  row.hasPublicAid = r.has_public_aid === 1;
  row.recheckPending = r.recheck_pending === 1;
  return row as unknown as VisitRow;
}

/** Visits whose states are final: nothing more happens at the kiosk. */
export const FINAL_VISIT_STATES: readonly VisitState[] = ['done', 'sent_to_desk', 'abandoned'];

/**
 * Rows and events of reception visits. Writes do not open transactions of their own: the caller
 * puts them in db.durable() together with the outbox event that tells the back office.
 */
export function createReceptionVisits(db: KioskDb) {
  const s = db.sqlite;
  const insertRow = s.prepare(`INSERT INTO reception_visits (visit_id, state, medium, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`);
  const selectRow = s.prepare('SELECT * FROM reception_visits WHERE visit_id = ?');
  const insertEvent = s.prepare('INSERT INTO reception_events (visit_id, at, state, detail) VALUES (?, ?, ?, ?)');
  const selectEvents = s.prepare('SELECT at, state, detail FROM reception_events WHERE visit_id = ? ORDER BY id');
  const selectByStates = s.prepare(`SELECT * FROM reception_visits WHERE state IN (SELECT value FROM json_each(?)) ORDER BY created_at`);
  const selectRecheck = s.prepare('SELECT * FROM reception_visits WHERE recheck_pending = 1 ORDER BY created_at LIMIT ?');
  // Received by name only while the service was down: no answer kept, no patient yet, a reception number.
  const selectByNameOnly = s.prepare(`SELECT * FROM reception_visits
    WHERE state IN ('registered', 'done') AND outcome = 'unconfirmed' AND recheck_pending = 0 AND eligibility_json IS NULL
      AND patient_id IS NULL AND acceptance_id IS NOT NULL AND created_at >= ? ORDER BY created_at LIMIT ?`);
  const wipePersonal = s.prepare('UPDATE reception_visits SET eligibility_json = NULL, eligibility_xml = NULL WHERE visit_id = ?');
  const finishedWithPersonal = s.prepare(`SELECT visit_id FROM reception_visits
    WHERE state IN ('done', 'sent_to_desk', 'abandoned') AND recheck_pending = 0 AND (eligibility_json IS NOT NULL OR eligibility_xml IS NOT NULL)`).pluck();
  const dueForDeletion = s.prepare(`SELECT v.visit_id FROM reception_visits v
    WHERE v.state IN ('done', 'sent_to_desk', 'abandoned') AND v.recheck_pending = 0 AND v.updated_at <= ?
      AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.stream = 'reception:' || v.visit_id AND o.state <> 'done')
    LIMIT ?`).pluck();
  const delEvents = s.prepare('DELETE FROM reception_events WHERE visit_id = ?');
  const delOutbox = s.prepare(`DELETE FROM outbox WHERE stream = 'reception:' || ? AND state = 'done'`);
  const delVisit = s.prepare('DELETE FROM reception_visits WHERE visit_id = ?');
  const updateRow = createRowUpdate<VisitPatch, VisitState>(s, 'reception_visits', 'visit_id', COLUMNS);

  return {
    insert(visitId: string, state: VisitState, medium: VisitRow['medium'], now: number): void {
      insertRow.run(visitId, state, medium, now, now);
      insertEvent.run(visitId, now, state, null);
    },

    get(visitId: string): VisitRow | undefined {
      const raw = selectRow.get(visitId) as Raw | undefined;
      return raw ? fromRaw(raw) : undefined;
    },

    /** Sets the patched columns (and the state when given); updated_at is always `now`. */
    update: updateRow,

    /** Appends an audit event; returns its id (unique, so it can key an outbox event). */
    appendEvent: (visitId: string, at: number, state: VisitState, detail: string | null): number =>
      Number(insertEvent.run(visitId, at, state, detail).lastInsertRowid),

    events: (visitId: string): { at: number; state: VisitState; detail: string | null }[] =>
      selectEvents.all(visitId) as { at: number; state: VisitState; detail: string | null }[],

    inStates: (states: readonly VisitState[]): VisitRow[] => (selectByStates.all(JSON.stringify(states)) as Raw[]).map(fromRaw),

    awaitingRecheck: (limit: number): VisitRow[] => (selectRecheck.all(limit) as Raw[]).map(fromRaw),

    /** Visits since `since` received by name only with eligibility unconfirmed (the desk may attach their patient). */
    receivedByNameOnly: (since: number, limit: number): VisitRow[] => (selectByNameOnly.all(since, limit) as Raw[]).map(fromRaw),

    /** Deletes the parsed result and the raw XML; ids, states and the outcome stay for the audit. */
    wipePersonal: (visitId: string): void => { wipePersonal.run(visitId); },

    /** Finished visits that still hold personal data (candidates for the wipe after sync). */
    finishedWithPersonal: (): string[] => finishedWithPersonal.all() as string[],

    /**
     * Retention: finished visits, fully synced and unchanged since `cutoff`, leave the database with
     * their events and done outbox rows, in one short transaction of at most `limit` visits.
     */
    deleteFinished(cutoff: number, limit: number): number {
      const ids = dueForDeletion.all(cutoff, limit) as string[];
      if (ids.length === 0) return 0;
      return db.relaxed(() => {
        for (const id of ids) {
          delEvents.run(id);
          delOutbox.run(id);
          delVisit.run(id);
        }
        return ids.length;
      });
    },
  };
}

export type ReceptionVisits = ReturnType<typeof createReceptionVisits>;
