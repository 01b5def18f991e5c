// Who pays at お会計: the eligibility service's answer to the card check names the patient by its
// 照会番号 (the hospital's patient ID in ORCA). A 処理中 answer (segmentOfResult 2) is polled by its
// file id as reception does — every `intervalMs` up to the same bound (reception's pendingBoundMs,
// default 10 s) — and then goes on with the final answer, or sends the patient to the desk as
// 'eligibility_unavailable' (the patient cannot wait longer; nobody knows whose bills to show).
import { isKioskError, toKioskError } from '../../../common/errors';
import { isPending } from '../reception/eligibility-rules';
import type { EligibilityResult, EligibilityService } from '../reception/ports';
import type { PatientCheck } from './types';

export interface PendingPolicy {
  /** From the 処理中 answer: how long the patient waits for the final one (reception's bound). */
  boundMs: number;
  intervalMs: number;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_PENDING_BOUND_MS = 10_000;
export const DEFAULT_POLL_INTERVAL_MS = 500;

/** A final answer: its 照会番号 is the patient ID ORCA bills under; without one nobody here knows whose bills to show. */
export function patientOf(r: EligibilityResult): PatientCheck {
  return r.referenceNumber && /^[0-9]{1,20}$/.test(r.referenceNumber) ? { patientId: r.referenceNumber } : { deskReason: 'no_patient_id' };
}

/** A 処理中 answer (its file id, answered at `since`) polled until final or the bound has passed. */
export async function awaitPending(eligibility: EligibilityService, fileId: string, since: number, p: PendingPolicy, log?: (m: string) => void): Promise<PatientCheck> {
  for (;;) {
    let r: EligibilityResult;
    try {
      r = await eligibility.poll(fileId);
    } catch (err) {
      log?.(`billing: polling the eligibility answer failed (${toKioskError(err).kind})`);
      return { deskReason: isKioskError(err, 'eligibility.rejected') ? 'other' : 'eligibility_unavailable' };
    }
    if (!isPending(r)) return patientOf(r);
    if (p.clock() - since >= p.boundMs) {
      log?.('billing: the eligibility answer was still 処理中 at the bound; the desk');
      return { deskReason: 'eligibility_unavailable' };
    }
    await p.sleep(p.intervalMs);
  }
}
