// The けん制文字 background: the whole page is covered with a FINE dot screen, except inside large
// 「複写」 outlines, which get a COARSE screen of the same average tone. On the original the page
// looks evenly tinted; a photocopier drops the fine dots and keeps the coarse ones, so 「複写」
// appears on every copy.
//
// The page-sized drawing is the same for every certificate, so its content stream is built and
// deflated once per process and written into each document as a pre-compressed Form XObject.
import { deflateSync } from 'node:zlib';
import type PDFDocument from 'pdfkit';
import { glyphOutline } from './font';
import { A4, pathOps } from './geometry';

type Doc = InstanceType<typeof PDFDocument>;

// Same average coverage: π r² / cell² ≈ 12.6 % for both screens.
const FINE = { cell: 1.2, radius: 0.24 };
const COARSE = { cell: 3.0, radius: 0.6 };
const TINT = 0.62; // grey level of the dots (1 = white)
const WORD = '複写';
const WORD_SIZE = 96; // pt per character
const ROTATION_DEG = 30;

interface Streams { word: Buffer; page: Buffer; wordBox: [number, number, number, number] }
let streams: Streams | null = null;

/**
 * Two deflated streams, built once per process: the word 「複写」 (its outline clips a white fill and
 * then the coarse screen) and the page (the fine screen everywhere, then the word form placed on a
 * rotated grid). Drawing the word as a form keeps the page stream tiny.
 */
function backgroundStreams(): Streams {
  if (streams) return streams;
  const outlines: string[] = [];
  let penX = 0;
  for (const ch of WORD) {
    const glyph = glyphOutline(ch);
    const scale = WORD_SIZE / glyph.unitsPerEm;
    const px = penX;
    outlines.push(pathOps(glyph.commands, (x, y) => [px + x * scale, y * scale]));
    penX += glyph.advanceWidth * scale;
  }
  const wordBox: [number, number, number, number] = [-2, -0.15 * WORD_SIZE, penX + 2, 0.9 * WORD_SIZE];
  const box = `${wordBox[0]} ${wordBox[1]} ${wordBox[2] - wordBox[0]} ${wordBox[3] - wordBox[1]} re`;
  const word = `${outlines.join(' ')} W n 1 g ${box} f /Pattern cs /Coarse scn ${box} f`;
  const rad = (ROTATION_DEG * Math.PI) / 180;
  const [cos, sin] = [Math.cos(rad), Math.sin(rad)].map((v) => +v.toFixed(5)) as [number, number];
  const placements: string[] = [];
  for (let row = -1; row < 5; row++) {
    for (let col = -1; col < 3; col++) {
      const ox = col * 300 + (row % 2) * 150;
      const oy = row * 200 + 40;
      placements.push(`q ${cos} ${sin} ${-sin} ${cos} ${ox} ${oy} cm /Word Do Q`);
    }
  }
  const page = [`/Pattern cs /Fine scn 0 0 ${A4.width} ${A4.height} re f`, ...placements].join('\n');
  streams = { word: deflateSync(Buffer.from(word, 'latin1')), page: deflateSync(Buffer.from(page, 'latin1')), wordBox };
  return streams;
}

function circle(cx: number, cy: number, r: number): string {
  const k = 0.5523 * r; // Bézier approximation of a quarter circle
  const f = (n: number) => +n.toFixed(3);
  return [
    `${f(cx + r)} ${f(cy)} m`,
    `${f(cx + r)} ${f(cy + k)} ${f(cx + k)} ${f(cy + r)} ${f(cx)} ${f(cy + r)} c`,
    `${f(cx - k)} ${f(cy + r)} ${f(cx - r)} ${f(cy + k)} ${f(cx - r)} ${f(cy)} c`,
    `${f(cx - r)} ${f(cy - k)} ${f(cx - k)} ${f(cy - r)} ${f(cx)} ${f(cy - r)} c`,
    `${f(cx + k)} ${f(cy - r)} ${f(cx + r)} ${f(cy - k)} ${f(cx + r)} ${f(cy)} c h f`,
  ].join(' ');
}

function screenPatternStream(cell: number, radius: number): string {
  return `${TINT} g ${circle(cell / 2, cell / 2, radius)}`;
}

/** Creates this document's background XObject (call once per document, draw on every page). */
export function createBackground(doc: Doc): { draw(): void } {
  const s = backgroundStreams();
  const pattern = (p: { cell: number; radius: number }) => {
    const ref = doc.ref({ Type: 'Pattern', PatternType: 1, PaintType: 1, TilingType: 1, BBox: [0, 0, p.cell, p.cell], XStep: p.cell, YStep: p.cell, Resources: {} });
    ref.end(screenPatternStream(p.cell, p.radius));
    return ref;
  };
  const fine = pattern(FINE);
  const coarse = pattern(COARSE);
  // Filter set: the streams are already deflated, and pdfkit writes them as they are.
  const word = doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: s.wordBox, Resources: { Pattern: { Coarse: coarse } }, Filter: 'FlateDecode' });
  word.end(s.word);
  const form = doc.ref({
    Type: 'XObject', Subtype: 'Form', BBox: [0, 0, A4.width, A4.height],
    Resources: { Pattern: { Fine: fine }, XObject: { Word: word } },
    Filter: 'FlateDecode',
  });
  form.end(s.page);
  return {
    draw() {
      const page = doc.page as unknown as { xobjects: Record<string, unknown> };
      page.xobjects.Kensei = form;
      // pdfkit's page space is flipped (y down); the form is drawn in PDF default space.
      doc.addContent(`q 1 0 0 -1 0 ${A4.height} cm /Kensei Do Q`);
    },
  };
}

/**
 * A line of microtext (≈0.5 mm high): readable under a loupe, a grey smear on a photocopy. It names
 * the municipality only, never a certified fact, so it cannot stand in for one in text comparison.
 */
export function drawMicrotext(doc: Doc, text: string, x: number, y: number, width: number): void {
  const unit = `${text}\u3000`;
  const size = 1.6;
  const perUnit = doc.fontSize(size).widthOfString(unit);
  const line = unit.repeat(Math.max(1, Math.floor(width / perUnit)));
  doc.save().fillColor('#333333').fontSize(size).text(line, x, y, { lineBreak: false }).restore();
}
