// The housekeeping registry every service registers its periodic work with: rounds run the tasks
// in registration order, a failing task is logged by name and does not stop the others, names are
// unique, a registration can be removed, and a round asked for during a round runs after it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHousekeeping } from '../../electron/services/platform/housekeeping';

describe('housekeeping registry', () => {
  it('runs the tasks of a round in order; a failing one is logged by name and the round goes on', async () => {
    const lines: string[] = [];
    const ran: string[] = [];
    const h = createHousekeeping((m) => lines.push(m));
    h.register('wipe', () => void ran.push('wipe'));
    h.register('broken', () => { throw new Error('disk full'); });
    h.register('heartbeat', async () => void ran.push('heartbeat'));
    await h.runNow();
    assert.deepEqual(ran, ['wipe', 'heartbeat']);
    assert.deepEqual(lines, ['housekeeping: broken failed: disk full']);
    assert.deepEqual(h.names(), ['wipe', 'broken', 'heartbeat']);
  });

  it('refuses a second task under the same name; the returned function removes the task', async () => {
    const h = createHousekeeping();
    let runs = 0;
    const off = h.register('retention.requests', () => void runs++);
    assert.throws(() => h.register('retention.requests', () => undefined), /already registered/);
    await h.runNow();
    off();
    await h.runNow();
    assert.equal(runs, 1);
    assert.deepEqual(h.names(), []);
  });

  it('never runs two rounds at once: a round asked for meanwhile runs once after the current one', async () => {
    const h = createHousekeeping();
    let active = 0;
    let most = 0;
    let rounds = 0;
    h.register('slow', async () => {
      active++;
      most = Math.max(most, active);
      await new Promise((r) => setTimeout(r, 20));
      active--;
      rounds++;
    });
    await Promise.all([h.runNow(), h.runNow(), h.runNow()]);
    assert.equal(most, 1);
    assert.equal(rounds, 2, 'the current round and one more for the requests made during it');
  });
});
