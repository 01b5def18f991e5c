// 0020: the kiosk's own records of what it did for a person: certificates issued (with the fee),
// payments taken, hospital receptions. Each is written in the same transaction as its outbox event.
import type { Migration } from '../migrate';

export const migration0020: Migration = {
  version: 20,
  name: 'records',
  up(db) {
    db.exec(`
      CREATE TABLE issuances (
        id INTEGER PRIMARY KEY,
        request_id TEXT NOT NULL UNIQUE,
        issuance_number TEXT,
        certificate_kind TEXT NOT NULL,
        copies INTEGER NOT NULL CHECK (copies > 0),
        fee_yen INTEGER NOT NULL CHECK (fee_yen >= 0),
        state TEXT NOT NULL CHECK (state IN ('authorized', 'paid', 'printed', 'print_failed', 'cancelled')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE payments (
        id INTEGER PRIMARY KEY,
        payment_ref TEXT NOT NULL UNIQUE,
        purpose TEXT NOT NULL,
        subject_ref TEXT NOT NULL,
        amount_yen INTEGER NOT NULL CHECK (amount_yen >= 0),
        method TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('captured', 'refunded', 'voided')),
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE receptions (
        id INTEGER PRIMARY KEY,
        reception_ref TEXT NOT NULL UNIQUE,
        patient_ref TEXT NOT NULL,
        department TEXT NOT NULL,
        eligibility_json TEXT,
        created_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
