// 0040: certificate requests as a persisted state machine (electron/services/issuance/state-machine.ts).
// One row per request, its document (the signed PDF) and personal summary until the request is
// synced, and an append-only event log (the audit trail staff and the back office read).
// The older `issuances` table (0020) keeps its own rows; new requests live here.
import type { Migration } from '../migrate';

export const migration0040: Migration = {
  version: 40,
  name: 'issuance-requests',
  up(db) {
    db.exec(`
      CREATE TABLE issuance_requests (
        request_id TEXT PRIMARY KEY,
        state TEXT NOT NULL CHECK (state IN ('requested', 'authorized', 'paid', 'printing', 'printed', 'synced',
          'held', 'failed', 'refunded', 'voided')),
        certificate_type TEXT NOT NULL,
        scope TEXT NOT NULL,
        copies INTEGER NOT NULL CHECK (copies BETWEEN 1 AND 10),
        fee INTEGER NOT NULL DEFAULT 0 CHECK (fee >= 0),
        paid INTEGER NOT NULL DEFAULT 0 CHECK (paid >= 0),
        change_given INTEGER NOT NULL DEFAULT 0,
        refunded INTEGER NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= paid),
        payment_id TEXT UNIQUE,
        payment_method TEXT,
        issuance_id TEXT UNIQUE,
        issuance_number TEXT,
        subject_hash TEXT,
        print_job_id INTEGER,
        reprint_of TEXT REFERENCES issuance_requests (request_id),
        -- Personal data and the document: deleted once the request is synced (ids, states and amounts stay).
        summary_json TEXT,
        document_json TEXT,
        document_pdf BLOB,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX issuance_requests_state ON issuance_requests (state);
      CREATE TABLE issuance_events (
        id INTEGER PRIMARY KEY,
        request_id TEXT NOT NULL REFERENCES issuance_requests (request_id),
        at INTEGER NOT NULL,
        state TEXT NOT NULL,
        detail TEXT
      ) STRICT;
      CREATE INDEX issuance_events_request ON issuance_events (request_id, id);
    `);
  },
};
