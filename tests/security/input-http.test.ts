// Bad input at the HTTP layer is a clear 4xx JSON error and changes nothing (issue 9): malformed
// %-encoding, a body nested 10,000 deep, oversized bodies and headers, a text/plain post from a web
// page (CSRF), a DNS-rebinding Host, and a known reference under a new Idempotency-Key.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { asKiosk, KIOSK_A, raw, rawSocket, snapshot, startRig, type Rig } from './input-rig';

let rig: Rig;
before(async () => { rig = await startRig(); });
after(async () => { await rig.close(); });

const alive = async () => assert.equal((await raw(rig.port, 'GET', '/v1/health')).status, 200, 'the server still answers');

test('a malformed %-encoding in a path is a 400 input.invalid, not a 500 "URI malformed"', async () => {
  const before = snapshot(rig.dir);
  for (const path of ['/v1/hospital/bills/%E0%A4%A', '/v1/fleet/kiosks/%', '/v1/fleet/kiosks/%C0%AF/config', '/v1/hospital/bills/a%00b']) {
    const res = await raw(rig.port, 'GET', path, asKiosk(KIOSK_A));
    assert.equal(res.status, 400, path);
    assert.deepEqual([res.json.kind, res.json.details?.reason], ['input.invalid', 'malformed_path'], path);
  }
  assert.deepEqual(snapshot(rig.dir), before);
  await alive();
});

test('a sync payload nested 10,000 deep is a 400 before anything walks it; the server stays up', async () => {
  const before = snapshot(rig.dir);
  const deep = '['.repeat(10_000) + ']'.repeat(10_000);
  const body = `{"kioskId":"${KIOSK_A}","events":[{"key":"deep","kind":"reception.created","stream":null,"createdAt":1,"payload":${deep}}]}`;
  const res = await raw(rig.port, 'POST', '/v1/sync/events', asKiosk(KIOSK_A), body);
  assert.equal(res.status, 400);
  assert.deepEqual([res.json.kind, res.json.details?.reason], ['input.invalid', 'nesting_too_deep']);
  assert.deepEqual(snapshot(rig.dir), before);
  await alive();
  // Brackets inside strings are text, not nesting.
  const inString = await raw(rig.port, 'POST', '/v1/hospital/receptions', asKiosk(KIOSK_A, { 'idempotency-key': 'brackets' }),
    JSON.stringify({ kioskId: KIOSK_A, receptionRef: 'r-brackets', patientRef: 'p', department: '[{"\\'.repeat(10) }));
  assert.equal(inString.status, 201, inString.text);
});

test('a body beyond the route limit is a 413 input.too_large, declared or streamed', async () => {
  const before = snapshot(rig.dir);
  const big = JSON.stringify({ kioskId: KIOSK_A, receptionRef: 'r-big', patientRef: 'p', department: 'x'.repeat(70_000) });
  const declared = await raw(rig.port, 'POST', '/v1/hospital/receptions', asKiosk(KIOSK_A, { 'idempotency-key': 'big' }), big);
  assert.deepEqual([declared.status, declared.json.kind], [413, 'input.too_large']);
  const streamed = await raw(rig.port, 'POST', '/v1/hospital/receptions', asKiosk(KIOSK_A, { 'idempotency-key': 'big2', 'transfer-encoding': 'chunked' }), big);
  assert.deepEqual([streamed.status, streamed.json.kind], [413, 'input.too_large']);
  assert.deepEqual(snapshot(rig.dir), before);
  await alive();
});

test('a text/plain post (the CSRF form trick) is a 415 and a web page Origin a 403; nothing is recorded', async () => {
  const before = snapshot(rig.dir);
  const reception = JSON.stringify({ kioskId: KIOSK_A, receptionRef: 'r-csrf', patientRef: 'p', department: 'naika' });
  for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/jsonx']) {
    const res = await raw(rig.port, 'POST', '/v1/hospital/receptions', asKiosk(KIOSK_A, { 'content-type': type, 'idempotency-key': `csrf-${type}` }), reception);
    assert.deepEqual([res.status, res.json.kind], [415, 'input.unsupported_media_type'], type);
  }
  const noType = await raw(rig.port, 'POST', '/v1/hospital/receptions', { ...asKiosk(KIOSK_A, { 'idempotency-key': 'csrf-none' }), 'content-type': '' }, reception);
  assert.equal(noType.status, 415);
  const fromPage = await raw(rig.port, 'POST', '/v1/hospital/receptions', asKiosk(KIOSK_A, { origin: 'http://evil.example', 'idempotency-key': 'csrf-origin' }), reception);
  assert.deepEqual([fromPage.status, fromPage.json.kind, fromPage.json.details?.reason], [403, 'backoffice.refused', 'origin_not_allowed']);
  const nullOrigin = await raw(rig.port, 'GET', '/v1/health', { origin: 'null' });
  assert.equal(nullOrigin.status, 403, 'a sandboxed page (Origin: null) is a web page too');
  assert.deepEqual(snapshot(rig.dir), before);
});

test('a DNS-rebinding Host is a 421 input.unknown_host and reads no bill; loopback names are served', async () => {
  const reception = { kioskId: KIOSK_A, receptionRef: 'r-rebind', patientRef: 'p', department: 'naika' };
  assert.equal((await raw(rig.port, 'POST', '/v1/hospital/receptions', asKiosk(KIOSK_A, { 'idempotency-key': 'rebind-r' }), JSON.stringify(reception))).status, 201);
  const bill = { receptionRef: 'r-rebind', billRef: 'b-rebind', totalPointsYen: 1000, copayYen: 300 };
  assert.equal((await raw(rig.port, 'POST', '/v1/hospital/bills', asKiosk(KIOSK_A, { 'idempotency-key': 'rebind-b' }), JSON.stringify(bill))).status, 201);
  const before = snapshot(rig.dir);
  for (const host of [`attacker.example:${rig.port}`, 'attacker.example', `127.0.0.1.attacker.example:${rig.port}`, 'localhost.attacker.example', 'a b']) {
    const res = await raw(rig.port, 'GET', '/v1/hospital/bills/b-rebind', asKiosk(KIOSK_A, { host }));
    assert.deepEqual([res.status, res.json.kind], [421, 'input.unknown_host'], host);
    assert.equal(res.json.copayYen, undefined, 'no bill in the answer');
  }
  // No Host at all (HTTP/1.1 and 1.0): a JSON 400, not the parser's empty one.
  for (const version of ['1.1', '1.0']) {
    const answer = await rawSocket(rig.port, `GET /v1/hospital/bills/b-rebind HTTP/${version}\r\nkiosk-key: ${asKiosk(KIOSK_A)['kiosk-key']}\r\n\r\n`);
    assert.match(answer, /^HTTP\/1\.1 400 /, version);
    assert.match(answer, /"reason":"missing_host"/, version);
    assert.doesNotMatch(answer, /copayYen/);
  }
  for (const host of [`127.0.0.1:${rig.port}`, `localhost:${rig.port}`, `[::1]:${rig.port}`, 'LOCALHOST']) {
    assert.equal((await raw(rig.port, 'GET', '/v1/hospital/bills/b-rebind', asKiosk(KIOSK_A, { host }))).status, 200, host);
  }
  assert.deepEqual(snapshot(rig.dir), before);
});

test('headers over 16 KiB are answered 431 in JSON, and the server goes on', async () => {
  const res = await raw(rig.port, 'GET', '/v1/health', { 'x-padding': 'a'.repeat(20_000) });
  assert.deepEqual([res.status, res.json.kind], [431, 'input.too_large']);
  assert.match(String(res.headers['content-type']), /application\/json/);
  await alive();
});

test('a known reception, bill or payment reference under a new Idempotency-Key is a 409 duplicate_reference, no SQL', async () => {
  const post = (path: string, key: string, body: unknown) => raw(rig.port, 'POST', path, asKiosk(KIOSK_A, { 'idempotency-key': key }), JSON.stringify(body));
  assert.equal((await post('/v1/hospital/receptions', 'dup-r1', { kioskId: KIOSK_A, receptionRef: 'r-dup', patientRef: 'p-1', department: 'naika' })).status, 201);
  assert.equal((await post('/v1/hospital/bills', 'dup-b1', { receptionRef: 'r-dup', billRef: 'b-dup', totalPointsYen: 1000, copayYen: 300 })).status, 201);
  assert.equal((await post('/v1/hospital/payments', 'dup-p1', { kioskId: KIOSK_A, paymentRef: 'p-dup', billRef: 'b-dup', amountYen: 100, method: 'cash' })).status, 201);
  const before = snapshot(rig.dir);
  const again = [
    ['/v1/hospital/receptions', { kioskId: KIOSK_A, receptionRef: 'r-dup', patientRef: 'p-2', department: 'geka' }, 'receptionRef'],
    ['/v1/hospital/bills', { receptionRef: 'r-dup', billRef: 'b-dup', totalPointsYen: 9000, copayYen: 2700 }, 'billRef'],
    ['/v1/hospital/payments', { kioskId: KIOSK_A, paymentRef: 'p-dup', billRef: 'b-dup', amountYen: 100, method: 'cash' }, 'paymentRef'],
  ] as const;
  for (const [path, body, field] of again) {
    const res = await post(path, `dup-new-${field}`, body);
    assert.deepEqual([res.status, res.json.kind, res.json.details?.field], [409, 'backoffice.duplicate_reference', field], path);
    assert.doesNotMatch(res.text, /UNIQUE|constraint|SQL|sqlite/i);
  }
  const after = snapshot(rig.dir);
  // Only the answers to the new keys were kept (a definitive 4xx); no record changed.
  for (const table of Object.keys(before).filter((t) => !t.endsWith(':idempotency_records'))) assert.deepEqual(after[table], before[table], table);
  const bill = await raw(rig.port, 'GET', '/v1/hospital/bills/b-dup', asKiosk(KIOSK_A));
  assert.deepEqual([bill.json.copayYen, bill.json.paidYen], [300, 100]);
});

test('certificate routes of a back office that does not issue certificates answer 404 not_offered, not a 5xx', async () => {
  const plain = await startRig({}, { issuance: false });
  try {
    // Without a renderer (and without demo mode) issuance is not configured at all.
    await plain.bo.store.putSession({ token: 'session-at-a', residentId: 'nobody', kioskId: KIOSK_A, expiresAt: Date.now() + 60_000 });
    const before = snapshot(plain.dir);
    const res = await raw(plain.port, 'POST', '/v1/certificates/issuances', asKiosk(KIOSK_A, { authorization: 'Bearer session-at-a', 'idempotency-key': 'not-offered' }),
      JSON.stringify({ kioskId: KIOSK_A, requestId: '6f1c1a0e-2b3c-4d5e-8f70-000000000009', type: 'juminhyo', scope: 'self', copies: 1 }));
    assert.deepEqual([res.status, res.json.kind, res.json.details?.reason], [404, 'backoffice.not_found', 'not_offered']);
    const after = snapshot(plain.dir);
    for (const table of Object.keys(before).filter((t) => !t.endsWith(':idempotency_records'))) assert.deepEqual(after[table], before[table], table);
  } finally {
    await plain.close();
  }
});
