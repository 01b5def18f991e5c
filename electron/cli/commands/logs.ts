// `madoguchi logs`: the kiosk's recent log lines (electron/services/logging), newest last, as text
// (time, level, message, fields) or JSON. Reads the files only: it works with the kiosk running.
import { join } from 'node:path';
import { LOGS } from '../command-list';
import { parseCommand, UsageError } from '../command-spec';
import { recentLogLines, type LogLine } from '../../services/logging/read-logs';

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

function asText(l: LogLine): string {
  const { time, level, msg, ...fields } = l;
  const extra = Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
  return `${time ?? '-'} ${LEVELS[level ?? 30] ?? level} ${msg ?? ''}${extra}`;
}

export async function logsCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand(LOGS, argv);
  const lines = Number(values.lines);
  if (!/^\d+$/.test(values.lines) || lines < 1) throw new UsageError('logs', `invalid --lines ${values.lines}`);
  const recent = recentLogLines(join(values['data-dir'], 'logs'), lines);
  if (recent.length === 0) {
    process.stderr.write(`madoguchi logs: no log files in ${join(values['data-dir'], 'logs')}\n`);
    return 1;
  }
  process.stdout.write(values.json ? `${JSON.stringify(recent)}\n` : `${recent.map(asText).join('\n')}\n`);
  return 0;
}
