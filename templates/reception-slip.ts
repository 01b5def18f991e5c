// 受付票 (hospital reception slip): the reception number very large — it is the key the desk and the
// consulting room call by — then the department, the time, what to do next and the hospital's name.
// The patient's language is printed large with the Japanese beside it for staff. Nothing else about
// the patient: no name, no insurance numbers, no eligibility details (a slip left on a chair tells
// a stranger only a number). Bound to its visit (kind 'reception-slip') like the receipt, so the
// kiosk printer's pre-send check applies to it.
// Fonts: IPAex Gothic (TrueType, cached like the certificates' Mincho: a warm slip renders in a few
// ms) for Japanese and English; Noto Sans CJK (fonts-noto-cjk) in its Simplified Chinese or Korean
// face for those languages, which IPAex does not cover. Bold is drawn as fill + stroke of the same
// face, so the number costs no second font.
import PDFDocument from 'pdfkit';
import { z } from 'zod';
import { KioskError } from '../common/errors';
import { bindingInfo } from './binding';
import { gothicFont } from './font';
import { A4 } from './geometry';
import { notoCjkFace } from './noto-cjk';
import { SLIP_LANGUAGES, SLIP_NEXT, SLIP_NEXT_STEPS, SLIP_WORDS, type SlipLanguage } from './reception-slip-text';

export { SLIP_LANGUAGES, SLIP_NEXT_STEPS, type SlipLanguage, type SlipNextStep } from './reception-slip-text';

const name = z.string().max(60);
export const ReceptionSlipData = z.object({
  /** ORCA's Acceptance_Id; null when the desk registers the reception (the slip then says so). */
  receptionNumber: z.string().regex(/^[0-9A-Za-z-]{1,12}$/).nullable(),
  department: z.object({ code: z.string().max(8), name: z.object({ ja: name.min(1), en: name, zh: name, ko: name }) }),
  /** yyyy-MM-dd and HH:mm[:ss], Japan time. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  time: z.string().regex(/^\d{2}:\d{2}(:\d{2})?$/),
  next: z.enum(SLIP_NEXT_STEPS),
  hospital: z.string().min(1).max(80),
  kioskId: z.string().min(1).max(64),
  /** The language the patient used at the kiosk (default Japanese). */
  language: z.enum(SLIP_LANGUAGES).default('ja'),
});
export type ReceptionSlipInput = z.input<typeof ReceptionSlipData>;
type Slip = z.output<typeof ReceptionSlipData>;

/** The visit the slip belongs to: the printer compares these with the job before sending. */
export interface ReceptionSlipBinding { documentId: string; requestId: string; subjectHash: string }

type Doc = InstanceType<typeof PDFDocument>;

/** The language's face of Noto Sans CJK (noto-cjk.ts). */
const noto = notoCjkFace;

/** The face the patient's words are set in ('ja' = IPAex Gothic, also for English). */
function localFace(lang: SlipLanguage): string {
  return lang === 'zh' || lang === 'ko' ? lang : 'ja';
}

export async function renderReceptionSlipPdf(input: ReceptionSlipInput, binding: ReceptionSlipBinding): Promise<Uint8Array> {
  const parsed = ReceptionSlipData.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KioskError('input.invalid', `reception slip: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(), { field: issue?.path.join('.') ?? '' });
  }
  const slip = parsed.data;
  const when = new Date(`${slip.date}T${slip.time.length === 5 ? `${slip.time}:00` : slip.time}+09:00`);
  const info = bindingInfo({ issuanceId: binding.documentId, requestId: binding.requestId, subjectHash: binding.subjectHash, kind: 'reception-slip' });
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, compress: true, info: { CreationDate: when, ModDate: when } });
  Object.assign(doc.info, { Producer: 'madoguchi', Creator: 'madoguchi', Title: `受付票 ${slip.receptionNumber ?? ''}`.trim(), Author: slip.hospital, Subject: '受付票', ...info });
  doc.registerFont('ja', gothicFont() as never);
  if (slip.language === 'zh' || slip.language === 'ko') doc.registerFont(slip.language, noto(slip.language) as never);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.addPage({ size: 'A4', margin: 0 });
  drawSlip(doc, slip);
  doc.end();
  await ended;
  const out = Buffer.concat(chunks);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

const LEFT = 56;
const WIDTH = A4.width - 2 * LEFT;
const GREY = '#555555';

/** The largest size ≤ max at which the text fits the width on one line. */
function fitSize(doc: Doc, text: string, max: number, width: number): number {
  doc.fontSize(max);
  const w = doc.widthOfString(text);
  return w <= width ? max : Math.max(8, Math.floor((max * width) / w));
}

/** One centred line, shrunk to fit; bold = filled and stroked (4 % of the size) in the same colour. */
function centred(doc: Doc, font: string, text: string, size: number, y: number, o: { color?: string; bold?: boolean } = {}): void {
  const color = o.color ?? 'black';
  doc.font(font).fillColor(color).strokeColor(color);
  const fitted = fitSize(doc, text, size, WIDTH);
  doc.lineWidth(fitted * 0.04).fontSize(fitted).text(text, LEFT, y, { width: WIDTH, align: 'center', lineBreak: false, fill: true, stroke: o.bold === true });
}

/** "受付番号" for a Japanese slip, "受付番号 / Reception number" otherwise. */
function label(slip: Slip, words: Record<SlipLanguage, string>): string {
  return slip.language === 'ja' ? words.ja : `${words.ja} / ${words[slip.language]}`;
}

function drawSlip(doc: Doc, slip: Slip): void {
  const lang = slip.language;
  const local = localFace(lang);
  centred(doc, 'ja', slip.hospital, 18, 48);
  centred(doc, 'ja', SLIP_WORDS.title.ja, 30, 80, { bold: true });
  if (lang !== 'ja') centred(doc, local, SLIP_WORDS.title[lang], 16, 120, { color: GREY });

  // The number: as large as the width allows (5 digits ≈ 170 pt), inside a rule so it reads as one thing.
  const top = 156;
  doc.lineWidth(2).strokeColor('black').roundedRect(LEFT, top, WIDTH, 250, 12).stroke();
  doc.font(local).fillColor(GREY).fontSize(15).text(label(slip, SLIP_WORDS.number), LEFT, top + 16, { width: WIDTH, align: 'center', lineBreak: false });
  if (slip.receptionNumber) {
    const size = fitSize(doc.font('ja'), slip.receptionNumber, 170, WIDTH - 40);
    // Centre the line box in the space under the label.
    centred(doc, 'ja', slip.receptionNumber, size, top + 46 + (190 - size * 1.1) / 2, { bold: true });
  } else {
    centred(doc, 'ja', SLIP_WORDS.noNumber.ja, 26, top + 110, { bold: true });
    if (lang !== 'ja') centred(doc, local, SLIP_WORDS.noNumber[lang], 18, top + 150);
  }

  // Department and time: label over value, the patient's words beside the Japanese.
  let y = top + 276;
  const dept = slip.department.name;
  const deptLocal = lang === 'ja' || !dept[lang] || dept[lang] === dept.ja ? '' : dept[lang];
  y = row(doc, slip, SLIP_WORDS.department, dept.ja, deptLocal, y);
  const [yy, mm, dd] = slip.date.split('-').map(Number);
  y = row(doc, slip, SLIP_WORDS.time, `${yy}年${mm}月${dd}日\u3000${slip.time.slice(0, 5)}`, '', y);

  // What to do next: the patient's language first and large, the Japanese under it for staff.
  y += 14;
  const next = SLIP_NEXT[slip.next];
  const boxTop = y;
  const nextLocal = wrapped(doc.font(local).fontSize(20), lang, next[lang], WIDTH - 40);
  const localHeight = doc.heightOfString(nextLocal, { width: WIDTH - 40, lineGap: 4 });
  doc.font('ja').fontSize(14);
  const jaHeight = lang === 'ja' ? 0 : doc.heightOfString(next.ja, { width: WIDTH - 40, lineGap: 2 }) + 10;
  const boxHeight = localHeight + jaHeight + 32;
  doc.lineWidth(1).strokeColor('black').fillColor('#f2f2f2').rect(LEFT, boxTop, WIDTH, boxHeight).fillAndStroke();
  doc.fillColor('black').font(local).fontSize(20).text(nextLocal, LEFT + 20, boxTop + 16, { width: WIDTH - 40, lineGap: 4 });
  if (lang !== 'ja') doc.fillColor(GREY).font('ja').fontSize(14).text(next.ja, LEFT + 20, boxTop + 16 + localHeight + 10, { width: WIDTH - 40, lineGap: 2 });
  y = boxTop + boxHeight + 22;

  doc.fillColor('black').font(local).fontSize(13).text(wrapped(doc, lang, SLIP_WORDS.keep[lang], WIDTH), LEFT, y, { width: WIDTH, align: 'center' });
  if (lang !== 'ja') doc.fillColor(GREY).font('ja').fontSize(11).text(SLIP_WORDS.keep.ja, LEFT, doc.y + 4, { width: WIDTH, align: 'center' });
  doc.fillColor(GREY).font('ja').fontSize(8).text(`端末 ${slip.kioskId}\u3000${slip.department.code}`, LEFT, A4.height - 34, { width: WIDTH, align: 'right', lineBreak: false });
  doc.fillColor('black');
}

/** The font's ascent at this size (pdfkit keeps it in 1/1000 em). */
function ascent(doc: Doc, font: string, size: number): number {
  return ((doc.font(font) as unknown as { _font: { ascender: number } })._font.ascender / 1000) * size;
}

/**
 * Korean is written with spaces between words, but the line breaker also breaks between Hangul
 * syllables (UAX #14), splitting a word: Korean text is wrapped here at spaces only. Other languages
 * go to pdfkit as they are (Japanese and Chinese may break between characters).
 */
function wrapped(doc: Doc, lang: SlipLanguage, text: string, width: number): string {
  if (lang !== 'ko') return text;
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && doc.widthOfString(`${lines[last]} ${word}`) <= width) lines[last] = `${lines[last]} ${word}`;
    else lines.push(word);
  }
  return lines.join('\n');
}

/** A labelled row: the label small, the Japanese value large, the patient's words after it. Returns the next y. */
function row(doc: Doc, slip: Slip, words: Record<SlipLanguage, string>, ja: string, local: string, y: number): number {
  const face = localFace(slip.language);
  doc.font(face).fillColor(GREY).fontSize(12).text(label(slip, words), LEFT, y, { width: WIDTH, lineBreak: false });
  // Sized on the whole line, drawn in two faces: the Japanese in the Japanese one, the rest in the patient's.
  const size = fitSize(doc.font(face), local ? `${ja}\u3000${local}` : ja, 26, WIDTH);
  if (local && size < 20) {
    // Too long for one line at a readable size: the patient's words go on a line of their own.
    const jaSize = fitSize(doc.font('ja'), ja, 26, WIDTH);
    doc.fillColor('black').fontSize(jaSize).text(ja, LEFT, y + 18, { lineBreak: false });
    const localSize = fitSize(doc.font(face), local, 18, WIDTH);
    doc.fillColor(GREY).fontSize(localSize).text(local, LEFT, y + 22 + jaSize * 1.2, { lineBreak: false });
    return y + 30 + jaSize * 1.2 + localSize * 1.3;
  }
  doc.font('ja').fillColor('black').fontSize(size).text(ja, LEFT, y + 18, { lineBreak: false });
  if (local) {
    // Two faces with different ascents: the second is moved so both share one baseline.
    const x = LEFT + doc.widthOfString(`${ja}\u3000`);
    const shift = ascent(doc, 'ja', size) - ascent(doc, face, size);
    doc.font(face).fillColor(GREY).fontSize(size).text(local, x, y + 18 + shift, { lineBreak: false });
  }
  return y + 58;
}

/**
 * Start-up preparation: parses the fonts and renders one throwaway slip per language, so the first
 * patient's slip renders warm (≈25 ms in Japanese instead of ≈200 ms; Chinese or Korean ≈1.5 s cold).
 */
export async function prepareReceptionSlipRenderer(languages: readonly SlipLanguage[] = ['ja']): Promise<void> {
  for (const language of languages) {
    await renderReceptionSlipPdf({
      receptionNumber: '0', department: { code: '0', name: { ja: '内科', en: 'Internal medicine', zh: '内科', ko: '내과' } },
      date: '2026-01-01', time: '00:00', next: 'wait', hospital: '病院', kioskId: 'warm-up', language,
    }, { documentId: 'warm-up', requestId: 'warm-up', subjectHash: '0'.repeat(64) });
  }
}
