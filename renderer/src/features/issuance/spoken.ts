// What voice guidance says on each certificate-issuance step: money is always said as the amount
// due, what went in, and what is left (pure, unit-tested in Node).
import { keyGuide as keys, spokenPart as p, type Spoken } from '../../app/spoken';
import type { Step } from './issuance-flow';
import { printerKey, reasonKey, whereKey } from './words';

const yen = (n: number) => n.toLocaleString('ja-JP');

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
