// Numbered migrations of the PostgreSQL store. Each runs once, in its own transaction, recorded in
// schema_migrations; instances starting together take an advisory lock so only one migrates. A
// database migrated by a newer release (a higher number than this code knows) is refused at start:
// the older code would not know what the newer columns and rows mean.
import type { Pool } from 'pg';
import { KioskError } from '../../common/errors';

export interface Migration { version: number; name: string; sql: string }

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'the records of sqlite-schema.ts (user_version 1), kiosk events keyed per kiosk',
    sql: `
      CREATE TABLE idempotency_records (
        scope TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,
        status INTEGER NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL,
        PRIMARY KEY (scope, key));
      CREATE INDEX idempotency_age ON idempotency_records (created_at);
      CREATE TABLE kiosk_events (
        key TEXT NOT NULL, kiosk_id TEXT NOT NULL, kind TEXT NOT NULL, stream TEXT,
        payload TEXT NOT NULL, payload_hash TEXT NOT NULL, kiosk_created_at BIGINT NOT NULL,
        received_at BIGINT NOT NULL, PRIMARY KEY (kiosk_id, key));
      CREATE TABLE residents (
        resident_id TEXT PRIMARY KEY, name TEXT NOT NULL, name_kana TEXT NOT NULL, name_alt TEXT,
        sex TEXT NOT NULL, dob TEXT NOT NULL, address TEXT NOT NULL, municipality_code TEXT NOT NULL,
        household_id TEXT NOT NULL, relationship TEXT NOT NULL,
        moved_out BOOLEAN NOT NULL DEFAULT false, dv_protection BOOLEAN NOT NULL DEFAULT false,
        deceased BOOLEAN NOT NULL DEFAULT false, unprintable_characters BOOLEAN NOT NULL DEFAULT false);
      CREATE INDEX residents_household ON residents (household_id);
      CREATE TABLE seal_registrations (
        resident_id TEXT PRIMARY KEY REFERENCES residents (resident_id), registration_number TEXT NOT NULL,
        image_png BYTEA NOT NULL, abolished BOOLEAN NOT NULL DEFAULT false);
      CREATE TABLE certificate_links (
        sha256_fingerprint TEXT PRIMARY KEY, serial_hex TEXT NOT NULL, issuer TEXT NOT NULL,
        resident_id TEXT NOT NULL REFERENCES residents (resident_id),
        not_before BIGINT NOT NULL, not_after BIGINT NOT NULL, source TEXT NOT NULL);
      CREATE INDEX certificate_links_resident ON certificate_links (resident_id);
      CREATE TABLE auth_challenges (
        challenge_id TEXT PRIMARY KEY, challenge BYTEA NOT NULL, kiosk_id TEXT NOT NULL, expires_at BIGINT NOT NULL);
      CREATE INDEX auth_challenges_expiry ON auth_challenges (expires_at);
      CREATE TABLE holder_sessions (
        token TEXT PRIMARY KEY, resident_id TEXT NOT NULL, kiosk_id TEXT NOT NULL, expires_at BIGINT NOT NULL);
      CREATE TABLE insurance_qualifications (
        resident_id TEXT PRIMARY KEY, insurer_number TEXT NOT NULL, insurer_name TEXT NOT NULL, symbol TEXT NOT NULL,
        number TEXT NOT NULL, branch TEXT NOT NULL, card_classification TEXT NOT NULL, personal_family TEXT NOT NULL,
        qualification_date TEXT NOT NULL, contribution_ratio TEXT NOT NULL, limit_flag TEXT, valid BOOLEAN NOT NULL);
      CREATE INDEX insurance_numbers ON insurance_qualifications (insurer_number, symbol, number);
      CREATE TABLE receptions (
        reception_ref TEXT PRIMARY KEY, patient_ref TEXT NOT NULL, department TEXT NOT NULL, kiosk_id TEXT NOT NULL, received_at BIGINT NOT NULL);
      CREATE TABLE bills (
        bill_ref TEXT PRIMARY KEY, reception_ref TEXT NOT NULL REFERENCES receptions (reception_ref),
        total_yen BIGINT NOT NULL, copay_yen BIGINT NOT NULL, paid_yen BIGINT NOT NULL DEFAULT 0);
      CREATE TABLE payments (
        payment_ref TEXT PRIMARY KEY, bill_ref TEXT NOT NULL REFERENCES bills (bill_ref), amount_yen BIGINT NOT NULL,
        method TEXT NOT NULL, kiosk_id TEXT NOT NULL, paid_at BIGINT NOT NULL);
      CREATE TABLE kiosks (
        kiosk_id TEXT PRIMARY KEY, site TEXT NOT NULL, kind TEXT NOT NULL, software_version TEXT NOT NULL,
        registered_at BIGINT NOT NULL, last_heartbeat_at BIGINT, last_signals TEXT);
      CREATE TABLE config_documents (name TEXT PRIMARY KEY, body TEXT NOT NULL, version INTEGER NOT NULL);
    `,
  },
  {
    version: 2,
    name: 'the certificate records of certificates.db: one issuance counter per municipality and year for every instance',
    sql: `
      CREATE TABLE resident_details (resident_id TEXT PRIMARY KEY, details TEXT NOT NULL);
      CREATE TABLE issuance_counters (municipality TEXT NOT NULL, year INTEGER NOT NULL, last BIGINT NOT NULL, PRIMARY KEY (municipality, year));
      CREATE TABLE issuances (
        issuance_id TEXT PRIMARY KEY, request_id TEXT NOT NULL UNIQUE, kiosk_id TEXT NOT NULL, resident_id TEXT NOT NULL,
        type TEXT NOT NULL, copies INTEGER NOT NULL, fee BIGINT NOT NULL, issuance_number TEXT NOT NULL UNIQUE, subject_hash TEXT NOT NULL,
        state TEXT NOT NULL, paid BIGINT NOT NULL DEFAULT 0, refunded BIGINT NOT NULL DEFAULT 0, created_at BIGINT NOT NULL);
      CREATE TABLE issuance_events (
        key TEXT PRIMARY KEY, request_id TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL, applied_at BIGINT NOT NULL,
        seq BIGSERIAL NOT NULL);
      CREATE INDEX issuance_events_request ON issuance_events (request_id);
      CREATE TABLE issuance_params (issuance_id TEXT PRIMARY KEY REFERENCES issuances (issuance_id), params TEXT NOT NULL);
      CREATE TABLE issuance_reprints (
        reprint_id TEXT PRIMARY KEY, issuance_id TEXT NOT NULL REFERENCES issuances (issuance_id), request_id TEXT NOT NULL,
        kiosk_id TEXT NOT NULL, staff_note TEXT NOT NULL, created_at BIGINT NOT NULL, staff_id TEXT, seq BIGSERIAL NOT NULL);
      CREATE INDEX issuance_reprints_issuance ON issuance_reprints (issuance_id);
    `,
  },
  {
    version: 3,
    name: 'the access records of access.db: registered kiosks, staff, the eligibility audit',
    sql: `
      CREATE TABLE kiosk_credentials (
        kiosk_id TEXT PRIMARY KEY, kind TEXT NOT NULL, certificate_sha256 TEXT UNIQUE, key_sha256 TEXT);
      CREATE TABLE staff_credentials (staff_id TEXT PRIMARY KEY, key_sha256 TEXT NOT NULL, roles TEXT NOT NULL);
      CREATE TABLE eligibility_audit (
        id BIGSERIAL PRIMARY KEY, kiosk_id TEXT NOT NULL, at BIGINT NOT NULL, medical_institution_code TEXT NOT NULL,
        insurer_number TEXT NOT NULL, outcome TEXT NOT NULL);
      CREATE INDEX eligibility_audit_kiosk ON eligibility_audit (kiosk_id, at);
    `,
  },
  {
    version: 4,
    name: 'the hospital (医療機関コード) a kiosk belongs to: its reception desk sees that hospital\'s visits',
    sql: `
      ALTER TABLE kiosk_credentials ADD COLUMN medical_institution_code TEXT;
      CREATE INDEX kiosk_credentials_institution ON kiosk_credentials (medical_institution_code);
    `,
  },
  {
    version: 5,
    name: 'card-linked payment accounts by (hospital, patient ID), their charges by reference and refunds by refundRef (hospital-payments/)',
    sql: `
      CREATE TABLE payment_links (
        institution TEXT NOT NULL, patient_id TEXT NOT NULL, token TEXT NOT NULL, brand TEXT NOT NULL, last4 TEXT NOT NULL,
        linked_at BIGINT NOT NULL, kiosk_id TEXT NOT NULL, PRIMARY KEY (institution, patient_id));
      CREATE TABLE linked_charges (
        institution TEXT NOT NULL, reference TEXT NOT NULL, patient_id TEXT NOT NULL, invoice_number TEXT NOT NULL,
        amount BIGINT NOT NULL, status TEXT NOT NULL, reason TEXT, approval_code TEXT, refunded BIGINT NOT NULL DEFAULT 0,
        at BIGINT NOT NULL, kiosk_id TEXT NOT NULL, PRIMARY KEY (institution, reference));
      CREATE TABLE linked_refunds (
        institution TEXT NOT NULL, refund_ref TEXT NOT NULL, reference TEXT NOT NULL, amount BIGINT NOT NULL, at BIGINT NOT NULL,
        PRIMARY KEY (institution, refund_ref));
    `,
  },
];

export const POSTGRES_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** An arbitrary constant: the advisory lock every instance takes while it looks at the schema. */
const MIGRATION_LOCK = 0x6d61646f;

export async function migrate(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const found = Number((await client.query('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations')).rows[0].v);
    if (found > POSTGRES_SCHEMA_VERSION) {
      throw new KioskError('db.newer_version',
        `the database schema is at migration ${found}, newer than this back office knows (${POSTGRES_SCHEMA_VERSION}): run the newer release`,
        { found, supported: POSTGRES_SCHEMA_VERSION });
    }
    for (const m of MIGRATIONS.filter((x) => x.version > found)) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
