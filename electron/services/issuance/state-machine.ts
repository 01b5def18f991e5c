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
import { KioskError } from '../../../common/errors';
import type { KioskDb } from '../../../db/kiosk-db';
import type { KioskQueue } from '../../../db/queue';

export type IssuanceState = 'requested' | 'authorized' | 'paid' | 'printing' | 'printed' | 'synced' | 'held' | 'failed' | 'refunded' | 'voided';

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

export interface RequestRow {
  requestId: string;
  state: IssuanceState;
  type: string;
  scope: string;
  copies: number;
  fee: number;
  paid: number;
  change: number;
  refunded: number;
  paymentId: string | null;
  paymentMethod: string | null;
  issuanceId: string | null;
  issuanceNumber: string | null;
  subjectHash: string | null;
  printJobId: number | null;
  reprintOf: string | null;
  /** An unfinished print: paper may have come out (null: not recorded). Staff see it before deciding. */
  maybePrinted: boolean | null;
  summary: string[] | null;
  documentJson: string | null;
  documentPdf: Uint8Array | null;
  createdAt: number;
  updatedAt: number;
}

export type RowPatch = Partial<Pick<RequestRow, 'fee' | 'paid' | 'change' | 'refunded' | 'paymentId' | 'paymentMethod' | 'issuanceId'
  | 'issuanceNumber' | 'subjectHash' | 'printJobId' | 'maybePrinted' | 'documentJson' | 'documentPdf'>>;

const COLUMN: Record<keyof RowPatch, string> = {
  fee: 'fee', paid: 'paid', change: 'change_given', refunded: 'refunded', paymentId: 'payment_id', paymentMethod: 'payment_method',
  issuanceId: 'issuance_id', issuanceNumber: 'issuance_number', subjectHash: 'subject_hash', printJobId: 'print_job_id',
  maybePrinted: 'maybe_printed', documentJson: 'document_json', documentPdf: 'document_pdf',
};

type Raw = Record<string, unknown>;

function fromRaw(r: Raw): RequestRow {
  return {
    requestId: r.request_id as string, state: r.state as IssuanceState, type: r.certificate_type as string, scope: r.scope as string,
    copies: r.copies as number, fee: r.fee as number, paid: r.paid as number, change: r.change_given as number, refunded: r.refunded as number,
    paymentId: r.payment_id as string | null, paymentMethod: r.payment_method as string | null, issuanceId: r.issuance_id as string | null,
    issuanceNumber: r.issuance_number as string | null, subjectHash: r.subject_hash as string | null, printJobId: r.print_job_id as number | null,
    reprintOf: r.reprint_of as string | null, maybePrinted: r.maybe_printed === null || r.maybe_printed === undefined ? null : r.maybe_printed === 1,
    summary: r.summary_json ? JSON.parse(r.summary_json as string) as string[] : null,
    documentJson: r.document_json as string | null, documentPdf: r.document_pdf ? new Uint8Array(r.document_pdf as Buffer) : null,
    createdAt: r.created_at as number, updatedAt: r.updated_at as number,
  };
}

/** Outbox stream of one request: its events reach the back office strictly in order. */
export const streamOf = (requestId: string) => `certificate:${requestId}`;

export function createRequestStore(db: KioskDb, queue: KioskQueue, kioskId: string, clock: () => number) {
  const s = db.sqlite;
  const insertRow = s.prepare(`INSERT INTO issuance_requests (request_id, state, certificate_type, scope, copies, summary_json, reprint_of, created_at, updated_at)
    VALUES (?, 'requested', ?, ?, ?, ?, ?, ?, ?)`);
  const selectRow = s.prepare('SELECT * FROM issuance_requests WHERE request_id = ?');
  const insertEvent = s.prepare('INSERT INTO issuance_events (request_id, at, state, detail) VALUES (?, ?, ?, ?)');
  const selectEvents = s.prepare('SELECT at, state, detail FROM issuance_events WHERE request_id = ? ORDER BY id');
  const selectByStates = s.prepare(`SELECT * FROM issuance_requests WHERE state IN (SELECT value FROM json_each(?)) ORDER BY created_at`);
  const pendingEvents = s.prepare(`SELECT COUNT(*) FROM outbox WHERE stream = ? AND state <> 'done'`).pluck();
  const countState = s.prepare('SELECT COUNT(*) FROM issuance_events WHERE request_id = ? AND state = ?').pluck();
  const wipePersonal = s.prepare('UPDATE issuance_requests SET summary_json = NULL, document_json = NULL, document_pdf = NULL WHERE request_id = ?');

  function load(requestId: string): RequestRow {
    const raw = selectRow.get(requestId) as Raw | undefined;
    if (!raw) throw new KioskError('issuance.not_found', undefined, { requestId });
    return fromRaw(raw);
  }

  return {
    create(r: { requestId: string; type: string; scope: string; copies: number; summary: string[]; reprintOf?: string }): RequestRow {
      return db.durable(() => {
        const now = clock();
        insertRow.run(r.requestId, r.type, r.scope, r.copies, JSON.stringify(r.summary), r.reprintOf ?? null, now, now);
        insertEvent.run(r.requestId, now, 'requested', null);
        return load(r.requestId);
      });
    },

    get: (requestId: string): RequestRow | undefined => {
      const raw = selectRow.get(requestId) as Raw | undefined;
      return raw ? fromRaw(raw) : undefined;
    },

    load,

    events: (requestId: string) => (selectEvents.all(requestId) as { at: number; state: IssuanceState; detail: string | null }[])
      .map((e) => ({ at: new Date(e.at).toISOString(), state: e.state, ...(e.detail ? { detail: e.detail } : {}) })),

    /** Columns that change WITHOUT a state change (e.g. the payment id before money is asked for). */
    patch(requestId: string, patch: RowPatch): void {
      db.durable(() => update(requestId, patch, undefined));
    },

    /**
     * The only way a state changes. `from` guards against a racing step (e.g. cancel during pay):
     * the transition applies only if the row is still in one of them.
     */
    transition(requestId: string, to: IssuanceState, opts: { from?: readonly IssuanceState[]; patch?: RowPatch; detail?: string; event?: Record<string, unknown> } = {}): RequestRow {
      return db.durable(() => {
        const row = load(requestId);
        const allowed = (opts.from ?? [row.state]).includes(row.state) && TRANSITIONS[row.state].includes(to);
        if (!allowed) throw new KioskError('issuance.invalid_state', `cannot go from ${row.state} to ${to}`, { state: row.state, to });
        // A state can be reached again (held → printing on a reprint): each visit is its own event.
        const visits = countState.get(requestId, to) as number;
        update(requestId, opts.patch ?? {}, to);
        insertEvent.run(requestId, clock(), to, opts.detail ?? null);
        if (to !== 'synced') {
          queue.enqueueInTransaction({
            key: `certificate:${requestId}:${to}${visits > 0 ? `:${visits + 1}` : ''}`, kind: `certificate.${to}`, stream: streamOf(requestId),
            payload: { requestId, kioskId, issuanceId: row.issuanceId ?? opts.patch?.issuanceId ?? null, state: to, at: new Date(clock()).toISOString(),
              ...(opts.detail ? { detail: opts.detail } : {}), ...(opts.event ?? {}) },
          });
        }
        return load(requestId);
      });
    },

    /**
     * An audited event that changes no state (e.g. 'receipt_failed'): its row in issuance_events
     * (under the current state) and its back-office event in one durable transaction.
     */
    note(requestId: string, what: string, opts: { detail?: string; event?: Record<string, unknown> } = {}): void {
      db.durable(() => {
        const row = load(requestId);
        const id = insertEvent.run(requestId, clock(), row.state, `${what}${opts.detail ? `: ${opts.detail}` : ''}`).lastInsertRowid;
        queue.enqueueInTransaction({
          key: `certificate:${requestId}:${what}:${id}`, kind: `certificate.${what}`, stream: streamOf(requestId),
          payload: { requestId, kioskId, issuanceId: row.issuanceId, state: row.state, at: new Date(clock()).toISOString(),
            ...(opts.detail ? { detail: opts.detail } : {}), ...(opts.event ?? {}) },
        });
      });
    },

    inStates: (states: readonly IssuanceState[]): RequestRow[] => (selectByStates.all(JSON.stringify(states)) as Raw[]).map(fromRaw),

    /** True when the back office acknowledged every event of the request. */
    fullySynced: (requestId: string): boolean => (pendingEvents.get(streamOf(requestId)) as number) === 0,

    /** Deletes the document and personal summary; ids, states and amounts stay for the audit. */
    wipePersonal: (requestId: string): void => { db.durable(() => wipePersonal.run(requestId)); },
  };

  function update(requestId: string, patch: RowPatch, state: IssuanceState | undefined): void {
    const sets: string[] = ['updated_at = @now'];
    const params: Record<string, unknown> = { id: requestId, now: clock() };
    if (state) { sets.push('state = @state'); params.state = state; }
    for (const [k, v] of Object.entries(patch) as [keyof RowPatch, unknown][]) {
      if (v === undefined) continue;
      sets.push(`${COLUMN[k]} = @${k}`);
      // SQLite has no boolean: a flag is stored as 0/1 (the column's CHECK says so).
      params[k] = v instanceof Uint8Array ? Buffer.from(v) : typeof v === 'boolean' ? Number(v) : v;
    }
    s.prepare(`UPDATE issuance_requests SET ${sets.join(', ')} WHERE request_id = @id`).run(params);
  }
}

export type RequestStore = ReturnType<typeof createRequestStore>;
