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

export function raw(lang: Lang, key: MessageKey, vars: Vars = {}): string {
  return tables[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
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
