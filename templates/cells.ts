// Labelled boxes (標準準拠 style: a small label above the value). Certified values are NEVER cut:
// a value that does not fit shrinks down to a floor size, then wraps onto a second line.
import type { Doc } from './page-frame';

export interface Cell {
  label: string;
  value: string;
  /** Width in points. */
  w: number;
  /** Preferred value size in points. */
  size?: number;
}

const LABEL_SIZE = 6.5;
const MIN_SIZE = 6.5;

/** Draws a row of cells at (x, y) with height h; the widths should add up to the row width. */
export function drawRow(doc: Doc, x: number, y: number, h: number, cells: Cell[]): void {
  let cx = x;
  doc.lineWidth(0.5).strokeColor('black');
  for (const c of cells) {
    doc.rect(cx, y, c.w, h).stroke();
    doc.fillColor('#333333').fontSize(LABEL_SIZE).text(c.label, cx + 2.5, y + 2, { lineBreak: false });
    drawValue(doc, c.value, cx + 4, y + LABEL_SIZE + 3.5, c.w - 8, h - LABEL_SIZE - 5, c.size ?? 9.5);
    cx += c.w;
  }
  doc.fillColor('black');
}

function drawValue(doc: Doc, value: string, x: number, y: number, w: number, h: number, preferred: number): void {
  if (value === '') return;
  doc.fillColor('black');
  let size = preferred;
  while (size > MIN_SIZE && doc.fontSize(size).widthOfString(value) > w) size -= 0.5;
  doc.fontSize(size);
  if (doc.widthOfString(value) <= w) {
    const top = y + Math.max(0, (h - size) / 2 - 1);
    doc.text(value, x, top, { lineBreak: false });
    return;
  }
  // Two lines at the floor size: break by characters (Japanese has no spaces to break at).
  const chars = [...value];
  let cut = chars.length;
  while (cut > 1 && doc.widthOfString(chars.slice(0, cut).join('')) > w) cut--;
  doc.text(chars.slice(0, cut).join(''), x, y, { lineBreak: false });
  doc.text(chars.slice(cut).join(''), x, y + size + 1, { lineBreak: false });
}
