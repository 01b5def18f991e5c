// The kiosk's SQLite database behind a small typed interface. One writer connection, WAL.
// Durability is chosen per write (see README.md): money, issuances, receptions and the outbox go
// through durable() at synchronous=FULL (fsync of the WAL on every commit); re-fetchable state
// goes through relaxed() at NORMAL. The pragma is read back, because a library default or a
// platform build can silently differ from what we asked for.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { KioskError } from '../common/errors';
import { runMigrations, currentVersion } from './migrate';
import { KIOSK_MIGRATIONS } from './migrations';
import type { Migration } from './migrate';
import { toDbError, withDbErrors } from './sqlite-errors';

const SYNC_FULL = 2;
const SYNC_NORMAL = 1;

export interface OpenKioskDbOptions {
  path: string;
  /** 'quick' (default) runs quick_check at open; 'full' runs integrity_check; 'none' skips it. */
  integrity?: 'quick' | 'full' | 'none';
  busyTimeoutMs?: number;
  /** For migration tests only: a different migration list. */
  migrations?: readonly Migration[];
}

export interface KioskDb {
  readonly path: string;
  /** The raw connection, for db/ modules only (queue, issuance-requests); services use those repositories. */
  readonly sqlite: Database.Database;
  readonly schemaVersion: number;
  /** A write transaction committed with synchronous=FULL: survives power loss once it returns. */
  durable<T>(fn: () => T): T;
  /**
   * One statement committed on its own at synchronous=FULL (SQLite's implicit transaction: atomic,
   * and durable once it returns), without a BEGIN/COMMIT round trip. Inside durable()/relaxed() it
   * is simply part of that transaction.
   */
  durableRun(stmt: Database.Statement, ...params: unknown[]): Database.RunResult;
  /** A write transaction at synchronous=NORMAL: survives a process crash, may roll back on power loss. */
  relaxed<T>(fn: () => T): T;
  /** PRAGMA integrity_check; returns [] when the file is sound. */
  integrityProblems(): string[];
  /** Consistent online copy (SQLite backup API), verified with integrity_check. */
  backupTo(destPath: string): Promise<void>;
  close(): void;
}

function preserveDamagedCopy(path: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const preservedAt = `${path}.damaged-${stamp}`;
  // Keep the WAL with the main file: deleting or separating it loses committed transactions.
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) copyFileSync(path + suffix, preservedAt + suffix);
  }
  return preservedAt;
}

function checkIntegrity(db: Database.Database, mode: 'quick' | 'full'): string[] {
  const rows = db.pragma(mode === 'quick' ? 'quick_check' : 'integrity_check') as Record<string, string>[];
  const messages = rows.map((r) => String(Object.values(r)[0]));
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
}

export function openKioskDb(options: OpenKioskDbOptions): KioskDb {
  const { path } = options;
  mkdirSync(dirname(path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 });
    db.pragma('journal_mode = WAL');
    const problems = options.integrity === 'none' ? [] : checkIntegrity(db, options.integrity ?? 'quick');
    if (problems.length > 0) {
      db.close();
      const preservedAt = preserveDamagedCopy(path);
      throw new KioskError('db.corrupt', `integrity check failed: ${problems.slice(0, 3).join('; ')}`, { preservedAt });
    }
  } catch (err) {
    const typed = toDbError(err);
    if (typed instanceof KioskError && typed.kind === 'db.corrupt' && !typed.details.preservedAt) {
      const preservedAt = preserveDamagedCopy(path);
      throw new KioskError('db.corrupt', typed.message, { ...typed.details, preservedAt }, { cause: err });
    }
    throw typed;
  }
  try {
    db.pragma('synchronous = FULL');
    if (db.pragma('synchronous', { simple: true }) !== SYNC_FULL) {
      throw new KioskError('internal', 'SQLite refused synchronous=FULL; refusing to record payments without it');
    }
    db.pragma('foreign_keys = ON');
    runMigrations(db, options.migrations ?? KIOSK_MIGRATIONS);
  } catch (err) {
    db.close();
    throw toDbError(err);
  }

  let level = SYNC_FULL;
  // One transaction function for every write: better-sqlite3 builds a new wrapper on each
  // db.transaction(fn) call, a measurable share of a small durable commit.
  const inTransaction = db.transaction(<T>(fn: () => T): T => fn());
  const setLevel = (wanted: number) => {
    if (level !== wanted) {
      db.pragma(`synchronous = ${wanted}`);
      level = wanted;
    }
  };

  return {
    path,
    sqlite: db,
    schemaVersion: currentVersion(db),
    durable<T>(fn: () => T): T {
      return withDbErrors(() => {
        setLevel(SYNC_FULL);
        return inTransaction.immediate(fn) as T;
      });
    },
    durableRun(stmt: Database.Statement, ...params: unknown[]): Database.RunResult {
      return withDbErrors(() => {
        if (!db.inTransaction) setLevel(SYNC_FULL);
        return stmt.run(...params);
      });
    },
    relaxed<T>(fn: () => T): T {
      return withDbErrors(() => {
        setLevel(SYNC_NORMAL);
        try {
          return inTransaction.immediate(fn) as T;
        } finally {
          // Back to FULL at once, so a stray write outside these helpers is durable by default.
          setLevel(SYNC_FULL);
        }
      });
    },
    integrityProblems: () => withDbErrors(() => checkIntegrity(db, 'full')),
    async backupTo(destPath: string): Promise<void> {
      mkdirSync(dirname(destPath), { recursive: true });
      try {
        await db.backup(destPath);
      } catch (err) {
        throw toDbError(err);
      }
      const copy = new Database(destPath, { readonly: true });
      try {
        const problems = checkIntegrity(copy, 'full');
        if (problems.length) throw new KioskError('db.corrupt', `backup failed its integrity check: ${problems[0]}`);
      } finally {
        copy.close();
      }
    },
    close: () => db.close(),
  };
}
