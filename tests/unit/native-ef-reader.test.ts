import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isKioskError, KioskError } from '../../common/errors';
import { ApduChannel } from '../../native/apdu/apdu-channel';
import { ExtendedLengthCache } from '../../native/apdu/extended-length';
import { readWholeEf } from '../../native/card/ef-reader';
import { bytes, derObject, fileCard, HandlerTransport, withFiller } from '../helpers/native-scripted-card';

const CERT = derObject(1315);
const ctxFor = (t: HandlerTransport, cache = new ExtendedLengthCache()) => ({ channel: new ApduChannel(t), cache, cacheKey: 'r|atr' });

describe('whole-EF read', () => {
  it('reads a certificate in one extended APDU and strips the FF filler', async () => {
    const t = fileCard({ files: { 0x0a: withFiller(CERT, 2000) } });
    const cache = new ExtendedLengthCache();
    const out = await readWholeEf(ctxFor(t, cache), 0x0a, 'auth cert');
    assert.deepEqual(out.bytes, CERT);
    assert.equal(out.path, 'extended');
    assert.deepEqual(t.sent, ['00B08A00000000']);
    assert.equal(cache.get('r|atr'), 'yes');
  });

  it('falls back to 256-byte chunks on 67 00 and remembers the pair is short-only', async () => {
    const t = fileCard({ extended: false, files: { 0x0a: withFiller(CERT, 2000) } });
    const cache = new ExtendedLengthCache();
    const out = await readWholeEf(ctxFor(t, cache), 0x0a, 'auth cert');
    assert.deepEqual(out.bytes, CERT);
    // probe + SFI first 256 + ⌈(1315−256)/256⌉ = 5 chunks by offset, last one exactly the remainder
    assert.deepEqual(t.sent, ['00B08A00000000', '00B08A0000', '00B0010000', '00B0020000', '00B0030000', '00B0040000', '00B0050023']);
    assert.equal(cache.get('r|atr'), 'no');
    // Next read of the same pair skips the probe.
    t.sent.length = 0;
    await readWholeEf(ctxFor(t, cache), 0x0a, 'auth cert');
    assert.equal(t.sent[0], '00B08A0000');
    assert.equal(t.sent.length, 6);
  });

  it('keeps a short answer to the extended probe as the first part', async () => {
    // A reader that silently caps the answer at 256 bytes.
    const inner = fileCard({ files: { 0x0a: withFiller(CERT, 2000) } });
    const t = new HandlerTransport(async (a) => {
      const r = await inner.transmit(a);
      return r.length > 258 ? Uint8Array.from([...r.subarray(0, 256), 0x90, 0x00]) : r;
    });
    const out = await readWholeEf(ctxFor(t), 0x0a, 'auth cert');
    assert.deepEqual(out.bytes, CERT);
    assert.equal(out.path, 'chunked');
    assert.deepEqual(t.sent.slice(0, 2), ['00B08A00000000', '00B0010000']);
  });

  it('falls back when the reader cannot carry the extended frame (NOT_TRANSACTED)', async () => {
    const inner = fileCard({ files: { 0x0a: withFiller(CERT, 1400) } });
    const t = new HandlerTransport(async (a) => {
      if (a.length === 7 && a[4] === 0) throw new KioskError('card.removed', 'x', { pcsc: '0x80100016' });
      return inner.transmit(a);
    });
    assert.deepEqual((await readWholeEf(ctxFor(t), 0x0a, 'auth cert')).bytes, CERT);
  });

  it('does not mistake a removed card for a short-only reader', async () => {
    const t = new HandlerTransport(async () => {
      throw new KioskError('card.removed', 'gone', { pcsc: '0x80100069' });
    });
    await assert.rejects(readWholeEf(ctxFor(t), 0x0a, 'auth cert'), (e) => isKioskError(e, 'card.removed'));
    assert.equal(t.sent.length, 1);
  });

  it('reports a header that claims more than the file holds as malformed (both paths, both EOF words)', async () => {
    const lying = withFiller(bytes('30 82 09 00 04 01 00'), 1500); // claims 2,308 bytes
    for (const extended of [true, false]) {
      for (const eofSw of ['6B00', '6282']) {
        const t = fileCard({ extended, eofSw, files: { 0x0a: lying } });
        await assert.rejects(readWholeEf(ctxFor(t), 0x0a, 'auth cert'), (e) => isKioskError(e, 'card.malformed_response'));
        assert.ok(t.sent.length <= 10, `bounded: ${t.sent.length} commands`);
      }
    }
  });

  it('passes real refusals through as typed errors (69 82, 6A 82)', async () => {
    const locked = new HandlerTransport(() => bytes('6982'));
    await assert.rejects(readWholeEf(ctxFor(locked), 0x01, 'sign cert'), (e) => isKioskError(e, 'card.security_status'));
    const t = fileCard({ files: {} });
    await assert.rejects(readWholeEf(ctxFor(t), 0x01, 'sign cert'), (e) => isKioskError(e, 'card.status_word') && e.details.sw === '6A82');
  });
});
