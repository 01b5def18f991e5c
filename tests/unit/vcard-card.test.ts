// The virtual card's JPKI AP, in process: every jpki-card.md §12 behaviour a client relies on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPrivateKey, createPublicKey, constants, publicDecrypt, verify } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualCard, ATRS, type CardQuirks } from '../../simulators/vcard/card';
import { fixtureCardConfig, fixtureKeys } from '../../simulators/vcard/fixture-card';
import { resetCardState } from '../../simulators/vcard/pin-store';

const JPKI = '00A4040C0AD392F000260100000001';
const DIGEST_INFO = '3031300d060960864801650304020105000420';

function freshCard(quirks: Partial<CardQuirks> = {}, extra: Parameters<typeof fixtureCardConfig>[0] | object = {}) {
  const stateDir = mkdtempSync(join(tmpdir(), 'vcard-'));
  const config = fixtureCardConfig({ id: 'card-under-test', stateDir, quirks, ...extra });
  const card = new VirtualCard(config);
  card.powerOn();
  return { card, config, stateDir };
}

function tx(card: VirtualCard, hexApdu: string): { sw: string; data: Buffer } {
  const r = Buffer.from(card.transmit(Buffer.from(hexApdu.replace(/\s+/g, ''), 'hex')));
  return { sw: r.subarray(-2).toString('hex').toUpperCase(), data: r.subarray(0, -2) };
}

const ascii = (s: string) => Buffer.from(s).toString('hex');
const verifyApdu = (p2: string, value: string) => `002000${p2}${value.length.toString(16).padStart(2, '0')}${ascii(value)}`;
const signApdu = (p1: string, p2: string, input: Buffer) => `802A${p1}${p2}${input.length.toString(16).padStart(2, '0')}${input.toString('hex')}00`;

test('SELECT by AID answers 90 00 with no data; unknown AID and EF give 6A 82', () => {
  const { card } = freshCard();
  for (const aid of ['D392F000260100000001', 'D3921000310001010408', 'D3921000310001010402', 'D3921000310001010401', 'D3921000310001010100']) {
    assert.deepEqual(tx(card, `00A4040C0A${aid}`), { sw: '9000', data: Buffer.alloc(0) });
  }
  assert.equal(tx(card, '00A4040C07A0000001510000').sw, '9000', 'GlobalPlatform ISD');
  assert.equal(tx(card, '00A4040C0AD392F000260100000002').sw, '6A82', 'a wrong 券面 AID in circulation');
  tx(card, JPKI);
  assert.equal(tx(card, '00A4020C020099').sw, '6A82');
  const fci = tx(card, '00A404000AD392F00026010000000100');
  assert.equal(fci.sw, '9000');
  assert.equal(fci.data.toString('hex').toUpperCase(), '6F0C840AD392F000260100000001');
});

test('token label EF 0006 is a 160-byte CK_TOKEN_INFO; label switchable', () => {
  const { card } = freshCard();
  tx(card, JPKI);
  tx(card, '00A4020C020006');
  assert.equal(tx(card, '00B0000020').data.toString('ascii').trimEnd(), 'JPKIAPICCTOKEN2');
  assert.equal(tx(card, '00B0000000').data.length, 160);
  for (const label of ['JPKIAPICCTOKEN', 'JPKIAPGPSETOKEN', 'JPKIAPIOSTOKEN'] as const) {
    const other = freshCard({ tokenLabel: label }).card;
    tx(other, JPKI);
    assert.equal(tx(other, '00B0860020').data.toString('ascii').trimEnd(), label);
  }
});

test('EF 0008 tells whether a sign certificate exists; under-15 card has none', () => {
  const { card } = freshCard();
  tx(card, JPKI);
  assert.equal(tx(card, '00B0880003').data.toString('hex'), '8f8f00');
  const child = freshCard({}, { sign: undefined }).card;
  tx(child, JPKI);
  assert.equal(tx(child, '00B0880003').data.toString('hex'), '008f00');
  assert.equal(tx(child, '00A4020C020001').sw, '6A82');
  assert.equal(tx(child, '0020009B').sw, '6A88', 'no sign password key');
});

test('READ BINARY: header + 256-byte chunks, SFI and extended Le all return the same EF; EOF is 6B 00', () => {
  const { card, config } = freshCard();
  tx(card, JPKI);
  tx(card, '00A4020C02000A');
  const head = tx(card, '00B0000007');
  assert.equal(head.data.subarray(0, 2).toString('hex'), '3082');
  const total = head.data.readUInt16BE(2) + 4;
  assert.equal(total, config.auth.certDer.length);
  const chunks = [head.data];
  for (let off = 7; off < total; off += 256) {
    const n = Math.min(256, total - off);
    chunks.push(tx(card, `00B0${off.toString(16).padStart(4, '0')}${n.toString(16).padStart(2, '0').slice(-2)}`).data);
  }
  assert.deepEqual(new Uint8Array(Buffer.concat(chunks)), config.auth.certDer);
  const whole = tx(card, '00B08A00000000');
  assert.equal(whole.sw, '9000');
  assert.deepEqual(new Uint8Array(whole.data.subarray(0, total)), config.auth.certDer);
  assert.ok(whole.data.subarray(total).every((b) => b === 0xff), 'FF filler after the object');
  assert.equal(tx(card, `00B0${whole.data.length.toString(16).padStart(4, '0')}10`).sw, '6B00');
  assert.equal(tx(card, '00B0400010').sw, '6B00');
  const sfi = tx(card, '00B08A0000');
  assert.deepEqual(sfi.data, whole.data.subarray(0, 256));
});

test('READ BINARY quirks and errors: 62 82 EOF, extended length off → 67 00, no current EF → 69 86, PIN EF → 69 81', () => {
  const a = freshCard({ eofSw: '6282' }).card;
  tx(a, JPKI);
  assert.equal(tx(a, '00B08A0000').sw, '9000');
  assert.equal(tx(a, '00B07F0010').sw, '6282');
  const b = freshCard({ extendedLength: false }).card;
  tx(b, JPKI);
  assert.equal(tx(b, '00B08A00000000').sw, '6700');
  assert.equal(tx(b, '00B08A0000').data.length, 256, 'short form still works');
  const c = freshCard().card;
  tx(c, JPKI);
  assert.equal(tx(c, '00B0000010').sw, '6986');
  tx(c, '00A4020C020018');
  assert.equal(tx(c, '00B0000010').sw, '6981');
  assert.equal(tx(c, '00B0890010').sw, '6982', 'EF 0009 is protected');
});

test('sign certificate: selectable, 69 82 until the sign password is verified', () => {
  const { card, config } = freshCard();
  tx(card, JPKI);
  assert.equal(tx(card, '00A4020C020001').sw, '9000');
  assert.equal(tx(card, '00B0000004').sw, '6982');
  assert.equal(tx(card, verifyApdu('9B', 'ABC123')).sw, '9000');
  const r = tx(card, '00B08100000000');
  assert.deepEqual(new Uint8Array(r.data.subarray(0, config.sign!.certDer.length)), config.sign!.certDer);
});

test('auth PIN counter: 63 C2, 63 C1, 63 C0, then 69 84 even for the right PIN; persists across instances', () => {
  const { card, config } = freshCard();
  tx(card, JPKI);
  assert.equal(tx(card, '00200098').sw, '63C3', 'empty VERIFY reports tries');
  assert.equal(tx(card, '00200098').sw, '63C3', 'and does not consume one');
  assert.equal(tx(card, verifyApdu('98', '0000')).sw, '63C2');
  const again = new VirtualCard(config);
  again.powerOn();
  tx(again, JPKI);
  assert.equal(tx(again, '00200098').sw, '63C2', 'a new instance of the same card keeps the counter');
  assert.equal(tx(again, verifyApdu('98', '1111')).sw, '63C1');
  assert.equal(tx(again, verifyApdu('98', '2222')).sw, '63C0');
  assert.equal(tx(again, verifyApdu('98', '1234')).sw, '6984');
  assert.equal(tx(again, '00200098').sw, '6984');
  assert.equal(again.triesLeft('jpki.auth'), 0);
  const third = new VirtualCard(config);
  third.powerOn();
  tx(third, JPKI);
  assert.equal(tx(third, verifyApdu('98', '1234')).sw, '6984', 'blocked for good');
  resetCardState(config.id, config.stateDir);
  assert.equal(third.triesLeft('jpki.auth'), 3, 'until the state is reset (the municipal office)');
  assert.equal(tx(third, verifyApdu('98', '1234')).sw, '9000');
});

test('a correct value resets the counter to its maximum; the sign password has 5 tries and is case-sensitive', () => {
  const { card } = freshCard();
  tx(card, JPKI);
  assert.equal(tx(card, verifyApdu('98', '9999')).sw, '63C2');
  assert.equal(tx(card, verifyApdu('98', '1234')).sw, '9000');
  assert.equal(card.triesLeft('jpki.auth'), 3);
  tx(card, '00A4020C02001B');
  assert.equal(tx(card, '00200080').sw, '63C5');
  assert.equal(tx(card, verifyApdu('80', 'abc123')).sw, '63C4', 'lower case is just a wrong value');
});

test('COMPUTE DIGITAL SIGNATURE: 69 82 before VERIFY, then verifiable PKCS#1 signatures, several per VERIFY', () => {
  const { card } = freshCard();
  const pub = createPublicKey(createPrivateKey({ key: Buffer.from(fixtureKeys().authKeyPkcs8), format: 'der', type: 'pkcs8' }));
  const message = Buffer.from('challenge from the kiosk');
  const digestInfo = Buffer.concat([Buffer.from(DIGEST_INFO, 'hex'), createHash('sha256').update(message).digest()]);
  tx(card, JPKI);
  assert.equal(tx(card, signApdu('00', '97', digestInfo)).sw, '6982');
  tx(card, verifyApdu('98', '1234'));
  const bySfi = tx(card, signApdu('00', '97', digestInfo));
  assert.equal(bySfi.sw, '9000');
  assert.equal(bySfi.data.length, 256);
  assert.ok(verify('sha256', message, pub, bySfi.data));
  tx(card, '00A4020C020017');
  const bySelect = tx(card, signApdu('00', '80', digestInfo));
  assert.deepEqual(bySelect.data, bySfi.data, 'SFI form is byte-identical to SELECT-then-sign');
  assert.equal(tx(card, signApdu('00', '9A', digestInfo)).sw, '6982', 'the sign key needs the sign password');
});

test('signature schemes P1 00–05 verify; other P1 → 6A 86; wrong lengths → 69 85 / 67 00', () => {
  const { card } = freshCard();
  const pub = createPublicKey(createPrivateKey({ key: Buffer.from(fixtureKeys().authKeyPkcs8), format: 'der', type: 'pkcs8' }));
  const msg = Buffer.from('記載事項 request 42');
  const hash = createHash('sha256').update(msg).digest();
  tx(card, JPKI);
  tx(card, verifyApdu('98', '1234'));
  const sig = (p1: string, input: Buffer) => {
    const r = tx(card, signApdu(p1, '97', input));
    assert.equal(r.sw, '9000', `P1 ${p1}`);
    return r.data;
  };
  const pss = { key: pub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
  assert.ok(verify('sha256', msg, pub, sig('02', hash)));
  assert.ok(verify('sha256', msg, pub, sig('03', msg)));
  assert.ok(verify('sha256', msg, pss, sig('04', hash)));
  assert.ok(verify('sha256', msg, pss, sig('05', msg)));
  // P1 01 signs the bare hash (no DigestInfo): the public-key operation gives back exactly the hash.
  assert.deepEqual(publicDecrypt({ key: pub, padding: constants.RSA_PKCS1_PADDING }, sig('01', msg)), hash);
  // P1 00 signs exactly what it is given.
  assert.deepEqual(publicDecrypt({ key: pub, padding: constants.RSA_PKCS1_PADDING }, sig('00', Buffer.from('raw'))), Buffer.from('raw'));
  assert.equal(tx(card, signApdu('06', '97', hash)).sw, '6A86');
  assert.equal(tx(card, signApdu('02', '97', hash.subarray(1))).sw, '6985');
  assert.equal(tx(card, signApdu('00', '97', Buffer.alloc(246, 1))).sw, '6700');
});

test('verified state survives SELECT EF, is cleared by unpower, and AP re-select clears it only with the quirk', () => {
  const digestInfo = Buffer.concat([Buffer.from(DIGEST_INFO, 'hex'), Buffer.alloc(32, 7)]);
  for (const reselectClearsVerify of [false, true]) {
    const { card } = freshCard({ reselectClearsVerify });
    tx(card, JPKI);
    tx(card, verifyApdu('98', '1234'));
    tx(card, '00A4020C02000A');
    assert.equal(tx(card, signApdu('00', '97', digestInfo)).sw, '9000');
    tx(card, JPKI);
    assert.equal(tx(card, signApdu('00', '97', digestInfo)).sw, reselectClearsVerify ? '6982' : '9000');
    card.powerOff();
    card.powerOn();
    tx(card, JPKI);
    assert.equal(tx(card, signApdu('00', '97', digestInfo)).sw, '6982', 'unpower always clears');
  }
});

test('empty VERIFY after login answers 63 Cx or 90 00 by quirk; 6F 00 on the first APDU after power-on', () => {
  const a = freshCard({ emptyVerifyAfterLogin: 'tries' }).card;
  tx(a, JPKI);
  tx(a, verifyApdu('98', '1234'));
  assert.equal(tx(a, '00200098').sw, '63C3');
  const b = freshCard({ emptyVerifyAfterLogin: '9000' }).card;
  tx(b, JPKI);
  tx(b, verifyApdu('98', '1234'));
  assert.equal(tx(b, '00200098').sw, '9000');
  const c = freshCard({ sixF00AfterPowerOn: true }).card;
  assert.equal(tx(c, JPKI).sw, '6F00');
  assert.equal(tx(c, JPKI).sw, '9000');
  c.powerOff();
  c.powerOn();
  assert.equal(tx(c, JPKI).sw, '6F00', 'again after every power cycle');
});

test('CLA/INS handling: channel ≠ 0 → 68 81, SM → 68 82, unknown INS → 6D 00, wrong class → 6E 00', () => {
  const { card } = freshCard();
  assert.equal(tx(card, '01A4040C0AD392F000260100000001').sw, '6881');
  assert.equal(tx(card, '41A4040C0AD392F000260100000001').sw, '6881');
  assert.equal(tx(card, '0CB0000010').sw, '6882');
  assert.equal(tx(card, '00FE000000').sw, '6D00');
  assert.equal(tx(card, '80A4040C0AD392F000260100000001').sw, '6E00');
  assert.equal(tx(card, 'FFA4040C0AD392F000260100000001').sw, '6E00');
  assert.equal(tx(card, '00A4').sw, '6700', 'truncated APDU');
  assert.equal(tx(card, '00A4040C0AD392F0').sw, '6700', 'Lc longer than the data');
});

test('ATR: contact JPKI-2 by default, contactless by quirk; the Android token guards the auth certificate', () => {
  assert.deepEqual(freshCard().card.atr, ATRS.contact);
  assert.deepEqual(freshCard({ atr: 'contactless' }).card.powerOn(), ATRS.contactless);
  const phone = freshCard({ tokenLabel: 'JPKIAPGPSETOKEN' }).card;
  tx(phone, JPKI);
  assert.equal(tx(phone, '00B08A0000').sw, '6982');
  tx(phone, verifyApdu('98', '1234'));
  assert.equal(tx(phone, '00B08A0000').sw, '9000');
});

test('a non-JPKI card answers 6A 82 to every My Number AP', () => {
  const { card } = freshCard({}, { kind: 'non-jpki' });
  assert.equal(tx(card, JPKI).sw, '6A82');
  assert.equal(tx(card, '00A4040C0AD3921000310001010408').sw, '6A82');
});
