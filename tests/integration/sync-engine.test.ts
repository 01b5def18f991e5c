// The sync engine against the real reference back office on loopback, through a fault-injecting
// proxy: batches with idempotency keys, back-off on 5xx / timeouts / cut connections, Retry-After,
// lost answers (no double application), clock skew, health signals, TLS rules; the back office's
// configuration document and its ETag (a kiosk does not pull it yet: it decides at the back office).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackOffice } from '../../backoffice/server';
import { openKioskDb } from '../../db/kiosk-db';
import { createQueue } from '../../db/queue';
import { createBackOfficeClient } from '../../electron/services/sync/http-client';
import { createSyncEngine } from '../../electron/services/sync/sync-engine';
import { startChaosProxy } from '../crash/chaos-proxy';
import { kioskHeaders, kioskKeyOf, testCredentials } from '../helpers/backoffice-access';
import { isKioskError } from '../../common/errors';

async function rig(t: { after: (fn: () => Promise<void> | void) => void }, opts: { clockOffsetMs?: number; timeoutMs?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sync-'));
  const bo = await startBackOffice({ dataDir: join(dir, 'bo'), credentials: testCredentials({ 'kiosk-1': 'store' }) });
  const proxy = await startChaosProxy(bo.url, { slowMs: 800 });
  const db = openKioskDb({ path: join(dir, 'kiosk.db') });
  const clock = () => Date.now() + (opts.clockOffsetMs ?? 0);
  const queue = createQueue(db, { clock, defaultMaxAttempts: 50, backoff: { baseMs: 1, maxMs: 5 } });
  const client = createBackOfficeClient({ baseUrl: proxy.url, timeoutMs: opts.timeoutMs ?? 2_000, kioskKey: kioskKeyOf('kiosk-1') });
  const engine = createSyncEngine({ queue, client, kioskId: 'kiosk-1', batchSize: 50, clock, backoff: { baseMs: 1, maxMs: 5 } });
  t.after(async () => { engine.stop(); client.close(); await proxy.close(); await bo.close(); db.close(); rmSync(dir, { recursive: true, force: true }); });
  return { bo, proxy, db, queue, client, engine, clock };
}

test('records reach the back office exactly once even when answers are lost, 500s and cuts happen', async (t) => {
  const { bo, proxy, queue, engine } = await rig(t);
  queue.enqueueMany(Array.from({ length: 120 }, (_, i) => ({ key: `payment:pay-${i}`, kind: 'payment.captured', stream: `certificate_fee:req-${i}`,
    payload: { paymentRef: `pay-${i}`, purpose: 'certificate_fee', subjectRef: `req-${i}`, amountYen: 300, method: 'cash' } })));
  const modes = ['lose-answer', 'error500', 'cut', 'throttle', 'pass'] as const;
  let n = 0;
  proxy.setMode(() => modes[n++ % modes.length]!);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && queue.stats().ready + queue.stats().leased > 0) {
    await engine.drain();
    await new Promise((r) => setTimeout(r, 5));
  }
  assert.equal(queue.stats().done, 120);
  assert.equal(await bo.store.eventCount(), 120, 'each record applied once');
  assert.ok(proxy.counts['lose-answer'] > 0 && proxy.counts.error500 > 0 && proxy.counts.cut > 0);
});

test('a down or slow server pauses pushing with back-off, Retry-After is honoured, health shows the lag', async (t) => {
  const { proxy, queue, engine } = await rig(t, { timeoutMs: 300 });
  queue.enqueue({ key: 'a', kind: 'reception.created', payload: { receptionRef: 'r-a', patientRef: 'p-a', department: 'naika' } });
  proxy.setMode('slow');
  const r = await engine.pushOnce();
  assert.equal(r.acked, 0);
  assert.match(engine.health().lastError ?? '', /sync.unreachable/);
  proxy.setMode('throttle');
  await new Promise((res) => setTimeout(res, 20));
  await engine.drain();
  assert.ok(queue.stats().ready === 1);
  assert.equal((await engine.drain()).claimed, 0, 'paused for Retry-After: 1 s');
  assert.ok(engine.health().consecutiveFailures >= 1);
  assert.ok(engine.health().outboxReady === 1);
  proxy.setMode('pass');
  await new Promise((res) => setTimeout(res, 1_050));
  assert.equal((await engine.drain()).acked, 1);
  assert.equal(engine.health().lastError, null);
});

test('a skewed kiosk clock (one day fast) still syncs, and the skew is reported', async (t) => {
  const { queue, engine } = await rig(t, { clockOffsetMs: 86_400_000 });
  queue.enqueue({ key: 'skew', kind: 'x', payload: {} });
  assert.equal((await engine.drain()).acked, 1);
  assert.ok(Math.abs(engine.health().clockSkewSeconds - 86_400) < 5);
});

test('a record whose key the back office holds with another body is dead-lettered, not retried forever', async (t) => {
  const { bo, queue, engine } = await rig(t);
  await bo.store.applyEvent('kiosk-1', { key: 'dup', kind: 'x', stream: null, payloadJson: '"theirs"', createdAt: 0 }, 0);
  queue.enqueue({ key: 'dup', kind: 'x', payload: 'ours' });
  await engine.drain();
  assert.equal(queue.deadLetters()[0]?.key, 'dup');
  assert.match(queue.deadLetters()[0]?.lastError ?? '', /idempotency.conflict/);
  assert.equal(engine.health().deadLetters, 1);
});

test('the kiosk configuration answers with an ETag, 304 while unchanged, and a new ETag after a fee change', async (t) => {
  const { bo } = await rig(t);
  const headers = kioskHeaders('kiosk-1');
  await fetch(`${bo.url}/v1/fleet/kiosks/kiosk-1`, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ kioskId: 'kiosk-1', site: 's', kind: 'store', softwareVersion: '1' }) });
  type Pulled = { printerPolicy: { jobTimeoutSeconds: number }; certificates: { municipalities: { code: string; fees: Record<string, number> }[] } };
  const osakaFee = (body: Pulled) => body.certificates.municipalities.find((m) => m.code === '271276')!.fees.juminhyo;
  const certificatesConfig = async () => (await (await fetch(`${bo.url}/v1/certificates/config`, { headers })).json()) as Pulled['certificates'];
  const pull = (etag?: string) => fetch(`${bo.url}/v1/fleet/kiosks/kiosk-1/config`, { headers: { ...headers, ...(etag ? { 'if-none-match': etag } : {}) } });
  const first = await pull();
  const etag = first.headers.get('etag') ?? '';
  const body = await first.json() as Pulled;
  assert.deepEqual([first.status, body.certificates], [200, await certificatesConfig()], 'the configuration the back office decides with');
  assert.deepEqual([osakaFee(body), body.printerPolicy.jobTimeoutSeconds], [300, 120]);
  assert.equal((await pull(etag)).status, 304);
  const raised = await certificatesConfig();
  raised.municipalities.find((m) => m.code === '271276')!.fees.juminhyo = 350;
  await bo.store.putConfig('certificates', JSON.stringify(raised));
  const after = await pull(etag);
  assert.equal(after.status, 200);
  assert.notEqual(after.headers.get('etag'), etag);
  assert.equal(osakaFee(await after.json() as Pulled), 350);
});

test('plain HTTP is refused to a non-loopback back office', () => {
  assert.throws(() => createBackOfficeClient({ baseUrl: 'http://backoffice.example.jp' }), (e) => isKioskError(e, 'sync.insecure_transport'));
  assert.doesNotThrow(() => createBackOfficeClient({ baseUrl: 'https://backoffice.example.jp', ca: '' }).close());
});
