// kill -9 of the kiosk in each state of a certificate request, then a restart + resume():
// the fee is charged at most once (device journal vs. kiosk records), a document is never printed
// after the restart, and every request ends in the state the rules say (kiosk-domain.md §2.6).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startIssuanceStack, NOON_JST, serviceClock, type IssuanceStack } from '../integration/issuance-stack';

const WORKER = fileURLToPath(new URL('./issuance-worker.ts', import.meta.url));
let s: IssuanceStack;
before(async () => { s = await startIssuanceStack({ clock: serviceClock(NOON_JST) }); });
after(async () => { await s.close(); });

function runUntil(stopAt: string, holderToken: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      env: { ...process.env, ISSUE_STOP_AT: stopAt, ISSUE_KIOSK_DB: join(s.dir, 'kiosk.db'), ISSUE_PAYMENT_JOURNAL: join(s.dir, 'payment-journal.json'),
        ISSUE_BACKOFFICE: s.bo.url, ISSUE_KIOSK_KEY: s.kioskKey, ISSUE_PRINTER: s.eve!.uri, ISSUE_HOLDER_TOKEN: holderToken, ISSUE_CLOCK_BASE: String(NOON_JST) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '', err = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`worker never reached ${stopAt}: ${err}`)); }, 30_000);
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = new RegExp(`at ${stopAt} (\\S+)`).exec(out);
      if (m) { clearTimeout(timer); child.kill('SIGKILL'); child.once('exit', () => resolve(m[1]!)); }
    });
  });
}

for (const [stopAt, expected] of [['authorized', 'refunded'], ['paid', 'refunded'], ['printing', 'held']] as const) {
  test(`kill -9 in '${stopAt}': resume ends '${expected}', charged at most once, nothing printed after restart`, async () => {
    if (stopAt === 'printing') s.eve!.setPageMs(30_000); // the sheet is still in the engine when the kiosk dies
    const requestId = await runUntil(stopAt, await s.holderToken('yamada-taro'));
    const outputsAtKill = s.eve!.outputs().length;
    const service = s.restartKiosk();
    await service.resume();
    await service.resume(); // a second restart changes nothing
    s.eve!.setPageMs(0);
    const view = service.get(requestId)!;
    assert.equal(view.state, expected, JSON.stringify(view.events));
    const journal = s.payment.journal().filter((e) => e.paymentId === `pay-${requestId}`);
    assert.ok(journal.length <= 1);
    const taken = journal.reduce((n, e) => n + e.paid - e.refunded, 0);
    assert.equal(taken, expected === 'held' ? 200 : 0, 'held keeps the fee for staff to decide; refunded returns it');
    assert.equal(view.paid, journal[0]?.paid ?? 0, 'the kiosk records what the device took');
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(s.eve!.outputs().length <= outputsAtKill + (stopAt === 'printing' ? 1 : 0), 'no new print after the restart');
  });
}
