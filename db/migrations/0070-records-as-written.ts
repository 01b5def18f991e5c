// 0070: the schema holds what the services really write. Migration 0020's `issuances`, `payments`
// and `receptions` and 0030's `config_cache` and `sync_state` were never written by the kiosk (a
// certificate request, its payment and its events live in issuance_requests/issuance_events since
// 0040; nothing pulled configuration): they are dropped, and a hospital service adds its own tables
// in its own migration when it writes them. A reprint staff asked for and the back office has not
// answered yet becomes two columns instead of audit text read back: existing databases carry it
// over from their last 'reprint_requested' event, so a pending reprint is retried with the same id.
import type { Migration } from '../migrate';

/** The audit text 0040–0060 kiosks wrote for a reprint request (reprint.ts before this migration). */
const REQUESTED = /^reprint_requested: ([0-9a-f-]{36}) staff: (.*)$/s;

export const migration0070: Migration = {
  version: 70,
  name: 'records-as-written',
  up(db) {
    db.exec(`
      DROP TABLE issuances;
      DROP TABLE payments;
      DROP TABLE receptions;
      DROP TABLE config_cache;
      DROP TABLE sync_state;
      ALTER TABLE issuance_requests ADD COLUMN pending_reprint_id TEXT;
      ALTER TABLE issuance_requests ADD COLUMN pending_reprint_note TEXT;
    `);
    // Only a held request can have a reprint pending; its last event decides (anything after the
    // request — a refusal, a decision — answered it).
    const held = db.prepare(`SELECT request_id FROM issuance_requests WHERE state = 'held'`).pluck().all() as string[];
    const lastEvent = db.prepare('SELECT detail FROM issuance_events WHERE request_id = ? ORDER BY id DESC LIMIT 1').pluck();
    const setPending = db.prepare('UPDATE issuance_requests SET pending_reprint_id = ?, pending_reprint_note = ? WHERE request_id = ?');
    for (const requestId of held) {
      const m = REQUESTED.exec((lastEvent.get(requestId) as string | null) ?? '');
      if (m) setPending.run(m[1], m[2], requestId);
    }
  },
};
