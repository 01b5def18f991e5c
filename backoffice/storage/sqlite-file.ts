// One way the back office opens each of its SQLite files (backoffice.db, certificates.db, access.db):
// WAL so readers never wait for the writer, synchronous=FULL so an acknowledged write survives a
// power cut, and a busy timeout for the moment another connection holds the write lock.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export function openSqliteFile(dataDir: string, file: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, file), { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return db;
}
