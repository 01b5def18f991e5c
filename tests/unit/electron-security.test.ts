// The Electron shell's policy, checked as data and pure functions (Electron's binary is not
// needed): window options, navigation/sender/permission allow-lists, blocked keys, app://
// path containment, IPC validation, renderer-loss recovery and the display-sleep blocker.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { commandNames, type KioskApi } from '../../common/api/contract';
import { KioskError } from '../../common/errors';
import { resolveAppFile, serveAppFile } from '../../electron/main/app-protocol';
import { handleIpcInvoke } from '../../electron/main/ipc';
import { createDisplaySleepBlocker } from '../../electron/main/power';
import { recoveryFor } from '../../electron/main/relaunch';
import { isAllowedNavigation, isBlockedInput, isTrustedSender, KIOSK_CSP, permissionAllowed, windowOptions } from '../../electron/main/security';

const prod = { production: true };
const dev = { production: false };

describe('kiosk window options', () => {
  it('is locked down in production', () => {
    const o = windowOptions('/p.cjs', prod);
    assert.equal(o.kiosk, true);
    assert.equal(o.show, false);
    const w = o.webPreferences!;
    assert.deepEqual(
      [w.sandbox, w.contextIsolation, w.nodeIntegration, w.webSecurity, w.allowRunningInsecureContent, w.webviewTag, w.devTools, w.experimentalFeatures],
      [true, true, false, true, false, false, false, false],
    );
    assert.equal(w.preload, '/p.cjs');
  });
  it('keeps every isolation setting in development; only dev tools and the kiosk lock relax', () => {
    const w = windowOptions('/p.cjs', dev).webPreferences!;
    assert.deepEqual([w.sandbox, w.contextIsolation, w.nodeIntegration, w.devTools], [true, true, false, true]);
    assert.equal(windowOptions('/p.cjs', dev).kiosk, false);
  });
  it('has a CSP without inline or remote code', () => {
    assert.match(KIOSK_CSP, /default-src 'none'/);
    assert.match(KIOSK_CSP, /script-src 'self';/);
    assert.ok(!/unsafe|http:|https:|\*/.test(KIOSK_CSP));
  });
});

describe('allow-lists', () => {
  it('navigates only within app://kiosk (parsed origins, not prefixes)', () => {
    assert.ok(isAllowedNavigation('app://kiosk/index.html'));
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://kiosk.evil/', 'app://evil/kiosk', 'app://user@kiosk/', 'javascript:alert(1)', 'http://127.0.0.1:1/', 'not a url']) {
      assert.equal(isAllowedNavigation(url), false, url);
    }
  });
  it('trusts IPC only from the main frame of the app origin', () => {
    assert.ok(isTrustedSender({ url: 'app://kiosk/index.html', isMainFrame: true }));
    assert.equal(isTrustedSender({ url: 'app://kiosk/index.html', isMainFrame: false }), false);
    assert.equal(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }), false);
    assert.equal(isTrustedSender(null), false);
  });
  it('denies every permission except the listed ones, and only for the app', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'hid', 'serial', 'usb', 'openExternal', 'clipboard-read', 'display-capture']) {
      assert.equal(permissionAllowed(p, 'app://kiosk/'), false, p);
    }
    assert.ok(permissionAllowed('fullscreen', 'app://kiosk/'));
    assert.equal(permissionAllowed('fullscreen', 'https://evil.example/'), false);
  });
  it('swallows reload, dev-tools, zoom, print and leave shortcuts in production only', () => {
    const key = (k: string, mods: Partial<{ control: boolean; shift: boolean; alt: boolean; meta: boolean }> = {}) =>
      ({ key: k, type: 'keyDown', control: false, shift: false, alt: false, meta: false, ...mods });
    for (const input of [key('F5'), key('F12'), key('r', { control: true }), key('I', { control: true, shift: true }), key('F4', { alt: true }), key('ArrowLeft', { alt: true }), key('p', { control: true }), key('=', { control: true })]) {
      assert.ok(isBlockedInput(input, prod), JSON.stringify(input));
    }
    for (const input of [key('1'), key('Backspace'), key('Enter'), key('Tab'), key('Tab', { shift: true })]) {
      assert.equal(isBlockedInput(input, prod), false, JSON.stringify(input));
    }
    assert.equal(isBlockedInput(key('F12'), dev), false);
  });
});

describe('app:// protocol', () => {
  const root = mkdtempSync(join(tmpdir(), 'appproto-'));
  mkdirSync(join(root, 'dist', 'assets'), { recursive: true });
  writeFileSync(join(root, 'dist', 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'secret'), 'x');
  const dist = join(root, 'dist');

  it('maps app://kiosk paths inside the UI folder and nothing else', () => {
    assert.equal(resolveAppFile(dist, 'app://kiosk/'), join(dist, 'index.html'));
    assert.equal(resolveAppFile(dist, 'app://kiosk/assets/a.js'), join(dist, 'assets', 'a.js'));
    // The URL parser already folds `..` and `%2e%2e`: what is left stays inside the folder.
    assert.equal(resolveAppFile(dist, 'app://kiosk/../secret'), join(dist, 'secret'));
    assert.equal(resolveAppFile(dist, 'app://kiosk/%2e%2e/secret'), join(dist, 'secret'));
    for (const url of [ 'app://kiosk/assets/%2e%2e%2f%2e%2e%2fsecret', 'app://kiosk/%00', 'app://kiosk/..%5csecret', 'app://other/index.html', 'app://kiosk/%E0%A4%A']) {
      assert.equal(resolveAppFile(dist, url), null, url);
    }
  });
  it('serves with the CSP, and 404 for anything refused', async () => {
    const ok = await serveAppFile(dist, 'app://kiosk/index.html');
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('content-security-policy'), KIOSK_CSP);
    assert.equal((await serveAppFile(dist, 'app://kiosk/%2e%2e/secret')).status, 404);
    assert.equal((await serveAppFile(dist, 'app://kiosk/missing.js')).status, 404);
    rmSync(root, { recursive: true, force: true });
  });
});

describe('IPC handler', () => {
  const api = Object.fromEntries(commandNames.map((n) => [n, async () => { throw new KioskError('api.unsupported'); }])) as unknown as KioskApi;
  api['session.start'] = async ({ reader }) => ({ reader, authPinTriesLeft: 3 });
  const trusted = { senderFrame: { url: 'app://kiosk/index.html', isMainFrame: true } };

  it('refuses an untrusted sender before looking at the message', async () => {
    const r = await handleIpcInvoke(api, { senderFrame: { url: 'https://evil.example/', isMainFrame: true } }, 'session.start', { reader: 'R' });
    assert.equal(!r.ok && r.error.kind, 'api.unauthorized');
    const sub = await handleIpcInvoke(api, { senderFrame: { url: 'app://kiosk/index.html', isMainFrame: false } }, 'session.start', { reader: 'R' });
    assert.equal(!sub.ok && sub.error.kind, 'api.unauthorized');
  });
  it('validates the message of a trusted sender against the contract', async () => {
    assert.deepEqual(await handleIpcInvoke(api, trusted, 'session.start', { reader: 'R' }), { ok: true, value: { reader: 'R', authPinTriesLeft: 3 } });
    const bad = await handleIpcInvoke(api, trusted, 'session.start', { reader: 42 });
    assert.equal(!bad.ok && bad.error.kind, 'input.invalid');
  });
});

describe('resilience policies', () => {
  it('reloads with back-off, then relaunches after 3 losses in 10 minutes', () => {
    const t0 = 1_000_000;
    assert.deepEqual(recoveryFor('crashed', [], t0), { kind: 'reload', delayMs: 0 });
    assert.deepEqual(recoveryFor('oom', [t0], t0 + 1000), { kind: 'reload', delayMs: 1000 });
    assert.deepEqual(recoveryFor('killed', [t0, t0 + 1], t0 + 2000), { kind: 'reload', delayMs: 4000 });
    assert.deepEqual(recoveryFor('crashed', [t0, t0 + 1, t0 + 2], t0 + 3000), { kind: 'relaunch' });
    assert.deepEqual(recoveryFor('crashed', [t0, t0 + 1, t0 + 2], t0 + 11 * 60_000), { kind: 'reload', delayMs: 0 });
    assert.deepEqual(recoveryFor('clean-exit', [], t0), { kind: 'ignore' });
  });
  it('holds one display-sleep blocker however often it is started', () => {
    const started = new Set<number>();
    let next = 1;
    const blocker = createDisplaySleepBlocker({ start: () => (started.add(next), next++), stop: (id) => started.delete(id), isStarted: (id) => started.has(id) });
    blocker.start();
    blocker.start();
    assert.equal(started.size, 1);
    blocker.stop();
    blocker.stop();
    assert.equal(started.size, 0);
  });
});
