// What every certificate page carries: the けん制 background, the header (municipality, issuance
// number, issue date, page x/y), the verification QR, the microtext line and the issuance id; on
// the last page the certifying block (sentence, date, mayor or 職務代理者, 公印).
import PDFDocument from 'pdfkit';
import { formatWareki } from '../common/domain/wareki';
import type { Municipality } from '../common/documents/types';
import { drawMicrotext } from './anti-forgery';
import { minchoFont } from './font';
import { A4 } from './geometry';
import { drawOfficialSeal, drawQr, officialSealText } from './marks';

export type Doc = InstanceType<typeof PDFDocument>;

export const MARGIN = 42;
export const BODY = { left: MARGIN, right: A4.width - MARGIN, top: 112, bottom: 640, width: A4.width - 2 * MARGIN } as const;

/** A new A4 document with the given Info entries and first font (default: Mincho); `finish()` ends it. */
export function newDocument(info: Record<string, string>, issuedAt: Date, font: unknown = minchoFont()): { doc: Doc; finish(): Promise<Uint8Array> } {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, compress: true, font: font as never, info: { CreationDate: issuedAt, ModDate: issuedAt } });
  Object.assign(doc.info, { Producer: 'madoguchi', Creator: 'madoguchi', ...info });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  return {
    doc,
    async finish() {
      doc.end();
      await ended;
      const out = Buffer.concat(chunks);
      return new Uint8Array(out.buffer, out.byteOffset, out.length);
    },
  };
}

export interface FrameInfo {
  title: string;
  municipality: Municipality;
  issuanceNumber: string;
  issuanceId: string;
  issuedOn: string; // YYYY-MM-DD, Japan calendar date
  page: number;
  pages: number;
  qrText: string;
}

export function drawFrame(doc: Doc, background: { draw(): void }, f: FrameInfo): void {
  doc.addPage({ size: 'A4', margin: 0 });
  background.draw();
  const m = f.municipality;
  doc.fillColor('black');
  doc.fontSize(9).text(`${m.prefecture}${m.name}`, MARGIN, 40, { lineBreak: false });
  const right = `交付番号\u3000第${f.issuanceNumber}号`;
  doc.fontSize(9).text(right, BODY.right - doc.widthOfString(right), 40, { lineBreak: false });
  const issued = `${formatWareki(f.issuedOn, { withSeireki: true })}発行\u3000\u3000${f.page}/${f.pages}頁`;
  doc.fontSize(9).text(issued, BODY.right - doc.widthOfString(issued), 53, { lineBreak: false });
  const spaced = [...f.title].join(f.title.length <= 8 ? '\u3000' : ' ');
  doc.fontSize(20).text(spaced, 0, 70, { width: A4.width, align: 'center', lineBreak: false });
  // QR bottom-left on every page; the caption tells a reader how to check it.
  if (f.qrText !== '') drawQr(doc, f.qrText, MARGIN + 6, 668, 96);
  doc.fontSize(6).text('改ざん検証用コード（madoguchi verify）', MARGIN, 775, { lineBreak: false });
  doc.moveTo(MARGIN, 797).lineTo(BODY.right, 797).lineWidth(0.4).strokeColor('#555555').stroke();
  drawMicrotext(doc, `${m.code}${m.name}${m.name}`, MARGIN, 799.5, BODY.width);
  doc.fillColor('#444444').fontSize(6.5).text(`交付ID ${f.issuanceId}`, MARGIN, 806, { lineBreak: false });
  const note = 'この証明書は偽造防止のため地紋（複写すると「複写」の文字が現れます）とQRコードを印刷しています。';
  doc.fontSize(6.5).text(note, MARGIN, 815, { lineBreak: false });
  doc.fillColor('black');
}

/** The certifying sentence, date and signer with the 公印 (last page only). */
export function drawCertification(doc: Doc, m: Municipality, sentence: string, issuedOn: string): void {
  const x = 170;
  doc.fillColor('black').fontSize(11).text(sentence, x, 664, { width: BODY.right - x });
  doc.fontSize(11).text(formatWareki(issuedOn, { withSeireki: true }), x, 694, { lineBreak: false });
  const signer = signerLine(m);
  const { x: sealX, y: sealY, size: sealSize } = SEAL_BOX;
  // The name stays readable: it ends before the seal (a long deputy line gets a smaller size).
  const signerRight = sealX - SEAL_GAP;
  let size = 13;
  while (size > 9 && doc.fontSize(size).widthOfString(signer) > signerRight - x) size -= 0.5;
  const width = doc.fontSize(size).widthOfString(signer);
  doc.text(signer, Math.max(x, signerRight - width), 724 + (13 - size) / 2, { lineBreak: false });
  drawOfficialSeal(doc, officialSealText(m.name, m.mayorTitle), sealX, sealY, sealSize);
  doc.fontSize(7).text('この印は黒色です', BODY.right - sealSize + 3, 766, { lineBreak: false });
}

/** Space between the end of the signer's name and the 公印. */
export const SEAL_GAP = 6;
/** Where the 公印 is stamped on the last page (points, top-left origin): nothing printed may lie under it. */
export const SEAL_BOX = { x: BODY.right - 62, y: 700, size: 62 } as const;

/**
 * 「東京都清瀬市長 清瀬一郎」, or with a 職務代理者 「埼玉県さいたま市長職務代理者 副市長 見本四郎」
 * 職務代理者 is said once, whether or not the configured post repeats it.
 */
export function signerLine(m: Municipality): string {
  const office = mayorOffice(m);
  if (!m.deputy) return `${office}\u3000${m.mayorName}`;
  const post = m.deputy.title.replace(/^職務代理者[\s\u3000]*/u, '');
  return `${office}職務代理者\u3000${post ? `${post}\u3000` : ''}${m.deputy.name}`;
}

/** 「東京都清瀬市長」 from 東京都 + 清瀬市 + 市長 (the 市 is not written twice). */
export function mayorOffice(m: Municipality): string {
  const title = m.mayorTitle.startsWith(m.name.slice(-1)) ? m.mayorTitle.slice(1) : m.mayorTitle;
  return `${m.prefecture}${m.name}${title}`;
}
