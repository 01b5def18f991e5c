// test-lane: free
// Every message of the English, Chinese and Korean tables is free of the Japanese script that language
// never uses (English: kana, kanji, full-width forms; Chinese: kana; Korean: kana and hanja) — the same
// rule the screen sweeps apply to what is rendered, here over every message at once, including those of
// screens the quick sweep of `npm test` looks at in 日本語 and English only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { en } from '../../renderer/src/i18n/en';
import { ko } from '../../renderer/src/i18n/ko';
import { zh } from '../../renderer/src/i18n/zh';
import { FOREIGN_SCRIPT, registryNames } from '../e2e-browser/screens-checks';

const TABLES = { en, zh, ko } as const;

for (const [lang, table] of Object.entries(TABLES) as [keyof typeof TABLES, Record<string, string>][]) {
  test(`every ${lang} message is written in ${lang}'s script`, () => {
    const re = new RegExp(FOREIGN_SCRIPT[lang]);
    const names = registryNames();
    const wrong = Object.entries(table).filter(([, text]) => re.test(names.reduce((t, n) => t.split(n).join(''), text)));
    assert.ok(Object.keys(table).length > 300, 'the whole table is read');
    assert.deepEqual(wrong.map(([key, text]) => `${key}: ${text.slice(0, 60)}`), []);
  });
}
