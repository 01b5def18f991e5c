// Staff's reprint through the technician CLI (`madoguchi held`), against the real kiosk database,
// back office and printer: the held request is listed, the reprint prints with the same number,
// and the decision is audited with the staff note.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startIssuanceStack, type IssuanceStack } from './issuance-stack';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'madoguchi.mjs');
let s: IssuanceStack;
before(async () => { s = await startIssuanceStack(); });
after(async () => { await s.close(); });

test('madoguchi held list / resolve reprint: the held request prints again, audited, no fee', async () => {
  const holderToken = await s.holderToken('yamada-taro');
  const r = await s.service.request({ holderToken, type: 'inkan', scope: 'self', options: {}, copies: 1 });
  await s.service.pay(r.requestId, () => undefined);
  s.eve!.goOffline();
  try {
    assert.equal((await s.service.print(r.requestId, () => undefined)).state, 'held');
  } finally {
    s.eve!.comeOnline();
  }
  const db = join(s.dir, 'kiosk.db');
  const listed = JSON.parse((await run(process.execPath, [BIN, 'held', 'list', '--db', db, '--json'])).stdout) as { requestId: string; state: string; paid: number }[];
  assert.deepEqual(listed.map((h) => [h.requestId, h.state, h.paid]), [[r.requestId, 'held', 200]]);

  const taken = s.payment.netTaken();
  const before = s.eve!.outputs().length;
  // The kiosk's and the staff member's keys at the (loopback) back office travel in the environment.
  const keys = { env: { ...process.env, MADOGUCHI_KIOSK_KEY: s.kioskKey, MADOGUCHI_STAFF_KEY: s.staffKey } };
  const out = await run(process.execPath, [BIN, 'held', 'resolve', r.requestId, 'reprint', '--note', 'printer was off; tray empty', '--db', db,
    '--backoffice', s.bo.url, '--printer', s.eve!.uri, '--kiosk-id', 'kiosk-test-1'], keys);
  const answer = JSON.parse(out.stdout) as { state: string; receipt: string };
  assert.deepEqual([answer.state, answer.receipt], ['printed', 'printed']);
  assert.equal(s.eve!.outputs().length, before + 2);
  assert.equal(s.payment.netTaken(), taken);
  assert.ok(s.service.get(r.requestId)!.events.some((e) => e.state === 'printing' && e.detail?.includes('(staff: printer was off; tray empty)')));
  await assert.rejects(run(process.execPath, [BIN, 'held', 'resolve', r.requestId, 'reprint', '--note', 'again', '--db', db, '--backoffice', s.bo.url,
    '--printer', s.eve!.uri, '--kiosk-id', 'kiosk-test-1'], keys), (e: Error & { stderr: string }) => /issuance\.invalid_state/.test(e.stderr));
});
