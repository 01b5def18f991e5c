import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isKioskError } from '../../common/errors';
import { fromPcscError } from '../../native/pcsc/pcsc-errors';
import { slotChanges, slotStateFrom } from '../../native/pcsc/reader-state';

const atr = Uint8Array.from([0x3b, 0xe0]);

it('turns reader states into insert / remove events, including a quick swap between polls', () => {
  const empty = slotStateFrom(0x0010 | (1 << 16), undefined);
  const present = slotStateFrom(0x0020 | (2 << 16), atr);
  assert.deepEqual(slotChanges(undefined, present), [{ type: 'card-inserted', atrHex: '3BE0' }]);
  assert.deepEqual(slotChanges(present, empty), [{ type: 'card-removed' }]);
  assert.deepEqual(slotChanges(present, slotStateFrom(0x0020 | 0x0100 | (2 << 16), atr)), []);
  assert.deepEqual(slotChanges(present, slotStateFrom(0x0020 | (4 << 16), atr)).map((c) => c.type), ['card-removed', 'card-inserted']);
  assert.deepEqual(slotChanges(undefined, empty), []);
});

it('maps PC/SC result codes to typed errors', () => {
  const kind = (msg: string) => fromPcscError(new Error(msg), { reader: 'r', op: 'op' }).kind;
  assert.equal(kind('SCardTransmit error: Card was removed.(0x80100069)'), 'card.removed');
  assert.equal(kind('SCardTransmit error: Card was reset.(0x80100068)'), 'card.reset');
  assert.equal(kind('SCardConnect error: Sharing violation.(0x8010000b)'), 'card.busy');
  assert.equal(kind('SCardEstablishContext error: Service not available.(0x8010001d)'), 'reader.service_unavailable');
  assert.equal(kind('SCardConnect error: Unknown reader specified.(0x80100009)'), 'reader.gone');
  assert.equal(kind('Card Reader not connected'), 'card.removed');
  const e = fromPcscError(new Error('x (0x80100016)'), { reader: 'r', op: 'op' });
  assert.ok(isKioskError(e, 'card.removed'));
  assert.equal(e.details.pcsc, '0x80100016');
});
