// Drawing shared by the 領収証 and the 診療明細書 pages: the document with its fonts (IPAex Gothic for
// the Japanese, Noto Sans CJK for Chinese or Korean words), the page header (hospital, page x/y,
// title with the patient's word under it, 【再発行】), labelled cells and the footer with the QR.
// Order matters for verification: a signed fact is its Japanese label followed by its value, so each
// cell draws the label, then the value, and only then the patient's word for the label; the text
// extracted from the page (pdftotext -raw, in drawing order) then reads 「伝票番号 12345」.
import type { HospitalDocumentLanguage } from '../common/documents/hospital-receipt';
import { gothicFont } from './font';
import { A4 } from './geometry';
import { WORDS } from './hospital-receipt-text';
import { drawQr } from './marks';
import { notoCjkFace } from './noto-cjk';
import { newDocument, type Doc } from './page-frame';

export type { Doc };
type Words = Record<HospitalDocumentLanguage, string>;

export const MARGIN = 42;
export const WIDTH = A4.width - 2 * MARGIN;
export const RIGHT = A4.width - MARGIN;
/** Where the QR sits on every page (the verifier looks in the bottom-left corner first). */
export const QR_BOX = { x: MARGIN + 6, y: 668, size: 96 } as const;
/** Nothing of the body may reach below this line (the QR and the hospital's block are under it). */
export const BODY_BOTTOM = 652;
const GREY = '#555555';

/** A new A4 document: 'ja' = IPAex Gothic (also English), 'local' = the patient's face. */
export function newHospitalDocument(info: Record<string, string>, issuedAt: Date, language: HospitalDocumentLanguage): { doc: Doc; finish(): Promise<Uint8Array> } {
  // pdfkit's own first font (a standard one, nothing embedded); the document draws with 'ja' and 'local'.
  const made = newDocument(info, issuedAt, 'Helvetica');
  made.doc.registerFont('ja', gothicFont() as never);
  made.doc.registerFont('local', (language === 'zh' || language === 'ko' ? notoCjkFace(language) : gothicFont()) as never);
  made.doc.font('ja');
  return made;
}

/** The size ≤ max at which the text fits the width on one line (not below min). */
export function fitSize(doc: Doc, text: string, max: number, width: number, min = 6): number {
  doc.fontSize(max);
  const w = doc.widthOfString(text);
  return w <= width ? max : Math.max(min, Math.floor(((max * width) / w) * 4) / 4);
}

/** The patient's word for a label; '' on a Japanese document. */
export function localWord(lang: HospitalDocumentLanguage, words: Words): string {
  return lang === 'ja' ? '' : words[lang];
}

/** Splits text into lines of at most `width` at the current size, between characters (Japanese has no spaces). */
export function wrapChars(doc: Doc, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (line !== '' && doc.widthOfString(line + ch) > width) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  lines.push(line);
  return lines;
}

export interface Block { lines: string[]; size: number }

/** The largest size (max … min, half points) at which the text wraps into at most maxLines (else min). */
export function fitBlock(doc: Doc, text: string, max: number, min: number, width: number, maxLines: number): Block {
  for (let size = max; size > min; size -= 0.5) {
    const lines = wrapChars(doc.fontSize(size), text, width);
    if (lines.length <= maxLines) return { lines, size };
  }
  return { lines: wrapChars(doc.fontSize(min), text, width), size: min };
}

/** Draws a block's lines from y in the current font; returns the y under it. */
export function drawBlock(doc: Doc, b: Block, x: number, y: number, align: 'left' | 'right', width = RIGHT - x): number {
  doc.fontSize(b.size);
  for (const line of b.lines) {
    doc.text(line, x, y, { width, align, lineBreak: false });
    y += b.size * 1.2;
  }
  return y;
}

export interface HeaderInfo { hospital: string; titleJa: string; titleLocal: string; page: number; pages: number; reprint: boolean; reprintLocal: string }

/** Hospital name, page x/y, the spaced title with the patient's word, and the 【再発行】 mark. */
export function drawHeader(doc: Doc, h: HeaderInfo): void {
  doc.addPage({ size: 'A4', margin: 0 });
  drawBlock(doc, fitBlock(doc.font('ja').fillColor('black'), h.hospital, 10, 6, WIDTH - 80, 2), MARGIN, 30, 'left');
  const pageOf = `${h.page}/${h.pages}頁`;
  doc.fontSize(9).text(pageOf, RIGHT - doc.widthOfString(pageOf), 37, { lineBreak: false });
  const spaced = [...h.titleJa].join('\u3000');
  doc.fontSize(24).text(spaced, 0, 58, { width: A4.width, align: 'center', lineBreak: false });
  if (h.titleLocal) doc.font('local').fillColor(GREY).fontSize(11).text(h.titleLocal, 0, 88, { width: A4.width, align: 'center', lineBreak: false });
  if (h.reprint) {
    // Prominent and framed: a reissued copy must never pass for the first one.
    doc.font('ja').fillColor('black').fontSize(16);
    const w = doc.widthOfString(WORDS.reprint.ja) + 16;
    doc.lineWidth(1.5).strokeColor('black').rect(RIGHT - w, 54, w, 28).stroke();
    doc.text(WORDS.reprint.ja, RIGHT - w + 8, 60, { lineBreak: false });
    if (h.reprintLocal) doc.font('local').fontSize(8).text(h.reprintLocal, RIGHT - w, 86, { width: w, align: 'center', lineBreak: false });
  }
  doc.font('ja').fillColor('black');
}

export interface LabelledCell { ja: string; local: string; value: string; w: number; size?: number; align?: 'left' | 'right' }

/**
 * A ruled row of labelled cells: the Japanese label small at the top, the value (shrunk to fit,
 * never cut), then the patient's word beside the label in grey.
 */
export function drawCells(doc: Doc, x: number, y: number, h: number, cells: LabelledCell[]): void {
  let cx = x;
  for (const c of cells) {
    doc.lineWidth(0.6).strokeColor('black').rect(cx, y, c.w, h).stroke();
    doc.font('ja').fillColor('#333333').fontSize(fitSize(doc.font('ja'), c.ja, 7, c.w - 6, 4.5)).text(c.ja, cx + 3, y + 3, { lineBreak: false });
    const labelEnd = cx + 3 + doc.widthOfString(c.ja);
    // One line, shrunk down to 5 pt; longer still: wrapped onto as many 5 pt lines as it needs.
    const size = fitSize(doc.font('ja'), c.value, c.size ?? 11, c.w - 8, 5);
    const lines = doc.fontSize(size).widthOfString(c.value) <= c.w - 8 ? [c.value] : wrapChars(doc, c.value, c.w - 8);
    const top = y + 10 + Math.max(0, (h - 10 - size * 1.2 * lines.length) / 2);
    doc.fillColor('black');
    lines.forEach((line, i) => doc.text(line, cx + 4, top + i * size * 1.2, { width: c.w - 8, align: c.align ?? 'left', lineBreak: false }));
    if (c.local) {
      const room = cx + c.w - 3 - (labelEnd + 4);
      doc.font('local').fillColor(GREY).fontSize(fitSize(doc.font('local'), c.local, 7, room, 4.5)).text(c.local, labelEnd + 4, y + 3, { lineBreak: false });
    }
    cx += c.w;
  }
  doc.font('ja').fillColor('black');
}

/** A line of a two-column list: label (with the patient's word after it) on the left, amount right-aligned. */
export function drawAmountLine(doc: Doc, x: number, y: number, w: number, ja: string, local: string, value: string, o: { size?: number; rule?: boolean } = {}): void {
  const size = o.size ?? 10;
  doc.font('ja').fillColor('black').fontSize(size);
  // A long value (a method's name) shrinks first, down to what leaves the label its room; then the label.
  const labelRoom = Math.min(doc.widthOfString(ja), w * 0.5);
  const valueSize = fitSize(doc, value, size, w - 16 - labelRoom, 5);
  const valueWidth = doc.fontSize(valueSize).widthOfString(value);
  const labelSize = fitSize(doc, ja, size, w - valueWidth - 16, 5);
  doc.fontSize(labelSize).text(ja, x + 4, y + 4, { lineBreak: false });
  const labelEnd = x + 4 + doc.widthOfString(ja);
  doc.fontSize(valueSize).text(value, x + w - 4 - valueWidth, y + 4 + (size - valueSize) / 2, { lineBreak: false });
  const room = x + w - 8 - valueWidth - (labelEnd + 6);
  if (local && room > 20) doc.font('local').fillColor(GREY).fontSize(fitSize(doc.font('local'), local, 7.5, room, 4.5)).text(local, labelEnd + 6, y + 4 + size * 0.25, { lineBreak: false });
  if (o.rule !== false) doc.lineWidth(0.4).strokeColor('#888888').moveTo(x, y + size + 10).lineTo(x + w, y + size + 10).stroke();
  doc.font('ja').fillColor('black');
}

export interface FooterInfo { qrText: string; documentId: string; kioskId: string; hospital: { name: string; address: string; phone: string }; note?: { ja: string; local: string } }

/** The QR with its caption, the hospital's name, address and phone, and the document id. */
export function drawFooter(doc: Doc, f: FooterInfo): void {
  if (f.qrText !== '') drawQr(doc, f.qrText, QR_BOX.x, QR_BOX.y, QR_BOX.size);
  doc.font('ja').fillColor('black').fontSize(6).text('改ざん検証用コード（madoguchi verify）', MARGIN, 775, { lineBreak: false });
  // From just right of the QR's quiet zone: a long name or address wraps and shrinks, never runs under the QR.
  const x = QR_BOX.x + QR_BOX.size + 16;
  const w = RIGHT - x;
  let y = drawBlock(doc, fitBlock(doc, f.hospital.name, 13, 7, w, 2), x, 680, 'right', w) + 2;
  y = drawBlock(doc, fitBlock(doc, f.hospital.address, 9, 6, w, 4), x, y, 'right', w);
  doc.fontSize(9).text(`TEL ${f.hospital.phone}`, x, y + 1, { width: w, align: 'right', lineBreak: false });
  if (f.note) {
    y = Math.max(y + 16, 752);
    doc.fontSize(fitSize(doc, f.note.ja, 8, w, 5)).text(f.note.ja, x, y, { width: w, align: 'right', lineBreak: false });
    if (f.note.local) doc.font('local').fillColor(GREY).fontSize(fitSize(doc.font('local'), f.note.local, 7, w, 4.5)).text(f.note.local, x, y + 11, { width: w, align: 'right', lineBreak: false });
    doc.font('ja').fillColor('black');
  }
  doc.moveTo(MARGIN, 797).lineTo(RIGHT, 797).lineWidth(0.4).strokeColor(GREY).stroke();
  doc.fillColor('#444444').fontSize(7).text(`文書ID ${f.documentId}\u3000端末 ${f.kioskId}`, MARGIN, 803, { lineBreak: false });
  doc.fillColor('black');
}
