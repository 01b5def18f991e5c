// 印鑑登録証明書: the registered seal impression (印影) with the registrant's 氏名, 生年月日, 性別 and
// 住所, the registration number and 備考. One sheet.
import { formatWareki } from '../common/domain/wareki';
import type { SealCertificateData } from '../common/documents/types';
import { drawRow } from './cells';
import { UNCONFIRMED_KANA, UNCONFIRMED_KANA_NOTE } from './juminhyo';
import { BODY, type Doc } from './page-frame';

/** Ends as the municipality's other certificates do (する / します), never differently per type. */
export const sealCertifyingSentence = (closing: 'する' | 'します' = 'する') => `この写しは、登録された印影と相違ないことを証明${closing}。`;

export function drawSealBody(doc: Doc, data: SealCertificateData): void {
  const y0 = BODY.top;
  const box = 170; // the impression's frame (60 mm): registered seals are 8–25 mm
  doc.lineWidth(0.5).strokeColor('black').rect(BODY.left, y0, box, box).stroke();
  doc.fillColor('#333333').fontSize(6.5).text('印影', BODY.left + 2.5, y0 + 2, { lineBreak: false });
  doc.image(Buffer.from(data.sealImagePngBase64, 'base64'), BODY.left + 20, y0 + 20, { fit: [box - 40, box - 40], align: 'center', valign: 'center' });
  const x = BODY.left + box;
  const w = BODY.width - box;
  drawRow(doc, x, y0, 34, [{ label: '登録番号', value: data.registrationNumber, w, size: 11 }]);
  drawRow(doc, x, y0 + 34, 22, [{ label: '氏名の振り仮名', value: data.nameKana ?? UNCONFIRMED_KANA, w }]);
  drawRow(doc, x, y0 + 56, 38, [{ label: '氏名', value: data.name, w, size: 15 }]);
  drawRow(doc, x, y0 + 94, 38, [
    { label: '生年月日', value: formatWareki(data.dob), w: w - 60, size: 11 },
    { label: '性別', value: data.sex, w: 60, size: 11 },
  ]);
  drawRow(doc, x, y0 + 132, 38, [{ label: '住所', value: data.address, w, size: 11 }]);
  const y = y0 + box + 12;
  const remarksH = 24 + 11 * Math.max(1, data.remarks.length);
  drawRow(doc, BODY.left, y, remarksH, [{ label: '備考', value: '', w: BODY.width }]);
  data.remarks.forEach((r, i) => doc.fillColor('black').fontSize(9).text(r, BODY.left + 4, y + 12 + i * 11, { lineBreak: false }));
  if (data.nameKana === null) doc.fillColor('black').fontSize(8).text(UNCONFIRMED_KANA_NOTE, BODY.left, y + remarksH + 6, { lineBreak: false });
}
