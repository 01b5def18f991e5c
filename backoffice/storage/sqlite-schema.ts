// Schema of the reference back office's SQLite store (user_version 1). Money and
// applied kiosk events are the system of record here, so the connection runs synchronous=FULL.
export const BACKOFFICE_SCHEMA_VERSION = 1;

/** Event keys are each kiosk's own: two kiosks may send the same key (kiosk-events-per-kiosk.ts). */
export const KIOSK_EVENTS_TABLE = (name: string) => `CREATE TABLE ${name} (
    key TEXT NOT NULL, kiosk_id TEXT NOT NULL, kind TEXT NOT NULL, stream TEXT,
    payload TEXT NOT NULL, payload_hash TEXT NOT NULL, kiosk_created_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL, PRIMARY KEY (kiosk_id, key)) STRICT;`;

export const BACKOFFICE_SCHEMA = `
  CREATE TABLE idempotency_records (
    scope TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,
    status INTEGER NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL,
    PRIMARY KEY (scope, key)) STRICT;
  CREATE INDEX idempotency_age ON idempotency_records (created_at);

  ${KIOSK_EVENTS_TABLE('kiosk_events')}

  CREATE TABLE residents (
    resident_id TEXT PRIMARY KEY, name TEXT NOT NULL, name_kana TEXT NOT NULL, name_alt TEXT,
    sex TEXT NOT NULL, dob TEXT NOT NULL, address TEXT NOT NULL, municipality_code TEXT NOT NULL,
    household_id TEXT NOT NULL, relationship TEXT NOT NULL,
    moved_out INTEGER NOT NULL DEFAULT 0, dv_protection INTEGER NOT NULL DEFAULT 0,
    deceased INTEGER NOT NULL DEFAULT 0, unprintable_characters INTEGER NOT NULL DEFAULT 0) STRICT;
  CREATE INDEX residents_household ON residents (household_id);

  CREATE TABLE seal_registrations (
    resident_id TEXT PRIMARY KEY REFERENCES residents (resident_id), registration_number TEXT NOT NULL,
    image_png BLOB NOT NULL, abolished INTEGER NOT NULL DEFAULT 0) STRICT;

  CREATE TABLE certificate_links (
    sha256_fingerprint TEXT PRIMARY KEY, serial_hex TEXT NOT NULL, issuer TEXT NOT NULL,
    resident_id TEXT NOT NULL REFERENCES residents (resident_id),
    not_before INTEGER NOT NULL, not_after INTEGER NOT NULL, source TEXT NOT NULL) STRICT;
  CREATE INDEX certificate_links_resident ON certificate_links (resident_id);

  CREATE TABLE auth_challenges (
    challenge_id TEXT PRIMARY KEY, challenge BLOB NOT NULL, kiosk_id TEXT NOT NULL, expires_at INTEGER NOT NULL) STRICT;
  CREATE TABLE holder_sessions (
    token TEXT PRIMARY KEY, resident_id TEXT NOT NULL, kiosk_id TEXT NOT NULL, expires_at INTEGER NOT NULL) STRICT;

  CREATE TABLE insurance_qualifications (
    resident_id TEXT PRIMARY KEY, insurer_number TEXT NOT NULL, insurer_name TEXT NOT NULL, symbol TEXT NOT NULL,
    number TEXT NOT NULL, branch TEXT NOT NULL, card_classification TEXT NOT NULL, personal_family TEXT NOT NULL,
    qualification_date TEXT NOT NULL, contribution_ratio TEXT NOT NULL, limit_flag TEXT, valid INTEGER NOT NULL) STRICT;
  CREATE INDEX insurance_numbers ON insurance_qualifications (insurer_number, symbol, number);

  CREATE TABLE receptions (
    reception_ref TEXT PRIMARY KEY, patient_ref TEXT NOT NULL, department TEXT NOT NULL, kiosk_id TEXT NOT NULL, received_at INTEGER NOT NULL) STRICT;
  CREATE TABLE bills (
    bill_ref TEXT PRIMARY KEY, reception_ref TEXT NOT NULL REFERENCES receptions (reception_ref),
    total_yen INTEGER NOT NULL, copay_yen INTEGER NOT NULL, paid_yen INTEGER NOT NULL DEFAULT 0) STRICT;
  CREATE TABLE payments (
    payment_ref TEXT PRIMARY KEY, bill_ref TEXT NOT NULL REFERENCES bills (bill_ref), amount_yen INTEGER NOT NULL,
    method TEXT NOT NULL, kiosk_id TEXT NOT NULL, paid_at INTEGER NOT NULL) STRICT;

  CREATE TABLE kiosks (
    kiosk_id TEXT PRIMARY KEY, site TEXT NOT NULL, kind TEXT NOT NULL, software_version TEXT NOT NULL,
    registered_at INTEGER NOT NULL, last_heartbeat_at INTEGER, last_signals TEXT) STRICT;

  CREATE TABLE config_documents (name TEXT PRIMARY KEY, body TEXT NOT NULL, version INTEGER NOT NULL) STRICT;
`;
