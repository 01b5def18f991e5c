// What voice guidance says (renderer/src/app/spoken.ts): what happened first, then what to do; a
// printer fault in plain words; money as due / in / left and the change; never a PIN digit (the
// screen state holds none). And control labels are spoken from their kana readings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenSpeech, type Spoken } from '../../renderer/src/app/spoken';
import { issuanceSpeech } from '../../renderer/src/features/issuance/spoken';
import { plain } from '../../renderer/src/i18n';
import { spokenLabel } from '../../renderer/src/i18n/spoken-label';

const say = (parts: Spoken | null) => (parts ?? []).map((p) => plain('ja', p.k, p.vars ?? {}, true)).join('。');

test('a wrong PIN says so, with the tries left, before asking again', () => {
  const text = say(screenSpeech({ name: 'pin', reader: 'r', triesLeft: 2, problem: 'wrong' }, { cardOnReader: true, noReader: false }));
  assert.ok(text.startsWith('あんしょうばんごうがちがいます。のこり 2 かい'), text);
  const last = say(screenSpeech({ name: 'pin', reader: 'r', triesLeft: 1, problem: 'wrong' }, { cardOnReader: true, noReader: false }));
  assert.match(last, /あと1かいまちがえるとロックされます/);
});

test('a card pulled too early, and "take your card" while it is still on the reader', () => {
  assert.match(say(screenSpeech({ name: 'error', reader: null, error: { kind: 'card.removed' } }, { cardOnReader: false, noReader: false })), /^カードがとりだされました/);
  assert.match(say(screenSpeech({ name: 'authenticated', reader: 'r', holder: { issuer: 'x', notBefore: '2025-01-01', notAfter: '2030-01-01', serialTail: '1234', revocation: 'good', authenticatedAt: '2026-01-01' } }, { cardOnReader: true, noReader: false })), /カードをよみとりきからおとりください/);
});

test('a printer fault is said calmly with what happens next; money as due, in, left, and the change', () => {
  const fault = say(issuanceSpeech({ step: 'printing', requestId: 'q', change: 0, phase: 'held', printer: { state: 'stopped', message: 'printer.media-empty-error', needsStaff: true } as never }));
  assert.match(fault, /^ようしがなくなりました。かかりいんをおよびしています/);
  assert.match(say(issuanceSpeech({ step: 'paying', requestId: 'q', fee: 300, inserted: 0, remaining: 300, cancelling: false })), /おしはらい 300えん。あと 300えん/);
  assert.match(say(issuanceSpeech({ step: 'paying', requestId: 'q', fee: 300, inserted: 1000, remaining: 0, cancelling: false })), /いれたきんがく 1,000えん。あと 0えん/);
  assert.match(say(issuanceSpeech({ step: 'done', change: 700, receipt: 'printed' })), /^しょうめいしょとりょうしゅうしょをおとりください。おつり 700えんもおとりください/);
});

test('labels are spoken from their readings, numbers and units included', () => {
  assert.equal(spokenLabel('ja', '住民票の写し1通 200円'), 'じゅうみんひょうのうつし1つう 200えん');
  assert.equal(spokenLabel('en', 'Next'), 'Next');
});
