// Every card and reader failure has its own resident-facing text in all four languages: what
// happened and what to do (try again, clean the card, ask staff), never the generic
// "something went wrong" — that one is for faults of the kiosk itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ERROR_KINDS, type ErrorKind } from '../../common/errors';
import { errorText } from '../../renderer/src/app/flow';
import { LANGS, plain } from '../../renderer/src/i18n';

const cardKinds = (Object.keys(ERROR_KINDS) as ErrorKind[]).filter((k) => k.startsWith('card.') || k.startsWith('reader.'));

test('every card and reader error kind has its own text, not the internal fallback', () => {
  const internal = errorText('internal');
  for (const kind of cardKinds) {
    const t = errorText(kind);
    assert.notEqual(t.title, internal.title, `${kind} falls back to the generic message`);
  }
});

test('an unresponsive or too slow card tells the resident to clean the card and ask staff, in every language', () => {
  for (const kind of ['card.unresponsive', 'card.too_slow'] as const) {
    const t = errorText(kind);
    assert.equal(t.retry, true, `${kind}: trying again is offered`);
    for (const { code } of LANGS) {
      const next = plain(code, t.next);
      assert.ok(next.length > 20, `${kind} ${code}: "${next}" says what to do`);
    }
    assert.match(plain('en', t.next), /wipe/);
    assert.match(plain('en', t.next), /staff/);
    assert.match(plain('ja', t.next), /拭/);
  }
});

test('a damaged card is not shown as a wrong PIN or a certificate problem', () => {
  for (const kind of ['card.malformed_response', 'card.status_word'] as const) {
    const t = errorText(kind);
    assert.equal(t.title, 'err.cardDamaged.title');
    assert.match(plain('en', t.next), /damaged/);
  }
});
