// Message lookup for the four kiosk languages, with the `[漢字|かんじ]` reading markup parsed into
// segments (pure, so the flow and the markup are unit-tested in Node).
import { en } from './en';
import { ja, type MessageKey } from './ja';
import { ko } from './ko';
import { zh } from './zh';

export type { MessageKey } from './ja';
export type Lang = 'ja' | 'en' | 'zh' | 'ko';
export const LANGS: { code: Lang; label: string; htmlLang: string; speech: string }[] = [
  { code: 'ja', label: '日本語', htmlLang: 'ja', speech: 'ja-JP' },
  { code: 'en', label: 'English', htmlLang: 'en', speech: 'en-US' },
  { code: 'zh', label: '中文', htmlLang: 'zh-Hans', speech: 'zh-CN' },
  { code: 'ko', label: '한국어', htmlLang: 'ko', speech: 'ko-KR' },
];

const tables: Record<Lang, Record<MessageKey, string>> = { ja, en, zh, ko };

export type Segment = { text: string; reading?: string };
export type Vars = Record<string, string | number>;

/**
 * ICU-style plural, the one construct the tables need: `{n, plural, one {# copy} other {# copies}}`
 * picks the form with Intl.PluralRules of the language (`=1` exact forms too); `#` is the number.
 */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;

function plural(lang: Lang, text: string, vars: Vars): string {
  return text.replace(PLURAL, (m, name: string, body: string) => {
    const n = vars[name];
    if (typeof n !== 'number') return m;
    const forms = new Map([...body.matchAll(/(=\d+|\w+)\s*\{([^{}]*)\}/g)].map((f) => [f[1]!, f[2]!]));
    const form = forms.get(`=${n}`) ?? forms.get(new Intl.PluralRules(LANGS.find((l) => l.code === lang)?.htmlLang ?? lang).select(n)) ?? forms.get('other') ?? m;
    return form.replace(/#/g, String(n));
  });
}

export function raw(lang: Lang, key: MessageKey, vars: Vars = {}): string {
  return plural(lang, tables[lang][key], vars).replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** Splits `a[漢字|かんじ]b` into [{text:'a'},{text:'漢字',reading:'かんじ'},{text:'b'}]. */
export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  const re = /\[([^|\]]+)\|([^\]]+)\]/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    out.push({ text: m[1]!, reading: m[2]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/** The text as displayed without furigana, or as spoken (readings in place of kanji). */
export function plain(lang: Lang, key: MessageKey, vars: Vars = {}, spoken = false): string {
  return segments(raw(lang, key, vars))
    .map((s) => (spoken && s.reading ? s.reading : s.text))
    .join('');
}
