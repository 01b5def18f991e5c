// From the back office's and the printer's machine words to the resident's words. A refusal that
// must not reveal its cause (support measures for DV victims, a deceased person on the record)
// falls to the neutral "cannot be issued here", always with where to go instead.
import type { MessageKey } from '../../i18n';

const REASONS: Record<string, MessageKey> = {
  under_15: 'iss.reason.under_15',
  under_age: 'iss.reason.under_15',
  not_registrant: 'iss.reason.not_registrant',
  registrant_only: 'iss.reason.not_registrant',
  no_seal_registration: 'iss.reason.not_registrant',
  seal_abolished: 'iss.reason.seal_abolished',
  moved_out: 'iss.reason.moved_out',
  household_move_pending: 'iss.reason.moved_out',
  unprintable_characters: 'iss.reason.unprintable_characters',
  outside_hours: 'iss.reason.outside_hours',
  not_offered: 'iss.reason.not_offered',
  not_household: 'iss.reason.not_household',
  not_same_household: 'iss.reason.not_household',
  option_not_allowed: 'iss.reason.option_not_allowed',
  my_number_not_allowed: 'iss.reason.option_not_allowed',
};

const WHERE: Record<string, MessageKey> = {
  municipal_window: 'iss.where.municipal_window',
  service_hours: 'iss.where.service_hours',
  seal_registration_window: 'iss.where.seal_registration_window',
};

export const reasonKey = (reason: string): MessageKey => REASONS[reason] ?? 'iss.reason.other';
export const whereKey = (where: string): MessageKey => WHERE[where] ?? 'iss.where.municipal_window';

const OPTIONS: Record<string, MessageKey> = {
  householdHead: 'iss.opt.householdHead',
  honseki: 'iss.opt.honseki',
  myNumber: 'iss.opt.myNumber',
};
export const optionKey = (key: string): MessageKey | null => OPTIONS[key] ?? null;

/** The registry's 続柄 words a resident reads in their language; any other shows as registered. */
const RELATIONSHIPS: Record<string, MessageKey> = {
  世帯主: 'iss.rel.head', 妻: 'iss.rel.wife', 夫: 'iss.rel.husband', 子: 'iss.rel.child', 父: 'iss.rel.father', 母: 'iss.rel.mother',
  孫: 'iss.rel.grandchild', 同居人: 'iss.rel.lodger',
};
export const relationshipKey = (word: string): MessageKey | null => RELATIONSHIPS[word] ?? null;

const PRINTER: Record<string, MessageKey> = {
  'printer.media-empty': 'iss.printer.media-empty',
  'printer.media-needed': 'iss.printer.media-empty',
  'printer.media-jam': 'iss.printer.media-jam',
  'printer.offline': 'iss.printer.offline',
  'printer.unreachable': 'iss.printer.offline',
};
/** 'printer.media-empty-error' and 'printer.media-empty' both read "out of paper". */
export const printerKey = (message: string): MessageKey => PRINTER[message.replace(/-(error|warning|report)$/, '')] ?? 'iss.printer.other';
