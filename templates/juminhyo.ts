// 住民票の写し and 住民票記載事項証明書: the household format (世帯連記式, up to 4 persons per sheet,
// further sheets as needed) and the individual format (個人票, one person per A4 portrait sheet).
// Printed: what the data carries and nothing else — never 住民票コード (not in the data model at
// all), never removed persons (the back office does not send them), 個人番号 only when present.
import { formatWareki } from '../common/domain/wareki';
import type { PersonEntry, ResidentCertificateData } from '../common/documents/types';
import { drawRow, type Cell } from './cells';
import { BODY, type Doc } from './page-frame';

/** The reading of a name whose 振り仮名 is not confirmed yet (rule in force since 2025-05-26). */
export const UNCONFIRMED_KANA = '******';
const PERSONS_PER_HOUSEHOLD_SHEET = 4;
const GAP = 8;

/** The certifying sentence, ending as the municipality words all its certificates (する / します). */
export function certifyingSentence(data: ResidentCertificateData, closing: 'する' | 'します' = 'する'): string {
  if (data.type === 'kisai') return `上記のとおり住民票に記載されていることを証明${closing}。`;
  return data.wholeHousehold
    ? `この写しは、世帯全員の住民票の原本と相違ないことを証明${closing}。`
    : `この写しは、住民票の原本と相違ないことを証明${closing}。`;
}

/** Said under the persons wherever a reading prints as 「******」, so the asterisks are not taken for a fault. */
export const UNCONFIRMED_KANA_NOTE = `※ 氏名の振り仮名欄の「${UNCONFIRMED_KANA}」は、振り仮名がまだ確認されていないことを示します。`;
const NOTE_HEIGHT = 14;
const unconfirmed = (persons: PersonEntry[]) => persons.some((p) => p.nameKana === null);

const showsRelationship = (data: ResidentCertificateData) => data.members.some((m) => m.relationship !== undefined);

function headerHeight(data: ResidentCertificateData): number {
  return 30 + (showsRelationship(data) ? 30 : 0) + GAP;
}

/** Splits the members into sheets: 1 per sheet (individual) or up to 4 that fit (household). */
export function planResidentPages(data: ResidentCertificateData): PersonEntry[][] {
  if (data.layout === 'individual') return data.members.map((m) => [m]);
  const room = BODY.bottom - BODY.top - headerHeight(data) - remarksHeight(data);
  const pages: PersonEntry[][] = [];
  let current: PersonEntry[] = [];
  let used = 0;
  for (const m of data.members) {
    const h = personHeight(m, 1) + GAP;
    if (current.length === PERSONS_PER_HOUSEHOLD_SHEET || (current.length > 0 && used + h > room)) {
      pages.push(current);
      current = [];
      used = 0;
    }
    current.push(m);
    used += h;
  }
  pages.push(current);
  return pages;
}

function remarksHeight(data: ResidentCertificateData): number {
  return (data.remarks.length > 0 ? 24 + 10 * data.remarks.length + GAP : 0) + (unconfirmed(data.members) ? NOTE_HEIGHT : 0);
}

const date = (iso: string) => formatWareki(iso);

function personRows(p: PersonEntry, scale: number): { h: number; cells: Cell[] }[] {
  const w = BODY.width;
  const big = 14 * Math.min(scale, 1.3);
  const rows: { h: number; cells: Cell[] }[] = [
    {
      h: 22,
      cells: [
        { label: '氏名の振り仮名', value: p.nameKana ?? UNCONFIRMED_KANA, w: 250 },
        { label: '生年月日', value: date(p.dob), w: 130 },
        { label: '性別', value: p.sex, w: 40 },
        { label: '続柄', value: p.relationship ?? '', w: w - 420 },
      ],
    },
    {
      h: 30,
      cells: [
        { label: '氏名', value: p.name, w: 250, size: big },
        { label: '旧氏', value: p.oldName ?? '', w: 70 },
        { label: '住民となった年月日', value: date(p.becameResidentOn), w: (w - 320) / 2 },
        { label: '住所を定めた年月日', value: date(p.addressSince), w: (w - 320) / 2 },
      ],
    },
    {
      h: 22,
      cells: [
        { label: '転入前住所', value: p.previousAddress ?? '', w: w - 130 },
        { label: '届出日', value: p.notifiedOn ? date(p.notifiedOn) : '', w: 130 },
      ],
    },
  ];
  if (p.honseki) rows.push({ h: 22, cells: [{ label: '本籍', value: p.honseki.honseki, w: w - 130 }, { label: '筆頭者', value: p.honseki.hittosha, w: 130 }] });
  if (p.myNumber) rows.push({ h: 22, cells: [{ label: '個人番号', value: p.myNumber.replace(/(\d{4})(?=\d)/g, '$1 '), w }] });
  if (p.foreign) {
    const f = p.foreign;
    rows.push({
      h: 22,
      cells: [
        { label: '国籍・地域', value: f.nationality, w: 120 },
        { label: '在留資格', value: f.residenceStatus, w: 150 },
        { label: '在留期間', value: f.periodOfStay, w: 90 },
        { label: '在留期間の満了の日', value: date(f.expiry), w: w - 360 },
      ],
    });
    rows.push({ h: 22, cells: [{ label: '在留カード等番号', value: f.cardNumber ?? '', w: 200 }, { label: '30条の45に規定する区分', value: f.class30_45, w: w - 200 }] });
  }
  return rows.map((r) => ({ h: r.h * scale, cells: r.cells }));
}

function personHeight(p: PersonEntry, scale: number): number {
  return personRows(p, scale).reduce((s, r) => s + r.h, 0);
}

/** Draws one sheet's body: address (and 世帯主) then each person's block; remarks on the last sheet. */
export function drawResidentBody(doc: Doc, data: ResidentCertificateData, persons: PersonEntry[], lastPage: boolean): void {
  let y = BODY.top;
  drawRow(doc, BODY.left, y, 30, [{ label: '住所', value: data.address, w: BODY.width, size: 11 }]);
  y += 30;
  if (showsRelationship(data)) {
    drawRow(doc, BODY.left, y, 30, [{ label: '世帯主', value: data.householdHead, w: BODY.width, size: 11 }]);
    y += 30;
  }
  y += GAP;
  const scale = data.layout === 'individual' ? 1.35 : 1;
  for (const p of persons) {
    for (const row of personRows(p, scale)) {
      drawRow(doc, BODY.left, y, row.h, row.cells);
      y += row.h;
    }
    y += GAP;
  }
  if (unconfirmed(persons)) {
    doc.fillColor('black').fontSize(8).text(UNCONFIRMED_KANA_NOTE, BODY.left, y - 2, { lineBreak: false });
    y += NOTE_HEIGHT;
  }
  if (lastPage && data.remarks.length > 0) {
    drawRow(doc, BODY.left, y, 14 + 10 * data.remarks.length, [{ label: '備考', value: '', w: BODY.width }]);
    data.remarks.forEach((r, i) => doc.fontSize(8.5).text(r, BODY.left + 4, y + 11 + i * 10, { lineBreak: false }));
  } else if (!lastPage) {
    doc.fontSize(8).text('（次頁に続く）', BODY.left, Math.min(y, BODY.bottom), { width: BODY.width, align: 'right', lineBreak: false });
  }
}
