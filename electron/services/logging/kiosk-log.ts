// The kiosk's own log, for the technician who visits weeks later: structured lines (pino, JSON) in
// `<dataDir>/logs/kiosk.<n>.log`, rotated by size by pino-roll (a few files of a few MB: bounded
// whatever the uptime). Nothing of a resident reaches it: fields named like personal data are
// redacted by pino, and every text is scrubbed (scrubLogText) of 12-digit numbers (個人番号), PINs
// and any Japanese text (names and addresses are written in it; the kiosk's own messages are not).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import roll from 'pino-roll';

export const LOG_FILE_BASE = 'kiosk';
export const LOG_FILE_EXTENSION = '.log';

/** Field names whose values are never written, wherever they appear (one level deep too). */
const PERSONAL_KEYS = ['pin', 'newPin', 'myNumber', 'individualNumber', 'name', 'nameKana', 'address', 'dob', 'dateOfBirth', 'birthDate', 'sex', 'household'];

export interface KioskLogOptions {
  /** The data folder: the log files go to `<dataDir>/logs`. */
  dataDir: string;
  /** Size at which a file is rotated (default 2 MB). */
  maxFileBytes?: number;
  /** Rotated files kept besides the current one (default 4). */
  keepFiles?: number;
}

export interface KioskLog {
  readonly dir: string;
  /** One line: level info (or 'warn'/'error'), the message scrubbed, optional fields redacted and scrubbed. */
  write(message: string, fields?: Record<string, unknown>, level?: 'info' | 'warn' | 'error'): void;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/** Masks what could identify a resident in a free text. */
export function scrubLogText(text: string): string {
  return text
    .replace(/(?<!\d)\d{4}[ -]?\d{4}[ -]?\d{4}(?!\d)/g, '[my-number]')
    .replace(/\b(pin|PIN|暗証番号)(\s*[:=]?\s*)\d{4,16}\b/g, '$1$2[pin]')
    // Kanji, kana, full-width forms: the script of names and addresses.
    .replace(/[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+/g, '[ja]');
}

function scrubFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = typeof v === 'string' ? scrubLogText(v) : v;
  return out;
}

export async function openKioskLog(opts: KioskLogOptions): Promise<KioskLog> {
  const dir = join(opts.dataDir, 'logs');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const destination = await roll({
    file: join(dir, LOG_FILE_BASE),
    extension: LOG_FILE_EXTENSION,
    size: `${Math.max(1, Math.round((opts.maxFileBytes ?? 2 * 1024 * 1024) / 1024))}k`,
    limit: { count: opts.keepFiles ?? 4, removeOtherLogFiles: true },
    mkdir: true,
  });
  const logger = pino(
    {
      base: null,
      redact: { paths: [...PERSONAL_KEYS, ...PERSONAL_KEYS.map((k) => `*.${k}`)], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
  return {
    dir,
    write(message, fields, level = 'info') {
      const text = scrubLogText(message);
      if (fields) logger[level](scrubFields(fields), text);
      else logger[level](text);
    },
    close: () =>
      new Promise<void>((resolve) => {
        logger.flush(() => {
          destination.once('close', () => resolve());
          destination.end();
        });
      }),
  };
}
