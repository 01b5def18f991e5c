// What the systems behind a reception received, read the way each is read in production: the
// accounting system's list of today's receptions through ORCA's acceptlstv2 (the kiosk's own ORCA
// client, Basic auth), the eligibility service's answer for a visit (the consent flags and the
// prescription choice it recorded), and the kiosk's visit rows (db/reception-visits.ts).
import { readFileSync } from 'node:fs';
import { createReceptionVisits, type VisitRow, type VisitState } from '../../db/reception-visits';
import { parseEligibilityResult, type EligibilityResult } from '../../common/onshi';
import type { DevKiosk } from '../../electron/dev-server/dev-kiosk';
import { createOrcaClient } from '../../electron/services/reception/orca-client';
import type { OrcaReceptionRow } from '../../electron/services/reception/ports';

const PROFILES = JSON.parse(readFileSync(new URL('../../simulators/vcard/profiles.json', import.meta.url), 'utf8')) as { id: string; authPin: string }[];

/** The demo card's PIN, as printed on the demo tray. */
export function demoPin(holderId: string): string {
  const pin = PROFILES.find((p) => p.id === holderId)?.authPin;
  if (!pin) throw new Error(`no demo card ${holderId}`);
  return pin;
}

const ALL: VisitState[] = ['checking', 'outcome', 'chosen', 'registering', 'registered', 'done', 'sent_to_desk', 'abandoned'];

function reception(stack: DevKiosk): NonNullable<DevKiosk['reception']> {
  if (!stack.reception) throw new Error('this kiosk has no reception');
  return stack.reception;
}

/** acceptlstv2 class 03: every reception of today in the accounting system. */
export async function orcaReceptionsToday(stack: DevKiosk): Promise<OrcaReceptionRow[]> {
  const a = reception(stack).settings.accounting;
  const orca = createOrcaClient({ url: a.url, user: a.user, password: a.password, timeoutMs: a.timeoutMs, allowPlainHttp: a.allowPlainHttp });
  try {
    return await orca.todaysReceptions('03');
  } finally {
    orca.close();
  }
}

/** The kiosk's visits, newest last. */
export function visits(stack: DevKiosk): VisitRow[] {
  return createReceptionVisits(stack.platform.db).inStates(ALL).sort((x, y) => x.createdAt - y.createdAt);
}

export const lastVisit = (stack: DevKiosk): VisitRow | undefined => visits(stack).at(-1);

/** The eligibility service's answer for a visit now: the choices it recorded are in it. */
export async function eligibilityAnswer(stack: DevKiosk, fileId: string): Promise<EligibilityResult> {
  const res = await fetch(`${reception(stack).onshi.url}/v1/results/${encodeURIComponent(fileId)}`);
  if (!res.ok) throw new Error(`eligibility answer ${fileId}: HTTP ${res.status}`);
  return parseEligibilityResult(new Uint8Array(await res.arrayBuffer()));
}
