import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidMyNumber, myNumberCheckDigit } from '../../common/domain/my-number';

test('check digit follows the statutory weights (worked example 12345678901 → 8)', () => {
  // P·Q from the right: 1·2 0·3 9·4 8·5 7·6 6·7 5·2 4·3 3·4 2·5 1·6 = 212; 212 mod 11 = 3; 11 − 3 = 8
  assert.equal(myNumberCheckDigit('12345678901'), 8);
  assert.equal(isValidMyNumber('123456789018'), true);
  assert.equal(isValidMyNumber('123456789013'), false);
});

test('remainder 0 or 1 gives check digit 0', () => {
  assert.equal(myNumberCheckDigit('00000000000'), 0);
});

test('rejects anything but 12 ASCII digits', () => {
  for (const v of ['', '12345678901', '1234567890123', '12345678901a', '１２３４５６７８９０１３']) {
    assert.equal(isValidMyNumber(v), false, v);
  }
});
