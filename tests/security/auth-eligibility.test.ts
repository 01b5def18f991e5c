// The number-based insurance check (POST /v1/eligibility/confirm-by-numbers): only a registered
// hospital kiosk may ask, each check is audited, a kiosk gets at most 10 a minute (a year of birth
// dates can no longer be tried in a second), and the answer is the qualification only — never the
// person's name, kana, sex or birth date. Each refusal: its status, and nothing changed in the store.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { NUMBER_CHECK_LIMITS } from '../../backoffice/routes/hospital';
import { BUSY_CLINIC, call, CLINIC, OTHER_CLINIC, startAuthRig, TOWN_HALL, type AuthRig } from './auth-rig';
import { snapshot } from './input-rig';

let rig: AuthRig;
/** yamada-taro's insurance card numbers and birth date, as stored. */
let taro: { insurerNumber: string; symbol: string; number: string; dob: string };
before(async () => {
  rig = await startAuthRig();
  const ins = (await rig.bo.store.insuranceOf('yamada-taro'))!;
  taro = { insurerNumber: ins.insurerNumber, symbol: ins.symbol, number: ins.number, dob: (await rig.bo.store.getResident('yamada-taro'))!.dob };
});
after(async () => { await rig.close(); });

/** yamada-taro's insurance card numbers, with a birth date (his own unless given). */
function numbers(kioskId: string, birthdate?: string) {
  return {
    kioskId, medicalInstitutionCode: '1312345678', insurerNumber: taro.insurerNumber, insuredCardSymbol: taro.symbol,
    insuredIdentificationNumber: taro.number, birthdate: birthdate ?? taro.dob,
  };
}
const check = (kiosk: string | null, body: unknown) => call(rig.bo, kiosk, 'POST', '/v1/eligibility/confirm-by-numbers', body);

test('only a registered hospital kiosk may check by numbers', async () => {
  const before = snapshot(rig.dir);
  const cases = [
    ['no credential', await check(null, numbers(CLINIC)), 401, undefined],
    ['a municipal kiosk', await check(TOWN_HALL, numbers(TOWN_HALL)), 403, 'kiosk_kind'],
    ['in another kiosk\'s name', await check(OTHER_CLINIC, numbers(CLINIC)), 403, 'kiosk_mismatch'],
  ] as const;
  for (const [what, answer, status, reason] of cases) {
    assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.json)}`);
    if (reason) assert.equal(answer.json.details?.reason, reason, what);
    assert.equal(answer.json.ResultOfQualificationConfirmation, undefined, what);
  }
  assert.deepEqual(snapshot(rig.dir), before, 'nothing audited, nothing stored');
});

test('the answer is the qualification only (no name, kana, sex or birth date), and every check is audited', async () => {
  const right = await check(CLINIC, numbers(CLINIC));
  assert.equal(right.status, 200, JSON.stringify(right.json));
  const result = right.json.ResultOfQualificationConfirmation as Record<string, unknown>;
  assert.equal(result.QualificationValidity, '1');
  assert.equal(result.InsuredPartialContributionRatio, '030');
  for (const field of ['Name', 'NameKana', 'Sex1', 'Birthdate']) assert.equal(result[field], undefined, `${field} is not the check's to answer`);
  assert.ok(!JSON.stringify(right.json).includes('山田'));
  const wrong = await check(CLINIC, numbers(CLINIC, '19990101'));
  assert.equal((wrong.json.ResultOfQualificationConfirmation as Record<string, unknown>).QualificationValidity, '4', '該当資格なし');
  const audit = await rig.bo.access.eligibilityAudit(CLINIC);
  assert.deepEqual(audit.map((a) => [a.kioskId, a.insurerNumber, a.medicalInstitutionCode, a.outcome]),
    [[CLINIC, numbers(CLINIC).insurerNumber, '1312345678', '1'], [CLINIC, numbers(CLINIC).insurerNumber, '1312345678', '4']]);
});

test('a kiosk gets at most 10 checks a minute: guessing a birth date by trying a year of them is stopped', async () => {
  const perMinute = NUMBER_CHECK_LIMITS[0].max;
  const days = Array.from({ length: 365 }, (_, i) => new Date(Date.UTC(1980, 0, 1 + i)).toISOString().slice(0, 10).replace(/-/g, ''));
  const statuses: number[] = [];
  let found = false;
  let before: ReturnType<typeof snapshot> | undefined;
  for (const day of days) {
    if (statuses.length === perMinute) before = snapshot(rig.dir);
    const answer = await check(OTHER_CLINIC, numbers(OTHER_CLINIC, day));
    statuses.push(answer.status);
    if ((answer.json.ResultOfQualificationConfirmation as { QualificationValidity?: string } | undefined)?.QualificationValidity === '1') found = true;
    if (answer.status === 429) {
      assert.equal(answer.json.kind, 'backoffice.rate_limited');
      assert.equal(answer.json.details?.retryAfterSeconds, 60);
      break;
    }
  }
  assert.deepEqual(statuses, [...Array<number>(perMinute).fill(200), 429]);
  assert.equal(found, false, 'the right birth date (0217) is past the first ten days tried');
  assert.deepEqual(snapshot(rig.dir), before, 'the refused check is neither answered nor audited');
  assert.equal((await rig.bo.access.eligibilityAudit(OTHER_CLINIC)).length, perMinute);
  // Another kiosk's budget is its own.
  assert.equal((await check(CLINIC, numbers(CLINIC))).status, 200);
});

test('the limit holds for checks sent all at once: 25 in parallel, 10 answered', async () => {
  const answers = await Promise.all(Array.from({ length: 25 }, (_, i) =>
    check(BUSY_CLINIC, numbers(BUSY_CLINIC, `1980${String(1 + Math.floor(i / 28)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`))));
  const statuses = answers.map((a) => a.status).sort();
  assert.deepEqual(statuses, [...Array<number>(10).fill(200), ...Array<number>(15).fill(429)]);
  assert.deepEqual((await rig.bo.access.eligibilityAudit(BUSY_CLINIC)).map((a) => a.outcome), Array<string>(10).fill('4'), 'ten audited, each with its answer');
});
