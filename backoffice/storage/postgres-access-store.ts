// Registered kiosks, staff and the eligibility audit (access-store.ts) in the PostgreSQL store's
// database: a kiosk or staff member provisioned through one instance is accepted by every other, and
// a kiosk's number-based eligibility checks are counted across all of them (the count and the new
// audit row under one advisory lock per kiosk, so checks sent to two instances at once cannot pass
// a limit together).
import type { AccessStore, EligibilityAuditRow, KioskCredential, KioskKind, StaffRole } from './access-store';
import type { PostgresBackOfficeStore } from './postgres-store';

type Row = Record<string, unknown>;

const kioskFrom = (r: Row | undefined): KioskCredential | undefined => r && {
  kioskId: r.kiosk_id as string, kind: r.kind as KioskKind,
  certificateSha256: r.certificate_sha256 as string | null, keySha256: r.key_sha256 as string | null,
  medicalInstitutionCode: (r.medical_institution_code as string | null | undefined) ?? null,
};

export function postgresAccessStore(db: PostgresBackOfficeStore): AccessStore {
  const one = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows[0] as Row | undefined;
  const since = async (kioskId: string, at: number) =>
    (await one('SELECT COUNT(*) AS n FROM eligibility_audit WHERE kiosk_id = $1 AND at > $2', [kioskId, at]))!.n as number;
  return {
    async putKiosk(k) {
      await db.query(`INSERT INTO kiosk_credentials (kiosk_id, kind, certificate_sha256, key_sha256, medical_institution_code)
        VALUES ($1, $2, $3, $4, $5) ON CONFLICT (kiosk_id) DO UPDATE SET kind = excluded.kind, certificate_sha256 = excluded.certificate_sha256,
        key_sha256 = excluded.key_sha256, medical_institution_code = excluded.medical_institution_code`,
      [k.kioskId, k.kind, k.certificateSha256, k.keySha256, k.medicalInstitutionCode ?? null]);
    },
    kiosksOfInstitution: async (code) => (await db.query('SELECT kiosk_id FROM kiosk_credentials WHERE medical_institution_code = $1 ORDER BY kiosk_id', [code]))
      .rows.map((r: Row) => r.kiosk_id as string),
    kiosk: async (kioskId) => kioskFrom(await one('SELECT * FROM kiosk_credentials WHERE kiosk_id = $1', [kioskId])),
    kioskCount: async () => (await one('SELECT COUNT(*) AS n FROM kiosk_credentials', []))!.n as number,
    kioskByCertificate: async (sha256) => kioskFrom(await one('SELECT * FROM kiosk_credentials WHERE certificate_sha256 = $1', [sha256.toLowerCase()])),
    async putStaff(s) {
      await db.query('INSERT INTO staff_credentials VALUES ($1, $2, $3) ON CONFLICT (staff_id) DO UPDATE SET key_sha256 = excluded.key_sha256, roles = excluded.roles',
        [s.staffId, s.keySha256, JSON.stringify(s.roles)]);
    },
    async staff(staffId) {
      const r = await one('SELECT * FROM staff_credentials WHERE staff_id = $1', [staffId]);
      return r && { staffId, keySha256: r.key_sha256 as string, roles: JSON.parse(r.roles as string) as StaffRole[] };
    },
    async recordEligibilityCheck(a) {
      await db.query('INSERT INTO eligibility_audit (kiosk_id, at, medical_institution_code, insurer_number, outcome) VALUES ($1, $2, $3, $4, $5)',
        [a.kioskId, a.at, a.medicalInstitutionCode, a.insurerNumber, a.outcome]);
    },
    startEligibilityCheck: (a, limits) => db.exclusive('eligibility', a.kioskId, async () => {
      for (const l of limits) if ((await since(a.kioskId, a.at - l.windowMs)) >= l.max) return { over: l };
      const r = await one(`INSERT INTO eligibility_audit (kiosk_id, at, medical_institution_code, insurer_number, outcome)
        VALUES ($1, $2, $3, $4, 'asked') RETURNING id`, [a.kioskId, a.at, a.medicalInstitutionCode, a.insurerNumber]);
      return { id: r!.id as number };
    }),
    async settleEligibilityCheck(id, outcome) { await db.query('UPDATE eligibility_audit SET outcome = $1 WHERE id = $2', [outcome, id]); },
    eligibilityChecksSince: since,
    eligibilityAudit: async (kioskId) => ((await db.query('SELECT * FROM eligibility_audit WHERE kiosk_id = $1 ORDER BY at, id', [kioskId])).rows as Row[])
      .map((r): EligibilityAuditRow => ({ kioskId: r.kiosk_id as string, at: r.at as number, medicalInstitutionCode: r.medical_institution_code as string,
        insurerNumber: r.insurer_number as string, outcome: r.outcome as string })),
    // The connection is the PostgreSQL store's: it closes it.
    close: async () => undefined,
  };
}
