// Where a Japanese line may break when furigana is shown. Each reading is its own inline box, so
// the browser's phrase-aware breaking (word-break: auto-phrase) no longer sees the sentence and a
// line could start with a particle (「を」) or split a word. We group the segments into phrases:
// a phrase ends after a run of hiragana (okurigana and particles) when something else follows,
// after 、。 and spaces, and before an opening bracket; never before closing punctuation, small
// kana or a long-vowel mark; an honorific お/ご stays with its word. A reading's word is never split. Pure, so it is unit-tested in Node.
import type { Segment } from './index';

const HIRAGANA = /^[\u3041-\u309f]$/;
const NO_START = /^[、。，．）」』】〕！？・ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ：:,.)\]]$/;
const OPENING = /^[（「『【〔(]$/;
const BREAK_AFTER = /^[、。，．！？\s]$/;

type Unit = Segment;

function units(segments: Segment[]): Unit[] {
  const out: Unit[] = [];
  for (const s of segments) {
    if (s.reading) out.push(s);
    else for (const ch of s.text) out.push({ text: ch });
  }
  return out;
}

const first = (u: Unit) => [...u.text][0] ?? '';
const last = (u: Unit) => [...u.text].at(-1) ?? '';

const HONORIFIC = /^[おご]$/;

/** Whether a line may break between a and b (c: the unit after b). */
function mayBreak(a: Unit, b: Unit, c: Unit | undefined): boolean {
  const after = last(a);
  const before = first(b);
  if (NO_START.test(before)) return false;
  // The honorific お/ご belongs to the word it precedes (お[取|と]り), not to the phrase before.
  if (!a.reading && HONORIFIC.test(after) && b.reading) return false;
  if (!b.reading && HONORIFIC.test(before) && c?.reading) return a.reading !== undefined || HIRAGANA.test(after) || BREAK_AFTER.test(after);
  if (BREAK_AFTER.test(after)) return true;
  if (OPENING.test(before)) return true;
  if (OPENING.test(after)) return false;
  // The end of okurigana / a particle: the next word starts (kanji, katakana, a reading, digits).
  return !a.reading && HIRAGANA.test(after) && (b.reading !== undefined || !HIRAGANA.test(before));
}

/** Segments grouped into unbreakable phrases; adjacent plain characters are merged again. */
export function phrases(segments: Segment[]): Segment[][] {
  const us = units(segments);
  const out: Segment[][] = [];
  let cur: Segment[] = [];
  us.forEach((u, i) => {
    if (i > 0 && mayBreak(us[i - 1]!, u, us[i + 1])) {
      out.push(cur);
      cur = [];
    }
    const prev = cur.at(-1);
    if (!u.reading && prev && !prev.reading) cur[cur.length - 1] = { text: prev.text + u.text };
    else cur.push(u);
  });
  if (cur.length) out.push(cur);
  return out;
}
