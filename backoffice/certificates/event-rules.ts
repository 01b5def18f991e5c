// Which kiosk event may move an issuance, from which stored state, and with what money. The kiosk's
// state machine (electron/services/issuance/state-machine.ts) is the source of these edges; the back
// office sees them without 'printing' and 'synced', which change nothing here. Refused events are
// answered 'rejected' with the reason and never touch the record: a paid never goes negative, a
// refund never exceeds what was paid, and a voided or refunded issuance is never revived.
import type { IssuanceRecord, IssuanceRecordState } from './certificate-store';

interface Edge {
  from: readonly IssuanceRecordState[];
  /** The state after the event; null: the event is recorded and the state stays. */
  to: IssuanceRecordState | null;
}

const EDGES: Readonly<Record<string, Edge>> = {
  authorized: { from: ['authorized'], to: null },
  paid: { from: ['authorized'], to: 'paid' },
  printing: { from: ['paid', 'held'], to: null },
  printed: { from: ['paid', 'held'], to: 'printed' },
  held: { from: ['paid', 'held', 'failed'], to: 'held' },
  failed: { from: ['paid', 'held'], to: 'failed' },
  refunded: { from: ['paid', 'held', 'failed'], to: 'refunded' },
  voided: { from: ['authorized'], to: 'voided' },
};

/** Events about an issuance's paper or money; any other certificate.* kind is a note (receipt, reprint request). */
export const STATE_EVENTS = Object.keys(EDGES);

export type EventVerdict =
  | { ok: true; to: IssuanceRecordState | null; paid: number; refunded: number }
  | { ok: false; reason: string; field?: string };

/**
 * Decides a validated certificate event against the stored record (undefined: the back office never
 * authorized this request, e.g. it was voided before authorization).
 */
export function decideCertificateEvent(record: IssuanceRecord | undefined, kioskId: string, state: string, payload: { paid?: number; refunded?: number }): EventVerdict {
  const edge = EDGES[state];
  if (!record) {
    // Nothing to move; only what cannot claim paper or money is recorded.
    return edge && edge.to !== 'voided' && edge.to !== null ? { ok: false, reason: 'unknown_issuance', field: 'payload.requestId' } : { ok: true, to: null, paid: 0, refunded: 0 };
  }
  if (record.kioskId !== kioskId) return { ok: false, reason: 'not_owner', field: 'payload.requestId' };
  if (!edge) return { ok: true, to: null, paid: 0, refunded: 0 };
  if (!edge.from.includes(record.state)) return { ok: false, reason: `illegal_transition: ${record.state} → ${state}`, field: 'kind' };
  const paid = state === 'paid' ? payload.paid ?? 0 : 0;
  const refunded = state === 'refunded' ? payload.refunded ?? 0 : 0;
  if (record.refunded + refunded > record.paid + paid) return { ok: false, reason: 'refund_exceeds_paid', field: 'payload.refunded' };
  return { ok: true, to: edge.to, paid, refunded };
}
