// Numbered migrations tracked by PRAGMA user_version. All pending steps run in ONE transaction,
// so a kiosk that loses power mid-upgrade reopens on the old schema, never half of the new one.
// A database written by newer software is refused rather than "downgraded" by guesswork.
import type Database from 'better-sqlite3';
import { KioskError } from '../common/errors';

export interface Migration {
  /** Multiples of 10, strictly increasing; the number becomes user_version once applied. */
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export function currentVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

/** Applies every migration newer than user_version; returns the versions applied. */
export function runMigrations(db: Database.Database, migrations: readonly Migration[]): number[] {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.version === sorted[i - 1]!.version) throw new Error(`duplicate migration ${sorted[i]!.version}`);
  }
  const supported = latestVersion(sorted);
  const found = currentVersion(db);
  if (found > supported) {
    throw new KioskError('db.newer_version', undefined, { found, supported });
  }
  const pending = sorted.filter((m) => m.version > found);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  // Refresh planner statistics for the new indexes (cheap; recommended after schema changes).
  db.pragma('optimize');
  return pending.map((m) => m.version);
}
