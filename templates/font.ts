// The certificate font: IPAex Mincho (TrueType outlines, embedded as a subset; never WOFF, which
// costs seconds per page in pdfkit). Loaded and parsed ONCE per process and shared by every document:
// pdfkit would otherwise re-parse the 7.8 MB file for each PDF.
//
// Two costs dominate a warm render and both repeat identical work across documents, so this wrapper
// caches them (measured: ≈17 ms → a few ms per page):
// - OpenType shaping. Certificates are horizontal Japanese text: IPAex has no kerning or ligatures
//   that change horizontal CJK/Latin runs, so a glyph is its code point's glyph with its advance width.
// - Subsetting. fontkit decodes each glyph from the font on every subset; the glyph's bytes and
//   metrics never change, so they are read once per process and copied on later documents.
import { existsSync, readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import type { Font, Glyph, PathCommand } from 'fontkit';

export const MINCHO_PATHS = [
  '/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf', // Debian fonts-ipaexfont-mincho
  '/usr/share/fonts/truetype/ipaexfont-mincho/ipaexm.ttf',
];

export const GOTHIC_PATHS = [
  '/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf', // Debian fonts-ipaexfont-gothic
  '/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf',
];

let mincho: Font | null = null;
let minchoParsed: Font | null = null;
let gothic: Font | null = null;

/** IPAex Gothic with the same caches (the 受付票's plain, large letters); parsed once per process. */
export function gothicFont(): Font {
  if (gothic) return gothic;
  const path = process.env.MADOGUCHI_GOTHIC_FONT ?? GOTHIC_PATHS.find((p) => existsSync(p));
  if (!path) throw new Error(`IPAex Gothic not found (looked in ${GOTHIC_PATHS.join(', ')}); install fonts-ipaexfont`);
  const bytes = readFileSync(path);
  gothic = withCaches(fontkit.create(bytes), bytes);
  return gothic;
}

/** A character's outline and advance (font units, y up) for drawing it as a path (seal, background). */
export function glyphOutline(ch: string): { commands: PathCommand[]; advanceWidth: number; unitsPerEm: number } {
  minchoFont();
  const glyph = minchoParsed!.glyphForCodePoint(ch.codePointAt(0)!);
  return { commands: glyph.path.commands, advanceWidth: glyph.advanceWidth, unitsPerEm: minchoParsed!.unitsPerEm };
}

/** The shared, cached IPAex Mincho font object (pass it to pdfkit's `font()`/`registerFont()`). */
export function minchoFont(): Font {
  if (mincho) return mincho;
  const path = process.env.MADOGUCHI_MINCHO_FONT ?? MINCHO_PATHS.find((p) => existsSync(p));
  if (!path) throw new Error(`IPAex Mincho not found (looked in ${MINCHO_PATHS.join(', ')}); install fonts-ipaexfont-mincho`);
  const bytes = readFileSync(path);
  minchoParsed = fontkit.create(bytes);
  mincho = withCaches(minchoParsed, bytes);
  return mincho;
}

interface CachedGlyph { bytes: Uint8Array; advance: number; bearing: number; components: { glyphID: number; pos: number }[] | null }

// fontkit's TTF subset object (internal API, pinned by the version in package-lock.json).
interface TtfSubset {
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(gid: number): number;
  _addGlyph(gid: number): number;
}

/** Raw readers for 'hmtx' and 'cmap': fontkit decodes them through generic struct decoders, which
 *  is the bulk of the FIRST document's time; the table layouts are fixed by the OpenType spec. */
function rawTables(base: Font, bytes: Uint8Array) {
  const tables = (base as unknown as { directory: { tables: Record<string, { offset: number; length: number } | undefined> } }).directory.tables;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hhea = tables.hhea!.offset;
  const hmtx = tables.hmtx!.offset;
  const numberOfHMetrics = view.getUint16(hhea + 34);
  const advance = (gid: number) => view.getUint16(hmtx + 4 * Math.min(gid, numberOfHMetrics - 1));
  const bearing = (gid: number) => gid < numberOfHMetrics
    ? view.getInt16(hmtx + 4 * gid + 2)
    : view.getInt16(hmtx + 4 * numberOfHMetrics + 2 * (gid - numberOfHMetrics));
  // cmap: the Windows Unicode subtable, full repertoire (3,10 format 12) preferred over BMP (3,1 format 4).
  const cmap = tables.cmap!.offset;
  let format12 = -1;
  let format4 = -1;
  for (let i = 0; i < view.getUint16(cmap + 2); i++) {
    const [platform, encoding, offset] = [view.getUint16(cmap + 4 + 8 * i), view.getUint16(cmap + 6 + 8 * i), view.getUint32(cmap + 8 + 8 * i)];
    const format = view.getUint16(cmap + offset);
    if (platform === 3 && encoding === 10 && format === 12) format12 = cmap + offset;
    if (platform === 3 && encoding === 1 && format === 4) format4 = cmap + offset;
  }
  const glyphId = (cp: number): number | null => {
    if (format12 >= 0) {
      let [lo, hi] = [0, view.getUint32(format12 + 12) - 1];
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const g = format12 + 16 + 12 * mid;
        if (cp < view.getUint32(g)) hi = mid - 1;
        else if (cp > view.getUint32(g + 4)) lo = mid + 1;
        else return view.getUint32(g + 8) + cp - view.getUint32(g);
      }
      return 0;
    }
    if (format4 >= 0 && cp <= 0xffff) {
      const segX2 = view.getUint16(format4 + 6);
      const ends = format4 + 14;
      const starts = ends + segX2 + 2;
      const deltas = starts + segX2;
      const ranges = deltas + segX2;
      for (let i = 0; i < segX2; i += 2) {
        if (cp > view.getUint16(ends + i)) continue;
        if (cp < view.getUint16(starts + i)) return 0;
        const rangeOffset = view.getUint16(ranges + i);
        if (rangeOffset === 0) return (cp + view.getInt16(deltas + i)) & 0xffff;
        const g = view.getUint16(ranges + i + rangeOffset + 2 * (cp - view.getUint16(starts + i)));
        return g === 0 ? 0 : (g + view.getInt16(deltas + i)) & 0xffff;
      }
      return 0;
    }
    return null; // no subtable we read: let fontkit map it
  };
  // Glyph data: 'loca' (short offsets ×2, or long) indexes into 'glyf'.
  const longLoca = view.getInt16(tables.head!.offset + 50) === 1;
  const loca = tables.loca!.offset;
  const glyf = tables.glyf!.offset;
  const locaAt = (gid: number) => (longLoca ? view.getUint32(loca + 4 * gid) : 2 * view.getUint16(loca + 2 * gid));
  const glyphBytes = (gid: number) => bytes.subarray(glyf + locaAt(gid), glyf + locaAt(gid + 1));
  return { advance, bearing, glyphId, glyphBytes, locaVersion: longLoca ? 1 : 0 };
}

type RawTables = ReturnType<typeof rawTables>;

function withCaches(base: Font, bytes: Uint8Array): Font {
  const font = Object.create(base) as Font;
  const raw = rawTables(base, bytes);
  // pdfkit reads only isFixedPitch and italicAngle from 'post', but fontkit decodes the whole table
  // (12,000 glyph names, ≈40 ms on the first document), so read the two header fields directly.
  const post = (base as unknown as { directory: { tables: Record<string, { offset: number } | undefined> } }).directory.tables.post;
  if (post) {
    const view = new DataView(bytes.buffer, bytes.byteOffset + post.offset, 16);
    const header = { italicAngle: view.getInt16(4) + view.getUint16(6) / 65536, isFixedPitch: view.getUint32(12) };
    Object.defineProperty(font, 'post', { value: header });
    Object.defineProperty(font, 'italicAngle', { value: header.italicAngle });
  }
  // What pdfkit reads from a laid-out glyph: id, advanceWidth, codePoints (for the ToUnicode map).
  type LaidOut = Pick<Glyph, 'id' | 'advanceWidth' | 'codePoints'>;
  const glyphCache = new Map<number, LaidOut>();
  const glyphFor = (cp: number): LaidOut => {
    let g = glyphCache.get(cp);
    if (!g) {
      const id = raw.glyphId(cp) ?? base.glyphForCodePoint(cp).id;
      g = { id, advanceWidth: raw.advance(id), codePoints: [cp] };
      glyphCache.set(cp, g);
    }
    return g;
  };
  font.layout = (text: string) => {
    const glyphs: LaidOut[] = [];
    const positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[] = [];
    for (const ch of text) {
      const g = glyphFor(ch.codePointAt(0)!);
      glyphs.push(g);
      positions.push({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
    }
    // pdfkit scales positions in place after layout, so the width is summed when it is read.
    return { glyphs, positions, get advanceWidth() { return positions.reduce((s, p) => s + p.xAdvance, 0); } } as unknown as ReturnType<Font['layout']>;
  };
  // fontkit's subset encoder reads only loca.version from the font (glyph offsets come from the
  // cache below), so the 12,000-entry table is never decoded.
  Object.defineProperty(font, 'loca', { value: { version: raw.locaVersion, get offsets() { return (base as unknown as { loca: { offsets: number[] } }).loca.offsets; } } });
  // pdfkit asks the font for glyph 0's advance when a document starts; fontkit would decode the
  // glyph (and 'loca') to answer. Everything else about glyphs goes through layout() above.
  font.getGlyph = (id: number) => ({ id, advanceWidth: raw.advance(id), codePoints: [] }) as unknown as Glyph;
  const subsetCache = new Map<number, CachedGlyph>();
  font.createSubset = () => {
    const subset = base.createSubset.call(font) as TtfSubset;
    subset._addGlyph = (gid: number) => addCachedGlyph(subset, gid, subsetCache, raw, base);
    return subset;
  };
  return font;
}

function addCachedGlyph(subset: TtfSubset, gid: number, cache: Map<number, CachedGlyph>, raw: RawTables, base: Font): number {
  let entry = cache.get(gid);
  if (!entry) {
    const glyphBytes = Uint8Array.from(raw.glyphBytes(gid));
    // numberOfContours < 0 marks a composite glyph; only those need fontkit's (slow) full decode.
    const composite = glyphBytes.length >= 2 && new DataView(glyphBytes.buffer).getInt16(0) < 0;
    entry = {
      bytes: glyphBytes,
      advance: raw.advance(gid),
      bearing: raw.bearing(gid),
      components: composite ? compositeComponents(base, gid) : null,
    };
    cache.set(gid, entry);
  }
  let bytes = entry.bytes;
  if (entry.components) {
    // Composite glyph: its components get new ids in this subset, so patch a copy.
    bytes = Uint8Array.from(entry.bytes);
    const view = new DataView(bytes.buffer);
    for (const c of entry.components) view.setUint16(c.pos, subset.includeGlyph(c.glyphID));
  }
  subset.glyf.push(bytes);
  subset.loca.offsets.push(subset.offset);
  subset.hmtx.metrics.push({ advance: entry.advance, bearing: entry.bearing });
  subset.offset += bytes.length;
  return subset.glyf.length - 1;
}

function compositeComponents(base: Font, gid: number): { glyphID: number; pos: number }[] {
  const glyph = base.getGlyph(gid) as Glyph & { _decode(): { components?: { glyphID: number; pos: number }[] } | null };
  return (glyph._decode()?.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos }));
}
