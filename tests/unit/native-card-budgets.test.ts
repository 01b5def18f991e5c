// The card budgets (native/card/budgets.ts) enforced by CardGuard, against byte-level doubles:
// a card that answers slowly, a byte at a time, or chains 61 xx forever gets a typed error within
// its operation's budget, is unpowered, and every later call fails at once.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { KioskError } from '../../common/errors';
import { CARD_BUDGETS, MAX_CERTIFICATE_BYTES } from '../../native/card/budgets';
import { CardGuard } from '../../native/card/card-guard';
import { JpkiCard } from '../../native/card/jpki-ap';
import { ExtendedLengthCache } from '../../native/apdu/extended-length';
import { bytes, HandlerTransport } from '../helpers/native-scripted-card';

const OK = bytes('9000');
const isSelect = (a: Uint8Array) => a[1] === 0xa4;
const isRead = (a: Uint8Array) => a[1] === 0xb0;

function kindOf(err: unknown): string {
  assert.ok(err instanceof KioskError, String(err));
  return `${err.kind}${err.details.reason ? `/${String(err.details.reason)}` : ''}`;
}

describe('card budgets', () => {
  test('a card slower than the detect deadline ends in card.too_slow at the deadline and is unpowered', async () => {
    const t = new HandlerTransport(async (a) => {
      if (!isSelect(a)) await new Promise((r) => setTimeout(r, 10_000).unref());
      return OK;
    });
    const guard = new CardGuard(t);
    const card = new JpkiCard(guard, { extendedLengthCache: new ExtendedLengthCache() });
    const t0 = performance.now();
    const err = await card.detect().catch((e: unknown) => e);
    const ms = performance.now() - t0;
    assert.equal(kindOf(err), 'card.too_slow/deadline');
    assert.ok(ms >= CARD_BUDGETS.detect.deadlineMs - 50 && ms < CARD_BUDGETS.detect.deadlineMs + 500, `${Math.round(ms)} ms`);
    assert.equal(t.closedWith, 'unpower');
    await assert.rejects(card.authPinTriesLeft(), (e: unknown) => kindOf(e) === 'card.too_slow/deadline');
  });

  test('a certificate dribbled one byte per command exhausts the APDU budget, not the kiosk', async () => {
    const cert = new Uint8Array(1300).fill(0x41);
    cert.set([0x30, 0x82, 0x05, 0x10]);
    let reads = 0;
    const t = new HandlerTransport((a) => {
      if (!isRead(a)) return OK;
      reads++;
      const p1 = a[2] ?? 0;
      const off = p1 & 0x80 ? (a[3] ?? 0) : ((p1 << 8) | (a[3] ?? 0));
      return Uint8Array.from([cert[off] ?? 0xff, 0x90, 0x00]);
    });
    const card = new JpkiCard(new CardGuard(t), { extendedLengthCache: new ExtendedLengthCache() });
    await assert.rejects(card.readAuthCertificate(), (e: unknown) => kindOf(e) === 'card.too_slow/apdu_budget');
    assert.ok(reads <= CARD_BUDGETS.readCertificate.apdus, `${reads} reads`);
  });

  test('a header announcing more than the format allows is refused after one command', async () => {
    const t = new HandlerTransport((a) => (isRead(a) ? bytes('30827530 0102 9000') : OK));
    const card = new JpkiCard(new CardGuard(t), { extendedLengthCache: new ExtendedLengthCache() });
    await assert.rejects(card.readAuthCertificate(), (e: unknown) => kindOf(e) === 'card.malformed_response/object_too_large');
    assert.equal(t.sent.filter((h) => h.startsWith('00B0')).length, 1);
    assert.ok(30_000 > MAX_CERTIFICATE_BYTES);
  });

  test('61 xx chaining stops at the bytes the operation may return', async () => {
    const chunk = new Uint8Array(255).fill(0x30);
    const t = new HandlerTransport((a) => (isRead(a) || a[1] === 0xc0 ? Uint8Array.from([...chunk, 0x61, 0xff]) : OK));
    const card = new JpkiCard(new CardGuard(t), { extendedLengthCache: new ExtendedLengthCache() });
    await assert.rejects(card.readAuthCertificate(), (e: unknown) => kindOf(e) === 'card.malformed_response/response_too_long');
    const getResponses = t.sent.filter((h) => h.startsWith('00C0')).length;
    assert.ok(getResponses * 255 <= CARD_BUDGETS.readCertificate.responseBytes, `${getResponses} GET RESPONSE`);
  });

  test('63 CF for a 3-try PIN is a malformed card, never "15 tries left"', async () => {
    const t = new HandlerTransport((a) => (a[1] === 0x20 ? bytes('63CF') : OK));
    const card = new JpkiCard(new CardGuard(t), { extendedLengthCache: new ExtendedLengthCache() });
    await assert.rejects(card.authPinTriesLeft(), (e: unknown) => kindOf(e) === 'card.malformed_response/tries_out_of_range');
    await assert.rejects(card.verifyAuthPin('1234'), (e: unknown) => kindOf(e) === 'card.malformed_response/tries_out_of_range');
  });

  test('abort() ends the command in progress at once', async () => {
    const t = new HandlerTransport(async (a) => {
      if (!isSelect(a)) await new Promise((r) => setTimeout(r, 10_000).unref());
      return OK;
    });
    const guard = new CardGuard(t);
    const card = new JpkiCard(guard, { extendedLengthCache: new ExtendedLengthCache() });
    const pending = card.detect();
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    guard.abort();
    await assert.rejects(pending, (e: unknown) => kindOf(e) === 'card.removed/cancelled');
    assert.ok(performance.now() - t0 < 100);
    assert.equal(t.closedWith, 'unpower');
  });
});
