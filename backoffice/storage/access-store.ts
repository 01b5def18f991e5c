// Who may call the back office: registered kiosks (by the SHA-256 fingerprint of their TLS client
// certificate, or — on plain-HTTP loopback only — by a per-kiosk key), staff credentials with their
// roles, and the audit of number-based eligibility checks (which also feeds its per-kiosk rate
// limit, so a restart does not reset it). Embedded default: its own SQLite file next to backoffice.db,
// like certificates.db; with a PostgreSQL store, in that database (postgres-access-store.ts), so a
// kiosk provisioned through one instance is known to all. The operator provisions it, kiosks never
// write it. Secrets are stored only as
// SHA-256 digests; they are random 256-bit keys, so a slow hash would add nothing.
import { createHash, timingSafeEqual } from 'node:crypto';
import { promised, type Promised } from './promised';
import { openSqliteFile } from './sqlite-file';

export type KioskKind = 'municipal' | 'hospital' | 'store';
/** reception: the hospital's reception desk (today's visits, routes/desk.ts). */
export type StaffRole = 'reprint' | 'refund' | 'settlement' | 'reception';

export interface KioskCredential {
  kioskId: string;
  kind: KioskKind;
  /** Lower-case hex SHA-256 of the client certificate's DER, or null. */
  certificateSha256: string | null;
  /** Lower-case hex SHA-256 of the kiosk key, or null. */
  keySha256: string | null;
  /** A hospital kiosk's 医療機関コード (the operator's, like the kind): its desk sees that hospital's visits. */
  medicalInstitutionCode?: string | null;
}

export interface StaffCredential { staffId: string; keySha256: string; roles: StaffRole[] }

export interface EligibilityAuditRow {
  kioskId: string; at: number; medicalInstitutionCode: string; insurerNumber: string; outcome: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS kiosk_credentials (
    kiosk_id TEXT PRIMARY KEY, kind TEXT NOT NULL, certificate_sha256 TEXT UNIQUE, key_sha256 TEXT) STRICT;
  CREATE TABLE IF NOT EXISTS staff_credentials (staff_id TEXT PRIMARY KEY, key_sha256 TEXT NOT NULL, roles TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS eligibility_audit (
    kiosk_id TEXT NOT NULL, at INTEGER NOT NULL, medical_institution_code TEXT NOT NULL,
    insurer_number TEXT NOT NULL, outcome TEXT NOT NULL) STRICT;
  CREATE INDEX IF NOT EXISTS eligibility_audit_kiosk ON eligibility_audit (kiosk_id, at);
`;

export const sha256Hex = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');

/** Constant-time comparison of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

type Row = Record<string, unknown>;

export function openAccessStore(dataDir: string) {
  const db = openSqliteFile(dataDir, 'access.db');
  db.exec(SCHEMA);
  // Which hospital a kiosk belongs to (added after the first release: files made before lack it).
  const kioskColumns = (db.prepare('PRAGMA table_info(kiosk_credentials)').all() as { name: string }[]).map((c) => c.name);
  if (!kioskColumns.includes('medical_institution_code')) db.exec('ALTER TABLE kiosk_credentials ADD COLUMN medical_institution_code TEXT');
  const q = (sql: string) => db.prepare(sql);
  const st = {
    putKiosk: q(`INSERT INTO kiosk_credentials (kiosk_id, kind, certificate_sha256, key_sha256, medical_institution_code)
      VALUES (@kioskId, @kind, @certificateSha256, @keySha256, @medicalInstitutionCode)
      ON CONFLICT (kiosk_id) DO UPDATE SET kind = excluded.kind, certificate_sha256 = excluded.certificate_sha256, key_sha256 = excluded.key_sha256,
      medical_institution_code = excluded.medical_institution_code`),
    kiosksOfInstitution: q('SELECT kiosk_id FROM kiosk_credentials WHERE medical_institution_code = ? ORDER BY kiosk_id').pluck(),
    kiosk: q('SELECT * FROM kiosk_credentials WHERE kiosk_id = ?'),
    byCertificate: q('SELECT * FROM kiosk_credentials WHERE certificate_sha256 = ?'),
    kioskCount: q('SELECT COUNT(*) FROM kiosk_credentials').pluck(),
    putStaff: q(`INSERT INTO staff_credentials VALUES (?, ?, ?)
      ON CONFLICT (staff_id) DO UPDATE SET key_sha256 = excluded.key_sha256, roles = excluded.roles`),
    staff: q('SELECT * FROM staff_credentials WHERE staff_id = ?'),
    audit: q('INSERT INTO eligibility_audit VALUES (@kioskId, @at, @medicalInstitutionCode, @insurerNumber, @outcome)'),
    auditSince: q('SELECT COUNT(*) FROM eligibility_audit WHERE kiosk_id = ? AND at > ?').pluck(),
    auditOf: q('SELECT * FROM eligibility_audit WHERE kiosk_id = ? ORDER BY at, rowid'),
    settle: q('UPDATE eligibility_audit SET outcome = ? WHERE rowid = ?'),
  };
  const kioskFrom = (r: Row | undefined): KioskCredential | undefined => r && {
    kioskId: r.kiosk_id as string, kind: r.kind as KioskKind,
    certificateSha256: r.certificate_sha256 as string | null, keySha256: r.key_sha256 as string | null,
    medicalInstitutionCode: (r.medical_institution_code as string | null | undefined) ?? null,
  };

  return {
    putKiosk(k: KioskCredential): void { st.putKiosk.run({ ...k, medicalInstitutionCode: k.medicalInstitutionCode ?? null }); },
    /** The kiosks registered to a hospital (its 医療機関コード). */
    kiosksOfInstitution: (code: string) => st.kiosksOfInstitution.all(code) as string[],
    kiosk: (kioskId: string) => kioskFrom(st.kiosk.get(kioskId) as Row | undefined),
    kioskCount: () => st.kioskCount.get() as number,
    kioskByCertificate: (sha256: string) => kioskFrom(st.byCertificate.get(sha256.toLowerCase()) as Row | undefined),
    putStaff(s: StaffCredential): void { st.putStaff.run(s.staffId, s.keySha256, JSON.stringify(s.roles)); },
    staff(staffId: string): StaffCredential | undefined {
      const r = st.staff.get(staffId) as Row | undefined;
      return r && { staffId, keySha256: r.key_sha256 as string, roles: JSON.parse(r.roles as string) as StaffRole[] };
    },
    recordEligibilityCheck(a: EligibilityAuditRow): void { st.audit.run(a); },
    /**
     * Counts a kiosk's recent checks and records this one (outcome 'asked') in one synchronous
     * transaction, so concurrent requests cannot slip past a limit together. Answers the row to
     * settle, or the first limit already reached (nothing recorded then).
     */
    startEligibilityCheck(a: Omit<EligibilityAuditRow, 'outcome'>, limits: readonly { windowMs: number; max: number }[]):
      { id: number } | { over: { windowMs: number; max: number } } {
      return db.transaction(() => {
        const over = limits.find((l) => (st.auditSince.get(a.kioskId, a.at - l.windowMs) as number) >= l.max);
        if (over) return { over };
        return { id: Number(st.audit.run({ ...a, outcome: 'asked' }).lastInsertRowid) };
      }).immediate();
    },
    settleEligibilityCheck(id: number, outcome: string): void { st.settle.run(outcome, id); },
    eligibilityChecksSince: (kioskId: string, since: number) => st.auditSince.get(kioskId, since) as number,
    eligibilityAudit: (kioskId: string): EligibilityAuditRow[] => (st.auditOf.all(kioskId) as Row[]).map((r) => ({
      kioskId: r.kiosk_id as string, at: r.at as number, medicalInstitutionCode: r.medical_institution_code as string,
      insurerNumber: r.insurer_number as string, outcome: r.outcome as string,
    })),
    close: (): void => { db.close(); },
  };
}

export type SqliteAccessStore = ReturnType<typeof openAccessStore>;
/** What the routes use, on either database. */
export type AccessStore = Promised<SqliteAccessStore>;

export const openSqliteAccessStore = (dataDir: string): AccessStore => promised(openAccessStore(dataDir));
