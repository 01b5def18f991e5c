// What voice guidance says on each payment step (pure, unit-tested in Node): the amount in yen
// first, then what to do; a bill shown again says why before the amount. Amounts are said as
// numbers with 円 / yen (every engine reads "1,230円" right; "¥" it may not).
import { keyGuide as keys, spokenPart as p, type Spoken } from '../../app/spoken';
import type { MessageKey } from '../../i18n';
import type { CardDevice } from '../../shared/service';
import { yen, type Step } from './billing-flow';
import { deskText } from './words';

export function prepareSpeech(device: CardDevice | null): Spoken {
  if (device === null) return [p('bil.device.title'), p('rcp.device.card'), p('rcp.device.phone'), keys()];
  if (device === 'card') return [p('rcp.place.card'), p('rcp.place.cardHint'), keys()];
  return device === 'android' ? [p('rcp.place.android'), p('rcp.place.androidHint'), keys()] : [p('rcp.place.iphone'), p('rcp.place.iphoneHint'), keys()];
}

const PAY_TITLE: Record<string, MessageKey> = { cash: 'bil.pay.cash.title', ic: 'bil.pay.ic.title', card: 'bil.pay.card.title', linked: 'bil.pay.linked.title' };

export function billingSpeech(s: Step, device: CardDevice): Spoken {
  const take = p(device === 'card' ? 'bil.takeCard' : 'bil.takePhone');
  switch (s.step) {
    case 'looking_up': return [p('bil.lookingUp'), p('bil.lookingUpHint')];
    case 'bill': {
      const out: Spoken = [];
      if (s.notice === 'changed') out.push(p('bil.notice.changed.title'), p('bil.notice.changed.body'));
      else if (s.notice) out.push(p('bil.notice.title'), p(`bil.notice.${s.notice}` as MessageKey));
      if (s.unlink) out.push(p(s.unlink === 'done' ? 'bil.unlink.done' : 'bil.unlink.failed'));
      out.push(p('bil.dueSpoken', { n: yen(s.view.bill?.due ?? 0) }));
      return [...out, p('bil.choose'), keys()];
    }
    case 'confirm-unlink': {
      const account = s.view.linkedAccount;
      const out: Spoken = [p('bil.unlink.title')];
      if (account) out.push(p('bil.unlink.accountSpoken', { brand: account.brand, last4: account.last4 }));
      out.push(p(s.busy ? 'bil.unlink.busy' : 'bil.unlink.body'));
      return s.busy ? out : [...out, keys()];
    }
    case 'confirm-linked': return [p('bil.confirmLinked.title'), p('bil.dueSpoken', { n: yen(s.view.bill?.due ?? 0) }), p('bil.confirmLinked.body'), keys()];
    case 'paying': {
      const out: Spoken = [p(PAY_TITLE[s.method] ?? 'bil.pay.cash.title')];
      if (s.method === 'cash' || s.method === 'ic') out.push(p('bil.pay.remainingSpoken', { n: yen(s.remaining) }));
      if (s.method === 'cash') out.push(p('bil.pay.cash.hint'));
      if (s.method === 'card') out.push(p('bil.pay.card.hint'));
      if (s.method === 'linked') out.push(p('bil.pay.wait'));
      return out;
    }
    case 'printing': return [p('bil.done.title'), p('bil.printing.title'), p('bil.pay.wait')];
    case 'done': {
      const out: Spoken = [p('bil.done.title')];
      const change = s.view.payment?.change ?? 0;
      if (change > 0) out.push(p('bil.done.takeChange', { n: yen(change) }));
      const docsProblem = s.view.documents.status === 'failed' || s.view.documents.status === 'held';
      out.push(p(docsProblem ? 'bil.docs.failed' : 'bil.done.take'), take);
      if (s.link === 'linking') out.push(p('bil.link.linking'));
      else if (s.link && s.link !== 'offer') out.push(p(`bil.link.${s.link}` as MessageKey));
      return [...out, keys()];
    }
    case 'nothing_due': return [p('bil.nothingDue.title'), p('bil.nothingDue.body'), take, keys()];
    case 'desk': {
      const t = deskText(s.reason);
      return [p(t.title), p(t.body), p('bil.toDesk'), take, keys()];
    }
    case 'held': return [p('bil.held.title'), p('bil.held.body'), take, keys()];
    case 'stopped': {
      const out: Spoken = [p('bil.stopped.title'), p(s.refunded ? 'bil.stopped.refunded' : 'bil.nothingTaken')];
      if (s.returned > 0) out.push(p('bil.stopped.returnedSpoken', { n: yen(s.returned) }));
      return [...out, take, keys()];
    }
    case 'failed': return [p('bil.failed.title'), p('bil.failed.body'), take, keys()];
  }
}
