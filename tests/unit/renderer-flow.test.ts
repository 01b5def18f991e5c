// The UI's flow reducer and message tables, in Node: every transition a person can cause, the
// wipe of holder data when a session ends, and the four languages staying complete.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flow, initialFlow, errorText, holdsSession, type FlowAction, type FlowState } from '../../renderer/src/app/flow';
import { en } from '../../renderer/src/i18n/en';
import { ja } from '../../renderer/src/i18n/ja';
import { ko } from '../../renderer/src/i18n/ko';
import { zh } from '../../renderer/src/i18n/zh';
import { plain, segments } from '../../renderer/src/i18n';
import { ERROR_KINDS, type ErrorKind } from '../../common/errors';

const R = 'Virtual PCD 00 00';
const holder = { issuer: 'JPKI-TEST', notBefore: '2024-01-01T00:00:00Z', notAfter: '2029-01-01T00:00:00Z', serialTail: 'ABCD', revocation: 'good' as const, authenticatedAt: '2025-01-01T00:00:00Z' };
const run = (actions: FlowAction[], from: FlowState = initialFlow) => actions.reduce(flow, from);

describe('flow', () => {
  it('walks the happy path and ends on idle once the card is taken', () => {
    let s = run([{ type: 'card-inserted', reader: R }]);
    assert.deepEqual(s.screen, { name: 'reading', reader: R });
    s = run([{ type: 'start-ok', overview: { reader: R, authPinTriesLeft: 3 } }, { type: 'login-submitted' }, { type: 'login-ok', holder }], s);
    assert.equal(s.screen.name, 'authenticated');
    s = run([{ type: 'home' }], s);
    assert.deepEqual(s.screen, { name: 'goodbye', reader: R }, 'card still on the reader → reminder');
    s = run([{ type: 'card-removed', reader: R }], s);
    assert.deepEqual(s, { screen: { name: 'idle' }, cards: [], offered: [] });
  });

  it('keeps the PIN screen on a wrong PIN with the new tries count, and blocks at zero', () => {
    const pin = run([{ type: 'card-inserted', reader: R }, { type: 'start-ok', overview: { reader: R, authPinTriesLeft: 3 } }, { type: 'login-submitted' }]);
    const wrong = run([{ type: 'failed', error: { kind: 'card.wrong_pin', details: { triesLeft: 1 } } }], pin);
    assert.deepEqual(wrong.screen, { name: 'pin', reader: R, triesLeft: 1, problem: 'wrong' });
    const blocked = run([{ type: 'login-submitted' }, { type: 'failed', error: { kind: 'card.wrong_pin', details: { triesLeft: 0 } } }], wrong);
    assert.equal(blocked.screen.name === 'error' && blocked.screen.error.kind, 'card.pin_blocked');
  });

  it('goes straight to the blocked message when the card reports 0 tries', () => {
    const s = run([{ type: 'card-inserted', reader: R }, { type: 'start-ok', overview: { reader: R, authPinTriesLeft: 0 } }]);
    assert.equal(s.screen.name === 'error' && s.screen.error.kind, 'card.pin_blocked');
  });

  it('drops the holder facts when the session times out', () => {
    const auth = run([{ type: 'card-inserted', reader: R }, { type: 'start-ok', overview: { reader: R, authPinTriesLeft: 3 } }, { type: 'login-submitted' }, { type: 'login-ok', holder }, { type: 'card-removed', reader: R }]);
    assert.equal(auth.screen.name, 'authenticated', 'taking the card after the PIN is expected');
    const out = run([{ type: 'session-ended', reason: 'timeout' }], auth);
    assert.deepEqual(out.screen, { name: 'goodbye', reader: null, timedOut: true }, 'the goodbye says the visit timed out');
    assert.ok(!JSON.stringify(out).includes('ABCD'));
  });

  it('treats a card pulled before the PIN is accepted as an abort', () => {
    const s = run([{ type: 'card-inserted', reader: R }, { type: 'start-ok', overview: { reader: R, authPinTriesLeft: 3 } }, { type: 'card-removed', reader: R }]);
    assert.equal(s.screen.name === 'error' && s.screen.error.kind, 'card.removed');
  });

  it('runs the idle timer exactly while a session may be open', () => {
    assert.deepEqual(['idle', 'reading', 'goodbye'].map((name) => holdsSession({ name } as never)), [false, false, false]);
    assert.ok(holdsSession({ name: 'pin', reader: R, triesLeft: 3, problem: null }));
  });
});

describe('messages', () => {
  it('every language has every key, with the same placeholders', () => {
    for (const [name, table] of Object.entries({ en, zh, ko })) {
      assert.deepEqual(Object.keys(table).sort(), Object.keys(ja).sort(), name);
      // A plural form (`{n, plural, one {…} other {…}}`) counts as its variable.
      const vars = (text: string) => [...text.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]).sort();
      for (const key of Object.keys(ja) as (keyof typeof ja)[]) {
        assert.deepEqual(vars(table[key]), vars(ja[key]), `${name} ${key}`);
      }
    }
  });
  it('every error kind maps to a message that exists', () => {
    for (const kind of Object.keys(ERROR_KINDS) as ErrorKind[]) {
      const t = errorText(kind);
      assert.ok(ja[t.title] && ja[t.next], kind);
    }
  });
  it('parses furigana markup and speaks the readings', () => {
    assert.deepEqual(segments('[暗証番号|あんしょうばんごう]を'), [{ text: '暗証番号', reading: 'あんしょうばんごう' }, { text: 'を' }]);
    assert.equal(plain('ja', 'pin.tries', { n: 2 }), '残り 2 回');
    assert.equal(plain('ja', 'pin.tries', { n: 2 }, true), 'のこり 2 かい');
    assert.ok(Object.values(ja).every((v) => !/[[\]|]/.test(plain('ja', 'idle.title') + v.replace(/\[[^|\]]+\|[^\]]+\]/g, ''))), 'no broken markup');
  });
});
