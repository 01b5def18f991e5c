// 0090: hospital payment checkouts as a persisted state machine (electron/services/billing/checkout-machine.ts).
// One row per checkout: the patient (the hospital's patient ID, no name), the bill shown (its JSON
// kept for the 領収証 and 明細書, with the statement's items), the cashier's lock, and the payment:
// the attempt's device key (`paymentId`, written BEFORE the device is asked, so a restart asks the
// device's journal instead of collecting again), the method, what was inserted, kept, given back as
// change and refunded, and whether the documents came out (a later copy is then a 再発行). An
// append-only event log beside it, like reception_events.
import type { Migration } from '../migrate';

export const migration0090: Migration = {
  version: 90,
  name: 'billing-checkouts',
  up(db) {
    db.exec(`
      CREATE TABLE billing_checkouts (
        checkout_id TEXT PRIMARY KEY,
        state TEXT NOT NULL CHECK (state IN ('looking_up', 'bill_shown', 'paying', 'paid', 'recorded', 'done', 'nothing_due', 'sent_to_desk', 'held', 'refunded', 'abandoned')),
        medium TEXT NOT NULL CHECK (medium IN ('card', 'android', 'iphone')),
        -- The accounting system's patient (照会番号): digits only, no name.
        patient_id TEXT,
        invoice_number TEXT,
        -- The cashier's lock (Orca_Uid) this checkout holds; null once released.
        cashier_lock TEXT,
        -- The bill as shown (ports.ts Bill) and the statement's items: the documents are drawn from these.
        bill_json TEXT,
        statement_json TEXT,
        shown_total INTEGER CHECK (shown_total >= 0),
        due INTEGER CHECK (due >= 0),
        more_unpaid INTEGER NOT NULL DEFAULT 0,
        method TEXT CHECK (method IN ('cash', 'ic', 'card', 'linked')),
        attempt INTEGER NOT NULL DEFAULT 0,
        -- <checkout_id>-<attempt>: the device's idempotency key and the 入金's Payment_Reference.
        payment_id TEXT UNIQUE,
        pay_status TEXT CHECK (pay_status IN ('collecting', 'paid', 'declined', 'cancelled', 'failed', 'timeout')),
        pay_reason TEXT,
        inserted INTEGER NOT NULL DEFAULT 0 CHECK (inserted >= 0),
        paid INTEGER NOT NULL DEFAULT 0 CHECK (paid >= 0),
        change_given INTEGER NOT NULL DEFAULT 0 CHECK (change_given >= 0),
        refunded INTEGER NOT NULL DEFAULT 0 CHECK (refunded >= 0),
        -- A card attempt the kiosk gave up on (timeout): housekeeping reverses a late approval.
        reverse_check TEXT,
        recorded_at INTEGER,
        held_reason TEXT,
        docs_status TEXT NOT NULL DEFAULT 'pending' CHECK (docs_status IN ('pending', 'printed', 'held', 'failed')),
        docs_reason TEXT,
        -- 1 once a copy came out (or may have): any later one is marked 【再発行】.
        docs_out INTEGER NOT NULL DEFAULT 0,
        desk_reason TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX billing_checkouts_state ON billing_checkouts (state);
      CREATE INDEX billing_checkouts_reverse ON billing_checkouts (reverse_check) WHERE reverse_check IS NOT NULL;
      CREATE TABLE billing_events (
        id INTEGER PRIMARY KEY,
        checkout_id TEXT NOT NULL REFERENCES billing_checkouts (checkout_id),
        at INTEGER NOT NULL,
        state TEXT NOT NULL,
        detail TEXT
      ) STRICT;
      CREATE INDEX billing_events_checkout ON billing_events (checkout_id, id);
    `);
  },
};
