// Reading the kiosk's log files back (`madoguchi logs`): the newest lines across the rotated files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_FILE_BASE, LOG_FILE_EXTENSION } from './kiosk-log';

/** The log files of `dir`, oldest first (pino-roll numbers them kiosk.1.log, kiosk.2.log, …). */
export function logFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const re = new RegExp(`^${LOG_FILE_BASE}\\.(\\d+)\\${LOG_FILE_EXTENSION}$`);
  return names
    .map((n) => ({ n, i: Number(re.exec(n)?.[1]) }))
    .filter((f) => Number.isInteger(f.i))
    .sort((a, b) => a.i - b.i)
    .map((f) => join(dir, f.n));
}

export interface LogLine { time?: string; level?: number; msg?: string; [field: string]: unknown }

/** The newest `count` lines, oldest of them first; a line that is not JSON is kept as its text. */
export function recentLogLines(dir: string, count: number): LogLine[] {
  const lines: string[] = [];
  for (const file of logFiles(dir).reverse()) {
    const text = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
    lines.unshift(...text);
    if (lines.length >= count) break;
  }
  return lines.slice(-count).map((l) => {
    try {
      return JSON.parse(l) as LogLine;
    } catch {
      return { msg: l };
    }
  });
}
