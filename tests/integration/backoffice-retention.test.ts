// test-lane: free
// What the back office keeps about a resident's visit, and for how long: an issuance answer is kept
// for its replays without the document (a replay renders it again, same issuance number), replays
// are purged after their window (default 24 h), and expired holder sessions and challenges are
// deleted. Runs on SQLite, and on PostgreSQL through backoffice-postgres.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import { holderSpecOf, loadDemoProfiles } from '../../backoffice/demo/seed';
import { loadTestPki } from '../../simulators/testpki';
import { kioskHeaders, testCredentials } from '../helpers/backoffice-access';
import { testStore } from '../helpers/backoffice-store';

const pki = await loadTestPki();
const profiles = loadDemoProfiles();
const HOUR = 3_600_000;

async function call(bo: RunningBackOffice, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, kiosk = 'kiosk-1') {
  const res = await fetch(bo.url + path, { method, headers: { 'content-type': 'application/json', ...kioskHeaders(kiosk), ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

async function signIn(bo: RunningBackOffice, profileId: string) {
  const holder = await pki.issueHolder(holderSpecOf(profiles.find((p) => p.id === profileId)!));
  const ch = await call(bo, 'POST', '/v1/auth/challenges', { kioskId: 'kiosk-1' });
  const key = createPrivateKey({ key: Buffer.from(holder.authKeyPkcs8), format: 'der', type: 'pkcs8' });
  const signature = sign('sha256', Buffer.from(ch.json.challenge, 'base64'), key);
  const res = await call(bo, 'POST', '/v1/auth/verify', { challengeId: ch.json.challengeId, authCertDer: Buffer.from(holder.authCertDer).toString('base64'), signature: signature.toString('base64') });
  assert.equal(res.status, 200, JSON.stringify(res.json));
  return res.json.sessionToken as string;
}

/** A back office on a data folder whose clock the test moves (service hours: noon JST of a weekday). */
async function backOfficeAt(dir: string, clock: () => number, extra: { idempotencyRetentionHours?: number } = {}) {
  return startBackOffice({ ...(await testStore(dir)), dataDir: dir, demo: true, clock, hoursClock: clock, credentials: testCredentials({ 'kiosk-1': 'municipal', k: 'hospital' }), ...extra });
}

test('an issuance answer is kept without its document; a replay renders it again with the same number', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'bo-keep-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const now = Date.parse('2026-03-10T12:00:00+09:00');
  const bo = await backOfficeAt(dir, () => now);
  t.after(() => bo.close());
  const auth = { authorization: `Bearer ${await signIn(bo, 'yamada-taro')}`, 'idempotency-key': 'issue-1' };
  const body = { kioskId: 'kiosk-1', requestId: randomUUID(), type: 'juminhyo', scope: 'household', memberIds: [], options: {}, copies: 1 };
  const first = await call(bo, 'POST', '/v1/certificates/issuances', body, auth);
  assert.equal(first.status, 201, JSON.stringify(first.json));

  const kept = await bo.store.getResponse('issueCertificate', 'issue-1');
  assert.ok(kept, 'the answer is kept for replays');
  assert.ok(kept.body.length < 200, `kept without the document (${kept.body.length} bytes)`);
  assert.ok(!kept.body.includes('pdfBase64') && !kept.body.includes('山田'), 'no document, no name in what is kept');

  const again = await call(bo, 'POST', '/v1/certificates/issuances', body, auth);
  assert.equal(again.status, 201);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.equal(again.json.issuanceNumber, first.json.issuanceNumber);
  assert.equal(again.json.subjectHash, first.json.subjectHash);
  assert.deepEqual(again.json.summary, first.json.summary);
  assert.equal(Buffer.from(again.json.pdfBase64, 'base64').subarray(0, 5).toString(), '%PDF-', 'the replay carries the document again');
});

test('replays are purged after their window (default 24 h); expired sessions and challenges are deleted', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'bo-purge-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  let now = Date.parse('2026-03-10T12:00:00+09:00');
  const first = await backOfficeAt(dir, () => now);
  const token = await signIn(first, 'yamada-taro');
  const leftOver = await call(first, 'POST', '/v1/auth/challenges', { kioskId: 'kiosk-1' }); // never answered
  const reception = await call(first, 'POST', '/v1/hospital/receptions', { kioskId: 'k', receptionRef: 'r', patientRef: 'p', department: 'x' }, { 'idempotency-key': 'rec-1' }, 'k');
  assert.equal(reception.status, 201, JSON.stringify(reception.json));
  assert.ok(await first.store.getSession(token));
  await first.close();

  now += 23 * HOUR;
  const sameDay = await backOfficeAt(dir, () => now);
  t.after(() => sameDay.close());
  assert.ok(await sameDay.store.getResponse('createReception', 'rec-1'), 'kept within 24 h');
  assert.equal(await sameDay.store.getSession(token), undefined, 'an expired holder session is deleted');
  assert.equal(await sameDay.store.takeChallenge(leftOver.json.challengeId), undefined, 'an expired challenge is deleted');

  now += 2 * HOUR;
  const nextDay = await backOfficeAt(dir, () => now);
  t.after(() => nextDay.close());
  assert.equal(await nextDay.store.getResponse('createReception', 'rec-1'), undefined, 'purged after 24 h');
});
