// What voice guidance says on each screen and after each outcome (pure, unit-tested in Node): what
// happened first (wrong PIN with the tries left, card removed, printer fault, money), then what to
// do, then — voice only — which keys do what. Built from the screen's state, which never holds a
// PIN, so no digit of one can ever be spoken.
import type { MessageKey, Vars } from '../i18n';
import type { Screen } from './flow';
import { errorText } from './flow';
import type { Step } from '../features/issuance/issuance-flow';
import { printerKey, reasonKey, whereKey } from '../features/issuance/words';

/** One message; `voiceOnly` parts (key guides) are spoken but not put in the screen-reader live region. */
export interface SpokenPart { k: MessageKey; vars?: Vars; voiceOnly?: boolean }
export type Spoken = SpokenPart[];

const p = (k: MessageKey, vars?: Vars): SpokenPart => (vars ? { k, vars } : { k });
const keys = (k: MessageKey = 'kp.hint'): SpokenPart => ({ k, voiceOnly: true });
const yen = (n: number) => n.toLocaleString('ja-JP');

/** The authentication screens; null where a feature speaks for itself (issuance). */
export function screenSpeech(s: Screen, opts: { cardOnReader: boolean; noReader: boolean }): Spoken | null {
  switch (s.name) {
    case 'idle': return [p('idle.title'), p(opts.noReader ? 'idle.noReader' : 'idle.hint')];
    case 'reading': return [p('reading.title'), p('reading.hint')];
    case 'pin': {
      const out: Spoken = [];
      if (s.problem) out.push(p(s.problem === 'wrong' ? 'pin.wrong' : 'pin.format'));
      out.push(p('pin.tries', { n: s.triesLeft }));
      if (s.triesLeft === 1) out.push(p('pin.lastTry'));
      return [...out, p('pin.title'), keys('kp.pinHint')];
    }
    case 'verifying': return [p('verifying.title'), p('wait')];
    case 'authenticated':
      return opts.cardOnReader ? [p('auth.title'), p('auth.removeCard')] : [p('auth.title'), p('auth.cardTaken'), keys()];
    case 'issuance': return null;
    case 'error': {
      const t = errorText(s.error.kind);
      return [p(t.title), p(t.next), keys()];
    }
    case 'goodbye': return opts.cardOnReader ? [p('bye.takeCardNow'), p('bye.takeCard')] : [p('bye.thanks'), p('bye.takeCard'), keys()];
    case 'staff': return [p('staff.title'), keys()];
  }
}

/** The certificate-issuance steps: money is always said as the amount due, what went in, and what is left. */
export function issuanceSpeech(s: Step): Spoken {
  switch (s.step) {
    case 'loading': return [p('iss.loading')];
    case 'choose': return [p('iss.choose.title'), keys()];
    case 'options': return [p('iss.options.title'), keys()];
    case 'copies': return [p('iss.copies.title'), p('iss.copies.count', { n: s.draft.copies }), keys()];
    case 'requesting': return [p('iss.requesting')];
    case 'confirm': return [p('iss.confirm.title'), p('iss.copies.count', { n: s.copies }), p('iss.confirm.fee', { fee: yen(s.fee) }), keys()];
    case 'paying': {
      const out: Spoken = [p('iss.pay.total', { fee: yen(s.fee) })];
      if (s.inserted > 0) out.push(p('iss.pay.inserted', { n: yen(s.inserted) }));
      out.push(p('iss.pay.remaining', { n: yen(s.remaining) }));
      return s.inserted > 0 ? out : [p('iss.pay.title'), ...out, p('iss.pay.hint'), keys()];
    }
    case 'printing':
      return s.printer ? [p(printerKey(s.printer.message)), p('iss.print.waiting')] : [p('iss.print.title'), p('iss.print.stay')];
    case 'done': {
      const out: Spoken = [p(s.receipt === 'printed' ? 'iss.done.title' : 'iss.done.titleNoReceipt')];
      if (s.change > 0) out.push(p('iss.done.change', { n: s.change }));
      if (s.receipt === 'failed') out.push(p('iss.done.receiptMissing'));
      return [...out, p('iss.done.check'), keys()];
    }
    case 'held': return [p('iss.held.title'), p('iss.held.body')];
    case 'refunded': return [p('iss.refunded.title'), p('iss.refunded.body', { n: s.amount }), keys()];
    case 'cancelled': return [p('iss.cancelled.title'), p('iss.cancelled.body'), keys()];
    case 'refused': return [p('iss.refused.title'), p(reasonKey(s.reason)), p(whereKey(s.where)), keys()];
    case 'failed':
      return s.problem === 'unreachable' ? [p('iss.err.unreachable.title'), p('iss.err.unreachable.body'), keys()]
        : s.problem === 'payment' ? [p('iss.err.payment.title'), p('iss.err.payment.body'), keys()]
          : [p('err.internal.title'), p('err.internal.next'), keys()];
  }
}
