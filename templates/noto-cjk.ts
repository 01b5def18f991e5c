// Noto Sans CJK (Debian fonts-noto-cjk) in its Simplified Chinese or Korean face: the patient's words
// on the 受付票 and the hospital's receipts for the languages IPAex does not cover. The collection is
// read once and each face parsed once per process (tables decode lazily).
import { existsSync, readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';

const NOTO_DIRS = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/truetype/noto'];
/** PostScript names inside the Noto Sans CJK collection for the languages IPAex does not cover. */
const NOTO_FACE = { zh: 'NotoSansCJKsc-Regular', ko: 'NotoSansCJKkr-Regular' } as const;

let collection: Buffer | null = null;
const faces = new Map<string, fontkit.Font>();

export function notoCjkFace(lang: 'zh' | 'ko'): fontkit.Font {
  const cached = faces.get(lang);
  if (cached) return cached;
  if (!collection) {
    const path = NOTO_DIRS.map((d) => `${d}/NotoSansCJK-Regular.ttc`).find((p) => existsSync(p));
    if (!path) throw new Error(`Noto Sans CJK not found (looked in ${NOTO_DIRS.join(', ')}); install fonts-noto-cjk`);
    collection = readFileSync(path);
  }
  const face = fontkit.create(collection, NOTO_FACE[lang]);
  faces.set(lang, face);
  return face;
}
