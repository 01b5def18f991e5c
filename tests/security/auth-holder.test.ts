// Holders and kiosks at the certificate service: a replay goes only to whoever made the original, a
// 401 is never remembered as a key's answer, a holder session works only at the kiosk where the card
// signed in, and no request gets anywhere without a registered kiosk. Each refusal: its status, and
// every row of every database file unchanged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { kioskHeaders } from '../helpers/backoffice-access';
import { bearer, call, issuanceBody, LIBRARY, signIn, startAuthRig, TOWN_HALL, type AuthRig } from './auth-rig';
import { snapshot } from './input-rig';

let rig: AuthRig;
before(async () => { rig = await startAuthRig(); });
after(async () => { await rig.close(); });

const issue = (kiosk: string | null, headers: Record<string, string>, key: string, body: unknown) =>
  call(rig.bo, kiosk, 'POST', '/v1/certificates/issuances', body, { ...headers, 'idempotency-key': key });

test('an idempotent replay is served only to the caller that made the original; strangers get no name and no PDF', async () => {
  const token = await signIn(rig.bo, TOWN_HALL, 'yamada-taro');
  const body = issuanceBody(TOWN_HALL);
  const first = await issue(TOWN_HALL, bearer(token), body.requestId, body);
  assert.equal(first.status, 201, JSON.stringify(first.json));
  const before = snapshot(rig.dir);

  const attempts = [
    ['no session', await issue(TOWN_HALL, {}, body.requestId, body), 401],
    ['no kiosk', await issue(null, bearer(token), body.requestId, body), 401],
    ['another holder at the same kiosk', await issue(TOWN_HALL, bearer(await signIn(rig.bo, TOWN_HALL, 'yamada-hanako')), body.requestId, body), 422],
    ['the same resident at another kiosk', await issue(LIBRARY, bearer(await signIn(rig.bo, LIBRARY, 'yamada-taro')), body.requestId, body), 422],
  ] as const;
  for (const [who, answer, status] of attempts) {
    assert.equal(answer.status, status, `${who}: ${JSON.stringify(answer.json)}`);
    assert.equal(answer.headers.get('idempotent-replayed'), null, who);
    assert.equal(answer.json.pdfBase64, undefined, who);
    assert.ok(!JSON.stringify(answer.json).includes('山田'), `${who} must not see the holder's name`);
  }
  // Sign-ins add sessions; nothing else may change (no issuance, no stored answer).
  const after = snapshot(rig.dir);
  for (const table of Object.keys(before).filter((t) => !t.endsWith(':holder_sessions'))) assert.deepEqual(after[table], before[table], table);

  const again = await issue(TOWN_HALL, bearer(token), body.requestId, body);
  assert.deepEqual([again.status, again.headers.get('idempotent-replayed'), again.json.issuanceNumber], [201, 'true', first.json.issuanceNumber]);
});

test('a 401 is never stored as the answer for its key: the holder who signs in and retries is served', async () => {
  const body = issuanceBody(TOWN_HALL);
  const before = snapshot(rig.dir);
  const anonymous = await issue(TOWN_HALL, {}, body.requestId, body);
  assert.deepEqual([anonymous.status, anonymous.json.kind], [401, 'backoffice.unauthenticated']);
  const expired = await issue(TOWN_HALL, bearer('not-a-session'), body.requestId, body);
  assert.equal(expired.status, 401);
  assert.deepEqual(snapshot(rig.dir), before, 'nothing stored for the key');
  assert.equal(await rig.bo.store.getResponse('issueCertificate', body.requestId), undefined);

  const token = await signIn(rig.bo, TOWN_HALL, 'yamada-taro');
  const retry = await issue(TOWN_HALL, bearer(token), body.requestId, body);
  assert.equal(retry.status, 201, JSON.stringify(retry.json));
  assert.equal(retry.headers.get('idempotent-replayed'), null);
  assert.equal((await rig.bo.store.getResponse('issueCertificate', body.requestId))?.status, 201);
});

test('a holder session made at one kiosk is refused at another: no catalog, no record, no certificate', async () => {
  const token = await signIn(rig.bo, TOWN_HALL, 'yamada-taro');
  const before = snapshot(rig.dir);
  const body = issuanceBody(LIBRARY);
  const elsewhere = [
    await call(rig.bo, LIBRARY, 'GET', '/v1/certificates/catalog', undefined, bearer(token)),
    await call(rig.bo, LIBRARY, 'GET', '/v1/residents/me', undefined, bearer(token)),
    await issue(LIBRARY, bearer(token), body.requestId, body),
  ];
  for (const answer of elsewhere) assert.deepEqual([answer.status, answer.json.kind], [401, 'backoffice.unauthenticated'], JSON.stringify(answer.json));
  assert.deepEqual(snapshot(rig.dir), before);
  // At its own kiosk the same session works.
  assert.equal((await call(rig.bo, TOWN_HALL, 'GET', '/v1/residents/me', undefined, bearer(token))).status, 200);
});

test('a challenge is answered only by the kiosk that asked for it', async () => {
  const ch = await call(rig.bo, TOWN_HALL, 'POST', '/v1/auth/challenges', { kioskId: TOWN_HALL });
  assert.equal(ch.status, 201);
  const before = snapshot(rig.dir);
  // Any signature: the challenge's kiosk is checked first, and the challenge is used up either way.
  const verify = await call(rig.bo, LIBRARY, 'POST', '/v1/auth/verify', { challengeId: ch.json.challengeId, authCertDer: 'AAAA', signature: 'AAAA' });
  assert.deepEqual([verify.status, verify.json.kind], [401, 'auth.challenge_invalid']);
  const after = snapshot(rig.dir);
  assert.deepEqual(after['backoffice.db:holder_sessions'], before['backoffice.db:holder_sessions'], 'no session made');
});

test('no kiosk identity, a wrong key, an unknown kiosk or another kiosk\'s id: refused before anything is recorded', async () => {
  const before = snapshot(rig.dir);
  const secret = kioskHeaders(TOWN_HALL)['kiosk-key'].split(':')[1]!;
  const cases = [
    ['no credential', await call(rig.bo, null, 'POST', '/v1/auth/challenges', { kioskId: TOWN_HALL }), 401],
    ['wrong key', await call(rig.bo, null, 'POST', '/v1/auth/challenges', { kioskId: TOWN_HALL }, { 'kiosk-key': `${TOWN_HALL}:${'x'.repeat(43)}` }), 401],
    ['unknown kiosk', await call(rig.bo, null, 'POST', '/v1/auth/challenges', { kioskId: 'kiosk-nobody' }, { 'kiosk-key': `kiosk-nobody:${secret}` }), 401],
    ['another kiosk\'s id', await call(rig.bo, LIBRARY, 'POST', '/v1/auth/challenges', { kioskId: TOWN_HALL }), 403],
    ['no credential, sync', await call(rig.bo, null, 'POST', '/v1/sync/events', { kioskId: TOWN_HALL, events: [{ key: randomUUID(), kind: 'x', stream: null, payload: 1, createdAt: 1 }] }), 401],
    ['no credential, configuration', await call(rig.bo, null, 'GET', '/v1/certificates/config'), 401],
  ] as const;
  for (const [what, answer, status] of cases) assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.json)}`);
  assert.equal(cases[3][1].json.details?.reason, 'kiosk_mismatch');
  assert.deepEqual(snapshot(rig.dir), before);
  assert.equal((await call(rig.bo, null, 'GET', '/v1/health')).status, 200, 'health alone needs no one');
});
