// Files made by the first release keyed kiosk_events by the event key alone, so one kiosk's key
// answered 'duplicate' to another kiosk that happened to use it. Rebuilt once, in one transaction,
// keyed by (kiosk_id, key); every row is kept. Checked by the table's shape, not user_version, so it
// composes with any other schema step.
import type Database from 'better-sqlite3';
import { KIOSK_EVENTS_TABLE } from './sqlite-schema';

export function keyKioskEventsPerKiosk(db: Database.Database): void {
  const pk = db.prepare("SELECT name FROM pragma_table_info('kiosk_events') WHERE pk > 0 ORDER BY pk").pluck().all() as string[];
  if (pk.join(',') !== 'key') return;
  db.transaction(() => {
    db.exec(KIOSK_EVENTS_TABLE('kiosk_events_per_kiosk'));
    db.exec(`INSERT INTO kiosk_events_per_kiosk (key, kiosk_id, kind, stream, payload, payload_hash, kiosk_created_at, received_at)
      SELECT key, kiosk_id, kind, stream, payload, payload_hash, kiosk_created_at, received_at FROM kiosk_events`);
    db.exec('DROP TABLE kiosk_events');
    db.exec('ALTER TABLE kiosk_events_per_kiosk RENAME TO kiosk_events');
  }).immediate();
}
