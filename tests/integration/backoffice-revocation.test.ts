// test-lane: free
// The back office verifies holders authoritatively (the municipality is the legal verifier): with
// the test PKI's OCSP/CRL responder configured, a revoked (異動) certificate is refused there too,
// and an unreachable responder fails closed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpRevocationChecker } from '../../common/jpki';
import { kioskHeaders, testCredentials } from '../helpers/backoffice-access';
import { testStore } from '../helpers/backoffice-store';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import { startDemoEnvironment, type DemoEnvironment } from '../../electron/demo/demo-environment';

let env: DemoEnvironment;
let bo: RunningBackOffice;
/** The kiosk the holders sign in at. */
const kiosk = kioskHeaders('kiosk-1');
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bo-revocation-'));
  env = await startDemoEnvironment({ stateDir: join(dir, 'cards') });
  const revocation = createHttpRevocationChecker({
    ocspUrl: env.revocationServer.ocspUrl, crlUrls: { auth: env.revocationServer.crlUrl('auth') }, fetch, timeoutMs: 1000,
  });
  bo = await startBackOffice({ ...(await testStore(join(dir, 'bo'))), dataDir: join(dir, 'bo'), demo: true, revocation, revocationFailure: 'fail-closed', credentials: testCredentials(['kiosk-1']) });
});
after(async () => {
  await bo.close();
  await env.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(profileId: string): Promise<{ status: number; json: { kind?: string; details?: { reason?: string }; residentId?: string } }> {
  const holder = await env.world.holderFor(profileId);
  const ch = await (await fetch(`${bo.url}/v1/auth/challenges`, { method: 'POST', headers: { 'content-type': 'application/json', ...kiosk }, body: JSON.stringify({ kioskId: 'kiosk-1' }) })).json() as { challengeId: string; challenge: string };
  const key = createPrivateKey({ key: Buffer.from(holder.authKeyPkcs8), format: 'der', type: 'pkcs8' });
  const signature = sign('sha256', Buffer.from(ch.challenge, 'base64'), key);
  const res = await fetch(`${bo.url}/v1/auth/verify`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...kiosk },
    body: JSON.stringify({ challengeId: ch.challengeId, authCertDer: Buffer.from(holder.authCertDer).toString('base64'), signature: signature.toString('base64') }),
  });
  return { status: res.status, json: await res.json() as never };
}

test('a resident with a good certificate signs in; a revoked (異動) one is refused with the reason', async () => {
  const good = await signIn('yamada-taro');
  assert.equal(good.status, 200, JSON.stringify(good.json));
  assert.equal(good.json.residentId, 'yamada-taro');
  const revoked = await signIn('suzuki-saburo');
  assert.equal(revoked.status, 401, JSON.stringify(revoked.json));
  assert.equal(revoked.json.kind, 'auth.revoked');
});

test('the revocation responder down: the back office fails closed', async () => {
  env.revocationServer.setMode('down');
  try {
    const r = await signIn('yamada-hanako');
    assert.equal(r.json.kind, 'auth.revocation_unreachable', JSON.stringify(r.json));
  } finally {
    env.revocationServer.setMode('ok');
  }
});

test('the service-hours rule reads its own clock; sign-in and revocation keep wall time', async () => {
  // 23:30 JST: the kiosk service is closed, but the holder's certificate is still checked now.
  const lateNight = Date.parse('2026-03-10T23:30:00+09:00');
  const revocation = createHttpRevocationChecker({
    ocspUrl: env.revocationServer.ocspUrl, crlUrls: { auth: env.revocationServer.crlUrl('auth') }, fetch, timeoutMs: 1000,
  });
  const closed = await startBackOffice({ ...(await testStore(join(dir, 'bo-night'))), dataDir: join(dir, 'bo-night'), demo: true, revocation, hoursClock: () => lateNight, credentials: testCredentials(['kiosk-1']) });
  try {
    const holder = await env.world.holderFor('yamada-taro');
    const ch = await (await fetch(`${closed.url}/v1/auth/challenges`, { method: 'POST', headers: { 'content-type': 'application/json', ...kiosk }, body: JSON.stringify({ kioskId: 'kiosk-1' }) })).json() as { challengeId: string; challenge: string };
    const key = createPrivateKey({ key: Buffer.from(holder.authKeyPkcs8), format: 'der', type: 'pkcs8' });
    const res = await fetch(`${closed.url}/v1/auth/verify`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...kiosk },
      body: JSON.stringify({ challengeId: ch.challengeId, authCertDer: Buffer.from(holder.authCertDer).toString('base64'), signature: sign('sha256', Buffer.from(ch.challenge, 'base64'), key).toString('base64') }),
    });
    assert.equal(res.status, 200, 'sign-in with live revocation works at any pinned hour');
    const { sessionToken } = await res.json() as { sessionToken: string };
    const catalog = await (await fetch(`${closed.url}/v1/certificates/catalog`, { headers: { ...kiosk, authorization: `Bearer ${sessionToken}` } })).json() as { entries: { type: string; available: boolean; refusal?: { reason: string } }[] };
    const juminhyo = catalog.entries.find((e) => e.type === 'juminhyo');
    assert.equal(juminhyo?.available, false);
    assert.equal(juminhyo?.refusal?.reason, 'outside_hours');
  } finally {
    await closed.close();
  }
});
