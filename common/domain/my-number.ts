// 個人番号 (My Number): 11 digits + 1 check digit, per 行政手続における特定の個人を識別するための番号の
// 利用等に関する法律施行令 第8条. Pure; used by the card client (validate what the card returns) and by the
// virtual card's profile data (generate valid numbers).

/** Check digit for the first 11 digits. */
export function myNumberCheckDigit(first11: string): number {
  if (!/^\d{11}$/.test(first11)) throw new RangeError('need exactly 11 digits');
  let sum = 0;
  // n counts from the least significant of the 11 digits (n = 1) upwards.
  for (let n = 1; n <= 11; n++) {
    const p = Number(first11[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

/** True when `value` is 12 ASCII digits whose last digit is the correct check digit. */
export function isValidMyNumber(value: string): boolean {
  return /^\d{12}$/.test(value) && myNumberCheckDigit(value.slice(0, 11)) === Number(value[11]);
}
