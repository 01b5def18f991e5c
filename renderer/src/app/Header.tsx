// Always-visible toggles: language, furigana (Japanese), voice guidance. One touch each.
import { LANGS, type Lang } from '../i18n';
import { hasSpeech, T, usePrefs, useText, type Prefs } from './prefs';

export function Header({ onChange }: { onChange: (p: Prefs) => void }) {
  const prefs = usePrefs();
  const t = useText();
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
        {hasSpeech() && (
          <button type="button" className="toggle" aria-pressed={prefs.voice} onClick={() => onChange({ ...prefs, voice: !prefs.voice })}>
            <T k="voice" />
          </button>
        )}
      </nav>
    </header>
  );
}
