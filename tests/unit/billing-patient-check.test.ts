// test-lane: free
// お会計's card check answered 処理中: polled by its file id every interval up to reception's bound,
// then the patient named by the final answer's 照会番号, or the desk ('eligibility_unavailable' when
// still 処理中 or the service went away, 'no_patient_id' when the final answer names nobody).
// A fake of the eligibility port and a fake clock; the real simulator's slow person is polled on the
// real stack in tests/integration/billing-module.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KioskError } from '../../common/errors';
import { awaitPending } from '../../electron/services/billing/patient-check';
import type { EligibilityResult, EligibilityService } from '../../electron/services/reception/ports';

const PENDING: EligibilityResult = { arbitraryFileIdentifier: 'f-1', segmentOfResult: '2', rawXml: '' };
const FINAL: EligibilityResult = { arbitraryFileIdentifier: 'f-1', segmentOfResult: '1', qualificationValidity: '1', referenceNumber: '00007', rawXml: '<x/>' };

function world(answers: (EligibilityResult | KioskError)[]) {
  let now = 1_000_000;
  const polled: string[] = [];
  const eligibility = {
    async poll(fileId: string) {
      polled.push(fileId);
      const a = answers.length > 1 ? answers.shift()! : answers[0]!;
      if (a instanceof KioskError) throw a;
      return a;
    },
  } as unknown as EligibilityService;
  const policy = { boundMs: 10_000, intervalMs: 500, clock: () => now, sleep: async (ms: number) => { now += ms; } };
  return { eligibility, policy, polled, since: now, elapsed: () => now - 1_000_000 };
}

test('処理中 then the result: the patient named by its 照会番号, after one interval', async () => {
  const w = world([PENDING, FINAL]);
  assert.deepEqual(await awaitPending(w.eligibility, 'f-1', w.since, w.policy), { patientId: '00007' });
  assert.deepEqual(w.polled, ['f-1', 'f-1'], 'polled by the answer\'s file id');
  assert.equal(w.elapsed(), 500);
});

test('still 処理中 at the bound: the desk as eligibility_unavailable, having waited no longer than reception does', async () => {
  const w = world([PENDING]);
  assert.deepEqual(await awaitPending(w.eligibility, 'f-1', w.since, w.policy), { deskReason: 'eligibility_unavailable' });
  assert.equal(w.elapsed(), 10_000);
  assert.equal(w.polled.length, 21, 'every 500 ms, the last one at the bound');
});

test('the final answer names nobody (no 照会番号): no_patient_id; the service gone while polling: eligibility_unavailable', async () => {
  const none = world([PENDING, { ...FINAL, referenceNumber: undefined }]);
  assert.deepEqual(await awaitPending(none.eligibility, 'f-1', none.since, none.policy), { deskReason: 'no_patient_id' });
  const gone = world([PENDING, new KioskError('eligibility.unavailable')]);
  assert.deepEqual(await awaitPending(gone.eligibility, 'f-1', gone.since, gone.policy), { deskReason: 'eligibility_unavailable' });
});
