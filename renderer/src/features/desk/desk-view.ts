// What the reception desk shows, as pure functions (unit-tested in Node): which rows need staff, the
// day's counts, the 負担割合 in words, and the error a failed refresh shows. The rows come from the
// back office's desk unchanged; nothing here decides eligibility.
import type { DeskRowView, DeskView } from '../../../../common/api/contract';
import type { ErrorKind } from '../../../../common/errors';
import type { MessageKey, Vars } from '../../i18n';

/** The desk's tabs: 受付 where the kiosk offers reception, 会計 where it offers reception or billing. */
export type DeskTab = 'reception' | 'payments';
export function deskTabs(services: readonly string[]): DeskTab[] {
  return [...(services.includes('reception') ? ['reception' as const] : []), ...(services.includes('reception') || services.includes('billing') ? ['payments' as const] : [])];
}

/** A row staff must act on: sent to the desk, a ratio mismatch, or eligibility not confirmed. */
export function needsStaff(r: DeskRowView): boolean {
  return r.sentToDesk !== null || r.ratio.mismatch || (r.eligibility.state !== null && r.eligibility.state !== 'confirmed');
}

export function deskCounts(view: DeskView): { visits: number; desk: number; mismatch: number } {
  return {
    visits: view.rows.filter((r) => r.kind === 'reception').length,
    desk: view.rows.filter((r) => r.sentToDesk !== null).length,
    mismatch: view.rows.filter((r) => r.ratio.mismatch).length,
  };
}

/** 30 → 「3割」; 0 → 「負担なし」; null → 「—」; an odd percentage as it is. */
export function ratioWords(percent: number | null): { k: MessageKey; vars?: Vars } | { text: string } {
  if (percent === null) return { k: 'desk.ratio.unknown' };
  if (percent === 0) return { k: 'desk.ratio.zero' };
  if (percent % 10 !== 0) return { text: `${percent}%` };
  return { k: 'desk.ratio.percent', vars: { n: percent / 10 } };
}

export const stateKey = (r: DeskRowView): MessageKey => (r.eligibility.state ? `desk.state.${r.eligibility.state}` : 'desk.state.none');

/** The time of day in Japan (HH:MM), the hospital's clock. */
export function timeOfDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo' }).format(d);
}

/** The message of a failed load; staff.locked is not one (the screen leaves staff mode instead). */
export function deskErrorKey(kind: ErrorKind): MessageKey {
  if (kind === 'sync.unreachable' || kind === 'sync.server_error') return 'desk.error.unreachable';
  if (kind === 'backoffice.refused' || kind === 'backoffice.unauthenticated') return 'desk.error.refused';
  return 'desk.error.other';
}
