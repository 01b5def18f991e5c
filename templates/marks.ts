// Marks drawn as vector paths: the municipality's official seal (公印) and the verification QR code.
// Both are paths, not text, so they never leak into the page's extractable text (where the signed
// facts are compared) and they print crisply at any resolution.
import type PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { glyphOutline } from './font';
import { pathOps } from './geometry';

type Doc = InstanceType<typeof PDFDocument>;

const sealPaths = new Map<string, string>();

/** 「清瀬市長之印」 from name 清瀬市 and title 市長 (the title's last character names the office). */
export function officialSealText(municipalityName: string, mayorTitle: string): string {
  return `${municipalityName}${mayorTitle.slice(-1)}之印`;
}

/** Seal outline in a 100×100 box, y up: double square frame, characters in columns read right to left. */
function sealPath(text: string): string {
  const cached = sealPaths.get(text);
  if (cached) return cached;
  const chars = [...text];
  const rows = chars.length <= 4 ? 2 : chars.length <= 6 ? 2 : 3;
  const cols = Math.ceil(chars.length / rows);
  const inner = 84; // the characters' area inside the frame
  const [cellW, cellH] = [inner / cols, inner / rows];
  const parts: string[] = [];
  chars.forEach((ch, i) => {
    const col = cols - 1 - Math.floor(i / rows); // first column is the rightmost
    const row = i % rows;
    const glyph = glyphOutline(ch);
    const em = glyph.unitsPerEm;
    // The em box [−0.12, 0.88] (descender to ascender) fills the cell; the ink stays inside it.
    const [sx, sy] = [cellW / em, (cellH * 0.97) / em];
    const x0 = 8 + col * cellW;
    const cellBottom = 92 - (row + 1) * cellH;
    parts.push(pathOps(glyph.commands, (x, y) => [x0 + x * sx, cellBottom + (y + 0.12 * em) * sy]));
  });
  const path = parts.join(' ');
  sealPaths.set(text, path);
  return path;
}

/** Draws the 公印 with its top-left corner at (x, y) in page space; `size` is its side in points. */
export function drawOfficialSeal(doc: Doc, text: string, x: number, y: number, size: number): void {
  const s = size / 100;
  doc.addContent(
    [
      'q 0 g 0 G',
      `${s} 0 0 ${-s} ${x} ${y + size} cm`, // local 100×100 box, y up
      '4.2 w 2.1 2.1 95.8 95.8 re S',
      '1.2 w 6.5 6.5 87 87 re S',
      `0.9 w ${sealPath(text)} B`,
      'Q',
    ].join('\n'),
  );
}

/** The QR symbol for a text: one byte-mode segment (UTF-8), error correction M. */
function qrSymbol(text: string) {
  // One explicit byte segment skips the library's mixed-mode segmentation search, and a fixed mask
  // skips scoring all eight masks; any mask is a valid symbol, and these dominated render time.
  return QRCode.create([{ data: new TextEncoder().encode(text), mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern: 2 });
}

/**
 * Draws a QR code on a white quiet zone; (x, y) is the symbol's top-left. The modules are a 1-bit
 * image mask (a few hundred bytes, painted in black) rather than thousands of rectangles.
 */
export function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  const qr = qrSymbol(text);
  const n = qr.modules.size;
  const rowBytes = Math.ceil(n / 8);
  const bits = new Uint8Array(rowBytes * n);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      // Image masks paint where the sample is 0 (default Decode [0 1]).
      if (qr.modules.get(row, col) !== 1) bits[row * rowBytes + (col >> 3)]! |= 0x80 >> (col & 7);
    }
  }
  const image = doc.ref({ Type: 'XObject', Subtype: 'Image', Width: n, Height: n, ImageMask: true, BitsPerComponent: 1 });
  image.end(Buffer.from(bits));
  const name = `Qr${image.id}`;
  (doc.page as unknown as { xobjects: Record<string, unknown> }).xobjects[name] = image;
  const quiet = (4 * size) / n;
  const f = (v: number) => +v.toFixed(3);
  // Image space is the unit square with y up; pdfkit's page space has y down.
  doc.addContent(`q 1 g ${f(x - quiet)} ${f(y - quiet)} ${f(size + 2 * quiet)} ${f(size + 2 * quiet)} re f 0 g ${f(size)} 0 0 ${f(-size)} ${f(x)} ${f(y + size)} cm /${name} Do Q`);
}

/** QR version the text needs (for layout decisions and tests). */
export function qrVersion(text: string): number {
  return qrSymbol(text).version;
}
