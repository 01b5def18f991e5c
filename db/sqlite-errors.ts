// Maps SQLite's error codes to the kiosk's typed errors, so callers (and the UI) see
// "disk full" or "database damaged" instead of a raw SqliteError string.
import { KioskError } from '../common/errors';

interface SqliteLikeError {
  code?: unknown;
  message?: unknown;
}

export function toDbError(err: unknown): unknown {
  if (err instanceof KioskError) return err;
  const code = typeof (err as SqliteLikeError)?.code === 'string' ? (err as SqliteLikeError).code as string : '';
  const message = err instanceof Error ? err.message : String(err);
  const opts = { cause: err };
  if (code.startsWith('SQLITE_FULL')) return new KioskError('db.disk_full', undefined, { sqlite: code }, opts);
  if (code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_IOERR_FSYNC' || /disk is full|No space left/i.test(message)) {
    return new KioskError('db.disk_full', undefined, { sqlite: code }, opts);
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new KioskError('db.corrupt', undefined, { sqlite: code }, opts);
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
    return new KioskError('db.readonly', undefined, { sqlite: code }, opts);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new KioskError('db.busy', undefined, { sqlite: code }, opts);
  }
  return err;
}

/** Runs fn and rethrows any SQLite failure as a typed KioskError. */
export function withDbErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toDbError(err);
  }
}
