// 領収書: what was issued, the fee per copy, the total, how it was paid and the change. A5-sized
// content on an A4 sheet's top half (kiosk printers take A4 only); a reprint says so prominently.
// Given the request's binding, the receipt carries it (kind 'receipt') like a certificate does, so
// the kiosk printer's pre-send check applies to it; without one, the printer refuses it.
import { formatWareki, japanDateOf } from '../common/domain/wareki';
import { KioskError } from '../common/errors';
import { ReceiptData } from '../common/documents/types';
import { bindingInfo } from './binding';
import { A4 } from './geometry';
import { MARGIN, newDocument } from './page-frame';

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;

/** The request the receipt belongs to (its issuance id is the receipt data's own). */
export interface ReceiptBinding { requestId: string; subjectHash: string }

export async function renderReceiptPdf(input: ReceiptData, binding?: ReceiptBinding): Promise<Uint8Array> {
  const parsed = ReceiptData.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KioskError('input.invalid', `receipt data: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(), { field: issue?.path.join('.') ?? '' });
  }
  const r = parsed.data;
  const sum = r.items.reduce((s, i) => s + i.copies * i.unitFee, 0);
  if (sum !== r.total) throw new KioskError('input.invalid', `receipt total ${r.total} does not equal the items' sum ${sum}`, { field: 'total' });
  const m = r.municipality;
  const info = binding
    ? bindingInfo({ issuanceId: r.issuanceId, requestId: binding.requestId, subjectHash: binding.subjectHash, kind: 'receipt' })
    : { Keywords: `issuance:${r.issuanceId}` };
  const { doc, finish } = newDocument({ Title: `領収書 ${r.issuanceNumber}`, Author: `${m.prefecture}${m.name}`, Subject: '領収書', ...info }, new Date(r.issuedAt));
  doc.addPage({ size: 'A4', margin: 0 });
  const right = A4.width - MARGIN;
  const width = right - MARGIN;
  doc.fillColor('black').fontSize(22).text('領\u3000収\u3000書', 0, 56, { width: A4.width, align: 'center', lineBreak: false });
  if (r.reprintOf) {
    doc.fontSize(12).text('【再発行】', 0, 86, { width: A4.width, align: 'center', lineBreak: false });
  }
  const when = new Date(r.issuedAt);
  const time = new Date(when.getTime() + 9 * 3600_000).toISOString().slice(11, 16);
  doc.fontSize(10).text(`${formatWareki(japanDateOf(r.issuedAt), { withSeireki: true })}\u3000${time}`, MARGIN, 110, { width, align: 'right', lineBreak: false });
  doc.fontSize(10).text(`交付番号\u3000第${r.issuanceNumber}号`, MARGIN, 126, { width, align: 'right', lineBreak: false });

  let y = 160;
  const cols = [MARGIN, MARGIN + 260, MARGIN + 340, MARGIN + 430];
  doc.fontSize(9).fillColor('#333333');
  ['品目', '通数', '単価', '金額'].forEach((h, i) => doc.text(h, cols[i]!, y, { lineBreak: false }));
  doc.moveTo(MARGIN, y + 14).lineTo(right, y + 14).lineWidth(0.6).strokeColor('black').stroke();
  y += 22;
  doc.fillColor('black').fontSize(11);
  for (const item of r.items) {
    doc.text(item.label, cols[0]!, y, { lineBreak: false });
    doc.text(`${item.copies}通`, cols[1]!, y, { lineBreak: false });
    doc.text(yen(item.unitFee), cols[2]!, y, { lineBreak: false });
    doc.text(yen(item.copies * item.unitFee), cols[3]!, y, { lineBreak: false });
    y += 20;
  }
  doc.moveTo(MARGIN, y).lineTo(right, y).lineWidth(0.6).stroke();
  y += 10;
  const paid = r.paidBy === 'cash' ? '現金' : '交通系ICカード等電子マネー';
  const lines: [string, string][] = [['合計', yen(r.total)], ['お支払方法', paid], ['お預り', yen(r.total + r.change)], ['おつり', yen(r.change)]];
  if (r.paidBy === 'ic') lines.splice(2, 2);
  for (const [label, value] of lines) {
    doc.fontSize(label === '合計' ? 14 : 11).text(label, cols[1]!, y, { lineBreak: false });
    doc.text(value, cols[3]!, y, { lineBreak: false });
    y += label === '合計' ? 24 : 18;
  }
  y += 16;
  doc.fontSize(10).text('上記の金額を手数料として領収しました。', MARGIN, y, { lineBreak: false });
  y += 30;
  doc.fontSize(12).text(`${m.prefecture}${m.name}`, MARGIN, y, { width, align: 'right', lineBreak: false });
  doc.fontSize(8).fillColor('#444444').text(`端末 ${r.kioskId}\u3000交付ID ${r.issuanceId}${r.reprintOf ? `\u3000原本 ${r.reprintOf}` : ''}`, MARGIN, y + 24, { lineBreak: false });
  doc.fillColor('black');
  return finish();
}
