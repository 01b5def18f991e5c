// From the issuance service's held list to what the staff screen may show: the facts staff decide
// on, with every free text left behind. An event's detail can carry a staff note written at the
// technician CLI or an error message; the screen gets one machine word for "what happened" instead.
import { CertificateType } from '../../../common/backoffice-api';
import type { HeldRequestView, StaffReasonView } from '../../../common/api/contract';
import type { IssuanceService } from '../issuance/types';

type HeldRow = ReturnType<IssuanceService['listHeld']>[number];

/** The last audited detail → one word: the printer's reason, or what the kiosk itself recorded. */
export function whatHappened(lastDetail: string | null, state: string): string {
  if (!lastDetail) return state === 'failed' ? 'failed' : 'unknown';
  if (lastDetail.startsWith('reprint_requested')) return 'reprint-pending';
  if (lastDetail.startsWith('reprint_refused')) return 'reprint-refused';
  if (lastDetail.startsWith('refund_failed')) return 'refund-failed';
  if (lastDetail.startsWith('staff:')) return state === 'failed' ? 'refund-failed' : 'unknown';
  const word = (lastDetail.split(/[\s:(]/)[0] ?? '').toLowerCase().replace(/[^a-z0-9._-]/g, '').slice(0, 60);
  // 'media-empty-error' and 'media-empty' are the same fault.
  return word.replace(/-(error|warning|report)$/, '') || 'unknown';
}

export function toHeldView(h: HeldRow): HeldRequestView | null {
  const type = CertificateType.options.find((t) => t === h.type);
  // A row the screen cannot describe is not shown half-described; the technician CLI still lists it.
  if (!type || (h.state !== 'held' && h.state !== 'failed')) return null;
  return {
    requestId: h.requestId,
    state: h.state,
    type,
    issuanceNumber: h.issuanceNumber,
    paid: h.paid,
    since: h.updatedAt,
    what: whatHappened(h.lastDetail, h.state),
    maybePrinted: h.maybePrinted,
    moneyOwed: h.state === 'failed' && h.paid > 0,
  };
}

/** The audit note of a decision taken at the staff screen, in the municipality's language. */
const REASON_NOTE: Record<StaffReasonView, string> = {
  'refilled-paper': '用紙を補充した',
  'cleared-jam': '紙詰まりを取り除いた',
  'power-cycled': 'プリンターの電源を入れ直した',
  'no-paper-out': '用紙は出ていなかった',
  other: 'その他',
};

export function staffNote(reason: StaffReasonView): string {
  return `${REASON_NOTE[reason]}（係員画面）`;
}
