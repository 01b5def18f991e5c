// Display preferences the user changes with one touch: language, furigana, voice guidance.
// They reset to the defaults when a session ends, so the next person starts in Japanese.
import { createContext, Fragment, useContext, type ReactNode } from 'react';
import { LANGS, plain, raw, segments, type Lang, type MessageKey, type Segment, type Vars } from '../i18n';
import { phrases } from '../i18n/phrases';

export interface Prefs { lang: Lang; furigana: boolean; voice: boolean }
export const defaultPrefs: Prefs = { lang: 'ja', furigana: false, voice: false };
export const PrefsContext = createContext<Prefs>(defaultPrefs);

export function usePrefs(): Prefs {
  return useContext(PrefsContext);
}

/** Plain text for attributes (aria-label) and speech. */
export function useText(): (key: MessageKey, vars?: Vars) => string {
  const { lang } = usePrefs();
  return (key, vars) => plain(lang, key, vars);
}

/** A message, with furigana above the kanji when the toggle is on (Japanese only). */
export function T({ k, vars }: { k: MessageKey; vars?: Vars }): ReactNode {
  const { lang, furigana } = usePrefs();
  const parts = segments(raw(lang, k, vars));
  if (!(furigana && lang === 'ja')) return parts.map((p) => p.text).join('');
  // With readings the line may break only between phrases (i18n/phrases.ts): never before 「を」,
  // never inside a word under its reading.
  return phrases(parts).map((phrase, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      <span className="phrase">{phrase.map(rubyOf)}</span>
    </Fragment>
  ));
}

function rubyOf(p: Segment, i: number): ReactNode {
  return p.reading ? (
    <ruby key={i}>
      {p.text}
      <rp>(</rp>
      <rt>{p.reading}</rt>
      <rp>)</rp>
    </ruby>
  ) : (
    <span key={i}>{p.text}</span>
  );
}

export function speechLang(lang: Lang): string {
  return LANGS.find((l) => l.code === lang)?.speech ?? 'ja-JP';
}

/** Voice guidance where the platform has speech synthesis; silently absent elsewhere. */
export function speak(lang: Lang, key: MessageKey, vars?: Vars): void {
  const synth = (globalThis as { speechSynthesis?: SpeechSynthesis }).speechSynthesis;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return;
  synth.cancel();
  const u = new SpeechSynthesisUtterance(plain(lang, key, vars, true));
  u.lang = speechLang(lang);
  u.rate = 0.9;
  synth.speak(u);
}

export function hasSpeech(): boolean {
  return typeof (globalThis as { speechSynthesis?: unknown }).speechSynthesis !== 'undefined';
}
