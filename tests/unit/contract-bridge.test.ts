// The loopback browser bridge: a real HTTP server on 127.0.0.1 that only our own page can drive
// (per-start secret, Host and Origin checks), serving the UI with the CSP, and pushing contract
// events over a WebSocket.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { createEventHub } from '../../common/api/client';
import { commandNames, type KioskApi } from '../../common/api/contract';
import { KioskError } from '../../common/errors';
import { startBrowserBridge, type Bridge } from '../../electron/dev-server/bridge';

const dir = mkdtempSync(join(tmpdir(), 'bridge-'));
mkdirSync(join(dir, 'www', 'assets'), { recursive: true });
writeFileSync(join(dir, 'www', 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
writeFileSync(join(dir, 'www', 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(dir, 'secret.txt'), 'outside the web root');

const hub = createEventHub();
const api = Object.fromEntries(commandNames.map((n) => [n, async () => { throw new KioskError('api.unsupported'); }])) as unknown as KioskApi;
api['card.readers'] = async () => [{ name: 'Virtual PCD 00 00', cardPresent: false }];
let bridge: Bridge;

before(async () => {
  bridge = await startBrowserBridge({ api, events: hub, staticDir: join(dir, 'www') });
});
after(async () => {
  await bridge.close();
  rmSync(dir, { recursive: true, force: true });
});

function http(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
const post = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  http(`/api/${channel}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-kiosk-secret': bridge.secret, ...headers } });

describe('browser bridge', () => {
  it('binds to 127.0.0.1 and serves index.html with the secret and a strict CSP', async () => {
    assert.match(bridge.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await http('/');
    assert.equal(r.status, 200);
    assert.ok(r.body.includes(`<meta name="kiosk-bridge" content="${bridge.secret}">`));
    const csp = String(r.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
    assert.equal(r.headers['x-frame-options'], 'DENY');
  });

  it('runs a command for a request with the secret', async () => {
    const r = await post('card.readers', {});
    assert.deepEqual(JSON.parse(r.body), { ok: true, value: [{ name: 'Virtual PCD 00 00', cardPresent: false }] });
  });

  it('refuses a request without the secret, from another origin, or for another host', async () => {
    const noSecret = await http('/api/card.readers', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    assert.equal(noSecret.status, 403);
    assert.equal(JSON.parse(noSecret.body).error.kind, 'api.unauthorized');
    assert.equal((await post('card.readers', {}, { 'x-kiosk-secret': 'guess' })).status, 403);
    assert.equal((await post('card.readers', {}, { origin: 'http://evil.example' })).status, 403);
    assert.equal((await post('card.readers', {}, { host: 'rebound.example:80' })).status, 403);
    assert.equal((await http('/', { headers: { host: 'rebound.example' } })).status, 403);
  });

  it('answers bad input with a typed error, never a crash', async () => {
    const notJson = await http('/api/card.readers', { method: 'POST', body: '{', headers: { 'content-type': 'application/json', 'x-kiosk-secret': bridge.secret } });
    assert.equal(JSON.parse(notJson.body).error.kind, 'input.invalid');
    const huge = await post('session.login', { pin: 'x'.repeat(20_000) });
    assert.equal(huge.status, 413);
    const unknown = await post('card.format', {});
    assert.equal(JSON.parse(unknown.body).error.details.field, 'channel');
    assert.equal((await http('/api/card.readers', { method: 'PUT' })).status, 405);
  });

  it('serves nothing outside the UI folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
      const r = await http(path);
      assert.equal(r.status, 404, path);
      assert.ok(!r.body.includes('outside the web root'));
    }
    assert.equal((await http('/assets/app.js')).status, 200);
  });

  it('pushes events over the WebSocket to our own page only', async () => {
    const origin = `http://127.0.0.1:${bridge.port}`;
    assert.equal(await upgradeStatus(`/events?s=${bridge.secret}`, 'http://evil.example'), 403);
    assert.equal(await upgradeStatus('/events?s=wrong', origin), 403);
    const socket = await openSocket(`/events?s=${bridge.secret}`, origin);
    const frame = new Promise<string>((resolve) => socket.once('data', (b: Buffer) => resolve(b.subarray(2, 2 + (b[1]! & 0x7f)).toString())));
    hub.emit('card.event', { type: 'card-inserted', reader: 'Virtual PCD 00 00' });
    assert.deepEqual(JSON.parse(await frame), { name: 'card.event', payload: { type: 'card-inserted', reader: 'Virtual PCD 00 00' } });
    socket.destroy();
  });
});

function upgradeHeaders(origin: string) {
  return { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', origin };
}
function upgradeStatus(path: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, path, headers: upgradeHeaders(origin) });
    req.on('response', (res) => resolve(res.statusCode ?? 0));
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('error', reject);
    req.end();
  });
}
function openSocket(path: string, origin: string): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, path, headers: upgradeHeaders(origin) });
    req.on('upgrade', (res, socket) => {
      assert.equal(res.headers['sec-websocket-accept'], 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
      resolve(socket);
    });
    req.on('response', (res) => reject(new Error(`no upgrade: ${res.statusCode}`)));
    req.on('error', reject);
    req.end();
  });
}
