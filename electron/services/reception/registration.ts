// The accounting system's side of a visit: the patient (returning: found from the 照会番号 the
// eligibility result carries; first visit: patientmodv2, then the 照会番号 registered with the
// eligibility service so the next visit finds them from the card alone), and the reception
// (acceptmodv2) exactly once per visit.
//
// Exactly once: the visit enters 'registering' (with the time asked for) in a durable commit BEFORE
// acceptmodv2 is sent. A visit found in 'registering' — after kill -9, a timeout, or an answer that
// never came — is never registered blindly again: today's list (acceptlstv2) is asked first, and a
// reception of this patient in this department is adopted as the visit's own.
//
// Eligibility unconfirmed and nobody known (the service was down at the card check): the reception is
// made all the same, by name only (acceptmodv2 01 with WholeName, a fixed marker, no personal data), so
// the patient gets a number; the desk attaches the patient (acceptmodv2 03) after seeing their
// 資格情報のお知らせ, or the kiosk does when a 処理中 answer's re-check confirms them (attachConfirmed);
// a patient the desk attached is then checked by number by housekeeping (reception-service.ts).
import { isKioskError, KioskError } from '../../../common/errors';
import type { EligibilityResult, NewPatient } from './ports';
import type { ReceptionDeps } from './types';
import type { VisitRow } from './visit-machine';

/** HH:mm:ss and yyyy-MM-dd in Japan time (the accounting system's day). */
export function japanTime(ms: number): { time: string; date: string } {
  const iso = new Date(ms + 9 * 3_600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
}

/** The name of a reception made without a patient: what the desk recognises in ORCA's list. */
export const UNCONFIRMED_RECEPTION_NAME = 'マイナ受付（資格未確認）';

const dashed = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

/** The first visit's patient, from the eligibility result (name, kana, birth date, sex, insurance). */
export function newPatientOf(r: EligibilityResult): NewPatient {
  if (!r.name || !r.birthdate || !r.insurerNumber || !r.insuredIdentificationNumber) {
    throw new KioskError('reception.send_to_desk', 'the eligibility result lacks what a new patient needs', { reason: 'accounting_failed' });
  }
  const ratio = Number(r.insuredPartialContributionRatio);
  return {
    name: r.name, kanaName: r.nameKana ?? '', birthdate: dashed(r.birthdate), sex: r.sex === '2' ? '2' : '1',
    ...(r.postNumber ? { postNumber: r.postNumber } : {}), ...(r.address ? { address: r.address } : {}),
    insurance: {
      insurerNumber: r.insurerNumber, symbol: r.insuredCardSymbol ?? '', number: r.insuredIdentificationNumber,
      ...(r.insuredBranchNumber ? { branch: r.insuredBranchNumber } : {}),
      ...(r.personalFamilyClassification ? { personalFamily: r.personalFamilyClassification } : {}),
      ...(Number.isFinite(ratio) && r.insuredPartialContributionRatio ? { ratioPercent: ratio } : {}),
    },
  };
}

export function createRegistration(deps: ReceptionDeps, clock: () => number) {
  const { visits, accounting, eligibility } = deps;
  const log = deps.log ?? (() => undefined);

  /** The visit's patient in the accounting system: kept on the row as soon as it is known. */
  async function ensurePatient(row: VisitRow): Promise<VisitRow> {
    if (row.patientId) return row;
    const result = row.eligibilityJson ? JSON.parse(row.eligibilityJson) as EligibilityResult : null;
    if (!result || row.outcome !== 'valid') {
      // Nobody is known without a confirmed result: the desk receives the patient with their documents.
      throw new KioskError('reception.send_to_desk', 'eligibility is not confirmed: the desk registers the patient', { reason: 'service_down' });
    }
    if (result.referenceNumber) {
      const known = await accounting.findPatient(result.referenceNumber);
      if (known) return visits.patch(row.visitId, { patientId: known.patientId, patientKind: 'returning' });
      log(`reception: the 照会番号 of visit ${row.visitId} is not a patient of the accounting system; registering a new one`);
    }
    const { patientId } = await accounting.registerPatient(newPatientOf(result));
    const after = visits.patch(row.visitId, { patientId, patientKind: 'new' });
    // The next visit finds the patient from the card alone; a failure here only costs that.
    if (row.fileId) {
      await eligibility.registerReferenceNumber({ arbitraryFileIdentifier: row.fileId, patientId })
        .catch((err: unknown) => log(`reception: 照会番号 not registered for visit ${row.visitId} (${isKioskError(err) ? err.kind : 'internal'})`));
    }
    return after;
  }

  /** Today's reception of this patient in this department, if the accounting system has one. */
  async function findInToday(row: VisitRow): Promise<{ acceptanceId: string; acceptanceTime: string } | null> {
    const today = await accounting.todaysReceptions('03');
    // Without a patient, the visit's reception is the one by the marker name, in its department, at the time it asked for.
    const mine = row.patientId
      ? today.find((r) => r.patientId === row.patientId && r.department === row.department)
      : today.find((r) => r.patientId === '' && r.wholeName === UNCONFIRMED_RECEPTION_NAME && r.department === row.department && r.acceptanceTime === row.receptionTime);
    return mine ? { acceptanceId: mine.acceptanceId, acceptanceTime: mine.acceptanceTime } : null;
  }

  /** 'registering' → 'registered' with the accounting system's answer (or what its list shows). */
  async function finish(row: VisitRow, askFirst: boolean): Promise<VisitRow> {
    if (askFirst) {
      const found = await findInToday(row);
      if (found) return visits.transition(row.visitId, 'registered', { from: ['registering'], patch: found, detail: 'found in acceptlstv2' });
    }
    try {
      const answer = await accounting.registerReception(row.patientId
        ? { patientId: row.patientId, department: row.department!, time: row.receptionTime! }
        : { wholeName: UNCONFIRMED_RECEPTION_NAME, department: row.department!, time: row.receptionTime! });
      return visits.transition(row.visitId, 'registered', { from: ['registering'], patch: answer });
    } catch (err) {
      if (isKioskError(err, 'accounting.already_received')) {
        // Received in this department today (by this visit before a crash, or earlier today): that reception is the patient's.
        const found = await findInToday(row);
        if (found) return visits.transition(row.visitId, 'registered', { from: ['registering'], patch: found, detail: 'already received' });
      }
      if (isKioskError(err, 'accounting.patient_locked')) {
        visits.transition(row.visitId, 'chosen', { from: ['registering'], detail: 'patient locked' });
      } else if (isKioskError(err, 'accounting.rejected') || isKioskError(err, 'accounting.already_received')) {
        visits.transition(row.visitId, 'sent_to_desk', { from: ['registering'], patch: { deskReason: 'accounting_failed' }, detail: isKioskError(err) ? err.kind : 'internal' });
      }
      // accounting.unavailable (or anything unknown): the reception may exist; the visit stays 'registering'.
      throw err;
    }
  }

  return {
    ensurePatient,

    /** 'chosen' → patient → 'registering' (durable) → acceptmodv2 → 'registered'. */
    async register(row: VisitRow, department: string): Promise<VisitRow> {
      let r: VisitRow;
      try {
        r = await ensurePatient(row);
      } catch (err) {
        // Unconfirmed, nobody known: still a reception, by name only (the desk attaches the patient).
        const unconfirmed = row.outcome === 'unconfirmed' || row.outcome === null;
        if (!(isKioskError(err, 'reception.send_to_desk') && err.details.reason === 'service_down' && unconfirmed)) throw err;
        r = row;
      }
      r = visits.transition(r.visitId, 'registering', { from: ['chosen'], patch: { department, receptionTime: japanTime(clock()).time } });
      return finish(r, false);
    },

    /** A visit found in 'registering': ask acceptlstv2, then register if it is not there. */
    resolve: (row: VisitRow): Promise<VisitRow> => finish(row, true),

    /** A re-check confirmed a visit whose reception was made by name only: its patient (found or
     *  registered) is attached to that reception (acceptmodv2 03). Failures are logged: the desk still can. */
    async attachConfirmed(row: VisitRow): Promise<void> {
      if (!row.acceptanceId || row.patientId || row.outcome !== 'valid') return;
      try {
        const r = await ensurePatient(row);
        await accounting.attachPatient({ acceptanceId: row.acceptanceId, patientId: r.patientId!, department: row.department ?? '' });
      } catch (err) {
        log(`reception: the confirmed patient of visit ${row.visitId} not attached to reception ${row.acceptanceId} (${isKioskError(err) ? err.kind : 'internal'})`);
      }
    },
  };
}
