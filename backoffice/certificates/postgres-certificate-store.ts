// The certificate records (certificate-store.ts) in the PostgreSQL store's database, so several
// back-office instances share them. What the database holds, whichever instance a request reaches:
// - an issuance number comes from one counter row per municipality and year, bumped by an upsert
//   that locks the row until the issuance is written, and the number has a unique key;
// - a kiosk event about an issuance is claimed by its key first, in the transaction of the sync
//   batch (the caller's): the same event at two instances at once waits on the key, applies once;
// - the reprint limit is checked with the issuance row locked, so parallel reprints cannot pass it.
import { KioskError } from '../../common/errors';
import type { PostgresBackOfficeStore } from '../storage/postgres-store';
import { IssuanceParams, ResidentDetails, type CertificateStore, type IssuanceRecord, type IssuanceRecordState, type ReprintRecord } from './certificate-store';
import { decideCertificateEvent, type EventVerdict } from './event-rules';

type Row = Record<string, unknown>;

const toRecord = (r: Row | undefined): IssuanceRecord | undefined => r && ({
  issuanceId: r.issuance_id as string, requestId: r.request_id as string, kioskId: r.kiosk_id as string, residentId: r.resident_id as string,
  type: r.type as string, copies: r.copies as number, fee: r.fee as number, issuanceNumber: r.issuance_number as string,
  subjectHash: r.subject_hash as string, state: r.state as IssuanceRecordState, paid: r.paid as number, refunded: r.refunded as number, createdAt: r.created_at as number,
});

const toReprint = (x: Row): ReprintRecord => ({
  reprintId: x.reprint_id as string, issuanceId: x.issuance_id as string, requestId: x.request_id as string,
  kioskId: x.kiosk_id as string, staffNote: x.staff_note as string, createdAt: x.created_at as number, staffId: x.staff_id as string | null,
});

export function postgresCertificateStore(db: PostgresBackOfficeStore): CertificateStore {
  const rows = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows as Row[];
  const one = async (sql: string, params: unknown[]) => (await rows(sql, params))[0];
  const reprintsOf = async (issuanceId: string) => (await rows('SELECT * FROM issuance_reprints WHERE issuance_id = $1 ORDER BY created_at, seq', [issuanceId])).map(toReprint);
  const countReprints = async (issuanceId: string) => (await one('SELECT COUNT(*) AS n FROM issuance_reprints WHERE issuance_id = $1', [issuanceId]))!.n as number;

  return {
    async putDetails(residentId, d) {
      await db.query('INSERT INTO resident_details VALUES ($1, $2) ON CONFLICT (resident_id) DO UPDATE SET details = excluded.details', [residentId, JSON.stringify(d)]);
    },
    async details(residentId) {
      const r = await one('SELECT details FROM resident_details WHERE resident_id = $1', [residentId]);
      return r ? ResidentDetails.parse(JSON.parse(r.details as string)) : undefined;
    },
    recordIssuance: (r) => db.transaction(async () => {
      const { params, municipality, year, format, ...row } = r;
      // A savepoint, because this may run inside the caller's transaction (the idempotency record's):
      // a refused INSERT aborts the whole transaction in PostgreSQL, and the 409 must still be written.
      await db.query('SAVEPOINT record_issuance');
      try {
        const n = (await one(`INSERT INTO issuance_counters VALUES ($1, $2, 1) ON CONFLICT (municipality, year)
          DO UPDATE SET last = issuance_counters.last + 1 RETURNING last`, [municipality, year]))!.last as number;
        await db.query(`INSERT INTO issuances (issuance_id, request_id, kiosk_id, resident_id, type, copies, fee, issuance_number, subject_hash, state, created_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'authorized', $10)`,
        [row.issuanceId, row.requestId, row.kioskId, row.residentId, row.type, row.copies, row.fee, format(n), row.subjectHash, row.createdAt]);
        await db.query('RELEASE SAVEPOINT record_issuance');
      } catch (err) {
        await db.query('ROLLBACK TO SAVEPOINT record_issuance');
        // The same request id issued at the other instance a moment ago: the number is not used.
        if ((err as { constraint?: string }).constraint === 'issuances_request_id_key') {
          throw new KioskError('idempotency.conflict', 'this request id was already issued', { field: 'requestId' });
        }
        throw err;
      }
      if (params) await db.query('INSERT INTO issuance_params VALUES ($1, $2)', [row.issuanceId, JSON.stringify(IssuanceParams.parse(params))]);
      return toRecord(await one('SELECT * FROM issuances WHERE request_id = $1', [row.requestId]))!;
    }),
    issuanceByRequest: async (requestId) => toRecord(await one('SELECT * FROM issuances WHERE request_id = $1', [requestId])),
    issuanceById: async (issuanceId) => toRecord(await one('SELECT * FROM issuances WHERE issuance_id = $1', [issuanceId])),
    async paramsOf(issuanceId) {
      const r = await one('SELECT params FROM issuance_params WHERE issuance_id = $1', [issuanceId]);
      return r ? IssuanceParams.parse(JSON.parse(r.params as string)) : undefined;
    },
    recordReprint: (r, max = Infinity) => db.transaction(async () => {
      // The issuance row locked: reprints asked at two instances at once are counted one after the other.
      await db.query('SELECT 1 FROM issuances WHERE issuance_id = $1 FOR UPDATE', [r.issuanceId]);
      const known = (await reprintsOf(r.issuanceId)).some((x) => x.reprintId === r.reprintId);
      if (!known && (await countReprints(r.issuanceId)) >= max) return null;
      await db.query(`INSERT INTO issuance_reprints (reprint_id, issuance_id, request_id, kiosk_id, staff_note, created_at, staff_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (reprint_id) DO NOTHING`,
      [r.reprintId, r.issuanceId, r.requestId, r.kioskId, r.staffNote, r.createdAt, r.staffId ?? null]);
      return reprintsOf(r.issuanceId);
    }),
    reprintCount: countReprints,
    applyEvent: (e) => db.transaction(async (): Promise<EventVerdict> => {
      // Keys are the kiosk's own: the same key from two kiosks is two events.
      const key = `${e.kioskId}/${e.key}`;
      const claimed = await db.query('INSERT INTO issuance_events (key, request_id, kind, payload, applied_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING',
        [key, e.requestId, e.kind, JSON.stringify(e.payload), e.now]);
      if (claimed.rowCount === 0) return { ok: true, to: null, paid: 0, refunded: 0 };
      const record = toRecord(await one('SELECT * FROM issuances WHERE request_id = $1 FOR UPDATE', [e.requestId]));
      const verdict = decideCertificateEvent(record, e.kioskId, e.kind.replace(/^certificate\./, ''), e.payload);
      if (!verdict.ok) {
        // Refused: the claim is withdrawn in the same transaction, nothing is recorded.
        await db.query('DELETE FROM issuance_events WHERE key = $1', [key]);
        return verdict;
      }
      if (verdict.to) await db.query('UPDATE issuances SET state = $1, paid = paid + $2, refunded = refunded + $3 WHERE request_id = $4', [verdict.to, verdict.paid, verdict.refunded, e.requestId]);
      return verdict;
    }),
    events: async (requestId) => (await rows('SELECT key, kind, payload FROM issuance_events WHERE request_id = $1 ORDER BY applied_at, seq', [requestId]))
      .map((r) => ({ key: r.key as string, kind: r.kind as string, payload: JSON.parse(r.payload as string) as unknown })),
    // The connection is the PostgreSQL store's: it closes it.
    close: async () => undefined,
  };
}
