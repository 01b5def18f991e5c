// The PC/SC service disappears mid-session (pcscd stops: the reader is gone) and comes back:
// the resident gets a typed error, never a crash, and the kiosk recovers without a restart.
// It stops the machine's pcscd, so it runs only in the serial `npm test` (never alongside other
// card tests) and always restarts pcscd before it ends.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { KioskError } from '../../common/errors';
import { startAuthStack, vpcdReaderName, type AuthStack } from '../helpers/auth-stack';

const READER = vpcdReaderName(0);
let stack: AuthStack;

function startPcscd(): void {
  const r = spawnSync(process.execPath, ['scripts/setup.mjs'], { stdio: 'inherit' });
  assert.equal(r.status, 0, 'pcscd restarts');
}

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

before(async () => {
  stack = await startAuthStack();
});
after(async () => {
  startPcscd(); // whatever happened, leave the machine with a running pcscd
  await stack.close();
});

test('pcscd stopping mid-session is a typed error; after it returns the kiosk logs in again', async () => {
  await stack.insert('yamada-taro');
  const auth = await stack.service();
  await auth.open(READER);

  spawnSync('pkill', ['-x', 'pcscd']);
  await until(() => spawnSync('pgrep', ['-x', 'pcscd']).status !== 0, 5000, 'pcscd to stop');

  await assert.rejects(auth.login('1234'), (err: unknown) => {
    assert.ok(err instanceof KioskError, String(err));
    assert.ok(['reader.gone', 'reader.service_unavailable', 'card.removed'].includes(err.kind), `${err.kind}: ${err.message}`);
    return true;
  });
  await auth.close();

  startPcscd();
  // The PC/SC client re-creates its context with back-off and finds the readers again.
  await until(() => stack.pcsc.readers().some((r) => r.name === READER), 20_000, 'the reader to come back');
  await stack.insert('yamada-taro');
  await auth.open(READER);
  const holder = await auth.login('1234');
  assert.equal(holder.revocation, 'good');
  await auth.close();
});
