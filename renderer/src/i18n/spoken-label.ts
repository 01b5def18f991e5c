// A control's label as the voice should say it: its words are looked up in the message tables and
// each one with a reading is replaced by it (「住民票の写し」 → 「じゅうみんひょうのうつし」), since
// the kiosk's offline Japanese voice reads kana reliably and kanji not at all.
import { plain, type Lang, type MessageKey } from './index';
import { ja } from './ja';

const cache = new Map<Lang, [string, string][]>();

function readings(lang: Lang): [string, string][] {
  let list = cache.get(lang);
  if (!list) {
    list = (Object.keys(ja) as MessageKey[])
      .filter((k) => !ja[k].includes('{'))
      .map((k): [string, string] => [plain(lang, k), plain(lang, k, {}, true)])
      .filter(([shown, said]) => shown !== said && shown.length > 1)
      .sort((a, b) => b[0].length - a[0].length);
    cache.set(lang, list);
  }
  return list;
}

export function spokenLabel(lang: Lang, label: string): string {
  let out = label;
  for (const [shown, said] of readings(lang)) if (out.includes(shown)) out = out.split(shown).join(said);
  return out;
}
