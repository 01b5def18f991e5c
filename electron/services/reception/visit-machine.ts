// THE reception-visit state machine, persisted in the kiosk database (migration 0080). Every state
// change goes through transition(): it checks the edge against TRANSITIONS, updates the row, appends
// the audit event and enqueues the back-office event in ONE synchronous=FULL transaction, so after
// kill -9 the row, its history and what the back office (the desk) learns agree.
//
//   checking ─► outcome ─► chosen ─► registering ─► registered ─► done
//      │           │  ╲       │  ╲      │  │ ╲
//      ▼           ▼   ╲      ▼   ╲     │  ▼  ╲► sent_to_desk (already received, refused)
//   abandoned  abandoned ╲ abandoned ╲  ▼ chosen (patient locked elsewhere: may try again)
//                      sent_to_desk  sent_to_desk
//
// 'registering' is written BEFORE the accounting system is asked (with the time asked for): a visit
// found there after a crash is never registered blindly again — the service asks acceptlstv2 first.
// A visit past 'registering' never goes back to 'abandoned': the reception exists in the accounting
// system whatever the patient does next.
import { KioskError } from '../../../common/errors';
import type { KioskDb } from '../../../db/kiosk-db';
import type { KioskQueue } from '../../../db/queue';
import { createReceptionVisits, type VisitPatch, type VisitRow, type VisitState } from '../../../db/reception-visits';

export type { VisitPatch, VisitRow, VisitState } from '../../../db/reception-visits';

export const TRANSITIONS: Readonly<Record<VisitState, readonly VisitState[]>> = {
  checking: ['outcome', 'abandoned'],
  outcome: ['chosen', 'sent_to_desk', 'abandoned'],
  chosen: ['registering', 'sent_to_desk', 'abandoned'],
  registering: ['registered', 'chosen', 'sent_to_desk'],
  registered: ['done'],
  done: [],
  sent_to_desk: [],
  abandoned: [],
};

/** States a restart must act on: a reception asked for and not known to be answered, or one without its 受付票. */
export const UNFINISHED_AFTER_RESTART: readonly VisitState[] = ['registering', 'registered'];
/** States a session's end turns into 'abandoned' (nothing exists in the accounting system yet). */
export const OPEN_BEFORE_REGISTERING: readonly VisitState[] = ['checking', 'outcome', 'chosen'];


/** Outbox stream of one visit: its events reach the back office strictly in order. */
export const streamOf = (visitId: string) => `reception:${visitId}`;

/** The desk's eligibility state of a visit (common/backoffice-api/desk.ts: VisitEligibility). */
function deskEligibility(row: VisitRow, at: number): Record<string, unknown> {
  const state = row.outcome === 'valid' ? 'confirmed'
    : row.outcome === 'unconfirmed' || row.outcome === null ? (row.recheckPending ? 'pending_recheck' : 'unconfirmed') : 'refused';
  const reason = DESK_REASON_OF_OUTCOME[row.outcome ?? 'unconfirmed'];
  return {
    state, ...(reason && state !== 'confirmed' ? { reason } : {}),
    ...(row.ratioPercent !== null ? { ratioPercent: row.ratioPercent } : {}), checkedAt: new Date(row.recheckedAt ?? at).toISOString(),
  };
}

const DESK_REASON_OF_OUTCOME: Record<string, string | undefined> = {
  valid: undefined, new_qualification: 'invalid_new_qualification', invalid: 'no_qualification', not_found: 'no_qualification',
  multiple: 'multiple_matches', unregistered: 'card_not_registered', unconfirmed: 'service_down', error: 'service_down',
};

/**
 * The back-office event of a state change, in the desk's vocabulary (common/backoffice-api/desk.ts):
 * reception.created when the accounting system has the reception, reception.sent_to_desk when the
 * visit ends at the desk without one. No name, no insurance numbers. Other states stay local.
 */
export function deskEvent(row: VisitRow, at: number): { kind: string; payload: Record<string, unknown> } | null {
  // A reception made by name only (eligibility unconfirmed, nobody known) has no patientRef: the desk attaches the patient.
  if (row.state === 'registered' && row.acceptanceId) {
    const unconfirmed = row.outcome !== 'valid';
    return {
      kind: 'reception.created',
      payload: {
        receptionRef: row.visitId, ...(row.patientId ? { patientRef: row.patientId } : {}), department: row.department ?? '', receptionNumber: row.acceptanceId,
        eligibility: deskEligibility(row, at), ...(unconfirmed ? { sentToDesk: DESK_REASON_OF_OUTCOME[row.outcome ?? 'unconfirmed'] } : {}),
      },
    };
  }
  if (row.state === 'sent_to_desk') {
    return {
      kind: 'reception.sent_to_desk',
      payload: {
        visitRef: row.visitId, reason: row.deskReason ?? 'service_down',
        ...(row.department ? { department: row.department } : {}), ...(row.patientId ? { patientRef: row.patientId } : {}),
      },
    };
  }
  return null;
}

export function createVisitStore(db: KioskDb, queue: KioskQueue, kioskId: string, clock: () => number) {
  const rows = createReceptionVisits(db);

  function load(visitId: string): VisitRow {
    const row = rows.get(visitId);
    if (!row) throw new KioskError('reception.not_found', undefined, { visitId });
    return row;
  }

  function tell(visitId: string, key: string, e: { kind: string; payload: Record<string, unknown> } | null): void {
    if (e) queue.enqueueInTransaction({ key, kind: e.kind, stream: streamOf(visitId), payload: { kioskId, ...e.payload } });
  }

  return {
    /** A new visit in its first state ('checking' or 'outcome') with what is known of its eligibility. */
    create(visitId: string, state: 'checking' | 'outcome', medium: VisitRow['medium'], patch: VisitPatch): VisitRow {
      return db.durable(() => {
        rows.insert(visitId, state, medium, clock());
        rows.update(visitId, patch, undefined, clock());
        return load(visitId);
      });
    },

    get: (visitId: string): VisitRow | undefined => rows.get(visitId),
    load,
    events: (visitId: string) => rows.events(visitId),

    /** Columns that change WITHOUT a state change (the patient found, the 受付票's outcome). */
    patch(visitId: string, patch: VisitPatch): VisitRow {
      return db.durable(() => {
        rows.update(visitId, patch, undefined, clock());
        return load(visitId);
      });
    },

    /** The only way a state changes; `from` guards against a racing step (the session ending meanwhile). */
    transition(visitId: string, to: VisitState, opts: { from?: readonly VisitState[]; patch?: VisitPatch; detail?: string } = {}): VisitRow {
      return db.durable(() => {
        const row = load(visitId);
        const allowed = (opts.from ?? [row.state]).includes(row.state) && TRANSITIONS[row.state].includes(to);
        if (!allowed) throw new KioskError('reception.invalid_state', `cannot go from ${row.state} to ${to}`, { state: row.state, to });
        rows.update(visitId, opts.patch ?? {}, to, clock());
        const id = rows.appendEvent(visitId, clock(), to, opts.detail ?? null);
        const after = load(visitId);
        tell(visitId, `reception:${visitId}:${to}:${id}`, deskEvent(after, clock()));
        return after;
      });
    },

    /**
     * A re-checked eligibility (housekeeping): recorded, and told to the desk as reception.eligibility
     * when the visit's reception exists there (a visit still open is told with its reception.created).
     */
    rechecked(visitId: string, patch: VisitPatch, detail: string): VisitRow {
      return db.durable(() => {
        rows.update(visitId, patch, undefined, clock());
        const row = load(visitId);
        const id = rows.appendEvent(visitId, clock(), row.state, `rechecked: ${detail}`);
        if (row.acceptanceId && (row.state === 'registered' || row.state === 'done')) {
          tell(visitId, `reception:${visitId}:rechecked:${id}`, {
            kind: 'reception.eligibility',
            // The patient the desk attached to a reception made by name only, so the desk row shows them.
            payload: { receptionRef: visitId, ...(row.patientId ? { patientRef: row.patientId } : {}), eligibility: deskEligibility(row, clock()) },
          });
        }
        return row;
      });
    },

    inStates: (states: readonly VisitState[]): VisitRow[] => rows.inStates(states),
    awaitingRecheck: (limit: number): VisitRow[] => rows.awaitingRecheck(limit),
    receivedByNameOnly: (since: number, limit: number): VisitRow[] => rows.receivedByNameOnly(since, limit),

    /** True when the back office acknowledged every event of the visit. */
    fullySynced: (visitId: string): boolean => queue.unfinishedInStream(streamOf(visitId)) === 0,

    /** Personal data (parsed result, raw XML) of finished visits the back office has: wiped. Returns how many. */
    wipeSynced(): number {
      let n = 0;
      for (const id of rows.finishedWithPersonal()) {
        if (queue.unfinishedInStream(streamOf(id)) > 0) continue;
        db.durable(() => rows.wipePersonal(id));
        n++;
      }
      return n;
    },

    deleteFinished: (cutoff: number, limit: number): number => rows.deleteFinished(cutoff, limit),
  };
}

export type VisitStore = ReturnType<typeof createVisitStore>;
