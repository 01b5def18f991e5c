// The certificate requests' rows and their audit events (migrations 0040, 0050, 0070), typed. The
// state machine (electron/services/issuance/state-machine.ts) decides WHICH changes are allowed and
// wraps them in one durable transaction with their outbox event; this module only reads and writes
// rows, so every SQL statement about a certificate request lives here.
import type { KioskDb } from './kiosk-db';

export type IssuanceState = 'requested' | 'authorized' | 'paid' | 'printing' | 'printed' | 'synced' | 'held' | 'failed' | 'refunded' | 'voided';

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
  /** Staff's reprint sent to the back office and not answered yet: a retry repeats this id and note. */
  pendingReprint: { reprintId: string; note: string } | null;
  summary: string[] | null;
  documentJson: string | null;
  documentPdf: Uint8Array | null;
  createdAt: number;
  updatedAt: number;
}

export type RowPatch = Partial<Pick<RequestRow, 'fee' | 'paid' | 'change' | 'refunded' | 'paymentId' | 'paymentMethod' | 'issuanceId'
  | 'issuanceNumber' | 'subjectHash' | 'printJobId' | 'maybePrinted' | 'pendingReprint' | 'summary' | 'documentJson' | 'documentPdf'>>;

export interface RequestEvent { at: string; state: IssuanceState; detail?: string }

export interface NewRequest { requestId: string; type: string; scope: string; copies: number; summary: string[]; reprintOf?: string }

type Raw = Record<string, unknown>;

function fromRaw(r: Raw): RequestRow {
  return {
    requestId: r.request_id as string, state: r.state as IssuanceState, type: r.certificate_type as string, scope: r.scope as string,
    copies: r.copies as number, fee: r.fee as number, paid: r.paid as number, change: r.change_given as number, refunded: r.refunded as number,
    paymentId: r.payment_id as string | null, paymentMethod: r.payment_method as string | null, issuanceId: r.issuance_id as string | null,
    issuanceNumber: r.issuance_number as string | null, subjectHash: r.subject_hash as string | null, printJobId: r.print_job_id as number | null,
    reprintOf: r.reprint_of as string | null, maybePrinted: r.maybe_printed === null || r.maybe_printed === undefined ? null : r.maybe_printed === 1,
    pendingReprint: typeof r.pending_reprint_id === 'string' ? { reprintId: r.pending_reprint_id, note: (r.pending_reprint_note as string | null) ?? '' } : null,
    summary: r.summary_json ? JSON.parse(r.summary_json as string) as string[] : null,
    documentJson: r.document_json as string | null, documentPdf: r.document_pdf ? new Uint8Array(r.document_pdf as Buffer) : null,
    createdAt: r.created_at as number, updatedAt: r.updated_at as number,
  };
}

/** A patch as column → SQLite value (SQLite has no boolean or array: a flag is 0/1, a list JSON). */
function columnsOf(patch: RowPatch): Record<string, unknown> {
  const cols: Record<string, unknown> = {};
  const put = (column: string, v: unknown) => { if (v !== undefined) cols[column] = v; };
  put('fee', patch.fee); put('paid', patch.paid); put('change_given', patch.change); put('refunded', patch.refunded);
  put('payment_id', patch.paymentId); put('payment_method', patch.paymentMethod); put('issuance_id', patch.issuanceId);
  put('issuance_number', patch.issuanceNumber); put('subject_hash', patch.subjectHash); put('print_job_id', patch.printJobId);
  if (patch.maybePrinted !== undefined) put('maybe_printed', patch.maybePrinted === null ? null : Number(patch.maybePrinted));
  if (patch.pendingReprint !== undefined) {
    put('pending_reprint_id', patch.pendingReprint?.reprintId ?? null);
    put('pending_reprint_note', patch.pendingReprint?.note ?? null);
  }
  if (patch.summary !== undefined) put('summary_json', patch.summary === null ? null : JSON.stringify(patch.summary));
  put('document_json', patch.documentJson);
  if (patch.documentPdf !== undefined) put('document_pdf', patch.documentPdf === null ? null : Buffer.from(patch.documentPdf));
  return cols;
}

/**
 * Rows and events of certificate requests. Writes do not open transactions of their own: the caller
 * puts them in db.durable() together with the outbox event that tells the back office.
 */
export function createIssuanceRequests(db: KioskDb) {
  const s = db.sqlite;
  const insertRow = s.prepare(`INSERT INTO issuance_requests (request_id, state, certificate_type, scope, copies, summary_json, reprint_of, created_at, updated_at)
    VALUES (?, 'requested', ?, ?, ?, ?, ?, ?, ?)`);
  const selectRow = s.prepare('SELECT * FROM issuance_requests WHERE request_id = ?');
  const insertEvent = s.prepare('INSERT INTO issuance_events (request_id, at, state, detail) VALUES (?, ?, ?, ?)');
  const selectEvents = s.prepare('SELECT at, state, detail FROM issuance_events WHERE request_id = ? ORDER BY id');
  const selectByStates = s.prepare(`SELECT * FROM issuance_requests WHERE state IN (SELECT value FROM json_each(?)) ORDER BY created_at`);
  const countState = s.prepare('SELECT COUNT(*) FROM issuance_events WHERE request_id = ? AND state = ?').pluck();
  const wipePersonal = s.prepare('UPDATE issuance_requests SET summary_json = NULL, document_json = NULL, document_pdf = NULL WHERE request_id = ?');
  const latestRequest = s.prepare('SELECT request_id FROM issuance_requests ORDER BY created_at DESC, rowid DESC LIMIT 1').pluck();
  const latestIssuance = s.prepare('SELECT issuance_id FROM issuance_requests WHERE issuance_id IS NOT NULL ORDER BY created_at DESC, rowid DESC LIMIT 1').pluck();
  // One statement per column set actually used (a handful), prepared once each.
  const updates = new Map<string, ReturnType<typeof s.prepare>>();

  return {
    /** The new row in 'requested' and its first audit event. */
    insert(r: NewRequest, now: number): void {
      insertRow.run(r.requestId, r.type, r.scope, r.copies, JSON.stringify(r.summary), r.reprintOf ?? null, now, now);
      insertEvent.run(r.requestId, now, 'requested', null);
    },

    get(requestId: string): RequestRow | undefined {
      const raw = selectRow.get(requestId) as Raw | undefined;
      return raw ? fromRaw(raw) : undefined;
    },

    /** Sets the patched columns (and the state when given); updated_at is always `now`. */
    update(requestId: string, patch: RowPatch, state: IssuanceState | undefined, now: number): void {
      const cols = columnsOf(patch);
      if (state) cols.state = state;
      const names = Object.keys(cols);
      const sql = `UPDATE issuance_requests SET ${['updated_at', ...names].map((c) => `${c} = @${c}`).join(', ')} WHERE request_id = @request_id`;
      let stmt = updates.get(sql);
      if (!stmt) updates.set(sql, stmt = s.prepare(sql));
      stmt.run({ ...cols, updated_at: now, request_id: requestId });
    },

    /** Appends an audit event; returns its id (unique, so it can key an outbox event). */
    appendEvent: (requestId: string, at: number, state: IssuanceState, detail: string | null): number =>
      Number(insertEvent.run(requestId, at, state, detail).lastInsertRowid),

    events: (requestId: string): RequestEvent[] => (selectEvents.all(requestId) as { at: number; state: IssuanceState; detail: string | null }[])
      .map((e) => ({ at: new Date(e.at).toISOString(), state: e.state, ...(e.detail ? { detail: e.detail } : {}) })),

    /** How many times the request has entered `state` (a reprint enters 'printing' again). */
    visits: (requestId: string, state: IssuanceState): number => countState.get(requestId, state) as number,

    inStates: (states: readonly IssuanceState[]): RequestRow[] => (selectByStates.all(JSON.stringify(states)) as Raw[]).map(fromRaw),

    /** Deletes the document and personal summary; ids, states and amounts stay for the audit. */
    wipePersonal: (requestId: string): void => { wipePersonal.run(requestId); },

    latestRequestId: (): string | null => (latestRequest.get() as string | undefined) ?? null,
    latestIssuanceId: (): string | null => (latestIssuance.get() as string | undefined) ?? null,
  };
}

export type IssuanceRequests = ReturnType<typeof createIssuanceRequests>;
