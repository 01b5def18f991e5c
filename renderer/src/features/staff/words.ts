// From the printer's and the kiosk's machine words to the staff screen's words. Unknown words fall
// to a neutral phrase: staff are told to look at the printer, never shown a code.
import type { HeldDecisionView, StaffReasonView } from '../../../../common/api/contract';
import type { MessageKey } from '../../i18n';

const PRINTER: Record<string, MessageKey> = {
  'printer.ready': 'staff.printer.ready',
  'printer.busy': 'staff.printer.busy',
  'printer.media-empty': 'staff.printer.media-empty',
  'printer.media-needed': 'staff.printer.media-empty',
  'printer.media-jam': 'staff.printer.media-jam',
  'printer.offline': 'staff.printer.offline',
  'printer.unreachable': 'staff.printer.offline',
  'printer.cover-open': 'staff.printer.cover-open',
  'printer.door-open': 'staff.printer.cover-open',
  'printer.interlock-open': 'staff.printer.cover-open',
};
export const staffPrinterKey = (message: string): MessageKey => PRINTER[message.replace(/-(error|warning|report)$/, '')] ?? 'staff.printer.other';

const WHAT: Record<string, MessageKey> = {
  'media-empty': 'staff.what.media-empty',
  'media-needed': 'staff.what.media-empty',
  'media-jam': 'staff.what.media-jam',
  offline: 'staff.what.offline',
  timeout: 'staff.what.timeout',
  unconfirmed: 'staff.what.unconfirmed',
  interrupted_during_printing: 'staff.what.interrupted',
  'not-accepting': 'staff.what.not-accepting',
  'cover-open': 'staff.what.cover-open',
  'door-open': 'staff.what.cover-open',
  'reprint-pending': 'staff.what.reprint-pending',
  'reprint-refused': 'staff.what.reprint-refused',
  'refund-failed': 'staff.what.refund-failed',
};
export const whatKey = (what: string): MessageKey => WHAT[what] ?? 'staff.what.other';

export const paperKey = (maybePrinted: boolean | null): MessageKey =>
  maybePrinted === null ? 'staff.paper.unknown' : maybePrinted ? 'staff.paper.maybe' : 'staff.paper.no';

export const decisionKey = (d: HeldDecisionView): MessageKey =>
  d === 'printed' ? 'staff.do.printed' : d === 'reprint' ? 'staff.do.reprint' : 'staff.do.refund';

export const STAFF_REASONS: readonly StaffReasonView[] = ['refilled-paper', 'cleared-jam', 'power-cycled', 'no-paper-out', 'other'];

export const reasonKey = (r: StaffReasonView): MessageKey => `staff.reason.${r}` as const;

/** The reference the resident's held screen shows (受付番号), so staff find the right request. */
export const referenceOf = (requestId: string): string => requestId.slice(-8).toUpperCase();
