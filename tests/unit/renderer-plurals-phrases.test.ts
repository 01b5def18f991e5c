// Counted things read right in every language ("1 copy", "2 copies", "1 try left"), and furigana
// lines break only between phrases: never before a particle such as 「を」, never inside a word.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plain, segments, type Lang } from '../../renderer/src/i18n';
import { ja, type MessageKey } from '../../renderer/src/i18n/ja';
import { phrases } from '../../renderer/src/i18n/phrases';

describe('plural forms', () => {
  it('English counts one and many', () => {
    assert.equal(plain('en', 'iss.copies.count', { n: 1 }), '1 copy');
    assert.equal(plain('en', 'iss.copies.count', { n: 2 }), '2 copies');
    assert.equal(plain('en', 'pin.tries', { n: 1 }), '1 try left');
    assert.equal(plain('en', 'pin.tries', { n: 3 }), '3 tries left');
    assert.equal(plain('en', 'iss.confirm.people', { scope: 'Only you', count: 1, names: 'A' }), 'Only you (1 person): A');
    assert.equal(plain('en', 'iss.confirm.people', { scope: 'Whole household', count: 3, names: 'A, B, C' }), 'Whole household (3 people): A, B, C');
  });
  it('Japanese, Chinese and Korean have one form and keep the number', () => {
    assert.equal(plain('ja', 'iss.copies.count', { n: 1 }), '1通');
    assert.equal(plain('zh', 'iss.copies.count', { n: 2 }), '2 份');
    assert.equal(plain('ko', 'pin.tries', { n: 1 }), '남은 횟수 1회');
  });
  it('no message shows a raw placeholder or plural syntax once its variables are given', () => {
    for (const lang of ['ja', 'en', 'zh', 'ko'] as Lang[]) {
      for (const key of Object.keys(ja) as MessageKey[]) {
        const text = plain(lang, key, { n: 2, count: 2, fee: 300, name: '山田', names: '山田', scope: 'x', rel: 'y', ref: 'R', code: '1' });
        assert.doesNotMatch(text, /\{\w+, plural,|\{(n|count|fee|name|names)\}/, `${lang} ${key}: ${text}`);
      }
    }
  });
});

describe('furigana phrases', () => {
  const lines = (key: MessageKey) => phrases(segments(ja[key])).map((p) => p.map((s) => s.text).join(''));
  it('groups a particle with the word before it and keeps each reading whole', () => {
    assert.deepEqual(lines('pin.title'), ['暗証番号', '（数字4けた）を', '入力してください']);
    assert.deepEqual(lines('err.blocked.next').slice(0, 2), ['カードを', 'お取りになり、']);
  });
  it('no phrase of any message starts with 「を」, small kana, a long-vowel mark or closing punctuation', () => {
    for (const key of Object.keys(ja) as MessageKey[]) {
      const ps = lines(key);
      for (const p of ps.slice(1)) assert.doesNotMatch(p, /^[を、。）」ーっゃゅょ]/u, `${key}: ${ps.join(' | ')}`);
    }
  });
});
