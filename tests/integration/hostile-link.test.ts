// Hostile cards, the link: silence, slowness, a byte at a time, endless 61 xx, disconnection (tests/helpers/hostile-cards.ts, simulators/vcard/faults.ts). Each case
// through real pcscd on reader 1: the typed error and the time to it, a good card on reader 0
// served meanwhile, the technician log, and `madoguchi card …` ending with a non-zero code.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { KioskError } from '../../common/errors';
import { vpcdReaderName } from '../helpers/auth-stack';
import { OTHER_READER_MS } from '../helpers/hostile-cards';
import { describeHostileGroup, stackWithGoodCard } from '../helpers/hostile-suite';
import { linkFault } from '../../simulators/vcard/faults';

const IDS = ['silent', 'silent-at-sign', 'slow', 'slow-login', 'drip', 'drip-huge', 'endless-61xx', 'disconnect-read', 'disconnect-sign'];

describeHostileGroup('hostile cards: link', IDS);

describe('hostile cards: one kiosk service, two readers', () => {
  const stack = stackWithGoodCard();

  for (const mode of ['silent', 'slow', 'silent-at-sign'] as const) {
    test(`a card placed on reader 0 starts its session at once while reader 1's card is ${mode}; the ${mode} card's caller gets an error`, async () => {
      const card = await stack().insert('yamada-hanako', { reader: 1 });
      card.setFault(linkFault(mode));
      const kiosk = await stack().service();
      const stuck = (async () => {
        await kiosk.open(vpcdReaderName(1));
        await kiosk.login('2580');
      })();
      stuck.catch(() => undefined);
      await new Promise((r) => setTimeout(r, 400));
      const t0 = performance.now();
      const overview = await kiosk.open(vpcdReaderName(0));
      const ms = performance.now() - t0;
      assert.equal(overview.reader, vpcdReaderName(0));
      assert.ok(ms <= OTHER_READER_MS, `the new session took ${Math.round(ms)} ms`);
      await assert.rejects(stuck, (err: unknown) => err instanceof KioskError);
      const t1 = performance.now();
      await kiosk.close();
      assert.ok(performance.now() - t1 <= 1_000, 'ending the session never waits on a card');
      await card.remove();
    });
  }
});
