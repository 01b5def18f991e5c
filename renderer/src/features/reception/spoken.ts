// What voice guidance says on each reception step (pure, unit-tested in Node): the outcome first,
// then what to do next; the reception number digit by digit is left to the screen (it is said as
// a number, which every engine reads right).
import { keyGuide as keys, spokenPart as p, type Spoken } from '../../app/spoken';
import type { CardDevice } from '../../shared/service';
import { ratioTenths, type Step } from './reception-flow';
import { deskText } from './words';

export function prepareSpeech(device: CardDevice | null): Spoken {
  if (device === null) return [p('rcp.device.title'), p('rcp.device.card'), p('rcp.device.phone'), keys()];
  if (device === 'card') return [p('rcp.place.card'), p('rcp.place.cardHint'), keys()];
  return device === 'android' ? [p('rcp.place.android'), p('rcp.place.androidHint'), keys()] : [p('rcp.place.iphone'), p('rcp.place.iphoneHint'), keys()];
}

export function receptionSpeech(s: Step, device: CardDevice): Spoken {
  const take = p(device === 'card' ? 'rcp.takeCard' : 'rcp.takePhone');
  switch (s.step) {
    case 'checking': return [p('rcp.checking'), p('rcp.checkingHint')];
    case 'outcome': {
      const e = s.visit.eligibility;
      if (e.outcome === 'unconfirmed') return [p('rcp.unavailable.title'), p('rcp.unavailable.body'), keys()];
      const out: Spoken = [p('rcp.valid.title')];
      if (e.ratioPercent === 0) out.push(p('rcp.valid.noCharge'));
      else if (e.ratioPercent !== undefined) out.push(p('rcp.valid.ratio', { n: ratioTenths(e.ratioPercent) }));
      return [...out, keys()];
    }
    case 'consent': return [p('rcp.consent.title'), p('rcp.consent.body'), p('rcp.consent.all'), keys()];
    case 'consent-each': return [p('rcp.consent.eachTitle'), p('rcp.consent.eachHint'), keys()];
    case 'public-aid': return [p('rcp.aid.title'), p('rcp.aid.body'), keys()];
    case 'prescription': return [p('rcp.rx.title'), p('rcp.rx.electronic'), p('rcp.rx.paper'), keys()];
    case 'department': return [p('rcp.dept.title'), keys()];
    case 'choosing':
    case 'registering': return [p('rcp.registering'), p('wait')];
    case 'done': {
      const out: Spoken = [p('rcp.done.title'), p('rcp.done.number'), { k: 'rcp.done.numberValue', vars: { n: s.number } }];
      if (s.unconfirmed) out.push(p('rcp.done.unconfirmed'));
      if (s.firstVisit) out.push(p('rcp.done.firstVisit'));
      if (s.slip.status === 'failed' || s.slip.status === 'held') out.push(p('rcp.slip.failed'));
      else out.push(p('rcp.done.next'));
      return [...out, take, keys()];
    }
    case 'desk': {
      const t = deskText(s.why);
      return [p(t.title), p(t.body), p('rcp.toDesk'), take, keys()];
    }
    case 'failed': return [p('rcp.failed.title'), p('rcp.failed.body'), take, keys()];
  }
}
