// Why the back office refuses a certificate, and where the resident can go instead: each reason and
// each place is declared once here WITH the message key the kiosk shows for it, and the enums are
// derived from these tables. A cause that must not be revealed (support measures for DV victims, a
// deceased person on the record) has the neutral "cannot be issued here" on purpose. The keys name
// entries of the renderer's issuance message tables (renderer/src/i18n/issuance-*.ts).
import { z } from 'zod';

export const REFUSAL_MESSAGE_KEYS = {
  outside_hours: 'iss.reason.outside_hours',
  not_offered: 'iss.reason.not_offered',
  under_15: 'iss.reason.under_15',
  deceased: 'iss.reason.other',
  dv_support: 'iss.reason.other',
  moved_out: 'iss.reason.moved_out',
  unprintable_characters: 'iss.reason.unprintable_characters',
  option_not_allowed: 'iss.reason.option_not_allowed',
  not_registrant: 'iss.reason.not_registrant',
  seal_abolished: 'iss.reason.seal_abolished',
  not_household: 'iss.reason.not_household',
  // A household larger than one request may name (MAX_HOUSEHOLD_MEMBERS): its 住民票 is made at the window.
  household_too_large: 'iss.reason.other',
  // A staff reprint the back office will not make: staff take it to the window.
  not_reprintable: 'iss.reason.other',
  reprint_limit: 'iss.reason.other',
  subjects_changed: 'iss.reason.other',
} as const;

export const WHERE_MESSAGE_KEYS = {
  municipal_window: 'iss.where.municipal_window',
  service_hours: 'iss.where.service_hours',
  seal_registration_window: 'iss.where.seal_registration_window',
} as const;

const keysOf = <T extends object>(o: T) => Object.keys(o) as [Extract<keyof T, string>, ...Extract<keyof T, string>[]];

export const RefusalReason = z.enum(keysOf(REFUSAL_MESSAGE_KEYS));
export type RefusalReason = z.infer<typeof RefusalReason>;
export const Where = z.enum(keysOf(WHERE_MESSAGE_KEYS));
export type Where = z.infer<typeof Where>;

/** A refusal as the catalog and the issuance error carry it (error details: reason, where). */
export const Refusal = z.object({ reason: RefusalReason, where: Where });
export type Refusal = z.infer<typeof Refusal>;
