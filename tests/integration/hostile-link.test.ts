// Hostile cards, the link: silence, slowness, a byte at a time, endless 61 xx, disconnection (tests/helpers/hostile-cards.ts, simulators/vcard/faults.ts). Each case
// through real pcscd on reader 1: the typed error and the time to it, a good card on reader 0
// served meanwhile, the technician log, and `madoguchi card …` ending with a non-zero code.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startAuthStack, type AuthStack } from '../helpers/auth-stack';
import { checkHostileOutcome, HOSTILE_CASES, runHostileCase } from '../helpers/hostile-cards';
import type { InsertedCard } from '../../simulators/vcard/vpcd-link';

const IDS = ['silent', 'silent-at-sign', 'slow', 'slow-login', 'drip', 'drip-huge', 'endless-61xx', 'disconnect-read', 'disconnect-sign'];

describe('hostile cards: link', () => {
  let stack: AuthStack;
  let good: InsertedCard;
  before(async () => {
    stack = await startAuthStack();
    good = await stack.insert('yamada-taro', { reader: 0 });
  });
  after(async () => {
    await good?.remove();
    await stack?.close();
  });

  for (const c of HOSTILE_CASES.filter((x) => IDS.includes(x.id))) {
    test(`${c.id}: ${c.kinds[0]} within ${c.maxMs ?? 1500} ms, the other reader serves, the CLI exits`, async () => {
      const r = await runHostileCase(stack, c, { cli: true });
      const pin = stack.env.world.profiles.find((p) => p.id === c.profile)?.authPin ?? '';
      checkHostileOutcome(c, r, pin, (v, msg) => assert.ok(v, msg));
    });
  }

  test('every case of this group exists in the catalogue', () => {
    assert.deepEqual(IDS.filter((id) => !HOSTILE_CASES.some((c) => c.id === id)), []);
  });
});
