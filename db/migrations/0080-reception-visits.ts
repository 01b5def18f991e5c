// 0080: hospital reception visits as a persisted state machine (electron/services/reception/visit-machine.ts).
// One row per visit: the eligibility outcome the screens and the desk need (kept), the parsed result
// and the raw result XML verbatim (personal: wiped once the back office has the visit), the choices,
// the department, the accounting system's patient and reception (written BEFORE the call that makes
// them, so a restart asks acceptlstv2 instead of registering twice), and the 受付票's outcome. An
// append-only event log beside it, like issuance_events.
import type { Migration } from '../migrate';

export const migration0080: Migration = {
  version: 80,
  name: 'reception-visits',
  up(db) {
    db.exec(`
      CREATE TABLE reception_visits (
        visit_id TEXT PRIMARY KEY,
        state TEXT NOT NULL CHECK (state IN ('checking', 'outcome', 'chosen', 'registering', 'registered', 'done', 'sent_to_desk', 'abandoned')),
        medium TEXT NOT NULL CHECK (medium IN ('card', 'android', 'iphone')),
        outcome TEXT CHECK (outcome IN ('valid', 'new_qualification', 'invalid', 'not_found', 'multiple', 'unregistered', 'unconfirmed', 'error')),
        next_step TEXT,
        staff_flag TEXT,
        ratio_percent INTEGER CHECK (ratio_percent BETWEEN 0 AND 100),
        has_public_aid INTEGER NOT NULL DEFAULT 0,
        -- The eligibility answer's ArbitraryFileIdentifier (poll, choices, 照会番号 registration, re-check).
        file_id TEXT,
        -- 1 while an unconfirmed eligibility waits for housekeeping's re-check.
        recheck_pending INTEGER NOT NULL DEFAULT 0,
        rechecked_at INTEGER,
        choices_json TEXT,
        department TEXT,
        -- The accounting system's patient (照会番号 / 診察券番号) and how it was found.
        patient_id TEXT,
        patient_kind TEXT CHECK (patient_kind IN ('returning', 'new')),
        -- The reception asked for (time written before acceptmodv2) and what the accounting system answered.
        reception_time TEXT,
        acceptance_id TEXT,
        acceptance_time TEXT,
        slip_status TEXT NOT NULL DEFAULT 'pending' CHECK (slip_status IN ('pending', 'printed', 'held', 'failed')),
        slip_reason TEXT,
        desk_reason TEXT,
        message TEXT,
        -- Personal: the parsed result and the raw XML verbatim; deleted once the visit is synced.
        eligibility_json TEXT,
        eligibility_xml TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX reception_visits_state ON reception_visits (state);
      CREATE INDEX reception_visits_recheck ON reception_visits (recheck_pending) WHERE recheck_pending = 1;
      CREATE TABLE reception_events (
        id INTEGER PRIMARY KEY,
        visit_id TEXT NOT NULL REFERENCES reception_visits (visit_id),
        at INTEGER NOT NULL,
        state TEXT NOT NULL,
        detail TEXT
      ) STRICT;
      CREATE INDEX reception_events_visit ON reception_events (visit_id, id);
    `);
  },
};
