// 領収書: the amount in a box (「金 … 円」), what it was for, the items with copies and unit fee, how
// it was paid and the change, and who received it — laid out over the A4 sheet the kiosk printer
// takes, every value in a ruled cell of its own width (cells.ts: shrinks, then wraps, never cut).
// A reprint says so prominently. Receipts carry no QR code: they certify a payment, not the register.
// Given the request's binding, the receipt carries it (kind 'receipt') like a certificate does, so
// the kiosk printer's pre-send check applies to it; without one, the printer refuses it.
import { formatWareki, japanDateOf } from '../common/domain/wareki';
import { KioskError } from '../common/errors';
import { ReceiptData } from '../common/documents/types';
import { bindingInfo } from './binding';
import { drawRow } from './cells';
import { A4 } from './geometry';
import { MARGIN, newDocument, type Doc } from './page-frame';

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
  drawReceipt(doc, r);
  return finish();
}

const PAID_BY: Record<ReceiptData['paidBy'], string> = { cash: '現金', ic: '交通系ICカード等電子マネー' };

function drawReceipt(doc: Doc, r: ReceiptData): void {
  const m = r.municipality;
  const right = A4.width - MARGIN;
  const width = right - MARGIN;
  doc.fillColor('black').fontSize(28).text('領\u3000収\u3000書', 0, 64, { width: A4.width, align: 'center', lineBreak: false });
  if (r.reprintOf) doc.fontSize(14).text('【再発行】', 0, 102, { width: A4.width, align: 'center', lineBreak: false });
  const time = new Date(new Date(r.issuedAt).getTime() + 9 * 3600_000).toISOString().slice(11, 16);
  doc.fontSize(11).text(`${formatWareki(japanDateOf(r.issuedAt), { withSeireki: true })}\u3000${time}`, MARGIN, 130, { width, align: 'right', lineBreak: false });
  doc.fontSize(11).text(`交付番号\u3000第${r.issuanceNumber}号`, MARGIN, 147, { width, align: 'right', lineBreak: false });

  // The amount, as a Japanese receipt states it: boxed, large, closed with 「－」 so nothing is added.
  const boxW = 340;
  const boxX = (A4.width - boxW) / 2;
  doc.lineWidth(1.2).strokeColor('black').rect(boxX, 180, boxW, 56).stroke();
  doc.fontSize(12).text('金額', boxX + 10, 202, { lineBreak: false });
  doc.fontSize(26).text(`￥${r.total.toLocaleString('ja-JP')}－`, boxX + 60, 194, { width: boxW - 80, align: 'right', lineBreak: false });
  const what = r.items.map((i) => i.label).join('・');
  drawRow(doc, MARGIN, 256, 40, [{ label: '但し書き', value: `${what}の交付手数料として`, w: width, size: 12 }]);
  doc.fontSize(11).text('上記の金額を正に領収いたしました。', MARGIN, 310, { lineBreak: false });

  // 品目・通数・単価・金額: each column its own width, the label in the cell.
  let y = 344;
  const cols = { item: width - 250, copies: 60, unit: 90, amount: 100 };
  for (const item of r.items) {
    drawRow(doc, MARGIN, y, 40, [
      { label: '品目', value: item.label, w: cols.item, size: 12 },
      { label: '通数', value: `${item.copies}通`, w: cols.copies, size: 12 },
      { label: '単価', value: yen(item.unitFee), w: cols.unit, size: 12 },
      { label: '金額', value: yen(item.copies * item.unitFee), w: cols.amount, size: 12 },
    ]);
    y += 40;
  }
  y += 16;
  const lines: [string, string][] = [['合計', yen(r.total)], ['お支払方法', PAID_BY[r.paidBy]]];
  if (r.paidBy === 'cash') lines.push(['お預り', yen(r.total + r.change)], ['おつり', yen(r.change)]);
  for (const [label, value] of lines) {
    drawRow(doc, MARGIN, y, 36, [{ label, value, w: width, size: label === '合計' ? 14 : 12 }]);
    y += 36;
  }

  y += 40;
  doc.fontSize(14).text(`${m.prefecture}${m.name}`, MARGIN, y, { width, align: 'right', lineBreak: false });
  doc.fontSize(10).text('（証明書自動交付機）', MARGIN, y + 20, { width, align: 'right', lineBreak: false });
  doc.fontSize(8.5).fillColor('#444444').text(`端末 ${r.kioskId}\u3000交付ID ${r.issuanceId}${r.reprintOf ? `\u3000原本 ${r.reprintOf}` : ''}`, MARGIN, y + 44, { lineBreak: false });
  doc.fontSize(8.5).text('この領収書は手数料の支払いを証するものです。証明書の真正性の確認（QRコード）は証明書そのもので行ってください。', MARGIN, y + 58, { width, lineBreak: false });
  doc.fillColor('black');
}
