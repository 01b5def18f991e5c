// Display preferences the user changes with one touch: language, furigana, voice guidance.
// They reset to the defaults when a session ends, so the next person starts in Japanese.
import { createContext, Fragment, useContext, type ReactNode } from 'react';
import { plain, raw, segments, type Lang, type MessageKey, type Segment, type Vars } from '../i18n';
import { phrases } from '../i18n/phrases';

/** Text size in percent (文字を大きく) and speech speed (1 = normal). */
export type TextSize = 100 | 150 | 200;
export const TEXT_SIZES: readonly TextSize[] = [100, 150, 200];
export const SPEECH_RATES = [{ rate: 0.75, k: 'a11y.speed.slow' }, { rate: 1, k: 'a11y.speed.normal' }, { rate: 1.3, k: 'a11y.speed.fast' }] as const;

export interface Prefs { lang: Lang; furigana: boolean; voice: boolean; large: TextSize; rate: number }
export const defaultPrefs: Prefs = { lang: 'ja', furigana: false, voice: false, large: 100, rate: 1 };
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
