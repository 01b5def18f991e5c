// The contract's two halves: dispatch (main side) and createClient (UI side) validate every
// command, reply and event, and carry typed errors with their details across a JSON boundary.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMAND_CHANNELS, EVENT_CHANNELS } from '../../common/api/channels';
import { createClient, type Transport } from '../../common/api/client';
import { commandNames, eventNames, type KioskApi } from '../../common/api/contract';
import { dispatch } from '../../common/api/dispatch';
import { KioskError, isKioskError } from '../../common/errors';
import { fakeTransport } from '../../renderer/src/api/transport.fake';

const holder = { issuer: 'JPKI-TEST Auth CA', notBefore: '2024-01-01T00:00:00.000Z', notAfter: '2029-01-01T00:00:00.000Z', serialTail: '0A1F', revocation: 'good' as const, authenticatedAt: '2025-01-01T00:00:00.000Z' };

function apiWith(overrides: Partial<KioskApi>): KioskApi {
  const unused = async () => {
    throw new KioskError('internal', 'not part of this test');
  };
  const base = Object.fromEntries(commandNames.map((n) => [n, unused])) as unknown as KioskApi;
  return { ...base, ...overrides };
}

describe('contract: dispatch (main side)', () => {
  it('refuses an unknown command with input.invalid on field "channel"', async () => {
    const r = await dispatch(apiWith({}), 'card.eject', {});
    assert.deepEqual(r, { ok: false, error: { kind: 'input.invalid', message: 'unknown command', details: { field: 'channel' } } });
  });

  it('refuses malformed input before the service runs', async () => {
    let called = false;
    const api = apiWith({ 'session.login': async () => ((called = true), holder) });
    for (const bad of [{}, { pin: '' }, { pin: 1234 }, { pin: 'x'.repeat(17) }, { pin: '1234', extra: 1 }, null, 'pin']) {
      const r = await dispatch(api, 'session.login', bad);
      assert.equal(r.ok, false, JSON.stringify(bad));
      if (!r.ok) assert.equal(r.error.kind, 'input.invalid');
    }
    assert.equal(called, false);
  });

  it('carries a typed error and its details (wrong PIN, tries left)', async () => {
    const api = apiWith({ 'session.login': async () => { throw new KioskError('card.wrong_pin', undefined, { triesLeft: 2 }); } });
    const r = await dispatch(api, 'session.login', { pin: '0000' });
    assert.equal(r.ok, false);
    if (!r.ok) assert.deepEqual([r.error.kind, r.error.details], ['card.wrong_pin', { triesLeft: 2 }]);
  });

  it('turns a service result of the wrong shape into internal, never passing it on', async () => {
    const leaky = { ...holder, subject: 'CN=secret', serialTail: 'not hex' };
    const r = await dispatch(apiWith({ 'session.login': async () => leaky }), 'session.login', { pin: '1234' });
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error.kind, 'internal');
  });

  it('strips unknown keys from a valid result (the subject never reaches the UI)', async () => {
    const r = await dispatch(apiWith({ 'session.login': async () => ({ ...holder, subject: 'CN=x' }) as typeof holder }), 'session.login', { pin: '1234' });
    assert.equal(r.ok, true);
    if (r.ok) assert.equal('subject' in (r.value as object), false);
  });

  it('wraps a non-typed throw as internal', async () => {
    const r = await dispatch(apiWith({ 'card.readers': async () => { throw new Error('SQLITE_CORRUPT at /var/lib/kiosk.db'); } }), 'card.readers', {});
    assert.equal(!r.ok && r.error.kind, 'internal');
    assert.equal(!r.ok && r.error.message.includes('/var/lib'), false, 'internals stay in main');
  });
});

describe('contract: client (UI side)', () => {
  it('round-trips commands and typed errors through JSON', async () => {
    const t = fakeTransport(apiWith({
      'session.start': async ({ reader }) => ({ reader, authPinTriesLeft: 3 }),
      'session.login': async ({ pin }) => {
        if (pin !== '1234') throw new KioskError('card.wrong_pin', undefined, { triesLeft: 1 });
        return holder;
      },
    }));
    const client = createClient(t);
    assert.deepEqual(await client['session.start']({ reader: 'Virtual PCD 00 00' }), { reader: 'Virtual PCD 00 00', authPinTriesLeft: 3 });
    assert.deepEqual(await client['session.login']({ pin: '1234' }), holder);
    await assert.rejects(client['session.login']({ pin: '9999' }), (e: unknown) => isKioskError(e, 'card.wrong_pin') && e.details.triesLeft === 1);
  });

  it('rejects a reply that does not match the contract', async () => {
    const bogus: Transport = { invoke: async () => ({ ok: true, value: { reader: 'r', authPinTriesLeft: 'three' } }), subscribe: () => () => undefined };
    await assert.rejects(createClient(bogus)['session.start']({ reader: 'r' }), (e: unknown) => isKioskError(e, 'internal'));
    const garbage: Transport = { invoke: async () => 'not an envelope', subscribe: () => () => undefined };
    await assert.rejects(createClient(garbage)['card.readers']({}), (e: unknown) => isKioskError(e, 'internal'));
  });

  it('delivers valid events and drops malformed ones', () => {
    const t = fakeTransport(apiWith({}));
    const got: unknown[] = [];
    const off = createClient(t).on('card.event', (e) => got.push(e));
    t.emit('card.event', { type: 'card-inserted', reader: 'R0' });
    t.emit('card.event', { type: 'card-exploded', reader: 'R0' } as never);
    t.emit('session.ended', { reason: 'timeout' });
    off();
    t.emit('card.event', { type: 'card-removed', reader: 'R0' });
    assert.deepEqual(got, [{ type: 'card-inserted', reader: 'R0' }]);
  });

  it('the preload allow-list names exactly the contract channels', () => {
    assert.deepEqual([...COMMAND_CHANNELS].sort(), [...commandNames].sort());
    assert.deepEqual([...EVENT_CHANNELS].sort(), [...eventNames].sort());
  });
});
