// Migration 0080 and the reception-visit state machine: only the drawn edges are allowed (every
// other one is refused with reception.invalid_state and changes nothing), the desk learns a
// reception or a patient sent to the desk through the outbox in the same transaction — without a
// name or insurance number — and a finished visit loses its parsed result and raw XML once synced.
// The eligibility rules: every answer has one outcome, next step and staff flag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isKioskError } from '../../common/errors';
import { openKioskDb } from '../../db/kiosk-db';
import { createQueue } from '../../db/queue';
import { decide, unconfirmed } from '../../electron/services/reception/eligibility-rules';
import type { EligibilityResult } from '../../electron/services/reception/ports';
import { createVisitStore, TRANSITIONS, type VisitState } from '../../electron/services/reception/visit-machine';

const STATES = Object.keys(TRANSITIONS) as VisitState[];

function rig(t: { after(fn: () => void): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-visit-'));
  const db = openKioskDb({ path: join(dir, 'kiosk.db') });
  t.after(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });
  const queue = createQueue(db);
  let now = 1_000;
  const visits = createVisitStore(db, queue, 'hospital-kiosk-1', () => now);
  const outbox = () => db.sqlite.prepare('SELECT kind, payload FROM outbox ORDER BY id').all() as { kind: string; payload: string }[];
  return { db, queue, visits, outbox, tick: () => (now += 1_000) };
}

/** The shortest path of edges from 'outcome' (a visit's usual first state) to `target`. */
function pathTo(target: VisitState): VisitState[] | null {
  const queue: VisitState[][] = [['outcome']];
  while (queue.length > 0) {
    const p = queue.shift()!;
    const last = p[p.length - 1]!;
    if (last === target) return p.slice(1);
    for (const next of TRANSITIONS[last]) if (!p.includes(next)) queue.push([...p, next]);
  }
  return null;
}

test('every drawn edge is allowed and every other one refused, changing nothing', (t) => {
  const { visits } = rig(t);
  let n = 0;
  for (const from of STATES) {
    for (const to of STATES) {
      const id = `v-${n++}`;
      const first = from === 'checking' ? 'checking' : 'outcome';
      visits.create(id, first, 'card', {});
      if (from !== 'checking') for (const step of pathTo(from)!) visits.transition(id, step);
      assert.equal(visits.load(id).state, from);
      const before = visits.events(id).length;
      if (TRANSITIONS[from].includes(to)) {
        assert.equal(visits.transition(id, to).state, to, `${from} → ${to}`);
        assert.equal(visits.events(id).length, before + 1, `${from} → ${to} is audited`);
      } else {
        assert.throws(() => visits.transition(id, to), (e) => isKioskError(e, 'reception.invalid_state') && e.details.state === from, `${from} → ${to}`);
        assert.equal(visits.load(id).state, from, `${from} → ${to} changed nothing`);
        assert.equal(visits.events(id).length, before, `${from} → ${to} wrote no event`);
      }
    }
  }
  // Once asked of the accounting system, a visit never goes back to abandoned.
  assert.ok(!TRANSITIONS.registering.includes('abandoned') && !TRANSITIONS.registered.includes('abandoned'));
});

test('the desk hears of a reception and of a patient sent to the desk, with no name or insurance number', (t) => {
  const { visits, outbox, tick } = rig(t);
  const result = JSON.stringify({ name: '山田太郎', insurerNumber: '06139999', insuredIdentificationNumber: '1234' });
  visits.create('v-1', 'outcome', 'android', { outcome: 'valid', nextStep: 'choose', staffFlag: 'none', ratioPercent: 30, eligibilityJson: result, eligibilityXml: '<XmlMsg>山田太郎</XmlMsg>', fileId: 'f-1' });
  visits.transition('v-1', 'chosen', { patch: { choicesJson: '{}' } });
  tick();
  visits.transition('v-1', 'registering', { patch: { department: '01', patientId: '00012', patientKind: 'returning', receptionTime: '09:30:00' } });
  assert.equal(outbox().length, 0, 'nothing is told before the accounting system has the reception');
  visits.transition('v-1', 'registered', { patch: { acceptanceId: '00007', acceptanceTime: '09:30:01' } });
  visits.create('v-2', 'outcome', 'card', { outcome: 'not_found', nextStep: 'desk', staffFlag: 'no_match' });
  visits.transition('v-2', 'sent_to_desk', { patch: { deskReason: 'no_qualification' } });
  const told = outbox();
  assert.deepEqual(told.map((e) => e.kind), ['reception.created', 'reception.sent_to_desk']);
  const created = JSON.parse(told[0]!.payload) as Record<string, unknown>;
  assert.deepEqual({ ...created, eligibility: { ...(created.eligibility as object), checkedAt: undefined } }, {
    kioskId: 'hospital-kiosk-1', receptionRef: 'v-1', patientRef: '00012', department: '01', receptionNumber: '00007',
    eligibility: { state: 'confirmed', ratioPercent: 30, checkedAt: undefined },
  });
  assert.deepEqual(JSON.parse(told[1]!.payload), { kioskId: 'hospital-kiosk-1', visitRef: 'v-2', reason: 'no_qualification' });
  for (const e of told) assert.doesNotMatch(e.payload, /山田|06139999|XmlMsg/);
});

test('personal data of a finished visit is wiped only once the back office has every event of it', (t) => {
  const { visits, queue } = rig(t);
  visits.create('v-1', 'outcome', 'card', { outcome: 'not_found', nextStep: 'desk', staffFlag: 'no_match', eligibilityJson: '{"name":"x"}', eligibilityXml: '<x/>' });
  visits.transition('v-1', 'sent_to_desk', { patch: { deskReason: 'no_qualification' } });
  assert.equal(visits.wipeSynced(), 0, 'not yet synced');
  assert.equal(visits.load('v-1').eligibilityXml, '<x/>');
  queue.ack(queue.claim({ limit: 10 }));
  assert.equal(visits.wipeSynced(), 1);
  const row = visits.load('v-1');
  assert.equal(row.eligibilityJson, null);
  assert.equal(row.eligibilityXml, null);
  assert.equal(row.outcome, 'not_found', 'the outcome stays for the audit');
});

const answer = (f: Partial<EligibilityResult>): EligibilityResult => ({ arbitraryFileIdentifier: 'f', segmentOfResult: '1', processingResultStatus: '1', rawXml: '<x/>', ...f });

test('each eligibility answer has one outcome, next step and staff flag; only a valid one carries a 負担割合', () => {
  const cases: [Partial<EligibilityResult>, string, string, string, number | null][] = [
    [{ qualificationValidity: '1', insuredPartialContributionRatio: '030' }, 'valid', 'choose', 'none', 30],
    [{ qualificationValidity: '1', insuredPartialContributionRatio: '030', elderlyRecipientContributionRatio: '020' }, 'valid', 'choose', 'none', 20],
    [{ qualificationValidity: '6' }, 'valid', 'choose', 'check_documents', null],
    [{ qualificationValidity: '2', insuredPartialContributionRatio: '030' }, 'invalid', 'desk', 'invalid', null],
    [{ qualificationValidity: '3' }, 'new_qualification', 'desk', 'new_insurer', null],
    [{ qualificationValidity: '4' }, 'not_found', 'desk', 'no_match', null],
    [{ qualificationValidity: '5' }, 'multiple', 'desk', 'multiple_matches', null],
    [{ cardUnregistered: true, segmentOfResult: '9' }, 'unregistered', 'register_card', 'unregistered_card', null],
    [{ segmentOfResult: '9', errorMessage: '資格確認に失敗しました' }, 'error', 'desk', 'service_error', null],
    [{ processingResultStatus: '2', processingResultMessage: '照会できません' }, 'error', 'desk', 'service_error', null],
  ];
  for (const [fields, outcome, next, flag, ratio] of cases) {
    const d = decide(answer(fields));
    assert.deepEqual([d.outcome, d.next, d.staffFlag, d.ratioPercent], [outcome, next, flag, ratio], JSON.stringify(fields));
  }
  assert.equal(decide(answer({ segmentOfResult: '9', errorMessage: '資格確認に失敗しました' })).message, '資格確認に失敗しました', 'shown as it is');
  assert.equal(decide(answer({ qualificationValidity: '1', publicExpenses: [{ providerNumber: '54136015' }] })).hasPublicAid, true);
  // Never 10割: an unavailable service goes on unconfirmed, to be shown at the desk and re-checked.
  assert.deepEqual(unconfirmed(), { outcome: 'unconfirmed', next: 'choose_then_show_document', staffFlag: 'recheck_pending', ratioPercent: null, hasPublicAid: false, message: null });
});
