// A control's label as the voice should say it: its words are looked up in the message tables and
// each one with a reading is replaced by it (「住民票の写し」 → 「じゅうみんひょうのうつし」), since
// the kiosk's offline Japanese voice reads kana reliably and kanji not at all.
import { plain, type Lang, type MessageKey } from './index';
import { ja } from './ja';

const cache = new Map<Lang, [RegExp, string][]>();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each message with a reading, as a pattern of its shown form ({n} matches the number shown) and its spoken form. */
function readings(lang: Lang): [RegExp, string][] {
  let list = cache.get(lang);
  if (!list) {
    list = (Object.keys(ja) as MessageKey[])
      .map((k): [string, string] => [plain(lang, k), plain(lang, k, {}, true)])
      .filter(([shown, said]) => shown !== said && shown.length > 1)
      .sort((a, b) => b[0].length - a[0].length)
      .map(([shown, said]): [RegExp, string] => {
        const names: string[] = [];
        const pattern = escape(shown).replace(/\\\{(\w+)\\\}/g, (_m, name: string) => {
          names.push(name);
          return '([^\\s。、]+?)';
        });
        return [new RegExp(pattern, 'g'), said.replace(/\{(\w+)\}/g, (m, name: string) => (names.includes(name) ? `$${names.indexOf(name) + 1}` : m))];
      });
    cache.set(lang, list);
  }
  return list;
}

export function spokenLabel(lang: Lang, label: string): string {
  let out = label;
  for (const [shown, said] of readings(lang)) out = out.replace(shown, said);
  return out;
}
