// One wire vocabulary (common/backoffice-api): the back office, the kiosk's UI contract and the
// renderer read the same limits and the same refusal reasons. A 21st household member is refused
// alike by the back office (typed input.invalid, nothing recorded) and by the UI contract (the
// service is never called); 20 pass both and reach the rules. Every refusal reason and every place
// to go has words in all four languages, and the renderer maps exactly those reasons.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  Catalog, MAX_HOUSEHOLD_MEMBERS, REFUSAL_MESSAGE_KEYS, RefusalReason, WHERE_MESSAGE_KEYS, Where,
} from '../../common/backoffice-api';
import { dispatch } from '../../common/api/dispatch';
import type { KioskApi } from '../../common/api/contract';
import { LANGS, raw, type MessageKey } from '../../renderer/src/i18n';
import { reasonKey, whereKey } from '../../renderer/src/features/issuance/words';
import { bearer, call, issuanceBody, signIn, startAuthRig, TOWN_HALL, type AuthRig } from '../security/auth-rig';
import { snapshot } from '../security/input-rig';

let rig: AuthRig;
before(async () => { rig = await startAuthRig(); });
after(async () => { await rig.close(); });

/** The certificate service's records (the idempotency answer of a refused request is kept, as for any request). */
const issuances = (dir: string) => Object.fromEntries(Object.entries(snapshot(dir)).filter(([table]) => table.startsWith('certificates.db:issuance')));
const members = (n: number) => Array.from({ length: n }, (_, i) => `member-${i + 1}`);

test(`back office: ${MAX_HOUSEHOLD_MEMBERS + 1} members are refused as input.invalid and nothing is recorded; ${MAX_HOUSEHOLD_MEMBERS} reach the rules`, async () => {
  const token = await signIn(rig.bo, TOWN_HALL, 'yamada-taro');
  const ask = (memberIds: string[]) => {
    const body = { ...issuanceBody(TOWN_HALL, randomUUID()), scope: 'members', memberIds };
    return call(rig.bo, TOWN_HALL, 'POST', '/v1/certificates/issuances', body, { ...bearer(token), 'idempotency-key': body.requestId });
  };
  const before = issuances(rig.dir);
  const tooMany = await ask(members(MAX_HOUSEHOLD_MEMBERS + 1));
  assert.equal(tooMany.status, 400);
  assert.equal(tooMany.json.kind, 'input.invalid');
  assert.equal(tooMany.json.details?.field, 'memberIds');
  assert.deepEqual(issuances(rig.dir), before, 'a refused request records no issuance');

  // At the limit the shape is fine: the rules answer, with a reason of the typed enum.
  const atLimit = await ask(members(MAX_HOUSEHOLD_MEMBERS));
  assert.equal(atLimit.json.kind, 'issuance.refused');
  assert.equal(atLimit.json.details?.reason, 'not_household');
  assert.ok(RefusalReason.safeParse(atLimit.json.details?.reason).success);
  assert.ok(Where.safeParse(atLimit.json.details?.where).success);
});

test('back office: the catalog it answers is the shared Catalog, its refusals typed', async () => {
  const token = await signIn(rig.bo, TOWN_HALL, 'yamada-shota');
  const answer = await call(rig.bo, TOWN_HALL, 'GET', '/v1/certificates/catalog', undefined, bearer(token));
  assert.equal(answer.status, 200);
  const catalog = Catalog.parse(answer.json);
  const refused = catalog.entries.filter((e) => !e.available);
  assert.ok(refused.length > 0, 'a holder under 15 is refused');
  assert.ok(refused.every((e) => e.refusal?.reason === 'under_15'), JSON.stringify(refused.map((e) => e.refusal)));
});

test(`UI contract: the same limit — ${MAX_HOUSEHOLD_MEMBERS + 1} members never reach the service, ${MAX_HOUSEHOLD_MEMBERS} do`, async () => {
  const asked: unknown[] = [];
  const api = { 'issuance.request': async (input: unknown) => { asked.push(input); return { requestId: 'r-1', fee: 300, summary: [] }; } } as unknown as KioskApi;
  const choice = (n: number) => ({ type: 'juminhyo', scope: 'members', memberIds: members(n), options: {}, copies: 1 });

  const refused = await dispatch(api, 'issuance.request', choice(MAX_HOUSEHOLD_MEMBERS + 1));
  assert.equal(refused.ok, false);
  assert.equal(!refused.ok && refused.error.kind, 'input.invalid');
  assert.equal(!refused.ok && refused.error.details?.field, 'memberIds');
  assert.equal(asked.length, 0);

  const accepted = await dispatch(api, 'issuance.request', choice(MAX_HOUSEHOLD_MEMBERS));
  assert.equal(accepted.ok, true);
  assert.equal(asked.length, 1);
});

test('every refusal reason and place has its words in ja, en, zh and ko, and the renderer maps exactly the enum', () => {
  for (const reason of RefusalReason.options) {
    const key = REFUSAL_MESSAGE_KEYS[reason] as MessageKey;
    assert.equal(reasonKey(reason), key, reason);
    for (const { code } of LANGS) {
      const words = raw(code, key);
      assert.ok(typeof words === 'string' && words.length > 0 && words !== key, `${reason} in ${code}`);
    }
  }
  for (const where of Where.options) {
    const key = WHERE_MESSAGE_KEYS[where] as MessageKey;
    assert.equal(whereKey(where), key, where);
    for (const { code } of LANGS) assert.ok(raw(code, key).length > 0, `${where} in ${code}`);
  }
  // Codes the back office never sends are not mapped: they read as the neutral refusal.
  for (const unknown of ['under_age', 'registrant_only', 'no_seal_registration', 'household_move_pending', 'not_same_household', 'my_number_not_allowed']) {
    assert.equal(RefusalReason.safeParse(unknown).success, false);
    assert.equal(reasonKey(unknown), 'iss.reason.other');
  }
  // A cause that must not be revealed reads exactly like the neutral refusal.
  assert.equal(reasonKey('dv_support'), 'iss.reason.other');
  assert.equal(reasonKey('deceased'), 'iss.reason.other');
});
