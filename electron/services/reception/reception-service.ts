// The hospital-reception service: one patient's visit from the card check to the 受付票, on the
// persisted visit machine (visit-machine.ts), the eligibility rules (eligibility-rules.ts) and the
// accounting system's registration (registration.ts). Every step reads the visit's row, acts, and
// records the change before answering, so a restart finds the visit where it really is.
import { createHash, randomUUID } from 'node:crypto';
import type { ChoicesView, DepartmentView, VisitView } from '../../../common/api/contract';
import { isKioskError, KioskError, toKioskError } from '../../../common/errors';
import { decide, eligibilityView, goesOn, isPending, numbersOf, unconfirmed, type EligibilityDecision } from './eligibility-rules';
import type { EligibilityResult, InsuredNumbers } from './ports';
import { createRegistration, japanTime } from './registration';
import type { CardCheck, ReceptionDeps, ReceptionService, ReceptionSlip } from './types';
import { OPEN_BEFORE_REGISTERING, type VisitPatch, type VisitRow } from './visit-machine';

const DAY_MS = 86_400_000;
/** Even with retention 0 a visit stays a minute after its last change (its command may still read it). */
const MIN_AGE_MS = 60_000;
/** Visits re-checked per housekeeping round at most (the service was just down: no stampede). */
const RECHECK_BATCH = 20;
/** Today's receptions by name only looked at per round: all of a day's, so unattended ones never hide attached ones. */
const NAME_ONLY_SCAN = 1_000;

/** The columns a decision (and the result it came from) writes; the result and its XML verbatim. */
function decisionPatch(d: EligibilityDecision, r: EligibilityResult | null, recheck: boolean): VisitPatch {
  return {
    outcome: d.outcome, nextStep: d.next, staffFlag: d.staffFlag, ratioPercent: d.ratioPercent, hasPublicAid: d.hasPublicAid, message: d.message,
    recheckPending: recheck,
    ...(r ? { fileId: r.arbitraryFileIdentifier, eligibilityJson: JSON.stringify({ ...r, rawXml: undefined }), eligibilityXml: r.rawXml } : {}),
  };
}

/** An unconfirmed visit is re-checked when there is something to check with: a 処理中 answer's id or the numbers. */
const canRecheck = (r: EligibilityResult | null): boolean => r !== null;

/** Start of the Japan-time day of `ms`: a reception by name only is the accounting system's for that day alone. */
const japanDayStart = (ms: number): number => Math.floor((ms + 9 * 3_600_000) / DAY_MS) * DAY_MS - 9 * 3_600_000;

export function createReceptionService(deps: ReceptionDeps): ReceptionService {
  const { visits, eligibility } = deps;
  const clock = deps.clock ?? Date.now;
  const log = deps.log ?? (() => undefined);
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const pendingBoundMs = deps.pendingBoundMs ?? 10_000;
  const registration = createRegistration(deps, clock);

  const department = (code: string | null): DepartmentView | undefined => deps.departments.find((d) => d.code === code);
  const resultOf = (row: VisitRow): EligibilityResult | null => (row.eligibilityJson ? JSON.parse(row.eligibilityJson) as EligibilityResult : null);

  function toView(row: VisitRow): VisitView {
    const decisionOf = (): EligibilityDecision => ({
      outcome: row.outcome ?? 'unconfirmed', next: (row.nextStep ?? 'choose_then_show_document') as EligibilityDecision['next'],
      staffFlag: (row.staffFlag ?? 'none') as EligibilityDecision['staffFlag'], ratioPercent: row.ratioPercent, hasPublicAid: row.hasPublicAid, message: row.message,
    });
    return {
      visitId: row.visitId, state: row.state, medium: row.medium, departments: deps.departments,
      ...(row.state !== 'checking' ? { eligibility: eligibilityView(decisionOf(), resultOf(row)) } : {}),
      ...(row.choicesJson ? { choices: JSON.parse(row.choicesJson) as ChoicesView } : {}),
      ...(row.department ? { department: row.department } : {}),
      ...(row.acceptanceId ? { receptionNumber: row.acceptanceId, receptionTime: row.acceptanceTime ?? '' } : {}),
      ...(row.patientKind ? { patient: row.patientKind } : {}),
      ...(row.deskReason ? { deskReason: row.deskReason } : {}),
      slip: { status: row.slipStatus, ...(row.slipReason ? { reason: row.slipReason } : {}) },
    };
  }

  function at(visitId: string, states: readonly VisitRow['state'][]): VisitRow {
    const row = visits.load(visitId);
    if (!states.includes(row.state)) throw new KioskError('reception.invalid_state', `the visit is ${row.state}`, { state: row.state });
    return row;
  }

  /** A final answer, or the bound passed: 'checking' → 'outcome'. */
  function conclude(row: VisitRow, r: EligibilityResult | null): VisitRow {
    const d = r && !isPending(r) ? decide(r) : unconfirmed();
    return visits.transition(row.visitId, 'outcome', { from: ['checking'], patch: decisionPatch(d, r, d.outcome === 'unconfirmed' && canRecheck(r)), detail: d.outcome });
  }

  /** Polls a 処理中 answer until it is final or the visit's bound has passed. */
  async function pollOnce(row: VisitRow): Promise<VisitRow> {
    // Still 処理中 when the patient cannot wait longer (or the service went away): housekeeping polls it later.
    const stillPending: EligibilityResult = { arbitraryFileIdentifier: row.fileId!, segmentOfResult: '2', rawXml: '' };
    try {
      const r = await eligibility.poll(row.fileId!);
      if (!isPending(r)) return conclude(row, r);
    } catch (err) {
      if (!isKioskError(err, 'eligibility.unavailable')) throw err;
      return conclude(row, stillPending);
    }
    if (clock() - row.createdAt >= pendingBoundMs) return conclude(row, stillPending);
    await sleep(deps.pollIntervalMs ?? 500);
    return visits.load(row.visitId);
  }

  async function printSlip(row: VisitRow, onPhase: (p: string) => void, language: ReceptionSlip['language'] = 'ja'): Promise<VisitRow> {
    if (!deps.printer || !deps.renderSlip) return row.state === 'registered' ? visits.transition(row.visitId, 'done', { patch: { slipStatus: 'failed', slipReason: 'no_printer' } }) : row;
    onPhase('slip');
    const dept = department(row.department) ?? { code: row.department ?? '', name: { ja: row.department ?? '', en: '', zh: '', ko: '' } };
    const { date, time } = japanTime(clock());
    const binding = { documentId: row.visitId, requestId: row.visitId, subjectHash: createHash('sha256').update(`${row.visitId}:${row.patientId ?? ''}`).digest('hex') };
    let patch: VisitPatch;
    try {
      const pdf = await deps.renderSlip({
        receptionNumber: row.acceptanceId, department: dept, time: row.acceptanceTime ?? time, date, hospital: deps.hospitalName, kioskId: deps.kioskId, language,
        next: row.state === 'sent_to_desk' ? 'desk' : row.outcome === 'valid' ? 'wait' : 'show_document_at_desk',
      }, binding);
      const outcome = await deps.printer.print({ ...binding, kind: 'reception-slip', pdf, copies: 1, title: `reception ${row.acceptanceId ?? row.visitId}` },
        { onProgress: (p) => onPhase(p.phase), timeoutMs: deps.slipTimeoutMs ?? 30_000 });
      if (outcome.status !== 'printed' && outcome.jobId !== undefined) await deps.printer.cancel(outcome.jobId).catch(() => undefined);
      patch = outcome.status === 'printed' ? { slipStatus: 'printed', slipReason: null } : { slipStatus: outcome.status, slipReason: outcome.reason.slice(0, 80) };
    } catch (err) {
      patch = { slipStatus: 'failed', slipReason: toKioskError(err).kind };
    }
    // The reception stands whether or not its 受付票 came out: the screen shows the number either way.
    return row.state === 'registered' ? visits.transition(row.visitId, 'done', { patch }) : visits.patch(row.visitId, patch);
  }

  /**
   * Visits received by name only while the service was down (nothing to poll, no card to sign again):
   * once the desk has attached the patient to the reception (acceptmodv2 03, seen in acceptlstv2), the
   * patient's insurance numbers in the accounting system are checked by number and the result recorded
   * as any re-check's. Not attached yet, or the service still down: tried again on the next round.
   */
  async function recheckAttached(): Promise<number> {
    const waiting = visits.receivedByNameOnly(japanDayStart(clock()), NAME_ONLY_SCAN);
    if (waiting.length === 0) return 0;
    let today;
    try {
      today = await deps.accounting.todaysReceptions('03');
    } catch (err) {
      log(`reception: today's receptions not read for the re-check (${toKioskError(err).kind})`);
      return 0;
    }
    let changed = 0;
    let asked = 0;
    for (const row of waiting) {
      if (asked >= RECHECK_BATCH) break;
      const patientId = today.find((r) => r.acceptanceId === row.acceptanceId && r.department === row.department)?.patientId;
      if (!patientId) continue; // the desk has not attached anyone: the visit stays unconfirmed for the desk, no guess
      asked++;
      let numbers: InsuredNumbers;
      try {
        const patient = await deps.accounting.findPatient(patientId);
        if (!patient?.insurance) {
          log(`reception: visit ${row.visitId}'s patient has no insurance numbers in the accounting system; left to the desk`);
          continue;
        }
        numbers = { ...patient.insurance, birthdate: patient.birthdate.replace(/-/g, '') };
      } catch (err) {
        log(`reception: the patient of visit ${row.visitId} not read (${toKioskError(err).kind})`);
        continue;
      }
      let r: EligibilityResult;
      try {
        r = await eligibility.confirmByNumbers(numbers);
      } catch (err) {
        if (isKioskError(err, 'eligibility.unavailable')) break; // still down: the next round tries again
        log(`reception: re-check of visit ${row.visitId} failed (${toKioskError(err).kind})`);
        continue;
      }
      if (isPending(r)) continue;
      const d = decide(r);
      visits.rechecked(row.visitId, { ...decisionPatch(d, r, false), patientId, recheckedAt: clock() }, d.outcome);
      changed++;
    }
    return changed;
  }

  return {
    startVisit(check: CardCheck, medium) {
      const visitId = deps.newId?.() ?? randomUUID();
      if ('error' in check) {
        const err = toKioskError(check.error);
        // The card was refused by the eligibility service: nothing to go on with, the desk helps.
        if (err.kind === 'eligibility.rejected') {
          const row = visits.create(visitId, 'outcome', medium, decisionPatch({ ...unconfirmed(), outcome: 'error', next: 'desk', staffFlag: 'service_error' }, null, false));
          return toView(visits.transition(row.visitId, 'sent_to_desk', { patch: { deskReason: 'card_rejected' }, detail: err.kind }));
        }
        log(`reception: eligibility unavailable at the card check (${err.kind}); the visit goes on unconfirmed`);
        return toView(visits.create(visitId, 'outcome', medium, decisionPatch(unconfirmed(), null, false)));
      }
      const r = check.result;
      if (isPending(r)) return toView(visits.create(visitId, 'checking', medium, { fileId: r.arbitraryFileIdentifier }));
      const d = decide(r);
      const row = visits.create(visitId, 'outcome', medium, decisionPatch(d, r, false));
      return toView(row);
    },

    sentToDesk(medium, reason) {
      const row = visits.create(deps.newId?.() ?? randomUUID(), 'outcome', medium, decisionPatch({ ...unconfirmed(), next: 'desk', staffFlag: reason === 'pin_last_try' ? 'pin_last_try' : 'none' }, null, false));
      return toView(visits.transition(row.visitId, 'sent_to_desk', { patch: { deskReason: reason }, detail: reason }));
    },

    async view(visitId) {
      let row = visits.load(visitId);
      if (row.state === 'checking') row = await pollOnce(row);
      return toView(row);
    },

    async choose(visitId, choices) {
      const row = at(visitId, ['outcome', 'chosen']);
      if (!goesOn({ next: (row.nextStep ?? 'desk') as EligibilityDecision['next'] })) {
        throw new KioskError('reception.send_to_desk', 'this eligibility outcome is handled at the desk', { reason: row.outcome ?? 'unknown' });
      }
      if ((choices.publicAid === 'none') === row.hasPublicAid) {
        throw new KioskError('input.invalid', row.hasPublicAid ? 'choose whether to use the 公費 (use or decline)' : 'there is no 公費 to choose about', { field: 'publicAid' });
      }
      if (row.fileId && row.outcome === 'valid') {
        await eligibility.recordChoices({ arbitraryFileIdentifier: row.fileId, ...choices }).catch((err: unknown) => {
          // The choices stay in the visit (and its 受付票 goes on); the desk sees they did not reach the service.
          log(`reception: choices of visit ${visitId} not recorded with the eligibility service (${toKioskError(err).kind})`);
        });
      }
      const patch = { choicesJson: JSON.stringify(choices) };
      return toView(row.state === 'chosen' ? visits.patch(visitId, patch) : visits.transition(visitId, 'chosen', { from: ['outcome'], patch }));
    },

    async register(visitId, code, onPhase = () => undefined, language = 'ja') {
      if (!department(code)) throw new KioskError('input.invalid', 'no such department here', { field: 'department' });
      let row = at(visitId, ['chosen', 'registering']);
      onPhase('registering');
      try {
        row = row.state === 'registering' ? await registration.resolve(row) : await registration.register(row, code);
      } catch (err) {
        if (isKioskError(err, 'reception.send_to_desk')) {
          row = visits.transition(visitId, 'sent_to_desk', { from: ['chosen'], patch: { department: code, deskReason: err.details.reason as string }, detail: err.message });
          return toView(await printSlip(row, onPhase, language));
        }
        throw err;
      }
      return toView(await printSlip(row, onPhase, language));
    },

    async printSlip(visitId, onPhase = () => undefined) {
      const row = at(visitId, ['registered', 'done', 'sent_to_desk']);
      if (row.slipStatus === 'printed') return toView(row);
      return toView(await printSlip(row, onPhase));
    },

    async settle(visitId) {
      const row = visits.get(visitId);
      if (!row) return;
      if (OPEN_BEFORE_REGISTERING.includes(row.state)) {
        visits.transition(visitId, 'abandoned', { detail: 'session ended' });
      } else if (row.state === 'registered') {
        // The patient has gone: no 受付票 comes out for nobody; the reception stands.
        visits.transition(visitId, 'done', { patch: { slipStatus: row.slipStatus === 'pending' ? 'failed' : row.slipStatus, slipReason: 'session_ended' } });
      }
      // 'registering' is resolved by housekeeping (acceptlstv2 first), whether or not the session is there.
    },

    async resume() {
      for (const row of visits.inStates(OPEN_BEFORE_REGISTERING)) visits.transition(row.visitId, 'abandoned', { detail: 'restart' });
      for (const row of visits.inStates(['registered'])) {
        visits.transition(row.visitId, 'done', { patch: { slipStatus: row.slipStatus === 'pending' ? 'failed' : row.slipStatus, slipReason: 'restart' } });
      }
      for (const row of visits.inStates(['registering'])) {
        await registration.resolve(row)
          .then((r) => visits.transition(r.visitId, 'done', { patch: { slipStatus: 'failed', slipReason: 'restart' } }))
          .catch((err: unknown) => log(`reception: visit ${row.visitId} still registering after restart (${toKioskError(err).kind}); housekeeping retries`));
      }
    },

    async recheck() {
      let changed = 0;
      for (const row of visits.inStates(['registering'])) {
        if (clock() - row.updatedAt < 30_000) continue; // a registration under way is the command's own
        try {
          const r = await registration.resolve(row);
          visits.transition(r.visitId, 'done', { patch: { slipStatus: r.slipStatus === 'pending' ? 'failed' : r.slipStatus, slipReason: r.slipReason ?? 'resolved_later' } });
          changed++;
        } catch (err) {
          log(`reception: visit ${row.visitId} still registering (${toKioskError(err).kind})`);
        }
      }
      for (const row of visits.awaitingRecheck(RECHECK_BATCH)) {
        const known = resultOf(row);
        const numbers = known ? numbersOf(known) : null;
        let r: EligibilityResult;
        try {
          r = numbers ? await eligibility.confirmByNumbers(numbers) : await eligibility.poll(row.fileId!);
        } catch (err) {
          if (isKioskError(err, 'eligibility.unavailable')) break; // still down: the next round tries again
          log(`reception: re-check of visit ${row.visitId} failed (${toKioskError(err).kind})`);
          continue;
        }
        if (isPending(r)) continue;
        const d = decide(r);
        // The re-check's result replaces the outcome shown to the desk; the visit's own flow is not reopened.
        const after = visits.rechecked(row.visitId, { ...decisionPatch(d, r, false), recheckedAt: clock() }, d.outcome);
        await registration.attachConfirmed(after);
        changed++;
      }
      return changed + await recheckAttached();
    },

    housekeep(retentionDays) {
      const wiped = visits.wipeSynced();
      const cutoff = clock() - Math.max(retentionDays * DAY_MS, MIN_AGE_MS);
      let deleted = 0;
      for (let i = 0; i < 20; i++) {
        const n = visits.deleteFinished(cutoff, 50);
        deleted += n;
        if (n < 50) break;
      }
      return { wiped, deleted };
    },
  };
}

