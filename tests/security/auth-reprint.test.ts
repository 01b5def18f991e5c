// Reprints of a held print: only staff holding the reprint role, at the kiosk that issued it, of an
// issuance the kiosk reported paid and held, with a note, and at most three times. Each refusal: its
// status and reason, and every row of every database file unchanged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { MAX_REPRINTS } from '../../backoffice/certificates/routes';
import { asStaff, bearer, call, CLERK, GUARD, issuanceBody, LIBRARY, paidAndHeld, signIn, startAuthRig, TOWN_HALL, type AuthRig } from './auth-rig';
import { snapshot } from './input-rig';

let rig: AuthRig;
before(async () => { rig = await startAuthRig(); });
after(async () => { await rig.close(); });

/** An issuance authorized for a holder at the town hall kiosk: its ids and fee. */
async function issued() {
  const token = await signIn(rig.bo, TOWN_HALL, 'yamada-taro');
  const body = issuanceBody(TOWN_HALL);
  const answer = await call(rig.bo, TOWN_HALL, 'POST', '/v1/certificates/issuances', body, { ...bearer(token), 'idempotency-key': body.requestId });
  assert.equal(answer.status, 201, JSON.stringify(answer.json));
  return { requestId: body.requestId, issuanceId: answer.json.issuanceId as string, fee: answer.json.fee as number };
}

function reprint(kiosk: string | null, headers: Record<string, string>, issuanceId: string, body: { kioskId: string; requestId: string; staffNote?: string }) {
  const reprintId = randomUUID();
  return call(rig.bo, kiosk, 'POST', `/v1/certificates/issuances/${issuanceId}/reprints`, { staffNote: 'tray empty, nothing came out', ...body, reprintId },
    { ...headers, 'idempotency-key': reprintId });
}

test('a reprint needs staff with the reprint role at the issuing kiosk, and an issuance that was paid and held', async () => {
  const { requestId, issuanceId } = await issued();
  const own = { kioskId: TOWN_HALL, requestId };
  const before = snapshot(rig.dir);
  const cases = [
    ['no staff credential', await reprint(TOWN_HALL, {}, issuanceId, own), 401, undefined],
    ['a wrong staff key', await reprint(TOWN_HALL, { 'staff-key': `${CLERK}:${'y'.repeat(43)}` }, issuanceId, own), 401, undefined],
    ['staff without the reprint role', await reprint(TOWN_HALL, asStaff(GUARD), issuanceId, own), 403, 'staff_role'],
    ['no kiosk', await reprint(null, asStaff(CLERK), issuanceId, own), 401, undefined],
    ['another kiosk naming this one', await reprint(LIBRARY, asStaff(CLERK), issuanceId, own), 403, 'kiosk_mismatch'],
    ['another kiosk for itself', await reprint(LIBRARY, asStaff(CLERK), issuanceId, { kioskId: LIBRARY, requestId }), 403, 'not_reprintable'],
    ['never paid (authorized)', await reprint(TOWN_HALL, asStaff(CLERK), issuanceId, own), 403, 'not_reprintable'],
  ] as const;
  for (const [what, answer, status, reason] of cases) {
    assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.json)}`);
    if (reason) assert.equal(answer.json.details?.reason, reason, what);
    assert.equal(answer.json.pdfBase64, undefined, what);
  }
  assert.deepEqual(snapshot(rig.dir), before, 'no reprint recorded, no answer stored');
  // Without a note: a 400 (final, so kept for its key), and still no reprint.
  const noNote = await reprint(TOWN_HALL, asStaff(CLERK), issuanceId, { ...own, staffNote: '  ' });
  assert.deepEqual([noNote.status, noNote.json.details?.field], [400, 'staffNote']);
  assert.deepEqual(snapshot(rig.dir)['certificates.db:issuance_reprints'], before['certificates.db:issuance_reprints']);
});

test(`a paid, held issuance is reprinted by staff at most ${MAX_REPRINTS} times, each recorded with who asked`, async () => {
  const { requestId, issuanceId, fee } = await issued();
  const synced = await call(rig.bo, TOWN_HALL, 'POST', '/v1/sync/events', { kioskId: TOWN_HALL, events: paidAndHeld(requestId, fee) });
  assert.deepEqual(synced.json.results, [{ key: `certificate:${requestId}:paid`, status: 'applied' }, { key: `certificate:${requestId}:held`, status: 'applied' }]);
  const counts: number[] = [];
  for (let i = 0; i < MAX_REPRINTS; i++) {
    const answer = await reprint(TOWN_HALL, asStaff(CLERK), issuanceId, { kioskId: TOWN_HALL, requestId });
    assert.equal(answer.status, 201, JSON.stringify(answer.json));
    counts.push((answer.json.reprint as { count: number }).count);
  }
  assert.deepEqual(counts, [1, 2, 3]);
  const before = snapshot(rig.dir);
  const fourth = await reprint(TOWN_HALL, asStaff(CLERK), issuanceId, { kioskId: TOWN_HALL, requestId });
  assert.deepEqual([fourth.status, fourth.json.details?.reason], [403, 'reprint_limit']);
  assert.deepEqual(snapshot(rig.dir), before);
  const rows = before['certificates.db:issuance_reprints']!.map((r) => JSON.parse(r as string) as { staff_id: string; issuance_id: string })
    .filter((r) => r.issuance_id === issuanceId);
  assert.deepEqual(rows.map((r) => r.staff_id), [CLERK, CLERK, CLERK]);
});

test('a reprint after the money went back is refused', async () => {
  const { requestId, issuanceId, fee } = await issued();
  const refunded = { key: `certificate:${requestId}:refunded`, kind: 'certificate.refunded', stream: `certificate:${requestId}`, payload: { requestId, refunded: fee }, createdAt: 3 };
  const synced = await call(rig.bo, TOWN_HALL, 'POST', '/v1/sync/events', { kioskId: TOWN_HALL, events: [...paidAndHeld(requestId, fee), refunded] });
  assert.deepEqual((synced.json.results as { status: string }[]).map((r) => r.status), ['applied', 'applied', 'applied']);
  const before = snapshot(rig.dir);
  const answer = await reprint(TOWN_HALL, asStaff(CLERK), issuanceId, { kioskId: TOWN_HALL, requestId });
  assert.deepEqual([answer.status, answer.json.details?.reason], [403, 'not_reprintable']);
  assert.deepEqual(snapshot(rig.dir), before);
});

test(`reprints asked all at once still stop at ${MAX_REPRINTS}`, async () => {
  const { requestId, issuanceId, fee } = await issued();
  await call(rig.bo, TOWN_HALL, 'POST', '/v1/sync/events', { kioskId: TOWN_HALL, events: paidAndHeld(requestId, fee) });
  const answers = await Promise.all(Array.from({ length: 6 }, () => reprint(TOWN_HALL, asStaff(CLERK), issuanceId, { kioskId: TOWN_HALL, requestId })));
  assert.deepEqual(answers.map((a) => a.status).sort(), [201, 201, 201, 403, 403, 403]);
  assert.ok(answers.filter((a) => a.status === 403).every((a) => a.json.details?.reason === 'reprint_limit'));
  const rows = snapshot(rig.dir)['certificates.db:issuance_reprints']!.filter((r) => (JSON.parse(r as string) as { issuance_id: string }).issuance_id === issuanceId);
  assert.equal(rows.length, MAX_REPRINTS);
});
