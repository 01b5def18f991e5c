// The visit as a pure reducer: every screen and every transition in one place, so
// it is unit-tested in Node and the React layer only renders state and runs effects.
//   idle → reading → pin ⇄ (wrong PIN) → verifying → authenticated (the service menu) → service → goodbye → idle
// The menu offers only the services this kiosk offers (`offered`, from system.info.services); the
// reducer knows a service only by its policy (shared/service.ts), never its screens.
// Any screen can fall to `error`; a timeout or the end of a session always lands on goodbye
// (take-your-card reminder) or idle, and no holder data survives the transition.
// Staff mode (features/staff) is entered from the idle or held-print screen with the staff code; the
// main process ends the resident's session first, and leaving it returns to idle.
import type { ErrorKind, ErrorPayload } from '../../../common/errors';
import type { CardOverviewView, HolderView, ResidentService, SessionEndReason, StaffHeldView } from '../../../common/api/contract';
import type { MessageKey } from '../i18n';
import type { CardDevice, ServicePolicy } from '../shared/service';

/** A visit that named its service before the card (hospital reception): the login names it too. */
export interface Via { service: ResidentService; device: CardDevice }

export type Screen =
  | { name: 'idle' }
  /** A service chosen on the idle screen before the card: its own steps up to "place it". */
  | { name: 'prepare'; service: ResidentService; device: CardDevice | null }
  | { name: 'reading'; reader: string; via?: Via }
  | { name: 'pin'; reader: string; triesLeft: number; problem: 'wrong' | 'format' | null; via?: Via }
  | { name: 'verifying'; reader: string; triesLeft: number; via?: Via }
  /** Signed in: the service menu (with one service, its one button; with none, a calm ending). */
  | { name: 'authenticated'; reader: string; holder: HolderView }
  /** A resident service's own flow (features/<service>), chosen from the menu. */
  | { name: 'service'; service: ResidentService; reader: string; holderName?: string; device?: CardDevice }
  | { name: 'error'; reader: string | null; error: Pick<ErrorPayload, 'kind' | 'details'> }
  /** timedOut: the idle timeout ended the visit, and the screen says so (and that the input is gone). */
  | { name: 'goodbye'; reader: string | null; timedOut?: boolean }
  /** Staff mode: the held prints (no personal data), after the staff code was accepted by main. */
  | { name: 'staff'; held: StaffHeldView };

export interface FlowState {
  screen: Screen;
  /** Readers with a card on them, from card.readers and card.event. */
  cards: string[];
  /** The services this kiosk offers after sign-in, in menu order. */
  offered: ServicePolicy[];
}

export type FlowAction =
  | { type: 'readers'; withCard: string[] }
  | { type: 'card-inserted'; reader: string }
  | { type: 'card-removed'; reader: string }
  | { type: 'start-ok'; overview: CardOverviewView }
  | { type: 'login-submitted' }
  | { type: 'login-ok'; holder: HolderView }
  | { type: 'failed'; error: Pick<ErrorPayload, 'kind' | 'details'> }
  | { type: 'retry' }
  | { type: 'offered'; services: ServicePolicy[] }
  | { type: 'open-service'; service: ResidentService }
  | { type: 'prepare'; service: ResidentService }
  | { type: 'device'; device: CardDevice | null }
  | { type: 'session-ended'; reason: SessionEndReason }
  | { type: 'staff-unlocked'; held: StaffHeldView }
  | { type: 'staff-exit' }
  | { type: 'home' };

export const initialFlow: FlowState = { screen: { name: 'idle' }, cards: [], offered: [] };

const readerOf = (s: Screen): string | null => ('reader' in s ? s.reader : null);

/** Where a placed card goes: the chosen service's visit, or — at a kiosk offering only such services — the first. */
function viaFor(state: FlowState): Via | undefined {
  const s = state.screen;
  if (s.name === 'prepare') return { service: s.service, device: s.device ?? 'card' };
  const only = state.offered.length > 0 && state.offered.every((o) => o.beforeCard) ? state.offered[0] : undefined;
  return only ? { service: only.name, device: 'card' } : undefined;
}

/** A card placed on the idle screen (or after choosing a service first) starts reading it. */
function startReading(state: FlowState, reader: string): Screen {
  const via = viaFor(state);
  return { name: 'reading', reader, ...(via ? { via } : {}) };
}

/** After a session ends: remind about the card while it is still on the reader. */
function leave(state: FlowState, reader: string | null, timedOut = false): FlowState {
  const cardLeft = reader !== null && state.cards.includes(reader);
  return { ...state, screen: { name: 'goodbye', reader: cardLeft ? reader : null, ...(timedOut ? { timedOut } : {}) } };
}

export function flow(state: FlowState, action: FlowAction): FlowState {
  const s = state.screen;
  switch (action.type) {
    case 'readers': {
      const next = { ...state, cards: action.withCard };
      // A card already on the reader when the kiosk is idle starts a session.
      if ((s.name === 'idle' || (s.name === 'prepare' && s.device)) && action.withCard[0]) return { ...next, screen: startReading(state, action.withCard[0]) };
      return next;
    }
    case 'card-inserted': {
      const cards = state.cards.includes(action.reader) ? state.cards : [...state.cards, action.reader];
      // Placed while choosing how to check in: it is the card (or phone) the patient means.
      if (s.name === 'idle' || s.name === 'prepare') return { ...state, cards, screen: startReading(state, action.reader) };
      return { ...state, cards };
    }
    case 'card-removed': {
      const cards = state.cards.filter((r) => r !== action.reader);
      const next = { ...state, cards };
      if (readerOf(s) !== action.reader) return next;
      // Before the PIN is accepted a pulled card aborts; afterwards it is exactly what we asked for.
      if (s.name === 'reading' || s.name === 'pin' || s.name === 'verifying') {
        return { ...next, screen: { name: 'error', reader: null, error: { kind: 'card.removed' } } };
      }
      if (s.name === 'goodbye') return { ...next, screen: { name: 'idle' } };
      return next;
    }
    case 'start-ok':
      if (s.name !== 'reading') return state;
      if (action.overview.authPinTriesLeft === 0) {
        return { ...state, screen: { name: 'error', reader: s.reader, error: { kind: 'card.pin_blocked' } } };
      }
      // A service chosen before the card never uses the last try (a certified reader stops there).
      if (s.via && action.overview.authPinTriesLeft === 1) {
        return { ...state, screen: { name: 'error', reader: s.reader, error: { kind: 'reception.last_pin_try' } } };
      }
      return { ...state, screen: { name: 'pin', reader: s.reader, triesLeft: action.overview.authPinTriesLeft, problem: null, ...(s.via ? { via: s.via } : {}) } };
    case 'login-submitted':
      if (s.name !== 'pin') return state;
      return { ...state, screen: { name: 'verifying', reader: s.reader, triesLeft: s.triesLeft, ...(s.via ? { via: s.via } : {}) } };
    case 'login-ok':
      if (s.name !== 'verifying') return state;
      // The login named its service: its flow opens at once, no menu.
      if (s.via) return { ...state, screen: { name: 'service', service: s.via.service, reader: s.reader, device: s.via.device, ...(action.holder.name ? { holderName: action.holder.name } : {}) } };
      return { ...state, screen: { name: 'authenticated', reader: s.reader, holder: action.holder } };
    case 'failed': {
      const { kind, details } = action.error;
      if (s.name === 'verifying' && kind === 'card.wrong_pin' && typeof details?.triesLeft === 'number' && details.triesLeft > 0) {
        // The patient of a service chosen before the card is sent to the desk rather than given the last try.
        if (s.via && details.triesLeft === 1) return { ...state, screen: { name: 'error', reader: s.reader, error: { kind: 'reception.last_pin_try' } } };
        return { ...state, screen: { name: 'pin', reader: s.reader, triesLeft: details.triesLeft, problem: 'wrong', ...(s.via ? { via: s.via } : {}) } };
      }
      if (s.name === 'verifying' && kind === 'card.pin_format') {
        return { ...state, screen: { name: 'pin', reader: s.reader, triesLeft: s.triesLeft, problem: 'format', ...(s.via ? { via: s.via } : {}) } };
      }
      const blocked = kind === 'card.wrong_pin' ? 'card.pin_blocked' : kind;
      return { ...state, screen: { name: 'error', reader: readerOf(s), error: { kind: blocked, details } } };
    }
    case 'offered':
      return { ...state, offered: action.services };
    case 'prepare': {
      const service = state.offered.find((o) => o.name === action.service && o.beforeCard);
      if (s.name !== 'idle' || !service) return state;
      return { ...state, screen: { name: 'prepare', service: service.name, device: null } };
    }
    case 'device':
      if (s.name !== 'prepare') return state;
      // A card already lying on the reader is read as soon as the patient says what it is.
      if (action.device && state.cards[0]) return { ...state, screen: startReading({ ...state, screen: { ...s, device: action.device } }, state.cards[0]) };
      return { ...state, screen: { ...s, device: action.device } };
    case 'open-service': {
      // A service chosen before the card is never opened from the menu: its login was another one.
      const service = state.offered.find((o) => o.name === action.service && !o.beforeCard);
      if (s.name !== 'authenticated' || !service) return state;
      // J-LIS's 取り忘れ対策: such a service is not offered while the card is still on the reader.
      if (service.cardOffFirst && state.cards.includes(s.reader)) return state;
      return { ...state, screen: { name: 'service', service: service.name, reader: s.reader, ...(s.holder.name ? { holderName: s.holder.name } : {}) } };
    }
    case 'retry': {
      const reader = s.name === 'error' ? (s.reader ?? state.cards[0] ?? null) : null;
      if (reader && state.cards.includes(reader)) return { ...state, screen: startReading({ ...state, screen: { name: 'idle' } }, reader) };
      return { ...state, screen: { name: 'idle' } };
    }
    case 'session-ended':
      // In `reading` a new session is already on its way (e.g. a retry right after an end).
      // On the staff screen the resident's session ending is expected: staff mode ended it.
      if (s.name === 'idle' || s.name === 'goodbye' || s.name === 'reading' || s.name === 'staff') return state;
      if (action.reason === 'card_removed' && s.name === 'error') return state;
      return leave(state, readerOf(s), action.reason === 'timeout');
    case 'staff-unlocked':
      // Whatever the resident screen was, its data goes with it (main already ended the session).
      return { ...state, screen: { name: 'staff', held: action.held } };
    case 'staff-exit':
      if (s.name !== 'staff') return state;
      // A card placed meanwhile starts its visit, as on the idle screen.
      return { ...state, screen: state.cards[0] ? { name: 'reading', reader: state.cards[0] } : { name: 'idle' } };
    case 'home':
      // Choosing how to check in opened no session: back to the start.
      if (s.name === 'prepare') return { ...state, screen: { name: 'idle' } };
      if (s.name === 'goodbye' && s.reader && state.cards.includes(s.reader)) return state;
      if (s.name === 'goodbye') return { ...state, screen: { name: 'idle' } };
      return leave(state, readerOf(s));
  }
}

/** Whether a session may be open in the main process on this screen (the idle timer runs). */
export function holdsSession(s: Screen): boolean {
  return s.name === 'pin' || s.name === 'verifying' || s.name === 'authenticated' || s.name === 'error' || s.name === 'service';
}

/** Whether the idle timer runs: a session's screens, and choosing how to check in (no session yet). */
export function idleTimed(s: Screen): boolean {
  return holdsSession(s) || s.name === 'prepare';
}

export interface ErrorText { title: MessageKey; next: MessageKey; retry: boolean }

const ERROR_TEXT: Partial<Record<ErrorKind, ErrorText>> = {
  'card.pin_blocked': { title: 'err.blocked.title', next: 'err.blocked.next', retry: false },
  'reception.last_pin_try': { title: 'rcp.lastTry.title', next: 'rcp.lastTry.next', retry: false },
  'card.wrong_pin': { title: 'err.blocked.title', next: 'err.blocked.next', retry: false },
  'auth.expired': { title: 'err.expired.title', next: 'err.expired.next', retry: false },
  'auth.not_yet_valid': { title: 'err.notYetValid.title', next: 'err.notYetValid.next', retry: false },
  'auth.revoked': { title: 'err.revoked.title', next: 'err.revoked.next', retry: false },
  'card.not_my_number_card': { title: 'err.notCard.title', next: 'err.notCard.next', retry: false },
  // A phone this kiosk does not take (an iPhone, or any phone where phones are off): place the card itself.
  'card.phone_not_supported': { title: 'err.notCard.title', next: 'err.notCard.next', retry: false },
  'card.no_sign_certificate': { title: 'err.notCard.title', next: 'err.notCard.next', retry: false },
  'auth.untrusted_issuer': { title: 'err.untrusted.title', next: 'err.untrusted.next', retry: false },
  'auth.bad_certificate': { title: 'err.untrusted.title', next: 'err.untrusted.next', retry: false },
  'auth.signature_mismatch': { title: 'err.untrusted.title', next: 'err.untrusted.next', retry: false },
  'auth.revocation_unreachable': { title: 'err.unreachable.title', next: 'err.unreachable.next', retry: true },
  'card.removed': { title: 'err.removed.title', next: 'err.removed.next', retry: false },
  'reader.gone': { title: 'err.reader.title', next: 'err.reader.next', retry: false },
  'reader.none': { title: 'err.reader.title', next: 'err.reader.next', retry: false },
  'reader.service_unavailable': { title: 'err.reader.title', next: 'err.reader.next', retry: false },
  'card.busy': { title: 'err.read.title', next: 'err.read.next', retry: true },
  // A card placed while the reader was still settling (e.g. right after the page loaded).
  'card.not_present': { title: 'err.read.title', next: 'err.read.next', retry: true },
  'card.status_word': { title: 'err.cardDamaged.title', next: 'err.cardDamaged.next', retry: true },
  'card.malformed_response': { title: 'err.cardDamaged.title', next: 'err.cardDamaged.next', retry: true },
  'card.unresponsive': { title: 'err.cardSlow.title', next: 'err.cardSlow.next', retry: true },
  'card.too_slow': { title: 'err.cardSlow.title', next: 'err.cardSlow.next', retry: true },
  'card.reset': { title: 'err.read.title', next: 'err.read.next', retry: true },
  'card.pin_format': { title: 'err.read.title', next: 'err.read.next', retry: true },
  'card.security_status': { title: 'err.read.title', next: 'err.read.next', retry: true },
};

export function errorText(kind: ErrorKind): ErrorText {
  return ERROR_TEXT[kind] ?? { title: 'err.internal.title', next: 'err.internal.next', retry: true };
}

/** Certificates within this many days of expiry get a "renew soon" note. */
export const RENEW_SOON_DAYS = 90;

export function expiresSoon(notAfterIso: string, now: Date): boolean {
  const ms = Date.parse(notAfterIso) - now.getTime();
  return Number.isFinite(ms) && ms < RENEW_SOON_DAYS * 86_400_000;
}
