// What the reception desk is built from: the reception.* events reception kiosks report (through
// their outbox, POST /v1/sync/events, or a reception posted to POST /v1/hospital/receptions), folded
// into one row per visit. Only events of the declared shapes count; a malformed one (the sync route
// already refuses those) is skipped rather than failing the desk.
import { z } from 'zod';
import { DESK_EVENT_PAYLOADS, ReceptionDeskFacts, type DeskReason, type DeskRow, type VisitEligibility } from '../../common/backoffice-api';
import type { ReceptionRequest } from '../schemas';
import type { BackOfficeStore, ReceptionEventRow } from '../storage/store';

/** A desk row before the accounting system's ratio is put beside the online one. */
export type VisitRow = Omit<DeskRow, 'ratio' | 'departmentName'> & { onlineRatio: number | null };

/** reception.created as sync-events.ts declares it, typed here (that table holds every kind's schema as a record). */
const Created = z.looseObject({ receptionRef: z.string().min(1).max(200), patientRef: z.string().min(1).max(200).optional(), department: z.string().min(1).max(40), ...ReceptionDeskFacts.shape });
const Rechecked = DESK_EVENT_PAYLOADS['reception.eligibility'];
const SentToDesk = DESK_EVENT_PAYLOADS['reception.sent_to_desk'];

/** Records a reception posted to POST /v1/hospital/receptions as the reception.created event the desk reads. */
export async function recordReceptionForDesk(store: BackOfficeStore, body: z.output<typeof ReceptionRequest>, now: number): Promise<void> {
  const { kioskId: _kioskId, ...payload } = body;
  await store.applyEvent(body.kioskId, {
    key: `reception.created:${body.receptionRef}`, kind: 'reception.created', stream: null, payloadJson: JSON.stringify(payload), createdAt: now,
  }, now);
}

function eligibilityOf(e: VisitEligibility | undefined): VisitRow['eligibility'] {
  return { state: e?.state ?? null, reason: e?.reason ?? null, checkedAt: e?.checkedAt ?? null };
}

/** Why a received patient still needs the desk: what the kiosk said, or an eligibility that is not confirmed. */
function deskReasonOf(sent: DeskReason | undefined, e: VisitEligibility | undefined): DeskReason | null {
  if (sent) return sent;
  if (e?.state === 'refused') return e.reason ?? 'no_qualification';
  if (e?.state === 'unconfirmed' || e?.state === 'pending_recheck') return e.reason ?? 'service_down';
  return null;
}

function parsed<T extends z.ZodType>(schema: T, json: string): z.output<T> | null {
  try {
    const r = schema.safeParse(JSON.parse(json));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** One row per visit, in the order the events came; a re-check updates its reception's row. */
export function foldVisits(events: readonly ReceptionEventRow[]): VisitRow[] {
  const rows = new Map<string, VisitRow>();
  for (const ev of events) {
    const at = new Date(ev.createdAt).toISOString();
    if (ev.kind === 'reception.created') {
      const p = parsed(Created, ev.payloadJson);
      if (!p) continue;
      rows.set(`r:${p.receptionRef}`, {
        ref: p.receptionRef, kind: 'reception', kioskId: ev.kioskId, at,
        receptionNumber: p.receptionNumber ?? null, department: p.department, patientId: p.patientRef ?? null,
        eligibility: eligibilityOf(p.eligibility), onlineRatio: p.eligibility?.ratioPercent ?? null,
        sentToDesk: deskReasonOf(p.sentToDesk, p.eligibility),
      });
    } else if (ev.kind === 'reception.eligibility') {
      const p = parsed(Rechecked, ev.payloadJson);
      const row = p && rows.get(`r:${p.receptionRef}`);
      if (!p || !row) continue;
      row.eligibility = eligibilityOf(p.eligibility);
      row.patientId = p.patientRef ?? row.patientId;
      row.onlineRatio = p.eligibility.ratioPercent ?? row.onlineRatio;
      row.sentToDesk = deskReasonOf(undefined, p.eligibility);
    } else if (ev.kind === 'reception.sent_to_desk') {
      const p = parsed(SentToDesk, ev.payloadJson);
      if (!p) continue;
      rows.set(`v:${ev.kioskId}:${p.visitRef}`, {
        ref: p.visitRef, kind: 'sent_to_desk', kioskId: ev.kioskId, at, receptionNumber: null,
        department: p.department ?? null, patientId: p.patientRef ?? null,
        eligibility: { state: null, reason: null, checkedAt: null }, onlineRatio: null, sentToDesk: p.reason,
      });
    }
  }
  return [...rows.values()];
}

/** Puts the accounting system's ratio beside the online one (a mismatch only when both are known), and its name of the 診療科. */
export function withRatios(rows: readonly VisitRow[], accounting: ReadonlyMap<string, number | null>, departmentName: (code: string) => string | null = () => null): DeskRow[] {
  return rows.map(({ onlineRatio, ...row }) => {
    const inAccounting = row.patientId !== null ? accounting.get(row.patientId) ?? null : null;
    return { ...row, departmentName: row.department !== null ? departmentName(row.department) : null, ratio: { online: onlineRatio, accounting: inAccounting, mismatch: onlineRatio !== null && inAccounting !== null && onlineRatio !== inAccounting } };
  });
}
