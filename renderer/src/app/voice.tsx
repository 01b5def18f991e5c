// Voice guidance and the screen-reader announcer. Screens say what they speak with `useSpeak`; the
// newest mounted speaker (a dialog over a screen, a step inside the issuance flow) is the current
// one. When its text changes it is spoken (音声案内 on) and put in a live region (always, for screen
// readers). The kiosk's own offline voice speaks where it has the language (main process,
// voice.check/voice.say); otherwise the window's speech synthesis where it has a voice; a language
// neither can speak was reported to the technician at start by main.
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { KioskClient } from '../../../common/api/client';
import type { VoiceLangView } from '../../../common/api/contract';
import { LANGS, plain, type Lang } from '../i18n';
import type { Prefs } from './prefs';
import type { Spoken } from './spoken';

export type { Spoken } from './spoken';

interface VoiceApi {
  /** Whether this kiosk can speak the language now shown. */
  available: boolean;
  set(id: number, parts: Spoken | null): void;
  /** Speaks at once without changing the screen's message (keypad focus, digits entered). */
  now(parts: Spoken): void;
  /** Speaks the current screen's message again (「もう一度」, the keypad's ＊ key). */
  repeat(): void;
}

const VoiceContext = createContext<VoiceApi>({ available: false, set: () => undefined, now: () => undefined, repeat: () => undefined });

export function useVoice(): VoiceApi {
  return useContext(VoiceContext);
}

let nextSpeaker = 1;

/** This component's message: spoken when it appears or changes, while it is the newest speaker. */
export function useSpeak(parts: Spoken | null): void {
  const voice = useVoice();
  const id = useRef(0);
  if (id.current === 0) id.current = nextSpeaker++;
  const key = JSON.stringify(parts);
  useEffect(() => voice.set(id.current, parts), [key]);
  useEffect(() => () => voice.set(id.current, null), []);
}

const synth = () => (globalThis as { speechSynthesis?: SpeechSynthesis }).speechSynthesis;
const speechLangOf = (lang: Lang) => LANGS.find((l) => l.code === lang)?.speech ?? 'ja-JP';

/** Languages the window's own speech synthesis has a voice for (voices load late: wait a little). */
async function browserLangs(): Promise<VoiceLangView[]> {
  const s = synth();
  if (!s) return [];
  let voices = s.getVoices();
  if (voices.length === 0) {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 1500);
      s.addEventListener('voiceschanged', () => { clearTimeout(t); resolve(); }, { once: true });
    });
    voices = s.getVoices();
  }
  return LANGS.filter((l) => voices.some((v) => v.lang.toLowerCase().startsWith(l.speech.slice(0, 2).toLowerCase()))).map((l) => l.code);
}

function text(lang: Lang, parts: Spoken, spoken: boolean): string {
  const stop = lang === 'ja' || lang === 'zh' ? '。' : '. ';
  return parts.filter((x) => spoken || !x.voiceOnly).map((x) => plain(lang, x.k, x.vars ?? {}, spoken).replace(/[。.！!？?]\s*$/, '')).join(stop).trim() + (spoken ? '' : stop.trim());
}

export function VoiceProvider({ client, prefs, children }: { client: KioskClient; prefs: Prefs; children: ReactNode }) {
  const [langs, setLangs] = useState<{ main: VoiceLangView[]; browser: VoiceLangView[] }>({ main: [], browser: [] });
  const [live, setLive] = useState('');
  const speakers = useRef(new Map<number, Spoken>());
  const state = useRef({ prefs, langs });
  state.current = { prefs, langs };

  // At start: which languages can be spoken here; main reports the missing ones to the technician.
  useEffect(() => {
    let gone = false;
    void browserLangs().then(async (browser) => {
      const check = await client['voice.check']({ browser }).catch(() => ({ main: [] as VoiceLangView[] }));
      if (!gone) setLangs({ main: check.main, browser });
    });
    return () => void (gone = true);
  }, [client]);

  const api = useMemo<VoiceApi & { say(parts: Spoken): void; current(): Spoken | null }>(() => {
    const say = (parts: Spoken) => {
      const { prefs: p, langs: l } = state.current;
      if (!p.voice || parts.length === 0) return;
      const words = text(p.lang, parts, true);
      if (l.main.includes(p.lang)) {
        client['voice.say']({ lang: p.lang, text: words.slice(0, 800), rate: p.rate }).catch(() => undefined);
      } else if (l.browser.includes(p.lang)) {
        const s = synth()!;
        s.cancel();
        const u = new SpeechSynthesisUtterance(words);
        u.lang = speechLangOf(p.lang);
        u.rate = p.rate * 0.9;
        s.speak(u);
      }
    };
    const current = () => [...speakers.current.values()].at(-1) ?? null;
    return {
      available: false,
      say,
      current,
      set(id, parts) {
        const before = JSON.stringify(current());
        if (parts) speakers.current.set(id, parts);
        else speakers.current.delete(id);
        const now = current();
        if (JSON.stringify(now) === before || !now) return;
        setLive(text(state.current.prefs.lang, now, false));
        // A speaker that went away leaves the one below current, but that is no news to speak.
        if (parts) say(now);
      },
      now: say,
      repeat: () => say(current() ?? []),
    };
  }, [client]);

  // Turning voice on (or changing the language) reads the current screen at once.
  useEffect(() => {
    const now = api.current();
    if (now) {
      setLive(text(prefs.lang, now, false));
      api.say(now);
    }
  }, [prefs.voice, prefs.lang, langs, api]);

  const available = langs.main.includes(prefs.lang) || langs.browser.includes(prefs.lang);
  const value = useMemo(() => ({ ...api, available }), [api, available]);
  return (
    <VoiceContext.Provider value={value}>
      {children}
      <p className="sr-only" aria-live="polite" data-testid="announcer">{live}</p>
    </VoiceContext.Provider>
  );
}

/** A component that only speaks (the app's screens that have no component of their own to say it). */
export function Speak({ parts }: { parts: Spoken | null }): null {
  useSpeak(parts);
  return null;
}
