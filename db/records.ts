// The kiosk's records of money taken, certificates issued and receptions made. Each write puts the
// record AND its outbox event in one synchronous=FULL transaction (the outbox pattern): either
// both survive a power cut or neither exists, so the back office can never miss a recorded fee.
import type { KioskDb } from './kiosk-db';
import type { KioskQueue } from './queue';

export type IssuanceState = 'authorized' | 'paid' | 'printed' | 'print_failed' | 'cancelled';

export interface IssuanceRecord {
  requestId: string;
  issuanceNumber?: string;
  certificateKind: string;
  copies: number;
  feeYen: number;
}

export interface PaymentRecord {
  paymentRef: string;
  purpose: 'certificate_fee' | 'hospital_bill';
  subjectRef: string;
  amountYen: number;
  method: string;
}

export interface ReceptionRecord {
  receptionRef: string;
  patientRef: string;
  department: string;
  eligibility?: unknown;
}

export function createRecords(db: KioskDb, queue: KioskQueue, clock: () => number = Date.now) {
  const s = db.sqlite;
  const insIssuance = s.prepare(`INSERT INTO issuances (request_id, issuance_number, certificate_kind, copies, fee_yen, state, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, 'authorized', ?, ?) ON CONFLICT (request_id) DO NOTHING`);
  const setIssuanceState = s.prepare('UPDATE issuances SET state = ?, updated_at = ? WHERE request_id = ?');
  const insPayment = s.prepare(`INSERT INTO payments (payment_ref, purpose, subject_ref, amount_yen, method, state, created_at)
    VALUES (?, ?, ?, ?, ?, 'captured', ?) ON CONFLICT (payment_ref) DO NOTHING`);
  const insReception = s.prepare(`INSERT INTO receptions (reception_ref, patient_ref, department, eligibility_json, created_at)
    VALUES (?, ?, ?, ?, ?) ON CONFLICT (reception_ref) DO NOTHING`);
  const getIssuance = s.prepare('SELECT * FROM issuances WHERE request_id = ?');

  return {
    issuanceAuthorized(r: IssuanceRecord): void {
      db.durable(() => {
        const now = clock();
        insIssuance.run(r.requestId, r.issuanceNumber ?? null, r.certificateKind, r.copies, r.feeYen, now, now);
        queue.enqueueInTransaction({ key: `issuance:${r.requestId}:authorized`, kind: 'issuance.authorized', stream: `issuance:${r.requestId}`, payload: r });
      });
    },
    /** Moves an issuance along (paid → printed / print_failed); one ordered event per step. */
    issuanceState(requestId: string, state: Exclude<IssuanceState, 'authorized'>, detail: Record<string, unknown> = {}): void {
      db.durable(() => {
        setIssuanceState.run(state, clock(), requestId);
        queue.enqueueInTransaction({ key: `issuance:${requestId}:${state}`, kind: `issuance.${state}`, stream: `issuance:${requestId}`, payload: { requestId, ...detail } });
      });
    },
    paymentCaptured(p: PaymentRecord): void {
      db.durable(() => {
        insPayment.run(p.paymentRef, p.purpose, p.subjectRef, p.amountYen, p.method, clock());
        queue.enqueueInTransaction({ key: `payment:${p.paymentRef}`, kind: 'payment.captured', stream: `${p.purpose}:${p.subjectRef}`, payload: p });
      });
    },
    receptionCreated(r: ReceptionRecord): void {
      db.durable(() => {
        insReception.run(r.receptionRef, r.patientRef, r.department, r.eligibility === undefined ? null : JSON.stringify(r.eligibility), clock());
        queue.enqueueInTransaction({ key: `reception:${r.receptionRef}`, kind: 'reception.created', stream: `reception:${r.receptionRef}`, payload: r });
      });
    },
    issuance: (requestId: string) => getIssuance.get(requestId) as Record<string, unknown> | undefined,
  };
}
