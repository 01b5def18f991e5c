// From the reception module's machine words (eligibility outcomes, desk reasons) to the patient's
// words: each a title and a next step, always naming where to go.
import type { MessageKey } from '../../i18n';
import type { DeskWhy } from './reception-flow';

export interface DeskText { title: MessageKey; body: MessageKey }

const BY_OUTCOME: Record<string, DeskText> = {
  new_qualification: { title: 'rcp.desk.new_qualification.title', body: 'rcp.desk.new_qualification.body' },
  invalid: { title: 'rcp.desk.invalid.title', body: 'rcp.desk.invalid.body' },
  not_found: { title: 'rcp.desk.not_found.title', body: 'rcp.desk.not_found.body' },
  multiple: { title: 'rcp.desk.multiple.title', body: 'rcp.desk.multiple.body' },
  unregistered: { title: 'rcp.desk.unregistered.title', body: 'rcp.desk.unregistered.body' },
  error: { title: 'rcp.desk.error.title', body: 'rcp.desk.error.body' },
};

/** The visit's deskReason (common/backoffice-api/desk.ts DeskReason, or an accounting refusal). */
const BY_REASON: Record<string, DeskText> = {
  already_received: { title: 'rcp.desk.already_received.title', body: 'rcp.desk.already_received.body' },
  pin_last_try: { title: 'rcp.lastTry.title', body: 'rcp.lastTry.next' },
  no_qualification: BY_OUTCOME.not_found!,
  invalid_new_qualification: BY_OUTCOME.new_qualification!,
  multiple_matches: BY_OUTCOME.multiple!,
  card_not_registered: BY_OUTCOME.unregistered!,
  accounting_failed: { title: 'rcp.failed.title', body: 'rcp.failed.body' },
};

const NEUTRAL: DeskText = { title: 'rcp.desk.rejected.title', body: 'rcp.desk.rejected.body' };

export function deskText(why: DeskWhy): DeskText {
  if ('outcome' in why) return BY_OUTCOME[why.outcome] ?? NEUTRAL;
  return BY_REASON[why.reason] ?? NEUTRAL;
}

/** The key of the line naming this outcome's kind, for tests and staff (data-outcome). */
export const deskCode = (why: DeskWhy): string => ('outcome' in why ? why.outcome : why.reason);
