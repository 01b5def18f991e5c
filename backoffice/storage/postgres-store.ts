// PostgreSQL implementation of BackOfficeStore: several back-office instances share one database.
// What the database enforces, whichever instance a request reaches:
// - a kiosk event is claimed by its (kiosk_id, key) primary key in the same transaction as its
//   effect; the same event sent to two instances at once waits on the key and answers 'duplicate';
// - an Idempotency-Key's answer is written in the transaction of the effect, under an advisory lock
//   on the key (exclusive()), so a retry sent to the other instance waits and gets the replay;
// - a holder challenge is taken by DELETE … RETURNING: exactly one instance gets it;
// - synchronous_commit is on (postgres-connect.ts): an acknowledged write survives a crash.
// A transaction's calls share its connection through AsyncLocalStorage, so routes never pass it on.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { KioskError } from '../../common/errors';
import { connectPool, type PostgresOptions } from './postgres-connect';
import { migrate } from './postgres-migrations';
import type { BackOfficeStore, CertificateLink, InsuranceRow, KioskEventIn, ResidentRow } from './store';

type Row = Record<string, unknown>;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const eventHash = (e: KioskEventIn) => sha256(`${e.kind}\u0000${e.stream ?? ''}\u0000${e.payloadJson}`);
/** The advisory lock of an Idempotency-Key: 64 bits of its digest (keys may hold any byte). */
const lockId = (scope: string, key: string) => createHash('sha256').update(`${scope}\u0000${key}`).digest().readBigInt64BE(0).toString();
/** Deadlock or serialization failure: the transaction is retried as a whole. */
const RETRYABLE = new Set(['40001', '40P01']);

function residentFrom(r: Row): ResidentRow {
  return {
    residentId: r.resident_id as string, name: r.name as string, nameKana: r.name_kana as string, nameAlt: r.name_alt as string | null,
    sex: r.sex as ResidentRow['sex'], dob: r.dob as string, address: r.address as string, municipalityCode: r.municipality_code as string,
    householdId: r.household_id as string, relationship: r.relationship as string, movedOut: r.moved_out as boolean,
    dvProtection: r.dv_protection as boolean, deceased: r.deceased as boolean, unprintableCharacters: r.unprintable_characters as boolean,
  };
}

function insuranceFrom(r: Row): InsuranceRow {
  return {
    residentId: r.resident_id as string, insurerNumber: r.insurer_number as string, insurerName: r.insurer_name as string,
    symbol: r.symbol as string, number: r.number as string, branch: r.branch as string, cardClassification: r.card_classification as string,
    personalFamily: r.personal_family as '1' | '2', qualificationDate: r.qualification_date as string,
    contributionRatio: r.contribution_ratio as string, limitFlag: r.limit_flag as string | null, valid: r.valid as boolean,
  };
}

const RESIDENT_COLUMNS = ['name', 'name_kana', 'name_alt', 'sex', 'dob', 'address', 'municipality_code', 'household_id', 'relationship',
  'moved_out', 'dv_protection', 'deceased', 'unprintable_characters'];
const INSURANCE_COLUMNS = ['insurer_number', 'insurer_name', 'symbol', 'number', 'branch', 'card_classification', 'personal_family',
  'qualification_date', 'contribution_ratio', 'limit_flag', 'valid'];
const updateAll = (cols: string[]) => cols.map((c) => `${c} = excluded.${c}`).join(', ');
const placeholders = (n: number) => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ');

/** The store with its connection: the certificate and access records (same database) query through it,
 *  joining the transaction of the calling route. */
export type PostgresBackOfficeStore = BackOfficeStore & { query(sql: string, params?: unknown[]): Promise<pg.QueryResult> };

export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<PostgresBackOfficeStore> {
  const pool = await connectPool(url, options);
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  const current = new AsyncLocalStorage<pg.PoolClient>();
  /** Per transaction (its connection): the events claimBatch inserted and no applyEvent took yet, by "kiosk\0key". */
  const claimed = new WeakMap<pg.PoolClient, Map<string, string>>();
  const query = async (sql: string, params: unknown[] = []) => {
    try {
      return await (current.getStore() ?? pool).query(sql, params);
    } catch (err) {
      // PostgreSQL text cannot hold NUL (SQLite can): the caller's input, answered as such.
      if ((err as { code?: string }).code === '22021') throw new KioskError('input.invalid', 'text must not contain NUL characters', { reason: 'nul_character' });
      throw err;
    }
  };
  const one = async (sql: string, params: unknown[]) => (await query(sql, params)).rows[0] as Row | undefined;

  async function transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (current.getStore()) return fn();
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        claimed.delete(client);
        const result = await current.run(client, fn);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch((e: Error) => { broken = e; });
        if (attempt < 3 && RETRYABLE.has((err as { code?: string }).code ?? '')) continue;
        throw err;
      } finally {
        client.release(broken);
      }
    }
  }

  const store: PostgresBackOfficeStore = {
    kind: 'postgres',
    query,
    transaction,
    exclusive: (scope, key, fn) => transaction(async () => {
      await query('SELECT pg_advisory_xact_lock($1::bigint)', [lockId(scope, key)]);
      return fn();
    }),
    close: () => pool.end(),

    async getResponse(scope, key) {
      const r = await one('SELECT * FROM idempotency_records WHERE scope = $1 AND key = $2', [scope, key]);
      return r && { scope, key, requestHash: r.request_hash as string, status: r.status as number, body: r.body as string, createdAt: r.created_at as number };
    },
    async putResponse(r) {
      await query('INSERT INTO idempotency_records VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
        [r.scope, r.key, r.requestHash, r.status, r.body, r.createdAt]);
    },
    purgeResponses: async (olderThan) => (await query('DELETE FROM idempotency_records WHERE created_at < $1', [olderThan])).rowCount ?? 0,

    applyEvent: (kioskId, e, now, accept) => transaction(async () => {
      const hash = eventHash(e);
      const batch = claimed.get(current.getStore()!);
      const own = `${kioskId}\u0000${e.key}`;
      // Claimed with its batch (claimEvents) and not taken by an earlier event of the batch: no round trip.
      const preclaimed = batch?.get(own) === hash && batch.delete(own);
      // The key is claimed first: an instance applying the same event at this moment holds it, and
      // this insert waits for its commit and then finds the row. One round trip for a new event.
      const inserted = preclaimed ? { rowCount: 1 } : await query(`INSERT INTO kiosk_events VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (kiosk_id, key) DO NOTHING`,
        [e.key, kioskId, e.kind, e.stream, e.payloadJson, hash, e.createdAt, now]);
      if (inserted.rowCount === 0) {
        const existing = await one('SELECT payload_hash FROM kiosk_events WHERE kiosk_id = $1 AND key = $2', [kioskId, e.key]);
        return { key: e.key, status: existing?.payload_hash === hash ? 'duplicate' : 'conflict' };
      }
      const refused = await accept?.();
      if (refused) {
        // Refused for good: the claim is withdrawn in the same transaction, nothing is recorded.
        await query('DELETE FROM kiosk_events WHERE kiosk_id = $1 AND key = $2', [kioskId, e.key]);
        return { key: e.key, status: 'rejected', ...refused };
      }
      return { key: e.key, status: 'applied' };
    }),
    claimEvents: async (kioskId, events, now) => {
      const client = current.getStore();
      if (!client) throw new Error('claimEvents runs inside a transaction');
      // The first event of each key only: a key repeated in the batch is decided again at its turn.
      const seen = new Set<string>();
      const first = events.filter((e) => !seen.has(e.key) && seen.add(e.key));
      const col = <T>(f: (e: KioskEventIn) => T) => first.map(f);
      const rows = first.length === 0 ? [] : (await query(`INSERT INTO kiosk_events
        SELECT k, $1, kind, stream, payload, hash, created, $2 FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[])
          AS t (k, kind, stream, payload, hash, created)
        ON CONFLICT (kiosk_id, key) DO NOTHING RETURNING key`,
      [kioskId, now, col((e) => e.key), col((e) => e.kind), col((e) => e.stream), col((e) => e.payloadJson), col(eventHash), col((e) => e.createdAt)])).rows as Row[];
      const hashes = new Map(first.map((e) => [e.key, eventHash(e)]));
      const batch = new Map(rows.map((r) => [`${kioskId}\u0000${r.key as string}`, hashes.get(r.key as string)!]));
      claimed.set(client, batch);
      return {
        release: async () => {
          const left = [...batch.keys()].map((k) => k.slice(kioskId.length + 1));
          batch.clear();
          if (left.length) await query('DELETE FROM kiosk_events WHERE kiosk_id = $1 AND key = ANY($2::text[])', [kioskId, left]);
        },
      };
    },
    eventCount: async () => (await one('SELECT COUNT(*) AS n FROM kiosk_events', []))!.n as number,
    eventKeys: async () => (await query('SELECT key FROM kiosk_events')).rows.map((r: Row) => r.key as string),
    receptionEvents: async (kioskIds, from, to) => (await query(`SELECT kiosk_id AS "kioskId", key, kind, payload AS "payloadJson",
      kiosk_created_at AS "createdAt" FROM kiosk_events WHERE kiosk_id = ANY($1::text[]) AND kind LIKE 'reception.%'
      AND kiosk_created_at >= $2 AND kiosk_created_at < $3 ORDER BY kiosk_created_at, received_at`, [[...kioskIds], from, to])).rows as Awaited<ReturnType<BackOfficeStore['receptionEvents']>>,
    billingEvents: async (kioskIds, from, to) => (await query(`SELECT kiosk_id AS "kioskId", key, kind, payload AS "payloadJson",
      kiosk_created_at AS "createdAt" FROM kiosk_events WHERE kiosk_id = ANY($1::text[]) AND kind LIKE 'billing.%'
      AND kiosk_created_at >= $2 AND kiosk_created_at < $3 ORDER BY kiosk_created_at, received_at`, [[...kioskIds], from, to])).rows as Awaited<ReturnType<BackOfficeStore['billingEvents']>>,

    async upsertResident(r) {
      await query(`INSERT INTO residents (resident_id, ${RESIDENT_COLUMNS.join(', ')}) VALUES (${placeholders(14)})
        ON CONFLICT (resident_id) DO UPDATE SET ${updateAll(RESIDENT_COLUMNS)}`,
      [r.residentId, r.name, r.nameKana, r.nameAlt ?? null, r.sex, r.dob, r.address, r.municipalityCode, r.householdId, r.relationship,
        r.movedOut, r.dvProtection, r.deceased, r.unprintableCharacters]);
    },
    getResident: async (id) => { const r = await one('SELECT * FROM residents WHERE resident_id = $1', [id]); return r && residentFrom(r); },
    householdOf: async (h) => (await query('SELECT * FROM residents WHERE household_id = $1 ORDER BY resident_id', [h])).rows.map(residentFrom),
    async upsertSeal(s) {
      await query(`INSERT INTO seal_registrations VALUES ($1, $2, $3, $4) ON CONFLICT (resident_id) DO UPDATE SET
        registration_number = excluded.registration_number, image_png = excluded.image_png, abolished = excluded.abolished`,
      [s.residentId, s.registrationNumber, Buffer.from(s.imagePng), s.abolished]);
    },
    async getSeal(id) {
      const r = await one('SELECT * FROM seal_registrations WHERE resident_id = $1', [id]);
      return r && { residentId: id, registrationNumber: r.registration_number as string, imagePng: new Uint8Array(r.image_png as Buffer), abolished: r.abolished as boolean };
    },
    async linkCertificate(l) {
      await query(`INSERT INTO certificate_links VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (sha256_fingerprint) DO UPDATE SET resident_id = excluded.resident_id, source = excluded.source`,
      [l.sha256FingerprintHex, l.serialHex, l.issuer, l.residentId, l.notBefore, l.notAfter, l.source]);
    },
    async findCertificateLink(fp): Promise<CertificateLink | undefined> {
      const r = await one('SELECT * FROM certificate_links WHERE sha256_fingerprint = $1', [fp]);
      return r && { sha256FingerprintHex: fp, serialHex: r.serial_hex as string, issuer: r.issuer as string, residentId: r.resident_id as string,
        notBefore: r.not_before as number, notAfter: r.not_after as number, source: r.source as string };
    },

    async putChallenge(c) {
      await query('INSERT INTO auth_challenges VALUES ($1, $2, $3, $4)', [c.challengeId, Buffer.from(c.challenge), c.kioskId, c.expiresAt]);
    },
    async takeChallenge(id) {
      // DELETE … RETURNING: of two instances answering the same challenge, one gets the row.
      const r = await one('DELETE FROM auth_challenges WHERE challenge_id = $1 RETURNING *', [id]);
      await query('DELETE FROM auth_challenges WHERE expires_at < $1', [Date.now() - 3600_000]);
      return r && { challenge: new Uint8Array(r.challenge as Buffer), kioskId: r.kiosk_id as string, expiresAt: r.expires_at as number };
    },
    async putSession(s) {
      await query('INSERT INTO holder_sessions VALUES ($1, $2, $3, $4)', [s.token, s.residentId, s.kioskId, s.expiresAt]);
    },
    async getSession(token) {
      const r = await one('SELECT * FROM holder_sessions WHERE token = $1', [token]);
      return r && { residentId: r.resident_id as string, kioskId: r.kiosk_id as string, expiresAt: r.expires_at as number };
    },
    async purgeExpiredAuth(now) {
      const sessions = await query('DELETE FROM holder_sessions WHERE expires_at < $1', [now]);
      const challenges = await query('DELETE FROM auth_challenges WHERE expires_at < $1', [now]);
      return (sessions.rowCount ?? 0) + (challenges.rowCount ?? 0);
    },

    async upsertInsurance(i) {
      await query(`INSERT INTO insurance_qualifications (resident_id, ${INSURANCE_COLUMNS.join(', ')}) VALUES (${placeholders(12)})
        ON CONFLICT (resident_id) DO UPDATE SET ${updateAll(INSURANCE_COLUMNS)}`,
      [i.residentId, i.insurerNumber, i.insurerName, i.symbol, i.number, i.branch, i.cardClassification, i.personalFamily,
        i.qualificationDate, i.contributionRatio, i.limitFlag ?? null, i.valid]);
    },
    insuranceOf: async (id) => { const r = await one('SELECT * FROM insurance_qualifications WHERE resident_id = $1', [id]); return r && insuranceFrom(r); },
    async insuranceByNumbers(n, s, num) {
      const r = await one('SELECT * FROM insurance_qualifications WHERE insurer_number = $1 AND symbol = $2 AND number = $3', [n, s, num]);
      return r && insuranceFrom(r);
    },

    async putReception(r) {
      await query('INSERT INTO receptions VALUES ($1, $2, $3, $4, $5)', [r.receptionRef, r.patientRef, r.department, r.kioskId, r.receivedAt]);
    },
    getReception: async (ref) => (await one(`SELECT reception_ref AS "receptionRef", patient_ref AS "patientRef", department, kiosk_id AS "kioskId",
      received_at AS "receivedAt" FROM receptions WHERE reception_ref = $1`, [ref])) as Awaited<ReturnType<BackOfficeStore['getReception']>>,
    async putBill(b) {
      await query('INSERT INTO bills (bill_ref, reception_ref, total_yen, copay_yen) VALUES ($1, $2, $3, $4)', [b.billRef, b.receptionRef, b.totalYen, b.copayYen]);
    },
    getBill: async (ref) => (await one(`SELECT bill_ref AS "billRef", reception_ref AS "receptionRef", copay_yen AS "copayYen", paid_yen AS "paidYen"
      FROM bills WHERE bill_ref = $1`, [ref])) as Awaited<ReturnType<BackOfficeStore['getBill']>>,
    addPayment: (p) => transaction(async () => {
      await query('INSERT INTO payments VALUES ($1, $2, $3, $4, $5, $6)', [p.paymentRef, p.billRef, p.amountYen, p.method, p.kioskId, p.paidAt]);
      await query('UPDATE bills SET paid_yen = paid_yen + $1 WHERE bill_ref = $2', [p.amountYen, p.billRef]);
    }),
    hasPayment: async (ref) => (await one('SELECT 1 FROM payments WHERE payment_ref = $1', [ref])) !== undefined,

    async upsertKiosk(k) {
      await query(`INSERT INTO kiosks (kiosk_id, site, kind, software_version, registered_at) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (kiosk_id) DO UPDATE SET site = excluded.site, kind = excluded.kind, software_version = excluded.software_version`,
      [k.kioskId, k.site, k.kind, k.softwareVersion, k.registeredAt]);
    },
    getKiosk: async (id) => (await one(`SELECT kiosk_id AS "kioskId", site, kind, registered_at AS "registeredAt", last_heartbeat_at AS "lastHeartbeatAt"
      FROM kiosks WHERE kiosk_id = $1`, [id])) as Awaited<ReturnType<BackOfficeStore['getKiosk']>>,
    recordHeartbeat: async (id, at, signals) =>
      ((await query('UPDATE kiosks SET last_heartbeat_at = $1, last_signals = $2 WHERE kiosk_id = $3', [at, signals, id])).rowCount ?? 0) > 0,
    getConfig: async (name) => (await one('SELECT body, version FROM config_documents WHERE name = $1', [name])) as { body: string; version: number } | undefined,
    putConfig: async (name, body) => (await one(`INSERT INTO config_documents VALUES ($1, $2, 1) ON CONFLICT (name) DO UPDATE SET body = excluded.body,
      version = CASE WHEN config_documents.body = excluded.body THEN config_documents.version ELSE config_documents.version + 1 END
      RETURNING version`, [name, body]))!.version as number,
  };
  return store;
}
