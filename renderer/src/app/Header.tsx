// Always-visible toggles: language, furigana (Japanese), voice guidance. One touch each.
import { LANGS, type Lang } from '../i18n';
import { SPEECH_RATES, T, TEXT_SIZES, usePrefs, useText, type Prefs } from './prefs';
import { useVoice } from './voice';

export function Header({ onChange }: { onChange: (p: Prefs) => void }) {
  const prefs = usePrefs();
  const t = useText();
  const voice = useVoice();
  const setLang = (lang: Lang) => onChange({ ...prefs, lang });
  return (
    <header className="bar">
      <div className="brand" aria-hidden="true">
        <T k="app.name" />
      </div>
      <nav className="toggles" aria-label={t('lang.label')}>
        {LANGS.map((l) => (
          <button key={l.code} type="button" lang={l.htmlLang} className="toggle" aria-pressed={prefs.lang === l.code} onClick={() => setLang(l.code)}>
            {l.label}
          </button>
        ))}
        {prefs.lang === 'ja' && (
          <button type="button" className="toggle" aria-pressed={prefs.furigana} onClick={() => onChange({ ...prefs, furigana: !prefs.furigana })}>
            <T k="furigana" />
          </button>
        )}
        {/* 文字を大きく: 100 → 150 → 200 → 100 %, the size said on the button. */}
        <button type="button" className="toggle" aria-pressed={prefs.large > 100} data-testid="large-text"
          onClick={() => onChange({ ...prefs, large: TEXT_SIZES[(TEXT_SIZES.indexOf(prefs.large) + 1) % TEXT_SIZES.length]! })}>
          <T k="a11y.large" /><span className="toggle-state">{prefs.large}%</span>
        </button>
        {voice.available && (
          <button type="button" className="toggle" aria-pressed={prefs.voice} data-testid="voice-toggle" onClick={() => onChange({ ...prefs, voice: !prefs.voice })}>
            <T k="voice" />
          </button>
        )}
        {voice.available && prefs.voice && (
          <>
            <button type="button" className="toggle" data-testid="voice-speed"
              onClick={() => onChange({ ...prefs, rate: SPEECH_RATES[(SPEECH_RATES.findIndex((r) => r.rate === prefs.rate) + 1) % SPEECH_RATES.length]!.rate })}>
              <T k="a11y.speed" /><span className="toggle-state"><T k={SPEECH_RATES.find((r) => r.rate === prefs.rate)?.k ?? 'a11y.speed.normal'} /></span>
            </button>
            <button type="button" className="toggle" data-testid="voice-repeat" onClick={voice.repeat}>
              <T k="a11y.repeat" />
            </button>
          </>
        )}
      </nav>
    </header>
  );
}
