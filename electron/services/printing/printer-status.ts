// From a device's printer-state / printer-state-reasons to what the kiosk shows and does.
// Pure: the IPP client feeds it, tests exercise it with real printers.
import { PRINTER_UNREACHABLE, PrinterState } from '../../../common/backoffice-api';
import type { PrinterStatus } from './types';

/** Reasons that need a person at the printer (RFC 8011 / PWG 5100.x keywords, without suffix). */
const STAFF_REASONS = [
  'media-jam',
  'media-empty',
  'media-needed',
  'cover-open',
  'door-open',
  'interlock-open',
  'input-tray-missing',
  'output-tray-missing',
  'output-area-full',
  'marker-supply-empty',
  'toner-empty',
  'marker-waste-full',
  'spool-area-full',
  'offline',
  'shutdown',
  'paused',
] as const;

/** Every message key status() can return, for the UI's translations. */
export const PRINTER_MESSAGE_KEYS = [
  'printer.ready',
  'printer.busy',
  'printer.stopped',
  'printer.not-accepting',
  ...STAFF_REASONS.map((r) => `printer.${r}` as const),
] as const;

/** 'media-empty-error' → { base: 'media-empty', severity: 'error' }. */
export function splitReason(reason: string): { base: string; severity: 'error' | 'warning' | 'report' | '' } {
  const m = /^(.*)-(error|warning|report)$/.exec(reason);
  return m ? { base: m[1]!, severity: m[2] as 'error' | 'warning' | 'report' } : { base: reason, severity: '' };
}

/**
 * The fault that blocks printing, if any. A '-warning' counts only while the device is busy or
 * stopped: some drivers report media-empty-warning forever on an idle printer (apple/cups #5776),
 * while ippeveprinter and many engines report a stall mid-job as '-warning'. '-report' never counts.
 */
export function blockingFault(reasons: string[], printerState: string): string | undefined {
  for (const r of reasons) {
    const { base, severity } = splitReason(r);
    if (!(STAFF_REASONS as readonly string[]).includes(base)) continue;
    if (severity === 'report') continue;
    if (severity === 'warning' && printerState === 'idle') continue;
    return base;
  }
  return undefined;
}

export function unreachableStatus(): PrinterStatus {
  return { ...PRINTER_UNREACHABLE, reasons: ['offline'], acceptingJobs: false };
}

export function toPrinterStatus(input: { printerState: string; reasons: string[]; acceptingJobs: boolean }): PrinterStatus {
  const reasons = input.reasons.filter((r) => r !== 'none');
  // The device reports these three (RFC 8011); 'unreachable' is ours, for a printer that does not answer.
  const state = PrinterState.exclude(['unreachable']).options.find((s) => s === input.printerState) ?? 'stopped';
  const fault = blockingFault(reasons, state);
  let message: string;
  if (fault) message = `printer.${fault}`;
  else if (state === 'stopped') message = 'printer.stopped';
  else if (!input.acceptingJobs) message = 'printer.not-accepting';
  else message = state === 'processing' ? 'printer.busy' : 'printer.ready';
  return {
    state,
    reasons,
    acceptingJobs: input.acceptingJobs,
    // A stopped printer with no reason given still needs someone to look at it.
    needsStaff: fault !== undefined || state === 'stopped',
    message,
  };
}
