// Seeded fuzzing of every parser that reads card bytes: only typed errors, never a crash or a hang.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { KioskError } from '../../common/errors';
import { parseResponse } from '../../native/apdu/apdu';
import { ApduChannel } from '../../native/apdu/apdu-channel';
import { ExtendedLengthCache } from '../../native/apdu/extended-length';
import { parseBasic4, parseMyNumberFile } from '../../native/card/basic4';
import { assertCompleteDer } from '../../native/card/der-check';
import { readWholeEf } from '../../native/card/ef-reader';
import { parseTlvHeader, parseTlvSequence } from '../../native/tlv/ber-tlv';
import { bytes, derObject, fileCard } from '../helpers/native-scripted-card';

/** mulberry32: small, fast, reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS = [
  bytes('FF 20 2B DF 21 08 00 0E 00 17 00 1F 00 2A DF 22 06 E5 B1 B1 E7 94 B0 DF 23 05 41 42 43 44 45 DF 24 08 31 39 38 30 30 32 31 37 DF 25 01 31 FF FF'),
  bytes('FF 10 0C 31 32 33 34 35 36 37 38 39 30 31 38 FF FF'),
  derObject(600),
];

function mutate(r: () => number, seed: Uint8Array): Uint8Array {
  const mode = Math.floor(r() * 4);
  if (mode === 0) return Uint8Array.from({ length: Math.floor(r() * 64) }, () => Math.floor(r() * 256));
  const out = seed.slice(0, mode === 1 ? Math.floor(r() * (seed.length + 1)) : seed.length);
  const flips = 1 + Math.floor(r() * 6);
  for (let i = 0; i < flips && out.length > 0; i++) {
    const pos = r() < 0.5 ? Math.floor(r() * Math.min(8, out.length)) : Math.floor(r() * out.length);
    out[pos] = r() < 0.3 ? [0x00, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0xff][Math.floor(r() * 9)] as number : Math.floor(r() * 256);
  }
  return out;
}

function onlyTyped(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof KioskError)) throw err;
  }
}

it('20,000 mutated inputs: TLV, DER, basic-4, My Number and response parsers throw only typed errors', () => {
  const r = rng(0x4d4e43);
  const t0 = Date.now();
  // The unmutated seeds are valid, so mutations start from inputs that reach deep into the parsers.
  assert.equal(parseBasic4(SEEDS[0] as Uint8Array).dob, '19800217');
  assert.equal(parseMyNumberFile(SEEDS[1] as Uint8Array), '123456789018');
  const kinds = new Set<string>();
  for (let i = 0; i < 20_000; i++) {
    const input = mutate(r, SEEDS[i % SEEDS.length] as Uint8Array);
    onlyTyped(() => parseTlvHeader(input));
    onlyTyped(() => parseTlvSequence(input));
    onlyTyped(() => parseResponse(input));
    onlyTyped(() => assertCompleteDer(input, 'fuzz'));
    onlyTyped(() => parseMyNumberFile(input));
    try {
      parseBasic4(input);
    } catch (err) {
      assert.ok(err instanceof KioskError, String(err));
      kinds.add(err.kind);
    }
  }
  assert.deepEqual([...kinds], ['card.malformed_response']);
  assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms`);
});

it('1,000 mutated files through the whole-EF reader: typed errors, bounded command counts', async () => {
  const r = rng(7);
  for (let i = 0; i < 1000; i++) {
    const file = mutate(r, SEEDS[2] as Uint8Array);
    const t = fileCard({ extended: r() < 0.5, files: { 0x0a: file } });
    try {
      await readWholeEf({ channel: new ApduChannel(t), cache: new ExtendedLengthCache(), cacheKey: 'k' }, 0x0a, 'fuzz');
    } catch (err) {
      assert.ok(err instanceof KioskError, String(err));
    }
    assert.ok(t.sent.length <= 2 + Math.ceil(65_536 / 256), `${t.sent.length} commands`);
  }
});
