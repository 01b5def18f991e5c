// Bounded local storage: a finished, synced request leaves the kiosk database with its events and
// outbox rows once its retention has passed (0: at once); anything unfinished, unsynced or still
// referenced stays; the file shrinks back (incremental vacuum).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKioskDb, type KioskDb } from '../../db/kiosk-db';
import { createIssuanceRequests, type IssuanceState } from '../../db/issuance-requests';
import { createQueue } from '../../db/queue';
import { createRetention, MIN_AGE_MS, prepareForRetention } from '../../db/retention';

const DAY = 86_400_000;

function kiosk(t: { after(fn: () => void): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-retention-'));
  const db = openKioskDb({ path: join(dir, 'kiosk.db') });
  t.after(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });
  return { db, path: join(dir, 'kiosk.db'), requests: createIssuanceRequests(db), queue: createQueue(db) };
}

/** A request through `state` at `at`, its 3 outbox events delivered (acked) unless `unsynced`. */
function request(k: ReturnType<typeof kiosk>, id: string, state: IssuanceState, at: number, opts: { unsynced?: boolean; reprintOf?: string; pdfBytes?: number } = {}) {
  k.requests.insert({ requestId: id, type: 'juminhyo', scope: 'self', copies: 1, summary: ['住民票の写し', '山田　太郎'], ...(opts.reprintOf ? { reprintOf: opts.reprintOf } : {}) }, at);
  if (opts.pdfBytes) k.requests.update(id, { documentPdf: new Uint8Array(opts.pdfBytes).fill(7) } as never, undefined, at);
  for (const s of ['paid', 'printed', state] as const) {
    k.requests.appendEvent(id, at, s, null);
    k.queue.enqueue({ key: `certificate:${id}:${s}`, kind: `certificate.${s}`, stream: `certificate:${id}`, payload: { id } });
  }
  k.requests.update(id, {}, state, at);
  if (!opts.unsynced) {
    for (let jobs = k.queue.claim({ limit: 10 }); jobs.length > 0; jobs = k.queue.claim({ limit: 10 })) k.queue.ack(jobs);
  }
}

const count = (db: KioskDb, sql: string) => db.sqlite.prepare(sql).pluck().get() as number;

test('retention 0: every finished and synced request goes at once with its events and outbox rows; nothing unfinished, unsynced or referenced', (t) => {
  const k = kiosk(t);
  const now = Date.now();
  request(k, 'done-synced', 'synced', now);
  request(k, 'done-voided', 'voided', now);
  request(k, 'held', 'held', now); // staff have not decided: stays
  request(k, 'crashed', 'printing', now); // the kiosk stopped mid-job: resume decides first, it stays
  request(k, 'original', 'synced', now);
  request(k, 'reprint', 'held', now, { reprintOf: 'original' }); // points at the original: both stay
  request(k, 'unsynced', 'synced', now, { unsynced: true }); // the back office does not have it all yet
  assert.equal(createRetention(k.db).run({ retentionDays: 0, now }).requests, 0, 'a request that changed this minute stays: its command may still read it');
  const r = createRetention(k.db).run({ retentionDays: 0, now: now + MIN_AGE_MS });
  assert.equal(r.requests, 2);
  assert.deepEqual(k.db.sqlite.prepare('SELECT request_id FROM issuance_requests ORDER BY request_id').pluck().all(), ['crashed', 'held', 'original', 'reprint', 'unsynced']);
  assert.equal(count(k.db, `SELECT COUNT(*) FROM issuance_events WHERE request_id LIKE 'done-%'`), 0);
  assert.equal(count(k.db, `SELECT COUNT(*) FROM outbox WHERE stream LIKE 'certificate:done-%'`), 0);
  assert.equal(count(k.db, `SELECT COUNT(*) FROM outbox WHERE stream = 'certificate:unsynced' AND state <> 'done'`), 3, 'what the back office still needs stays queued');
});

test('the default retention keeps a finished request for days, then deletes it; several small batches', (t) => {
  const k = kiosk(t);
  const start = Date.now() - 10 * DAY;
  for (let i = 0; i < 30; i++) request(k, `old-${i}`, 'synced', start);
  request(k, 'recent', 'synced', Date.now() - DAY);
  const r = createRetention(k.db).run({ batchSize: 7 });
  assert.equal(r.requests, 30, 'older than the 7 default days');
  assert.equal(r.outboxRows, 90);
  assert.deepEqual(k.db.sqlite.prepare('SELECT request_id FROM issuance_requests').pluck().all(), ['recent']);
});

test('the file shrinks back and keeps no readable trace: incremental vacuum, secure_delete', (t) => {
  const k = kiosk(t);
  assert.equal(prepareForRetention(k.db), true, 'an existing file is switched to incremental vacuum once');
  assert.equal(prepareForRetention(k.db), false);
  const now = Date.now();
  for (let i = 0; i < 40; i++) request(k, `doc-${i}`, 'synced', now, { pdfBytes: 60_000 });
  k.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const full = statSync(k.path).size;
  const r = createRetention(k.db).run({ retentionDays: 0, now: now + MIN_AGE_MS });
  assert.equal(r.requests, 40);
  assert.ok(r.pagesFreed > 500, `pages freed: ${r.pagesFreed}`);
  const after = statSync(k.path).size;
  assert.ok(after < full / 4, `file ${full} → ${after} bytes`);
  assert.ok(!readFileSync(k.path).includes(Buffer.from('山田')), 'no name left readable in a free page (secure_delete)');
});
