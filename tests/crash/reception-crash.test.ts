// kill -9 of the kiosk at each step of a reception visit, then a restart + resume(): the visit ends
// where the rules say, and the accounting system (the reference back office's ORCA subset, over
// HTTP) holds at most one reception for it — exactly one once it was asked, even when the kiosk died
// after ORCA answered and before the answer was written down (resume asks acceptlstv2 first).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import { seedOrcaDemo } from '../../backoffice/orca/demo';
import { openKioskDb } from '../../db/kiosk-db';
import { createQueue } from '../../db/queue';
import { createOrcaClient } from '../../electron/services/reception/orca-client';
import type { EligibilityService } from '../../electron/services/reception/ports';
import { createReceptionService } from '../../electron/services/reception/reception-service';
import { createVisitStore } from '../../electron/services/reception/visit-machine';

const WORKER = fileURLToPath(new URL('./reception-worker.ts', import.meta.url));
let dir: string;
let office: RunningBackOffice;
let orca: ReturnType<typeof createOrcaClient>;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-reception-crash-'));
  office = await startBackOffice({ dataDir: join(dir, 'office'), port: 0 });
  seedOrcaDemo(office.orca);
  orca = createOrcaClient({ url: office.url, user: 'ormaster', password: 'ormaster' });
});
after(async () => {
  orca.close();
  await office.close();
  rmSync(dir, { recursive: true, force: true });
});

function runUntil(stopAt: string, department: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      env: { ...process.env, RECEPTION_STOP_AT: stopAt, RECEPTION_DB: join(dir, 'kiosk.db'), RECEPTION_ORCA_URL: office.url, RECEPTION_DEPARTMENT: department, RECEPTION_PATIENT: '00001' },
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

/** The kiosk after the restart: the same database, the same accounting system. */
function restarted() {
  const db = openKioskDb({ path: join(dir, 'kiosk.db') });
  const visits = createVisitStore(db, createQueue(db), 'hospital-kiosk-1', Date.now);
  const eligibility = { recordChoices: async () => undefined, registerReferenceNumber: async () => undefined } as unknown as EligibilityService;
  const service = createReceptionService({ visits, eligibility, accounting: orca, printer: null, renderSlip: null, departments: [], hospitalName: 'test', kioskId: 'hospital-kiosk-1' });
  return { db, visits, service };
}

const receptionsIn = async (department: string) => (await orca.todaysReceptions('03')).filter((r) => r.patientId === '00001' && r.department === department);

// Each step with its own department, so each visit's receptions are counted apart.
for (const [stopAt, department, state, receptions] of [
  ['outcome', '09', 'abandoned', 0], ['chosen', '10', 'abandoned', 0], ['registering', '11', 'done', 1], ['answered', '19', 'done', 1], ['registered', '26', 'done', 1],
] as const) {
  test(`kill -9 in '${stopAt}': resume ends '${state}' with ${receptions} reception(s) in ORCA`, async () => {
    const visitId = await runUntil(stopAt, department);
    const k = restarted();
    try {
      await k.service.resume();
      const row = k.visits.load(visitId);
      assert.equal(row.state, state);
      const rows = await receptionsIn(department);
      assert.equal(rows.length, receptions);
      if (receptions === 1) assert.equal(row.acceptanceId, rows[0]!.acceptanceId, 'the visit carries the reception ORCA has');
      if (stopAt === 'registered') assert.deepEqual([row.slipStatus, row.slipReason], ['failed', 'restart'], 'no 受付票 comes out for nobody after a restart');
      // A second restart changes nothing.
      await k.service.resume();
      assert.equal((await receptionsIn(department)).length, receptions);
    } finally {
      k.db.close();
    }
  });
}
