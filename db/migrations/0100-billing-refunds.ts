// 0100: the refunds of hospital payments, one row per refund, written BEFORE the device gives the
// money back (electron/services/billing/refund-ledger.ts). A refund of a payment the accounting system
// recorded owes it a 返金 (incomev3 02/04) under the row's own reference `<paymentRef>-r<n>`: the row
// stays 'owed' until the accounting system has it, so a refund made while it was down — or before a
// restart — is told later, exactly once (the reference is idempotent there).
import type { Migration } from '../migrate';

export const migration0100: Migration = {
  version: 100,
  name: 'billing-refunds',
  up(db) {
    db.exec(`
      CREATE TABLE billing_refunds (
        -- <paymentRef>-r<n>: the 返金's Payment_Reference in the accounting system.
        reference TEXT PRIMARY KEY,
        checkout_id TEXT NOT NULL REFERENCES billing_checkouts (checkout_id),
        asked INTEGER NOT NULL CHECK (asked > 0),
        -- What the device gave back (0 until it answered).
        amount INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),
        -- returning: the device is being asked; owed: given back, the 返金 not yet recorded;
        -- recorded: the accounting system has it; settled: given back, nothing owed (no 入金 was recorded);
        -- nothing_back: the device returned nothing; interrupted: the kiosk stopped while the device was
        -- asked (whether money went back is the device's journal's to say: staff check);
        -- refused: the accounting system refused the 返金 (staff record it at the desk).
        state TEXT NOT NULL CHECK (state IN ('returning', 'owed', 'recorded', 'settled', 'nothing_back', 'interrupted', 'refused')),
        by_whom TEXT NOT NULL CHECK (by_whom IN ('kiosk', 'staff')),
        reason TEXT NOT NULL,
        detail TEXT,
        returned_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX billing_refunds_checkout ON billing_refunds (checkout_id);
      CREATE INDEX billing_refunds_open ON billing_refunds (state) WHERE state IN ('returning', 'owed');
    `);
  },
};
