// Who may have which certificate, decided here authoritatively (kiosk-domain.md §1.3–1.4). Pure:
// the route gathers the registry rows, this returns the subjects to print or ONE refusal with the
// place the resident can go instead. The kiosk only explains the answer.
import { MAX_HOUSEHOLD_MEMBERS, type CertificateType, type RefusalReason, type Scope, type Where } from '../../common/backoffice-api';
import type { ResidentRow, SealRow } from '../storage/store';
import type { MunicipalityCertConfigT } from './config';

export type { CertificateType, Scope, Where } from '../../common/backoffice-api';

/** A refusal is one of the typed reasons (common/backoffice-api/refusals.ts), with where to go instead. */
export type Decision = { ok: true; subjects: ResidentRow[] } | { ok: false; reason: RefusalReason; where: Where };

export interface RuleInput {
  now: number;
  config: MunicipalityCertConfigT;
  holder: ResidentRow;
  household: ResidentRow[];
  seal: SealRow | undefined;
  type: CertificateType;
  scope: Scope;
  memberIds: string[];
  options: Record<string, boolean>;
}

/** Characters that need 外字 in most municipal systems (異体字 of common surnames, IBM extensions). */
const EXTERNAL_CHARACTERS = /[髙﨑𠮷德濵邊邉隆栁]/u;

export function hasExternalCharacters(...texts: (string | null | undefined)[]): boolean {
  return texts.some((t) => t !== null && t !== undefined && EXTERNAL_CHARACTERS.test(t));
}

const JST_MS = 9 * 3600_000;

export function withinServiceHours(now: number, hours: MunicipalityCertConfigT['hours']): boolean {
  const local = new Date(now + JST_MS);
  const mmdd = `${String(local.getUTCMonth() + 1).padStart(2, '0')}-${String(local.getUTCDate()).padStart(2, '0')}`;
  if (hours.closedDates.includes(mmdd)) return false;
  const hhmm = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  return hhmm >= hours.open && hhmm < hours.close;
}

export function ageOn(dobYyyymmdd: string, now: number): number {
  const local = new Date(now + JST_MS);
  const y = Number(dobYyyymmdd.slice(0, 4)), m = Number(dobYyyymmdd.slice(4, 6)), d = Number(dobYyyymmdd.slice(6, 8));
  let age = local.getUTCFullYear() - y;
  if (local.getUTCMonth() + 1 < m || (local.getUTCMonth() + 1 === m && local.getUTCDate() < d)) age--;
  return age;
}

const refuse = (reason: RefusalReason, where: Where = 'municipal_window'): Decision => ({ ok: false, reason, where });

/** A person who cannot be printed at a kiosk at all. DV support is reported only as 'dv_support' to
 *  the kiosk, which shows the generic "please visit the window" text — never the measure itself. */
function personRefusal(p: ResidentRow, cfg: MunicipalityCertConfigT): RefusalReason | undefined {
  if (p.deceased) return 'deceased';
  if (p.dvProtection) return 'dv_support';
  if (p.movedOut) return 'moved_out';
  if (p.unprintableCharacters || (cfg.externalCharacters === 'refuse' && hasExternalCharacters(p.name, p.address))) return 'unprintable_characters';
  return undefined;
}

/** A household as a 住民票 lists it: the 世帯主 first, then the others eldest first. */
export function householdOrder(members: ResidentRow[]): ResidentRow[] {
  const head = (m: ResidentRow) => (m.relationship === '世帯主' ? 0 : 1);
  return [...members].sort((a, b) => head(a) - head(b) || a.dob.localeCompare(b.dob) || a.residentId.localeCompare(b.residentId));
}

export function decide(i: RuleInput): Decision {
  const { config: cfg, holder } = i;
  if (!withinServiceHours(i.now, cfg.hours)) return refuse('outside_hours', 'service_hours');
  if (!cfg.offered.includes(i.type)) return refuse('not_offered');
  if (ageOn(holder.dob, i.now) < cfg.ageFloor) return refuse('under_15');
  const own = personRefusal(holder, cfg);
  if (own) return refuse(own);
  if (i.options.myNumber && (i.type === 'inkan' || !cfg.allowMyNumber)) return refuse('option_not_allowed');

  if (i.type === 'inkan') {
    if (i.scope !== 'self') return refuse('not_registrant');
    // Re-checked at issue time from the registry itself: an abolished (廃印) seal is never certified.
    if (!i.seal) return refuse('not_registrant', 'seal_registration_window');
    if (i.seal.abolished) return refuse('seal_abolished', 'seal_registration_window');
    return { ok: true, subjects: [holder] };
  }

  // 住民票: a household with a pending move-out (転出届) is not issued at the kiosk.
  if (i.household.some((m) => m.movedOut && !m.deceased)) return refuse('moved_out');
  let subjects: ResidentRow[];
  if (i.scope === 'self') subjects = [holder];
  else if (i.scope === 'household') subjects = i.household.filter((m) => !m.deceased); // 消除者 are never printed
  else {
    if (i.memberIds.length === 0) return refuse('not_household');
    const chosen = new Set(i.memberIds);
    // In the household's order (世帯主 first), never in the order they were ticked.
    subjects = i.household.filter((h) => chosen.has(h.residentId));
    if (subjects.length !== chosen.size) return refuse('not_household');
  }
  if (subjects.length > MAX_HOUSEHOLD_MEMBERS) return refuse('household_too_large');
  for (const s of subjects) {
    const r = personRefusal(s, cfg);
    if (r) return refuse(r);
  }
  return { ok: true, subjects };
}
