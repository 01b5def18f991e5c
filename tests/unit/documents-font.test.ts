import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { MINCHO_PATHS, minchoFont } from '../../templates/font';

// The certificate font reads glyph ids and advances straight from the font's tables (fast first
// render); they must agree with fontkit's own decoding for everything a certificate can contain.
test('glyph ids and advance widths agree with fontkit for Latin, kana, CJK and full-width forms', () => {
  const path = MINCHO_PATHS.find((p) => { try { return readFileSync(p).length > 0; } catch { return false; } })!;
  const reference = fontkit.create(readFileSync(path));
  const font = minchoFont();
  const ranges: [number, number][] = [[0x20, 0x7e], [0x3000, 0x30ff], [0x4e00, 0x9fff], [0xff01, 0xff9f], [0x20000, 0x2000f]];
  let checked = 0;
  for (const [from, to] of ranges) {
    for (let cp = from; cp <= to; cp++) {
      const expected = reference.glyphForCodePoint(cp);
      const got = font.layout(String.fromCodePoint(cp)).glyphs[0]!;
      assert.equal(got.id, expected.id, `U+${cp.toString(16)}`);
      assert.equal(got.advanceWidth, expected.advanceWidth, `U+${cp.toString(16)}`);
      checked++;
    }
  }
  assert.ok(checked > 21_000);
});

test('one parsed font per process', () => {
  assert.equal(minchoFont(), minchoFont());
});
