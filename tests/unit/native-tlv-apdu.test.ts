import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isKioskError } from '../../common/errors';
import { encodeApdu, parseResponse } from '../../native/apdu/apdu';
import { ApduChannel } from '../../native/apdu/apdu-channel';
import { errorForStatus } from '../../native/apdu/status-words';
import { parseTlv, parseTlvHeader, parseTlvSequence } from '../../native/tlv/ber-tlv';
import { bytes, hex, scripted } from '../helpers/native-scripted-card';

const malformed = (err: unknown) => isKioskError(err, 'card.malformed_response');

describe('BER-TLV header', () => {
  it('reads 1- and 2-byte tags with short, 81 and 82 lengths', () => {
    assert.deepEqual(parseTlvHeader(bytes('30 82 05 1F')), { tag: 0x30, tagLength: 1, length: 0x51f, headerLength: 4, totalLength: 1315 });
    assert.equal(parseTlvHeader(bytes('FF 20 65')).totalLength, 3 + 0x65);
    assert.equal(parseTlvHeader(bytes('FF 20 81 C8')).totalLength, 4 + 200);
    assert.equal(parseTlvHeader(bytes('FF 20 82 01 2C')).length, 300);
    assert.equal(parseTlvHeader(bytes('7F 21 83 01 00 00')).length, 65536);
    assert.equal(parseTlvHeader(bytes('DF 22 05')).tag, 0xdf22);
  });

  it('rejects truncation, indefinite and oversize length fields with typed errors', () => {
    for (const h of ['', '30', '30 82 05', 'FF', 'FF 20', '30 80', '30 85 01 01 01 01 01', 'FF FF FF FF 01']) {
      assert.throws(() => parseTlvHeader(bytes(h)), malformed, h);
    }
  });

  it('refuses a value that runs past the data (lying length)', () => {
    assert.throws(() => parseTlv(bytes('DF 22 05 41 42')), malformed);
    assert.throws(() => parseTlvSequence(bytes('DF 22 01 41 DF 23 09 41')), malformed);
    assert.deepEqual(
      parseTlvSequence(bytes('DF 22 01 41 DF 23 00')).map((t) => [t.tag, t.length]),
      [[0xdf22, 1], [0xdf23, 0]],
    );
  });
});

describe('APDU encoding', () => {
  it('encodes the card commands of the reference byte for byte', () => {
    const aid = bytes('D3 92 F0 00 26 01 00 00 00 01');
    assert.equal(hex(encodeApdu({ cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, data: aid })), '00A4040C0AD392F000260100000001');
    assert.equal(hex(encodeApdu({ cla: 0, ins: 0xb0, p1: 0x8a, p2: 0, le: 65536, extended: true })), '00B08A00000000');
    assert.equal(hex(encodeApdu({ cla: 0, ins: 0xb0, p1: 0x86, p2: 0, le: 0x20 })), '00B0860020');
    assert.equal(hex(encodeApdu({ cla: 0, ins: 0xb0, p1: 0x8a, p2: 0, le: 256 })), '00B08A0000');
    assert.equal(hex(encodeApdu({ cla: 0, ins: 0x20, p1: 0, p2: 0x98 })), '00200098');
    const di = new Uint8Array(51);
    const sign = encodeApdu({ cla: 0x80, ins: 0x2a, p1: 0, p2: 0x97, data: di, le: 256 });
    assert.equal(sign.length, 57);
    assert.equal(hex(sign.subarray(0, 5)), '802A009733');
    assert.equal(sign[56], 0);
    // Extended case 4: 00 marker, 2-byte Lc, data, 2-byte Le.
    assert.equal(hex(encodeApdu({ cla: 0, ins: 0x2a, p1: 0, p2: 0, data: new Uint8Array(300), le: 65536 }).subarray(0, 7)), '002A000000012C');
  });

  it('rejects impossible parameters and status-less responses', () => {
    assert.throws(() => encodeApdu({ cla: 0, ins: 0x100, p1: 0, p2: 0 }), (e) => isKioskError(e, 'input.invalid'));
    assert.throws(() => encodeApdu({ cla: 0, ins: 0, p1: 0, p2: 0, le: 0 }), (e) => isKioskError(e, 'input.invalid'));
    assert.throws(() => parseResponse(bytes('90')), malformed);
    assert.equal(parseResponse(bytes('0102 6A82')).sw, 0x6a82);
  });
});

describe('status words', () => {
  it('maps VERIFY answers to wrong_pin / pin_blocked with tries left', () => {
    const e2 = errorForStatus(0x63c2, 'VERIFY');
    assert.equal(e2.kind, 'card.wrong_pin');
    assert.equal(e2.details.triesLeft, 2);
    assert.equal(errorForStatus(0x63c0, 'VERIFY').kind, 'card.pin_blocked');
    assert.equal(errorForStatus(0x6984, 'VERIFY').kind, 'card.pin_blocked');
    assert.equal(errorForStatus(0x6982, 'SIGN').kind, 'card.security_status');
    const other = errorForStatus(0x6a86, 'SIGN');
    assert.equal(other.kind, 'card.status_word');
    assert.equal(other.details.sw, '6A86');
  });
});

describe('APDU channel', () => {
  it('follows 61 xx with GET RESPONSE and concatenates the parts', async () => {
    const t = scripted([
      ['00B0860020', '4142 6104'],
      ['00C0000004', '43444546 9000'],
    ]);
    const res = await new ApduChannel(t).send({ cla: 0, ins: 0xb0, p1: 0x86, p2: 0, le: 0x20 });
    assert.equal(hex(res.data), '414243444546');
    assert.equal(res.sw, 0x9000);
  });

  it('resends with the exact Le after 6C xx', async () => {
    const t = scripted([
      ['00B0860020', '6C03'],
      ['00B0860003', '010203 9000'],
    ]);
    const data = await new ApduChannel(t).expectOk({ cla: 0, ins: 0xb0, p1: 0x86, p2: 0, le: 0x20 }, 'read');
    assert.equal(hex(data), '010203');
  });

  it('repeats only the first command of a session when the card answers 6F 00 after power-up', async () => {
    const t = scripted([
      ['00200098', '6F00'],
      ['00200098', '63C3'],
      ['00200098', '6F00'],
    ]);
    const ch = new ApduChannel(t);
    assert.equal((await ch.send({ cla: 0, ins: 0x20, p1: 0, p2: 0x98 })).sw, 0x63c3);
    // Later 6F 00 is a real answer, not retried.
    assert.equal((await ch.send({ cla: 0, ins: 0x20, p1: 0, p2: 0x98 })).sw, 0x6f00);
  });

  it('bounds a card that answers 61 xx forever', async () => {
    const ch = new ApduChannel(
      new (await import('../helpers/native-scripted-card')).HandlerTransport(() => bytes('00 6101')),
    );
    await assert.rejects(ch.send({ cla: 0, ins: 0xb0, p1: 0x86, p2: 0, le: 1 }), malformed);
  });
});
