// The virtual card's 券面事項入力補助AP, 共通AP and MF level, in process (jpki-card.md §5, §12 #2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualCard, type CardQuirks } from '../../simulators/vcard/card';
import { fixtureCardConfig } from '../../simulators/vcard/fixture-card';

const TEXT = '00A4040C0AD3921000310001010408';
const COMMON = '00A4040C0AD3921000310001010100';

function freshCard(quirks: Partial<CardQuirks> = {}) {
  const config = fixtureCardConfig({ id: 'text-ap-card', stateDir: mkdtempSync(join(tmpdir(), 'vcard-')), quirks });
  const card = new VirtualCard(config);
  card.powerOn();
  return { card, config };
}

function tx(card: VirtualCard, hexApdu: string): { sw: string; data: Buffer } {
  const r = Buffer.from(card.transmit(Buffer.from(hexApdu.replace(/\s+/g, ''), 'hex')));
  return { sw: r.subarray(-2).toString('hex').toUpperCase(), data: r.subarray(0, -2) };
}
const verifyApdu = (p2: string, value: string) => `002000${p2}${value.length.toString(16).padStart(2, '0')}${Buffer.from(value).toString('hex')}`;

/** Minimal BER-TLV walk, written independently of the card's encoder. */
function readTlv(buf: Buffer, at: number): { tag: string; valueAt: number; length: number; end: number } {
  let p = at;
  const first = buf[p++]!;
  const tagBytes = [first];
  if ((first & 0x1f) === 0x1f) tagBytes.push(buf[p++]!);
  let length = buf[p++]!;
  if (length === 0x81) length = buf[p++]!;
  else if (length === 0x82) {
    length = buf.readUInt16BE(p);
    p += 2;
  }
  return { tag: Buffer.from(tagBytes).toString('hex').toUpperCase(), valueAt: p, length, end: p + length };
}

test('EF 0001 個人番号: exactly 17 bytes FF 10 0C + digits + FF FF, only after the text PIN', () => {
  const { card, config } = freshCard();
  tx(card, TEXT);
  assert.equal(tx(card, '00B0810011').sw, '6982');
  assert.equal(tx(card, verifyApdu('91', '5678')).sw, '9000');
  const r = tx(card, '00B08100000000');
  assert.equal(r.data.length, 17);
  assert.equal(r.data.toString('hex'), `ff100c${Buffer.from(config.holder.myNumber).toString('hex')}ffff`);
});

test('EF 0002 基本4情報 (fast path: 3 APDUs): short-form outer length, DF 21 offsets point at each element', () => {
  const { card, config } = freshCard();
  assert.equal(tx(card, TEXT).sw, '9000');
  assert.equal(tx(card, verifyApdu('91', '5678')).sw, '9000');
  const file = tx(card, '00B08200000000').data;
  assert.equal(file.subarray(0, 2).toString('hex'), 'ff20');
  assert.ok(file[2]! < 0x80, 'short form for this holder');
  const outer = readTlv(file, 0);
  const table = readTlv(file, outer.valueAt);
  assert.equal(table.tag, 'DF21');
  const offsets = [0, 2, 4, 6].map((i) => file.readUInt16BE(table.valueAt + i));
  const fields = offsets.map((o) => readTlv(file, o));
  assert.deepEqual(fields.map((f) => f.tag), ['DF22', 'DF23', 'DF24', 'DF25']);
  const text = fields.map((f) => file.subarray(f.valueAt, f.end).toString('utf8'));
  assert.deepEqual(text, [config.holder.name, config.holder.address, config.holder.dob, config.holder.sex]);
  assert.equal(fields[3]!.end, outer.end);
  assert.ok(file.subarray(outer.end).every((b) => b === 0xff) && file.length > outer.end, 'FF filler');
});

test('EF 0002 long-form variant carries the same content', () => {
  const { card, config } = freshCard({ basic4LongForm: true });
  tx(card, TEXT);
  tx(card, verifyApdu('91', '5678'));
  tx(card, '00A4020C020002');
  const head = tx(card, '00B0000007').data;
  assert.equal(head.subarray(0, 3).toString('hex'), 'ff2081');
  const file = tx(card, '00B0000000').data;
  const outer = readTlv(file, 0);
  const name = readTlv(file, file.readUInt16BE(outer.valueAt + 3));
  assert.equal(file.subarray(name.valueAt, name.end).toString('utf8'), config.holder.name);
});

test('照合番号B opens EF 0002 but not the 個人番号; 0012 is blocked', () => {
  const { card } = freshCard();
  tx(card, TEXT);
  // DOB 1980-02-17 = 昭和55年 → 550217, card expiry 2035, security code 1234.
  assert.equal(tx(card, verifyApdu('95', '55021720351234')).sw, '9000');
  assert.equal(tx(card, '00B0820000').sw, '9000');
  assert.equal(tx(card, '00B0810011').sw, '6982');
  assert.equal(tx(card, '00200092').sw, '6984');
});

test('EF 0003 integrity record hashes EF 0001 and EF 0002 and is signed by the key in EF 0004', () => {
  const { card } = freshCard();
  tx(card, TEXT);
  const cv = tx(card, '00B08400000000').data;
  assert.equal(cv.length, 568);
  assert.equal(cv.subarray(0, 5).toString('hex'), '7f21820233');
  const body = readTlv(cv, 5);
  const exp = readTlv(cv, body.valueAt + 32);
  const mod = readTlv(cv, exp.end);
  assert.deepEqual([exp.tag, mod.tag, mod.length], ['90', '91', 256]);
  const apKey = createPublicKey({ key: { kty: 'RSA', n: cv.subarray(mod.valueAt, mod.end).toString('base64url'), e: 'AQAB' }, format: 'jwk' });

  tx(card, verifyApdu('91', '5678'));
  const ef1 = tx(card, '00B0810011').data;
  const ef2 = tx(card, '00B08200000000').data;
  const rec = tx(card, '00B08300000000').data;
  assert.equal(rec.subarray(0, 5).toString('hex'), 'ff3082014b');
  const d31 = readTlv(rec, 5);
  const d32 = readTlv(rec, d31.end);
  const d33 = readTlv(rec, d32.end);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest();
  assert.deepEqual(rec.subarray(d31.valueAt, d31.end), sha(ef1));
  const outer = readTlv(ef2, 0);
  const afterTable = readTlv(ef2, outer.valueAt).end;
  assert.deepEqual(rec.subarray(d32.valueAt, d32.end), sha(ef2.subarray(afterTable, outer.end)));
  assert.equal(d33.length, 256);
  assert.ok(verify('sha256', rec.subarray(0, d32.end), apKey, rec.subarray(d33.valueAt, d33.end)));
});

test('EF 0005 basic info advertises extended length only when the card supports it', () => {
  for (const extendedLength of [true, false]) {
    const { card } = freshCard({ extendedLength });
    tx(card, TEXT);
    const info = tx(card, '00B0850000').data;
    assert.equal(info.subarray(0, 2).toString('hex'), 'ff40');
    const df41 = readTlv(info, readTlv(info, 0).valueAt);
    assert.equal(info.subarray(df41.valueAt, df41.end).toString('hex'), extendedLength ? '01030e01' : '01000e01');
  }
});

test('CHANGE REFERENCE DATA needs the old PIN; the new one works and persists, the old one costs a try', () => {
  const { card, config } = freshCard();
  tx(card, TEXT);
  tx(card, '00A4020C020011');
  assert.equal(tx(card, '0024018004' + Buffer.from('2468').toString('hex')).sw, '6982');
  assert.equal(tx(card, verifyApdu('80', '5678')).sw, '9000');
  assert.equal(tx(card, '0024018004' + Buffer.from('2468').toString('hex')).sw, '9000');
  const again = new VirtualCard(config);
  again.powerOn();
  tx(again, TEXT);
  assert.equal(tx(again, verifyApdu('91', '5678')).sw, '63C2');
  assert.equal(tx(again, verifyApdu('91', '2468')).sw, '9000');
});

test('共通AP record 1: 01 1C + serial, municipality code (5 digits) and card expiry', () => {
  const { card, config } = freshCard();
  tx(card, COMMON);
  const bySfi = tx(card, '00B2010C00');
  assert.equal(bySfi.sw, '9000');
  assert.equal(bySfi.data.subarray(0, 2).toString('hex'), '011c');
  assert.equal(bySfi.data.subarray(2).toString('ascii'), `${config.facts.serial}13101${config.facts.expiry}`);
  tx(card, '00A4020C020001');
  assert.deepEqual(tx(card, '00B2010400').data, bySfi.data);
  assert.equal(tx(card, '00B2020400').sw, '6A83');
  assert.equal(tx(card, '0020009C').sw, '63C3', '共通AP PIN has 3 tries');
});

test('MF level: SELECT 00 A4 00 00 is 6A 86 after power-on and a no-op inside an AP; GET DATA only at MF level', () => {
  const { card } = freshCard();
  assert.equal(tx(card, '00A40000').sw, '6A86');
  assert.equal(tx(card, '00A4000C023F00').sw, '6A82');
  const atr = tx(card, '00CA5F5100');
  assert.equal(atr.sw, '9000');
  assert.deepEqual(new Uint8Array(atr.data), card.atr.subarray(1), 'contact ATR without TS');
  assert.equal(tx(card, '00CA00FF00').sw, '6A88');
  tx(card, TEXT);
  assert.equal(tx(card, '00A40000').sw, '9000');
  assert.equal(tx(card, '00CA5F5100').sw, '6985');
  tx(card, '00A4040C07A0000001510000');
  assert.equal(tx(card, '00CA5F5100').sw, '9000', 'selecting the ISD returns to the MF-level state');
  assert.equal(tx(card, '00840000000008').sw, '6985', 'GET CHALLENGE refuses an extended Le');
  assert.equal(tx(card, '0084000008').data.length, 8);
});
