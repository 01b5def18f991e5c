// Short version of the crash soak inside `npm test`: kiosk processes SIGKILLed at random points
// while recording and syncing, the back office killed and restarted, 500s / lost answers / stalls
// injected. Nothing committed may be lost and nothing may be applied twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runKillLoop } from './kill-loop';

test('kill -9 at random points: 0 lost, 0 applied twice, 0 dead letters', { timeout: 120_000 }, async () => {
  const r = await runKillLoop({ kills: 25, backofficeKillEvery: 10 });
  assert.ok(r.committed > 50, `the children committed work (${r.committed})`);
  assert.equal(r.backofficeKills, 2);
  assert.deepEqual({ lost: r.lost, duplicated: r.duplicated, dead: r.dead }, { lost: 0, duplicated: 0, dead: 0 });
});
