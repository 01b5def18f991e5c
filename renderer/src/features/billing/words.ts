// From the checkout's desk reasons (common/api/billing-schemas.ts BillingDeskReason) to the
// patient's words: each a title and what happens next, always saying whether money was taken.
import type { MessageKey } from '../../i18n';

export interface DeskText { title: MessageKey; body: MessageKey }

const REASONS = ['no_patient_id', 'eligibility_unavailable', 'accounting_unavailable', 'locked_elsewhere', 'bill_changed', 'device_fault', 'share_unknown', 'other'] as const;

export function deskText(reason: string): DeskText {
  // The last PIN try is never used: the shared wording of a service chosen before the card.
  if (reason === 'pin_last_try') return { title: 'rcp.lastTry.title', body: 'rcp.lastTry.next' };
  const r = (REASONS as readonly string[]).includes(reason) ? reason : 'other';
  return { title: `bil.desk.${r}.title` as MessageKey, body: `bil.desk.${r}.body` as MessageKey };
}
