// SQLite implementation of BackOfficeStore (the default). One connection, WAL, synchronous=FULL.
import { createHash } from 'node:crypto';
import { KioskError } from '../../common/errors';
import { keyKioskEventsPerKiosk } from './kiosk-events-per-kiosk';
import { BACKOFFICE_SCHEMA, BACKOFFICE_SCHEMA_VERSION } from './sqlite-schema';
import type { InsuranceRow, ResidentRow, SyncBackOfficeStore } from './store';
import { openSqliteFile } from './sqlite-file';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const b = (v: boolean) => (v ? 1 : 0);

type Row = Record<string, unknown>;

function residentFrom(r: Row): ResidentRow {
  return {
    residentId: r.resident_id as string, name: r.name as string, nameKana: r.name_kana as string, nameAlt: r.name_alt as string | null,
    sex: r.sex as ResidentRow['sex'], dob: r.dob as string, address: r.address as string, municipalityCode: r.municipality_code as string,
    householdId: r.household_id as string, relationship: r.relationship as string, movedOut: r.moved_out === 1,
    dvProtection: r.dv_protection === 1, deceased: r.deceased === 1, unprintableCharacters: r.unprintable_characters === 1,
  };
}

function insuranceFrom(r: Row): InsuranceRow {
  return {
    residentId: r.resident_id as string, insurerNumber: r.insurer_number as string, insurerName: r.insurer_name as string,
    symbol: r.symbol as string, number: r.number as string, branch: r.branch as string, cardClassification: r.card_classification as string,
    personalFamily: r.personal_family as '1' | '2', qualificationDate: r.qualification_date as string,
    contributionRatio: r.contribution_ratio as string, limitFlag: r.limit_flag as string | null, valid: r.valid === 1,
  };
}

/** The synchronous store, plus the explicit transaction steps the asynchronous wrapper needs. */
export type SqliteStore = SyncBackOfficeStore & { begin(): void; commit(): void; rollback(): void };

export function openSqliteStore(dataDir: string): SqliteStore {
  const db = openSqliteFile(dataDir, 'backoffice.db');
  db.pragma('foreign_keys = ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > BACKOFFICE_SCHEMA_VERSION) {
    db.close();
    throw new KioskError('db.newer_version', undefined, { found: version, supported: BACKOFFICE_SCHEMA_VERSION });
  }
  if (version === 0) {
    db.transaction(() => { db.exec(BACKOFFICE_SCHEMA); db.pragma(`user_version = ${BACKOFFICE_SCHEMA_VERSION}`); }).immediate();
  }
  keyKioskEventsPerKiosk(db);
  const q = (sql: string) => db.prepare(sql);
  const st = {
    getResp: q('SELECT * FROM idempotency_records WHERE scope = ? AND key = ?'),
    putResp: q('INSERT INTO idempotency_records VALUES (@scope, @key, @requestHash, @status, @body, @createdAt) ON CONFLICT DO NOTHING'),
    purge: q('DELETE FROM idempotency_records WHERE created_at < ?'),
    getEvent: q('SELECT payload_hash FROM kiosk_events WHERE kiosk_id = ? AND key = ?').pluck(),
    putEvent: q('INSERT INTO kiosk_events VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    eventCount: q('SELECT COUNT(*) FROM kiosk_events').pluck(),
    eventKeys: q('SELECT key FROM kiosk_events').pluck(),
    receptionEvents: q(`SELECT kiosk_id AS kioskId, key, kind, payload AS payloadJson, kiosk_created_at AS createdAt FROM kiosk_events
      WHERE kiosk_id = ? AND kind LIKE 'reception.%' AND kiosk_created_at >= ? AND kiosk_created_at < ? ORDER BY kiosk_created_at, rowid`),
    billingEvents: q(`SELECT kiosk_id AS kioskId, key, kind, payload AS payloadJson, kiosk_created_at AS createdAt FROM kiosk_events
      WHERE kiosk_id = ? AND kind LIKE 'billing.%' AND kiosk_created_at >= ? AND kiosk_created_at < ? ORDER BY kiosk_created_at, rowid`),
    upsertResident: q(`INSERT INTO residents VALUES (@residentId, @name, @nameKana, @nameAlt, @sex, @dob, @address, @municipalityCode,
      @householdId, @relationship, @movedOut, @dvProtection, @deceased, @unprintableCharacters)
      ON CONFLICT (resident_id) DO UPDATE SET name = excluded.name, name_kana = excluded.name_kana, name_alt = excluded.name_alt,
      sex = excluded.sex, dob = excluded.dob, address = excluded.address, municipality_code = excluded.municipality_code,
      household_id = excluded.household_id, relationship = excluded.relationship, moved_out = excluded.moved_out,
      dv_protection = excluded.dv_protection, deceased = excluded.deceased, unprintable_characters = excluded.unprintable_characters`),
    getResident: q('SELECT * FROM residents WHERE resident_id = ?'),
    household: q('SELECT * FROM residents WHERE household_id = ? ORDER BY resident_id'),
    upsertSeal: q(`INSERT INTO seal_registrations VALUES (?, ?, ?, ?) ON CONFLICT (resident_id) DO UPDATE SET
      registration_number = excluded.registration_number, image_png = excluded.image_png, abolished = excluded.abolished`),
    getSeal: q('SELECT * FROM seal_registrations WHERE resident_id = ?'),
    link: q(`INSERT INTO certificate_links VALUES (@sha256FingerprintHex, @serialHex, @issuer, @residentId, @notBefore, @notAfter, @source)
      ON CONFLICT (sha256_fingerprint) DO UPDATE SET resident_id = excluded.resident_id, source = excluded.source`),
    findLink: q('SELECT * FROM certificate_links WHERE sha256_fingerprint = ?'),
    putChallenge: q('INSERT INTO auth_challenges VALUES (?, ?, ?, ?)'),
    getChallenge: q('SELECT * FROM auth_challenges WHERE challenge_id = ?'),
    delChallenge: q('DELETE FROM auth_challenges WHERE challenge_id = ? OR expires_at < ?'),
    putSession: q('INSERT INTO holder_sessions VALUES (?, ?, ?, ?)'),
    getSession: q('SELECT * FROM holder_sessions WHERE token = ?'),
    purgeSessions: q('DELETE FROM holder_sessions WHERE expires_at < ?'),
    purgeChallenges: q('DELETE FROM auth_challenges WHERE expires_at < ?'),
    upsertInsurance: q(`INSERT OR REPLACE INTO insurance_qualifications VALUES (@residentId, @insurerNumber, @insurerName, @symbol, @number,
      @branch, @cardClassification, @personalFamily, @qualificationDate, @contributionRatio, @limitFlag, @valid)`),
    insuranceOf: q('SELECT * FROM insurance_qualifications WHERE resident_id = ?'),
    insuranceBy: q('SELECT * FROM insurance_qualifications WHERE insurer_number = ? AND symbol = ? AND number = ?'),
    putReception: q('INSERT INTO receptions VALUES (@receptionRef, @patientRef, @department, @kioskId, @receivedAt)'),
    getReception: q('SELECT reception_ref AS receptionRef, patient_ref AS patientRef, department, kiosk_id AS kioskId, received_at AS receivedAt FROM receptions WHERE reception_ref = ?'),
    putBill: q('INSERT INTO bills (bill_ref, reception_ref, total_yen, copay_yen) VALUES (@billRef, @receptionRef, @totalYen, @copayYen)'),
    getBill: q('SELECT bill_ref AS billRef, reception_ref AS receptionRef, copay_yen AS copayYen, paid_yen AS paidYen FROM bills WHERE bill_ref = ?'),
    putPayment: q('INSERT INTO payments VALUES (@paymentRef, @billRef, @amountYen, @method, @kioskId, @paidAt)'),
    payBill: q('UPDATE bills SET paid_yen = paid_yen + ? WHERE bill_ref = ?'),
    hasPayment: q('SELECT 1 FROM payments WHERE payment_ref = ?').pluck(),
    upsertKiosk: q(`INSERT INTO kiosks (kiosk_id, site, kind, software_version, registered_at) VALUES (@kioskId, @site, @kind, @softwareVersion, @registeredAt)
      ON CONFLICT (kiosk_id) DO UPDATE SET site = excluded.site, kind = excluded.kind, software_version = excluded.software_version`),
    getKiosk: q(`SELECT kiosk_id AS kioskId, site, kind, registered_at AS registeredAt, last_heartbeat_at AS lastHeartbeatAt FROM kiosks WHERE kiosk_id = ?`),
    heartbeat: q('UPDATE kiosks SET last_heartbeat_at = ?, last_signals = ? WHERE kiosk_id = ?'),
    getConfig: q('SELECT body, version FROM config_documents WHERE name = ?'),
    putConfig: q(`INSERT INTO config_documents VALUES (?, ?, 1) ON CONFLICT (name) DO UPDATE SET body = excluded.body,
      version = CASE WHEN config_documents.body = excluded.body THEN config_documents.version ELSE config_documents.version + 1 END
      RETURNING version`).pluck(),
  };

  return {
    transaction: <T>(fn: () => T): T => db.transaction(fn).immediate(),
    // An asynchronous transaction (sqlite-async.ts) spans awaits, which db.transaction() cannot.
    begin: () => { db.exec('BEGIN IMMEDIATE'); },
    commit: () => { db.exec('COMMIT'); },
    rollback: () => { if (db.inTransaction) db.exec('ROLLBACK'); },
    close: () => db.close(),
    getResponse(scope, key) {
      const r = st.getResp.get(scope, key) as Row | undefined;
      return r && { scope, key, requestHash: r.request_hash as string, status: r.status as number, body: r.body as string, createdAt: r.created_at as number };
    },
    putResponse: (r) => { st.putResp.run(r); },
    purgeResponses: (olderThan) => st.purge.run(olderThan).changes,
    applyEvent(kioskId, e, now, accept) {
      const hash = sha256(`${e.kind}\u0000${e.stream ?? ''}\u0000${e.payloadJson}`);
      const existing = st.getEvent.get(kioskId, e.key) as string | undefined;
      if (existing !== undefined) return { key: e.key, status: existing === hash ? 'duplicate' : 'conflict' };
      const refused = accept?.();
      if (refused) return { key: e.key, status: 'rejected', ...refused };
      st.putEvent.run(e.key, kioskId, e.kind, e.stream, e.payloadJson, hash, e.createdAt, now);
      return { key: e.key, status: 'applied' };
    },
    eventCount: () => st.eventCount.get() as number,
    eventKeys: () => st.eventKeys.all() as string[],
    upsertResident: (r) => { st.upsertResident.run({ ...r, nameAlt: r.nameAlt ?? null, movedOut: b(r.movedOut), dvProtection: b(r.dvProtection), deceased: b(r.deceased), unprintableCharacters: b(r.unprintableCharacters) }); },
    getResident: (id) => { const r = st.getResident.get(id) as Row | undefined; return r && residentFrom(r); },
    householdOf: (h) => (st.household.all(h) as Row[]).map(residentFrom),
    upsertSeal: (s) => { st.upsertSeal.run(s.residentId, s.registrationNumber, Buffer.from(s.imagePng), b(s.abolished)); },
    getSeal(id) {
      const r = st.getSeal.get(id) as Row | undefined;
      return r && { residentId: id, registrationNumber: r.registration_number as string, imagePng: new Uint8Array(r.image_png as Buffer), abolished: r.abolished === 1 };
    },
    linkCertificate: (l) => { st.link.run(l); },
    findCertificateLink(fp) {
      const r = st.findLink.get(fp) as Row | undefined;
      return r && { sha256FingerprintHex: fp, serialHex: r.serial_hex as string, issuer: r.issuer as string, residentId: r.resident_id as string,
        notBefore: r.not_before as number, notAfter: r.not_after as number, source: r.source as string };
    },
    putChallenge: (c) => { st.putChallenge.run(c.challengeId, Buffer.from(c.challenge), c.kioskId, c.expiresAt); },
    takeChallenge(id) {
      return db.transaction(() => {
        const r = st.getChallenge.get(id) as Row | undefined;
        st.delChallenge.run(id, Date.now() - 3600_000);
        return r && { challenge: new Uint8Array(r.challenge as Buffer), kioskId: r.kiosk_id as string, expiresAt: r.expires_at as number };
      }).immediate();
    },
    putSession: (s) => { st.putSession.run(s.token, s.residentId, s.kioskId, s.expiresAt); },
    getSession(token) {
      const r = st.getSession.get(token) as Row | undefined;
      return r && { residentId: r.resident_id as string, kioskId: r.kiosk_id as string, expiresAt: r.expires_at as number };
    },
    purgeExpiredAuth: (now) => db.transaction(() => st.purgeSessions.run(now).changes + st.purgeChallenges.run(now).changes).immediate(),
    upsertInsurance: (i) => { st.upsertInsurance.run({ ...i, limitFlag: i.limitFlag ?? null, valid: b(i.valid) }); },
    insuranceOf: (id) => { const r = st.insuranceOf.get(id) as Row | undefined; return r && insuranceFrom(r); },
    insuranceByNumbers: (n, s, num) => { const r = st.insuranceBy.get(n, s, num) as Row | undefined; return r && insuranceFrom(r); },
    putReception: (r) => { st.putReception.run(r); },
    getReception: (ref) => st.getReception.get(ref) as ReturnType<SyncBackOfficeStore['getReception']>,
    putBill: (bill) => { st.putBill.run(bill); },
    getBill: (ref) => st.getBill.get(ref) as ReturnType<SyncBackOfficeStore['getBill']>,
    addPayment: (p) => { st.putPayment.run(p); st.payBill.run(p.amountYen, p.billRef); },
    hasPayment: (ref) => st.hasPayment.get(ref) !== undefined,
    receptionEvents: (kioskIds, from, to) => kioskIds.flatMap((id) => st.receptionEvents.all(id, from, to) as ReturnType<SyncBackOfficeStore['receptionEvents']>)
      .sort((a, b) => a.createdAt - b.createdAt),
    billingEvents: (kioskIds, from, to) => kioskIds.flatMap((id) => st.billingEvents.all(id, from, to) as ReturnType<SyncBackOfficeStore['billingEvents']>)
      .sort((a, b) => a.createdAt - b.createdAt),
    upsertKiosk: (k) => { st.upsertKiosk.run(k); },
    getKiosk: (id) => st.getKiosk.get(id) as ReturnType<SyncBackOfficeStore['getKiosk']>,
    recordHeartbeat: (id, at, signals) => st.heartbeat.run(at, signals, id).changes > 0,
    getConfig: (name) => st.getConfig.get(name) as { body: string; version: number } | undefined,
    putConfig: (name, body) => st.putConfig.get(name, body) as number,
  };
}
