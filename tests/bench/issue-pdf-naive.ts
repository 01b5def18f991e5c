// Child of issue-pdf.ts: the baseline for the first document — the same certificate (same data,
// same signed QR text, same strings and table layout) rendered the way a first attempt with plain
// pdfkit would: the whole IPAex Mincho file registered with registerFont(path) (pdfkit parses it
// with fontkit, shapes every string with OpenType layout and subsets at the end), the QR code from
// the qrcode library's defaults drawn as one rectangle per dark module, the 「複写」 background and
// the seal as plain text. Module loading is Node start-up and is excluded, as for ours; the clock
// covers signing, font loading, drawing and the PDF bytes.
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { CERTIFICATE_TITLES } from '../../common/documents/types';
import { formatWareki, japanDateOf } from '../../common/domain/wareki';
import { signPages } from '../../templates/certificate-pdf';
import { MINCHO_PATHS } from '../../templates/font';
import { certifyingSentence, drawResidentBody, planResidentPages } from '../../templates/juminhyo';
import { officialSealText } from '../../templates/marks';
import { BODY, MARGIN, mayorOffice } from '../../templates/page-frame';
import { demoMunicipality } from '../../simulators/municipality/index';
import { sampleResidentDocument } from '../../simulators/municipality/samples';

const doc = sampleResidentDocument({ members: 4 });
const { signer } = demoMunicipality();
const fontPath = MINCHO_PATHS.find((p) => existsSync(p));
if (!fontPath) throw new Error('IPAex Mincho not found');
if (doc.data.type === 'inkan') throw new Error('the sample is a resident certificate');
const data = doc.data;

const t0 = performance.now();
const qrTexts = await signPages(doc, signer);
const pdf = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, compress: true });
const chunks: Buffer[] = [];
pdf.on('data', (c: Buffer) => chunks.push(c));
const ended = new Promise<void>((resolve) => pdf.on('end', () => resolve()));
pdf.registerFont('Mincho', fontPath);
pdf.font('Mincho');
const m = doc.municipality;
const title = CERTIFICATE_TITLES[data.type];
const issuedOn = japanDateOf(doc.issuedAt);
const sheets = planResidentPages(data);
sheets.forEach((persons, i) => {
  pdf.addPage({ size: 'A4', margin: 0 });
  pdf.fillColor('#e6e6e6').fontSize(40);
  for (let y = 60; y < 800; y += 90) for (let x = 20; x < 560; x += 130) pdf.text('複写', x, y, { lineBreak: false });
  pdf.fillColor('black').fontSize(9).text(`${m.prefecture}${m.name}`, MARGIN, 40, { lineBreak: false });
  const right = `交付番号\u3000第${doc.issuanceNumber}号`;
  pdf.text(right, BODY.right - pdf.widthOfString(right), 40, { lineBreak: false });
  const issued = `${formatWareki(issuedOn, { withSeireki: true })}発行\u3000\u3000${i + 1}/${sheets.length}頁`;
  pdf.text(issued, BODY.right - pdf.widthOfString(issued), 53, { lineBreak: false });
  pdf.fontSize(20).text([...title].join('\u3000'), 0, 70, { width: 595.28, align: 'center', lineBreak: false });
  const qr = QRCode.create(qrTexts[i]!, { errorCorrectionLevel: 'M' });
  const cell = 96 / qr.modules.size;
  for (let r = 0; r < qr.modules.size; r++) {
    for (let c = 0; c < qr.modules.size; c++) if (qr.modules.get(r, c)) pdf.rect(MARGIN + 6 + c * cell, 668 + r * cell, cell, cell);
  }
  pdf.fill('black');
  pdf.fontSize(6).text('改ざん検証用コード（madoguchi verify）', MARGIN, 775, { lineBreak: false });
  pdf.moveTo(MARGIN, 797).lineTo(BODY.right, 797).lineWidth(0.4).strokeColor('#555555').stroke();
  pdf.fontSize(2).text(`${m.code}${m.name}`.repeat(30), MARGIN, 799.5, { lineBreak: false });
  pdf.fillColor('#444444').fontSize(6.5).text(`交付ID ${doc.issuanceId}`, MARGIN, 806, { lineBreak: false });
  pdf.text('この証明書は偽造防止のため地紋（複写すると「複写」の文字が現れます）とQRコードを印刷しています。', MARGIN, 815, { lineBreak: false });
  const last = i === sheets.length - 1;
  drawResidentBody(pdf, data, persons, last);
  if (last) {
    pdf.fillColor('black').fontSize(11).text(certifyingSentence(data), 170, 664, { width: BODY.right - 170 });
    pdf.text(formatWareki(issuedOn, { withSeireki: true }), 170, 694, { lineBreak: false });
    pdf.fontSize(13).text(`${mayorOffice(m)}\u3000${m.mayorName}`, 300, 724, { lineBreak: false });
    pdf.rect(BODY.right - 62, 700, 62, 62).lineWidth(2).strokeColor('black').stroke();
    pdf.fontSize(14).text(officialSealText(m.name, m.mayorTitle), BODY.right - 58, 712, { width: 54, align: 'center' });
  }
});
pdf.end();
await ended;
const firstMs = performance.now() - t0;
process.stdout.write(`${JSON.stringify({ firstMs, bytes: Buffer.concat(chunks).length, pages: sheets.length })}\n`);
