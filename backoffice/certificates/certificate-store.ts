// The certificate service's records: registry details the certificates print (本籍, 住民となった日,
// 前住所 …), issued documents with their fee and state, and the kiosk's events about them (paid,
// printed, held, refunded, voided), applied once per key. Embedded default: its own SQLite file next
// to backoffice.db, WAL + synchronous=FULL (issuance numbers and fees are the system of record). With
// a PostgreSQL store the same records live in that database (postgres-certificate-store.ts), so every
// instance draws its numbers from the same counter.
import { z } from 'zod';
import { promised, type Promised } from '../storage/promised';
import { Layout, Scope, type IssuanceState } from '../../common/backoffice-api';
import { decideCertificateEvent, type EventVerdict } from './event-rules';
import { openSqliteFile } from '../storage/sqlite-file';

export const ResidentDetails = z.object({
  /** false: the furigana is not confirmed yet and prints as 「******」 (2025-05-26 rule). */
  furiganaConfirmed: z.boolean().default(true),
  oldName: z.string().optional(),
  becameResidentOn: z.string(),
  addressSince: z.string(),
  previousAddress: z.string().optional(),
  notifiedOn: z.string().optional(),
  honseki: z.object({ honseki: z.string(), hittosha: z.string() }).optional(),
  /** 個人番号: printed only where the municipality allows it AND the resident asked. */
  myNumber: z.string().regex(/^\d{12}$/).optional(),
  foreign: z.object({ nationality: z.string(), residenceStatus: z.string(), periodOfStay: z.string(), expiry: z.string(), cardNumber: z.string().optional(), class30_45: z.string() }).optional(),
});
export type ResidentDetailsT = z.infer<typeof ResidentDetails>;

/** The kiosk's states (common/backoffice-api) a back-office record can be in: never 'requested', 'printing' or 'synced'. */
export type IssuanceRecordState = Exclude<IssuanceState, 'requested' | 'printing' | 'synced'>;

export interface IssuanceRecord {
  issuanceId: string; requestId: string; kioskId: string; residentId: string; type: string; copies: number; fee: number;
  issuanceNumber: string; subjectHash: string; state: IssuanceRecordState; paid: number; refunded: number; createdAt: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS resident_details (resident_id TEXT PRIMARY KEY, details TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS issuance_counters (municipality TEXT NOT NULL, year INTEGER NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (municipality, year)) STRICT;
  CREATE TABLE IF NOT EXISTS issuances (
    issuance_id TEXT PRIMARY KEY, request_id TEXT NOT NULL UNIQUE, kiosk_id TEXT NOT NULL, resident_id TEXT NOT NULL,
    type TEXT NOT NULL, copies INTEGER NOT NULL, fee INTEGER NOT NULL, issuance_number TEXT NOT NULL UNIQUE, subject_hash TEXT NOT NULL,
    state TEXT NOT NULL, paid INTEGER NOT NULL DEFAULT 0, refunded INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS issuance_events (
    key TEXT PRIMARY KEY, request_id TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT;
  CREATE INDEX IF NOT EXISTS issuance_events_request ON issuance_events (request_id);
  -- What the resident chose (scope, members, options, layout): a reprint re-decides the same request.
  CREATE TABLE IF NOT EXISTS issuance_params (issuance_id TEXT PRIMARY KEY REFERENCES issuances (issuance_id), params TEXT NOT NULL) STRICT;
  -- Staff-confirmed reprints of a held print: same issuance number, a fresh document, no fee.
  CREATE TABLE IF NOT EXISTS issuance_reprints (
    reprint_id TEXT PRIMARY KEY, issuance_id TEXT NOT NULL REFERENCES issuances (issuance_id), request_id TEXT NOT NULL,
    kiosk_id TEXT NOT NULL, staff_note TEXT NOT NULL, created_at INTEGER NOT NULL) STRICT;
  CREATE INDEX IF NOT EXISTS issuance_reprints_issuance ON issuance_reprints (issuance_id);
`;

/** The request as the resident chose it, kept so a reprint can be decided again from the same choices. */
export const IssuanceParams = z.object({
  scope: Scope,
  memberIds: z.array(z.string()),
  options: z.record(z.string(), z.boolean()),
  layout: Layout.optional(),
});
export type IssuanceParamsT = z.infer<typeof IssuanceParams>;

export interface ReprintRecord { reprintId: string; issuanceId: string; requestId: string; kioskId: string; staffNote: string; createdAt: number; staffId?: string | null }

export function openCertificateStore(dataDir: string) {
  const db = openSqliteFile(dataDir, 'certificates.db');
  db.exec(SCHEMA);
  // Who of the staff asked for a reprint (added after the first release: files made before lack it).
  const reprintColumns = (db.prepare('PRAGMA table_info(issuance_reprints)').all() as { name: string }[]).map((c) => c.name);
  if (!reprintColumns.includes('staff_id')) db.exec('ALTER TABLE issuance_reprints ADD COLUMN staff_id TEXT');
  const putDetails = db.prepare('INSERT INTO resident_details VALUES (?, ?) ON CONFLICT (resident_id) DO UPDATE SET details = excluded.details');
  const getDetails = db.prepare('SELECT details FROM resident_details WHERE resident_id = ?').pluck();
  const bump = db.prepare(`INSERT INTO issuance_counters VALUES (?, ?, 1) ON CONFLICT (municipality, year) DO UPDATE SET last = last + 1 RETURNING last`).pluck();
  const insertIssuance = db.prepare(`INSERT INTO issuances (issuance_id, request_id, kiosk_id, resident_id, type, copies, fee, issuance_number, subject_hash, state, created_at)
    VALUES (@issuanceId, @requestId, @kioskId, @residentId, @type, @copies, @fee, @issuanceNumber, @subjectHash, 'authorized', @createdAt)`);
  const byRequest = db.prepare('SELECT * FROM issuances WHERE request_id = ?');
  const insertEvent = db.prepare('INSERT INTO issuance_events VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING');
  const hasEvent = db.prepare('SELECT 1 FROM issuance_events WHERE key = ?').pluck();
  const eventsOf = db.prepare('SELECT key, kind, payload FROM issuance_events WHERE request_id = ? ORDER BY applied_at, rowid');
  const byId = db.prepare('SELECT * FROM issuances WHERE issuance_id = ?');
  const insertParams = db.prepare('INSERT INTO issuance_params VALUES (?, ?)');
  const getParams = db.prepare('SELECT params FROM issuance_params WHERE issuance_id = ?').pluck();
  const insertReprint = db.prepare(`INSERT INTO issuance_reprints (reprint_id, issuance_id, request_id, kiosk_id, staff_note, created_at, staff_id)
    VALUES (@reprintId, @issuanceId, @requestId, @kioskId, @staffNote, @createdAt, @staffId) ON CONFLICT (reprint_id) DO NOTHING`);
  const reprintCount = db.prepare('SELECT COUNT(*) FROM issuance_reprints WHERE issuance_id = ?').pluck();
  const reprintsOf = db.prepare('SELECT * FROM issuance_reprints WHERE issuance_id = ? ORDER BY created_at, rowid');
  const setState = db.prepare('UPDATE issuances SET state = ?, paid = paid + ?, refunded = refunded + ? WHERE request_id = ?');

  const toRecord = (r: Record<string, unknown> | undefined): IssuanceRecord | undefined => r && ({
    issuanceId: r.issuance_id as string, requestId: r.request_id as string, kioskId: r.kiosk_id as string, residentId: r.resident_id as string,
    type: r.type as string, copies: r.copies as number, fee: r.fee as number, issuanceNumber: r.issuance_number as string,
    subjectHash: r.subject_hash as string, state: r.state as IssuanceRecordState, paid: r.paid as number, refunded: r.refunded as number, createdAt: r.created_at as number,
  });

  return {
    putDetails: (residentId: string, d: ResidentDetailsT) => { putDetails.run(residentId, JSON.stringify(d)); },
    details(residentId: string): ResidentDetailsT | undefined {
      const raw = getDetails.get(residentId) as string | undefined;
      return raw ? ResidentDetails.parse(JSON.parse(raw)) : undefined;
    },
    /** Number + record in one FULL transaction: a number is never handed out twice or lost. */
    recordIssuance(r: Omit<IssuanceRecord, 'issuanceNumber' | 'state' | 'paid' | 'refunded'> & { municipality: string; year: number; format: (n: number) => string; params?: IssuanceParamsT }): IssuanceRecord {
      return db.transaction(() => {
        const n = bump.get(r.municipality, r.year) as number;
        const { params, ...row } = r;
        insertIssuance.run({ ...row, issuanceNumber: r.format(n) });
        if (params) insertParams.run(r.issuanceId, JSON.stringify(IssuanceParams.parse(params)));
        return toRecord(byRequest.get(r.requestId) as Record<string, unknown>)!;
      }).immediate();
    },
    issuanceByRequest: (requestId: string) => toRecord(byRequest.get(requestId) as Record<string, unknown> | undefined),
    issuanceById: (issuanceId: string) => toRecord(byId.get(issuanceId) as Record<string, unknown> | undefined),
    paramsOf(issuanceId: string): IssuanceParamsT | undefined {
      const raw = getParams.get(issuanceId) as string | undefined;
      return raw ? IssuanceParams.parse(JSON.parse(raw)) : undefined;
    },
    /** Records a reprint once per reprint id; returns every reprint of the issuance so far, or null
     *  when it already has `max` and this one is new. */
    recordReprint(r: ReprintRecord, max = Infinity): ReprintRecord[] | null {
      return db.transaction(() => {
        // The limit is checked where the row is written: reprints asked in parallel cannot pass it together.
        const known = (reprintsOf.all(r.issuanceId) as Record<string, unknown>[]).some((x) => x.reprint_id === r.reprintId);
        if (!known && (reprintCount.get(r.issuanceId) as number) >= max) return null;
        insertReprint.run({ ...r, staffId: r.staffId ?? null });
        return (reprintsOf.all(r.issuanceId) as Record<string, unknown>[]).map((x) => ({
          reprintId: x.reprint_id as string, issuanceId: x.issuance_id as string, requestId: x.request_id as string,
          kioskId: x.kiosk_id as string, staffNote: x.staff_note as string, createdAt: x.created_at as number, staffId: x.staff_id as string | null,
        }));
      }).immediate();
    },
    reprintCount: (issuanceId: string) => reprintCount.get(issuanceId) as number,
    /**
     * A kiosk event about an issuance, decided against the stored record (event-rules.ts) and applied
     * once per kiosk and key: a replay changes nothing, a refused event changes nothing either.
     */
    applyEvent(e: { kioskId: string; key: string; requestId: string; kind: string; payload: { paid?: number; refunded?: number }; now: number }): EventVerdict {
      return db.transaction((): EventVerdict => {
        // Keys are the kiosk's own: the same key from two kiosks is two events.
        const key = `${e.kioskId}/${e.key}`;
        if (hasEvent.get(key) !== undefined) return { ok: true, to: null, paid: 0, refunded: 0 };
        const verdict = decideCertificateEvent(toRecord(byRequest.get(e.requestId) as Record<string, unknown> | undefined), e.kioskId, e.kind.replace(/^certificate\./, ''), e.payload);
        if (!verdict.ok) return verdict;
        insertEvent.run(key, e.requestId, e.kind, JSON.stringify(e.payload), e.now);
        if (verdict.to) setState.run(verdict.to, verdict.paid, verdict.refunded, e.requestId);
        return verdict;
      }).immediate();
    },
    events: (requestId: string) => (eventsOf.all(requestId) as { key: string; kind: string; payload: string }[]).map((e) => ({ ...e, payload: JSON.parse(e.payload) as unknown })),
    close: (): void => { db.close(); },
  };
}

export type SqliteCertificateStore = ReturnType<typeof openCertificateStore>;
/** What the routes use, on either database. */
export type CertificateStore = Promised<SqliteCertificateStore>;

export const openSqliteCertificateStore = (dataDir: string): CertificateStore => promised(openCertificateStore(dataDir));
