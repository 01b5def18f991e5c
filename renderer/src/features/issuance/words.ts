// From the back office's and the printer's machine words to the resident's words. A refusal that
// must not reveal its cause (support measures for DV victims, a deceased person on the record)
// falls to the neutral "cannot be issued here", always with where to go instead.
import { REFUSAL_MESSAGE_KEYS, WHERE_MESSAGE_KEYS, type RefusalReasonView, type WhereView } from '../../../../common/api/issuance-schemas';
import type { MessageKey } from '../../i18n';

// Exactly the reasons and places the back office sends (common/backoffice-api/refusals.ts declares
// each with its key); the types check every key against the message tables.
const REASONS: Readonly<Record<RefusalReasonView, MessageKey>> = REFUSAL_MESSAGE_KEYS;
const WHERE: Readonly<Record<WhereView, MessageKey>> = WHERE_MESSAGE_KEYS;

const known = <K extends string>(table: Readonly<Record<K, MessageKey>>, word: string): word is K => Object.hasOwn(table, word);

/** A reason this kiosk does not know (a newer back office) reads as the neutral "cannot be issued here". */
export const reasonKey = (reason: string): MessageKey => (known(REASONS, reason) ? REASONS[reason] : 'iss.reason.other');
export const whereKey = (where: string): MessageKey => (known(WHERE, where) ? WHERE[where] : 'iss.where.municipal_window');

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
};
/** 'printer.media-empty-error' and 'printer.media-empty' both read "out of paper". */
export const printerKey = (message: string): MessageKey => PRINTER[message.replace(/-(error|warning|report)$/, '')] ?? 'iss.printer.other';
