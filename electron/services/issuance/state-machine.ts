// THE certificate-request state machine, persisted in the kiosk database (migration 0040). Every
// state change goes through transition(): it checks the edge against TRANSITIONS, updates the row,
// appends the audit event and enqueues the back-office event in ONE synchronous=FULL transaction,
// so after kill -9 or a power cut the row, its history and what the back office will learn agree.
//
//   requested ──► authorized ──► paid ──► printing ──► printed ──► synced
//       │              │           │          │ ╲
//       ▼              ▼           ▼          ▼  ╲► held (maybe printed: staff decide) ──► printed | refunded | printing (reprint)
//     voided         voided     refunded   refunded (nothing was sent)     failed (refund impossible) ──► refunded
//
// A request found in 'printing' at restart is never printed again (kiosk-domain.md §2.6): it is held.
// held → printing only by staff's audited reprint, with a fresh document from the back office.
// Events that change no state (the receipt printed or not) are recorded with note().
import { certificateEventKind, type CertificateNote } from '../../../common/backoffice-api';
import { KioskError } from '../../../common/errors';
import { createIssuanceRequests, type IssuanceState, type NewRequest, type RequestRow, type RowPatch } from '../../../db/issuance-requests';
import type { KioskDb } from '../../../db/kiosk-db';
import type { KioskQueue } from '../../../db/queue';

export type { IssuanceState, RequestRow, RowPatch } from '../../../db/issuance-requests';

export const TRANSITIONS: Readonly<Record<IssuanceState, readonly IssuanceState[]>> = {
  requested: ['authorized', 'voided'],
  authorized: ['paid', 'voided'],
  paid: ['printing', 'refunded', 'failed', 'held'],
  printing: ['printed', 'held', 'refunded', 'failed'],
  printed: ['synced'],
  held: ['printed', 'refunded', 'failed', 'printing'],
  failed: ['refunded', 'held'],
  refunded: [],
  voided: [],
  synced: [],
};

/** States a restart must act on (resume()); the rest are final or only wait for sync. */
export const UNFINISHED: readonly IssuanceState[] = ['requested', 'authorized', 'paid', 'printing'];

/** Outbox stream of one request: its events reach the back office strictly in order. */
export const streamOf = (requestId: string) => `certificate:${requestId}`;

export function createRequestStore(db: KioskDb, queue: KioskQueue, kioskId: string, clock: () => number) {
  const rows = createIssuanceRequests(db);

  function load(requestId: string): RequestRow {
    const row = rows.get(requestId);
    if (!row) throw new KioskError('issuance.not_found', undefined, { requestId });
    return row;
  }

  return {
    create(r: NewRequest): RequestRow {
      return db.durable(() => {
        rows.insert(r, clock());
        return load(r.requestId);
      });
    },

    get: (requestId: string): RequestRow | undefined => rows.get(requestId),

    load,

    events: (requestId: string) => rows.events(requestId),

    /** Columns that change WITHOUT a state change (e.g. the payment id before money is asked for). */
    patch(requestId: string, patch: RowPatch): void {
      db.durable(() => rows.update(requestId, patch, undefined, clock()));
    },

    /**
     * The only way a state changes. `from` guards against a racing step (e.g. cancel during pay):
     * the transition applies only if the row is still in one of them. A state change answers any
     * reprint still pending (it is either this reprint's own transition or a decision that replaces it).
     */
    transition(requestId: string, to: IssuanceState, opts: { from?: readonly IssuanceState[]; patch?: RowPatch; detail?: string; event?: Record<string, unknown> } = {}): RequestRow {
      return db.durable(() => {
        const row = load(requestId);
        const allowed = (opts.from ?? [row.state]).includes(row.state) && TRANSITIONS[row.state].includes(to);
        if (!allowed) throw new KioskError('issuance.invalid_state', `cannot go from ${row.state} to ${to}`, { state: row.state, to });
        // A state can be reached again (held → printing on a reprint): each visit is its own event.
        const visits = rows.visits(requestId, to);
        rows.update(requestId, { ...(row.pendingReprint ? { pendingReprint: null } : {}), ...opts.patch }, to, clock());
        rows.appendEvent(requestId, clock(), to, opts.detail ?? null);
        if (to !== 'synced') {
          queue.enqueueInTransaction({
            key: `certificate:${requestId}:${to}${visits > 0 ? `:${visits + 1}` : ''}`, kind: certificateEventKind(to), stream: streamOf(requestId),
            payload: { requestId, kioskId, issuanceId: row.issuanceId ?? opts.patch?.issuanceId ?? null, state: to, at: new Date(clock()).toISOString(),
              ...(opts.detail ? { detail: opts.detail } : {}), ...(opts.event ?? {}) },
          });
        }
        return load(requestId);
      });
    },

    /**
     * An audited event that changes no state (e.g. 'receipt_failed'): its row in issuance_events
     * (under the current state) and its back-office event in one durable transaction. A note also
     * answers a pending reprint, unless it sets one (`pendingReprint`).
     */
    note(requestId: string, what: CertificateNote, opts: { detail?: string; event?: Record<string, unknown>; pendingReprint?: RequestRow['pendingReprint'] } = {}): void {
      db.durable(() => {
        const row = load(requestId);
        const pendingReprint = opts.pendingReprint ?? null;
        if (row.pendingReprint || pendingReprint) rows.update(requestId, { pendingReprint }, undefined, row.updatedAt);
        const id = rows.appendEvent(requestId, clock(), row.state, `${what}${opts.detail ? `: ${opts.detail}` : ''}`);
        queue.enqueueInTransaction({
          key: `certificate:${requestId}:${what}:${id}`, kind: certificateEventKind(what), stream: streamOf(requestId),
          payload: { requestId, kioskId, issuanceId: row.issuanceId, state: row.state, at: new Date(clock()).toISOString(),
            ...(opts.detail ? { detail: opts.detail } : {}), ...(opts.event ?? {}) },
        });
      });
    },

    inStates: (states: readonly IssuanceState[]): RequestRow[] => rows.inStates(states),

    /** True when the back office acknowledged every event of the request. */
    fullySynced: (requestId: string): boolean => queue.unfinishedInStream(streamOf(requestId)) === 0,

    /** Deletes the document and personal summary; ids, states and amounts stay for the audit. */
    wipePersonal: (requestId: string): void => { db.durable(() => rows.wipePersonal(requestId)); },

    latestRequestId: rows.latestRequestId,
    latestIssuanceId: rows.latestIssuanceId,
  };
}

export type RequestStore = ReturnType<typeof createRequestStore>;
