import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isKioskError } from '../../common/errors';
import { ExtendedLengthCache } from '../../native/apdu/extended-length';
import { parseBasic4, parseMyNumberFile } from '../../native/card/basic4';
import { JpkiCard } from '../../native/card/jpki-ap';
import { TextApCard } from '../../native/card/text-ap';
import { bytes, derObject, HandlerTransport, hex, scripted, withFiller } from '../helpers/native-scripted-card';

const SELECT_JPKI = '00A4040C0AD392F000260100000001';
const SELECT_TEXT = '00A4040C0AD3921000310001010408';
const label = (s: string) => hex(new TextEncoder().encode(s.padEnd(32, ' ')));
const fresh = () => ({ extendedLengthCache: new ExtendedLengthCache() });
const DIGEST_INFO = bytes('3031300D060960864801650304020105000420' + '11'.repeat(32));

describe('JPKI AP', () => {
  it('detects in 3 commands: SELECT, token label by SFI, empty VERIFY', async () => {
    const t = scripted([
      [SELECT_JPKI, '9000'],
      ['00B0860020', label('JPKIAPICCTOKEN2') + '9000'],
      ['00200098', '63C3'],
    ]);
    const d = await new JpkiCard(t, fresh()).detect();
    assert.deepEqual(d, { tokenLabel: 'JPKIAPICCTOKEN2', medium: 'card', authPinTriesLeft: 3, atrHex: '3BE000FF8131FE4514' });
  });

  it('reports the sign certificate flag from EF 0008 when asked', async () => {
    const t = scripted([
      [SELECT_JPKI, '9000'],
      ['00B0860020', label('JPKIAPICCTOKEN2') + '9000'],
      ['00200098', '63C2'],
      ['00B0880003', '0F8F00 9000'],
    ]);
    const d = await new JpkiCard(t, fresh()).detect({ signCertStatus: true });
    assert.equal(d.hasSignCert, false);
    assert.equal(d.authPinTriesLeft, 2);
  });

  it('rejects other tokens by label and cards without the AP', async () => {
    for (const acceptPhones of [false, true]) {
      const t = scripted([[SELECT_JPKI, '9000'], ['00B0860020', label('JPKIAPICCTOKEN') + '9000']]);
      await assert.rejects(new JpkiCard(t, fresh()).detect({ acceptPhones }), (e) => isKioskError(e, 'card.not_my_number_card') && e.details.tokenLabel === 'JPKIAPICCTOKEN');
    }
    const none = scripted([[SELECT_JPKI, '6A82']]);
    await assert.rejects(new JpkiCard(none, fresh()).detect(), (e) => isKioskError(e, 'card.not_my_number_card') && e.details.reason === 'no_jpki_ap');
  });

  it('takes an Android token only when phones are accepted, and refuses an iPhone token either way', async () => {
    const phone = (l: string, more: [string, string][] = []) => scripted([[SELECT_JPKI, '9000'], ['00B0860020', label(l) + '9000'], ...more]);
    await assert.rejects(new JpkiCard(phone('JPKIAPGPSETOKEN'), fresh()).detect(),
      (e) => isKioskError(e, 'card.phone_not_supported') && e.details.medium === 'android' && e.details.reason === 'phones_not_accepted');
    const d = await new JpkiCard(phone('JPKIAPGPSETOKEN', [['00200098', '63C3']]), fresh()).detect({ acceptPhones: true });
    assert.deepEqual([d.medium, d.tokenLabel, d.authPinTriesLeft], ['android', 'JPKIAPGPSETOKEN', 3]);
    for (const acceptPhones of [false, true]) {
      await assert.rejects(new JpkiCard(phone('JPKIAPIOSTOKEN'), fresh()).detect({ acceptPhones }),
        (e) => isKioskError(e, 'card.phone_not_supported') && e.details.medium === 'iphone'
          && e.details.reason === (acceptPhones ? 'iphone_undocumented' : 'phones_not_accepted'));
    }
  });

  it('login fast path is 4 commands with the reference bytes', async () => {
    const cert = derObject(1500);
    const sig = 'AB'.repeat(256);
    const t = scripted([
      [SELECT_JPKI, '9000'],
      ['00B08A00000000', hex(withFiller(cert, 1700)) + '9000'],
      ['002000980431323334', '9000'],
      ['802A009733' + hex(DIGEST_INFO) + '00', sig + '9000'],
    ]);
    const card = new JpkiCard(t, fresh());
    assert.deepEqual(await card.readAuthCertificate(), cert);
    await card.verifyAuthPin('1234');
    assert.equal(hex(await card.signWithAuthKey(DIGEST_INFO)), sig);
    assert.equal(t.sent.length, 4);
  });

  it('checks PIN formats before any command is sent', async () => {
    const t = new HandlerTransport(() => bytes('9000'));
    const card = new JpkiCard(t, fresh());
    for (const bad of ['123', '12345', '12a4', '１２３４', '']) {
      await assert.rejects(card.verifyAuthPin(bad), (e) => isKioskError(e, 'card.pin_format'));
    }
    for (const bad of ['abc12', 'ABCDEFGHIJ1234567', 'pass word', 'パスワード1']) {
      await assert.rejects(card.verifySignPassword(bad), (e) => isKioskError(e, 'card.pin_format'));
    }
    assert.equal(t.sent.length, 0);
  });

  it('upper-cases the sign password, then gates the sign certificate on it', async () => {
    const cert = derObject(1400);
    const t = scripted([
      [SELECT_JPKI, '9000'],
      ['0020009B06' + hex(new TextEncoder().encode('ABC123')), '9000'],
      ['00B08100000000', hex(cert) + '9000'],
    ]);
    const card = new JpkiCard(t, fresh());
    await assert.rejects(card.readSignCertificate(), (e) => isKioskError(e, 'card.security_status'));
    assert.equal(t.sent.length, 0);
    await card.verifySignPassword('abc123');
    assert.deepEqual(await card.readSignCertificate(), cert);
  });

  it('maps wrong PIN, last try and blocked card', async () => {
    const t = scripted([
      [SELECT_JPKI, '9000'],
      ['002000980430303030', '63C2'],
      ['002000980430303030', '63C0'],
      ['002000980430303030', '6984'],
      ['00200098', '6984'],
    ]);
    const card = new JpkiCard(t, fresh());
    await assert.rejects(card.verifyAuthPin('0000'), (e) => isKioskError(e, 'card.wrong_pin') && e.details.triesLeft === 2);
    await assert.rejects(card.verifyAuthPin('0000'), (e) => isKioskError(e, 'card.pin_blocked'));
    await assert.rejects(card.verifyAuthPin('0000'), (e) => isKioskError(e, 'card.pin_blocked'));
    assert.equal(await card.authPinTriesLeft(), 0);
  });

  it('signing without a verified PIN is a typed security-status error; bad sizes are refused', async () => {
    const t = scripted([
      [SELECT_JPKI, '9000'],
      ['802A009733' + hex(DIGEST_INFO) + '00', '6982'],
      ['802A009733' + hex(DIGEST_INFO) + '00', 'AB'.repeat(10) + '9000'],
    ]);
    const card = new JpkiCard(t, fresh());
    await assert.rejects(card.signWithAuthKey(DIGEST_INFO), (e) => isKioskError(e, 'card.security_status') && e.details.sw === '6982');
    await assert.rejects(card.signWithAuthKey(DIGEST_INFO), (e) => isKioskError(e, 'card.malformed_response'));
    await assert.rejects(card.signWithAuthKey(new Uint8Array(246)), (e) => isKioskError(e, 'input.invalid'));
  });

  it('a truncated certificate is malformed, not a crash', async () => {
    const cert = derObject(1300);
    const broken = cert.slice();
    broken[4] = 0x04;
    broken[5] = 0x83; // inner length field now claims far more than its parent
    const t = scripted([[SELECT_JPKI, '9000'], ['00B08A00000000', hex(broken) + '9000']]);
    await assert.rejects(new JpkiCard(t, fresh()).readAuthCertificate(), (e) => isKioskError(e, 'card.malformed_response'));
  });
});

// 基本4情報 as the card stores it: FF 20 <len> { DF21 offsets, DF22 name, DF23 address, DF24 dob, DF25 sex }.
function basic4File(name: string, address: string, dob: string, sex: string, longForm: boolean): Uint8Array {
  const enc = new TextEncoder();
  const tlv = (tag: number, v: Uint8Array) => {
    const len = v.length < 0x80 ? [v.length] : [0x81, v.length];
    return [tag >> 8, tag & 0xff, ...len, ...v];
  };
  const parts = [tlv(0xdf22, enc.encode(name)), tlv(0xdf23, enc.encode(address)), tlv(0xdf24, enc.encode(dob)), tlv(0xdf25, enc.encode(sex))];
  const body = parts.flat();
  const valueLen = 11 + body.length;
  const header = longForm ? [0xff, 0x20, 0x82, valueLen >> 8, valueLen & 0xff] : [0xff, 0x20, valueLen];
  let off = header.length + 11;
  const offsets: number[] = [];
  for (const p of parts) {
    offsets.push(off >> 8, off & 0xff);
    off += p.length;
  }
  return withFiller(Uint8Array.from([...header, 0xdf, 0x21, 0x08, ...offsets, ...body]), header.length + valueLen + 40);
}

describe('text AP', () => {
  it('parses basic-4 in short and long outer length forms', () => {
    for (const long of [false, true]) {
      const info = parseBasic4(basic4File('窓口　花子', '東京都千代田区霞が関１－２－３', '19800217', '2', long));
      assert.deepEqual(info, { name: '窓口　花子', address: '東京都千代田区霞が関１－２－３', dob: '19800217', sex: '2' });
    }
  });

  it('refuses an offset table that points at the wrong element, and bad DOB / UTF-8', () => {
    const f = basic4File('A', 'B', '19800217', '1', false);
    const wrong = f.slice();
    wrong[6] = (wrong[6] as number) + 1; // name offset shifted by one byte
    assert.throws(() => parseBasic4(wrong), (e) => isKioskError(e, 'card.malformed_response'));
    assert.throws(() => parseBasic4(basic4File('A', 'B', '1980021X', '1', false)), (e) => isKioskError(e, 'card.malformed_response'));
    const badUtf8 = basic4File('AB', 'B', '19800217', '1', false);
    badUtf8[18] = 0xc3; // first byte of the name: a lead byte without continuation
    assert.throws(() => parseBasic4(badUtf8), (e) => isKioskError(e, 'card.malformed_response'));
  });

  it('reads basic-4 in 3 commands on the fast path with the text PIN', async () => {
    const file = basic4File('窓口　太郎', '大阪府大阪市北区１－１', '19750102', '1', false);
    const t = scripted([
      [SELECT_TEXT, '9000'],
      ['002000910431323334', '9000'],
      ['00B08200000000', hex(file) + '9000'],
    ]);
    const info = await new TextApCard(t, fresh()).readBasic4('1234');
    assert.equal(info.name, '窓口　太郎');
    assert.equal(info.dob, '19750102');
  });

  it('reads and validates the My Number only through the municipal-counter method', async () => {
    const ok = hex(new TextEncoder().encode('123456789018'));
    const t = scripted([
      [SELECT_TEXT, '9000'],
      ['002000910431323334', '9000'],
      ['00B0810011', 'FF100C' + ok + 'FFFF9000'],
      ['002000910431323334', '9000'],
      ['00B0810011', 'FF100C' + hex(new TextEncoder().encode('123456789012')) + 'FFFF9000'],
    ]);
    const card = new TextApCard(t, fresh());
    assert.equal(await card.readMyNumberForMunicipalCounter('1234'), '123456789018');
    await assert.rejects(card.readMyNumberForMunicipalCounter('1234'), (e) => isKioskError(e, 'card.malformed_response'));
    assert.throws(() => parseMyNumberFile(bytes('FF100C3132')), (e) => isKioskError(e, 'card.malformed_response'));
  });

  it('reports text PIN tries without spending one, and wrong text PIN with tries left', async () => {
    const t = scripted([
      [SELECT_TEXT, '9000'],
      ['00200091', '63C3'],
      ['002000910439393939', '63C2'],
    ]);
    const card = new TextApCard(t, fresh());
    assert.equal(await card.textPinTriesLeft(), 3);
    await assert.rejects(card.readBasic4('9999'), (e) => isKioskError(e, 'card.wrong_pin') && e.details.triesLeft === 2);
  });
});
