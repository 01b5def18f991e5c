// The shape every hostile-card test file shares: an auth stack with a good card on reader 0 for the
// whole group, and one test per catalogued case run on reader 1 (tests/helpers/hostile-cards.ts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startAuthStack, type AuthStack } from './auth-stack';
import { checkHostileOutcome, HOSTILE_CASES, runHostileCase } from './hostile-cards';
import type { InsertedCard } from '../../simulators/vcard/vpcd-link';

/** Registers, in the current describe, an auth stack with 山田太郎's card on reader 0; returns its getter. */
export function stackWithGoodCard(): () => AuthStack {
  let stack: AuthStack | undefined;
  let good: InsertedCard | undefined;
  before(async () => {
    stack = await startAuthStack();
    good = await stack.insert('yamada-taro', { reader: 0 });
  });
  after(async () => {
    await good?.remove();
    await stack?.close();
  });
  return () => {
    if (!stack) throw new Error('the auth stack has not started');
    return stack;
  };
}

/** One describe of catalogued cases: each its typed error in time, the other reader served, the CLI ending. */
export function describeHostileGroup(title: string, ids: readonly string[]): void {
  describe(title, () => {
    const stack = stackWithGoodCard();
    for (const c of HOSTILE_CASES.filter((x) => ids.includes(x.id))) {
      test(`${c.id}: ${c.kinds[0]} within ${c.maxMs ?? 1500} ms, the other reader serves, the CLI exits`, async () => {
        const r = await runHostileCase(stack(), c, { cli: true });
        const pin = stack().env.world.profiles.find((p) => p.id === c.profile)?.authPin ?? '';
        checkHostileOutcome(c, r, pin, (v, msg) => assert.ok(v, msg));
      });
    }
    test('every case of this group exists in the catalogue', () => {
      assert.deepEqual(ids.filter((id) => !HOSTILE_CASES.some((c) => c.id === id)), []);
    });
  });
}
