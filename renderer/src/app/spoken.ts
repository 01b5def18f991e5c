// What voice guidance says on each screen and after each outcome (pure, unit-tested in Node): what
// happened first (wrong PIN with the tries left, card removed, printer fault, money), then what to
// do, then — voice only — which keys do what. Built from the screen's state, which never holds a
// PIN, so no digit of one can ever be spoken.
import type { MessageKey, Vars } from '../i18n';
import type { Screen } from './flow';
import { errorText } from './flow';

/** One message; `voiceOnly` parts (key guides) are spoken but not put in the screen-reader live region. */
export interface SpokenPart { k: MessageKey; vars?: Vars; voiceOnly?: boolean }
export type Spoken = SpokenPart[];

/** One spoken message (features build theirs with it too). */
export const spokenPart = (k: MessageKey, vars?: Vars): SpokenPart => (vars ? { k, vars } : { k });
/** The key guide, said by the voice only. */
export const keyGuide = (k: MessageKey = 'kp.hint'): SpokenPart => ({ k, voiceOnly: true });
const p = spokenPart;
const keys = keyGuide;

/** The shared screens; null where a service's flow speaks for itself. */
/** offered: how many services the menu after sign-in offers (none → the calm ending, several → the question). */
/** starts: the idle screen's buttons of services chosen before the card (said after the card hint, so a blind patient knows them). */
export function screenSpeech(s: Screen, opts: { cardOnReader: boolean; noReader: boolean; offered?: number; starts?: readonly MessageKey[] }): Spoken | null {
  switch (s.name) {
    case 'idle': return [p('idle.title'), p(opts.noReader ? 'idle.noReader' : 'idle.hint'), ...(opts.noReader ? [] : (opts.starts ?? []).map((k) => p(k)))];
    case 'reading': return [p('reading.title'), p('reading.hint')];
    case 'pin': {
      const out: Spoken = [];
      if (s.problem) out.push(p(s.problem === 'wrong' ? 'pin.wrong' : 'pin.format'));
      out.push(p('pin.tries', { n: s.triesLeft }));
      if (s.triesLeft === 1) out.push(p('pin.lastTry'));
      return [...out, p('pin.title'), keys('kp.pinHint')];
    }
    case 'verifying': return [p('verifying.title'), p('wait')];
    case 'authenticated': {
      const offered = opts.offered ?? 1;
      const menu = offered === 0 ? [p('menu.none')] : offered > 1 ? [p('menu.choose')] : [];
      return opts.cardOnReader ? [p('auth.title'), p('auth.removeCard'), ...menu] : [p('auth.title'), p('auth.cardTaken'), ...menu, keys()];
    }
    case 'service': return null;
    case 'prepare': return null;
    case 'error': {
      const t = errorText(s.error.kind);
      return [p(t.title), p(t.next), keys()];
    }
    case 'goodbye': return opts.cardOnReader ? [p('bye.takeCardNow'), p('bye.takeCard')] : [p('bye.thanks'), p('bye.takeCard'), keys()];
    case 'staff': return [p('staff.title'), keys()];
  }
}
