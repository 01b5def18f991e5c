// Certificate issuance end to end with the real parts: back office on loopback (rules, registry,
// signed PDF), kiosk database, simulated acceptor, ippeveprinter over IPP. What a resident and the
// municipality notice: the right document comes out once, the fee is taken once and reaches the
// back office, refusals say why and where, an unreachable back office charges nothing, a printer
// fault refunds or holds, and the kiosk forgets the document once it is synced.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isKioskError } from '../../common/errors';
import { readDocumentBinding } from '../../templates';
import { createSyncEngine } from '../../electron/services/sync/sync-engine';
import { createBackOfficeClient } from '../../electron/services/sync/http-client';
import { ippCall } from '../../electron/services/printing/ipp-transport';
import { startIssuanceStack, type IssuanceStack } from './issuance-stack';

let s: IssuanceStack;
before(async () => { s = await startIssuanceStack(); });
after(async () => { await s.close(); });

async function syncAll(): Promise<void> {
  const client = createBackOfficeClient({ baseUrl: s.bo.url, kioskKey: s.kioskKey });
  await createSyncEngine({ queue: s.queue, client, kioskId: 'kiosk-test-1' }).drain();
  client.close();
}

test('住民票の写し for the whole household: authorized, paid once, printed, synced, then wiped from the kiosk', async () => {
  const holderToken = await s.holderToken('yamada-taro');
  const catalog = await s.service.catalog({ holderToken });
  assert.deepEqual(catalog.entries.map((e) => [e.type, e.available, e.fee]), [['juminhyo', true, 200], ['kisai', true, 200], ['inkan', true, 200]]);
  assert.deepEqual(catalog.household.map((m) => m.residentId).sort(), ['yamada-hanako', 'yamada-shota', 'yamada-taro']); // 消除者 (yamada-ume) absent
  const { requestId, fee, summary } = await s.service.request({ holderToken, type: 'juminhyo', scope: 'household', options: { householdHead: true }, copies: 2 });
  assert.equal(fee, 400);
  assert.ok(summary.includes('世帯全員（3人）: 山田\u3000太郎、山田\u3000花子、山田\u3000翔太'), summary.join(' / '));
  const paid = await s.service.pay(requestId, () => undefined);
  assert.equal(paid.state, 'paid');
  const before = s.eve!.outputs().length;
  const printed = await s.service.print(requestId, () => undefined);
  assert.equal(printed.state, 'printed', JSON.stringify(printed.outcome));
  assert.equal(printed.receipt, 'printed');
  const out = s.eve!.outputs();
  assert.equal(out.length, before + 2); // the certificate, then its receipt
  const binding = readDocumentBinding(new Uint8Array(readFileSync(out.at(-2)!)));
  assert.deepEqual([binding.requestId, binding.kind ?? 'certificate'], [requestId, 'certificate']);
  assert.equal(s.payment.netTaken(), 400);

  await syncAll();
  await syncAll(); // a second push changes nothing: events are applied once per key
  const keys = (await s.bo.store.eventKeys()).filter((k) => k.startsWith(`certificate:${requestId}:`)).map((k) => k.replace(/:receipt_printed:\d+$/, ':receipt_printed'));
  assert.deepEqual(keys.sort(), ['authorized', 'paid', 'printed', 'printing', 'receipt_printed'].map((st) => `certificate:${requestId}:${st}`));
  assert.equal(s.service.settleSynced(), 1);
  const view = s.service.get(requestId)!;
  assert.deepEqual([view.state, view.fee, view.paid], ['synced', 400, 400]);
  const row = s.db.sqlite.prepare('SELECT document_pdf, summary_json, issuance_id FROM issuance_requests WHERE request_id = ?').get(requestId) as Record<string, unknown>;
  assert.equal(row.document_pdf, null);
  assert.equal(row.summary_json, null);
  assert.ok(row.issuance_id);
});

test('印鑑登録証明書 for the registrant prints; for a non-registrant and after 廃印 it is refused with where to go, nothing charged', async () => {
  const taro = await s.holderToken('yamada-taro');
  const r = await s.service.request({ holderToken: taro, type: 'inkan', scope: 'self', options: {}, copies: 1 });
  await s.service.pay(r.requestId, () => undefined);
  assert.equal((await s.service.print(r.requestId, () => undefined)).state, 'printed');

  const taken = s.payment.netTaken();
  const hanako = await s.holderToken('yamada-hanako');
  await assert.rejects(s.service.request({ holderToken: hanako, type: 'inkan', scope: 'self', options: {}, copies: 1 }),
    (e) => isKioskError(e, 'issuance.refused') && e.details.reason === 'not_registrant' && e.details.where === 'seal_registration_window');
  const ken = await s.holderToken('shibasaki-ken');
  await assert.rejects(s.service.request({ holderToken: ken, type: 'inkan', scope: 'self', options: {}, copies: 1 }),
    (e) => isKioskError(e, 'issuance.refused') && e.details.reason === 'seal_abolished');
  assert.equal(s.payment.netTaken(), taken);
});

test('refusals from the registry: under 15, 外字 in 川崎市, 転出届, DV support; catalog explains before asking', async () => {
  const cases: [string, string][] = [['yamada-shota', 'under_15'], ['takahashi-ichiro', 'unprintable_characters'], ['kobayashi-naoko', 'moved_out']];
  for (const [profile, reason] of cases) {
    const holderToken = await s.holderToken(profile);
    const entry = (await s.service.catalog({ holderToken })).entries.find((e) => e.type === 'juminhyo')!;
    assert.deepEqual([entry.available, entry.refusal?.reason], [false, reason], profile);
    await assert.rejects(s.service.request({ holderToken, type: 'juminhyo', scope: 'self', options: {}, copies: 1 }),
      (e) => isKioskError(e, 'issuance.refused') && e.details.reason === reason && e.details.where === 'municipal_window');
  }
});

test('back office unreachable: sync.unreachable, the request is voided, no money asked for', async () => {
  const down = await startIssuanceStack({ printer: s.printer, backOfficeUrl: 'http://127.0.0.1:9' });
  try {
    const holderToken = await down.holderToken('yamada-taro');
    await assert.rejects(down.service.request({ holderToken, type: 'juminhyo', scope: 'self', options: {}, copies: 1 }), (e) => isKioskError(e, 'sync.unreachable'));
    const rows = down.db.sqlite.prepare('SELECT state, paid FROM issuance_requests').all();
    assert.deepEqual(rows, [{ state: 'voided', paid: 0 }]);
    assert.equal(down.payment.netTaken(), 0);
  } finally {
    await down.close();
  }
});

test('printer out of paper: the paid request is held for staff (never reprinted, nothing refunded by itself), and the resident is told', async () => {
  // The engine runs out of paper before the first sheet of the job it was sent (the test printer
  // reports media-empty while it holds a job, as a printer does). No sheet came out, but the job
  // reached the printer, so print-job.ts waits until our deadline, cancels the job and answers
  // 'held' — never 'failed': only staff at the tray may decide on a refund (settlePrint).
  const holderToken = await s.holderToken('yamada-taro');
  const r = await s.service.request({ holderToken, type: 'juminhyo', scope: 'self', options: {}, copies: 1 });
  const takenBefore = s.payment.netTaken();
  await s.service.pay(r.requestId, () => undefined);
  const [outputsBefore, sheetsBefore] = [s.eve!.outputs().length, s.eve!.impressionsTotal()];
  const progress: { phase: string; detail?: string }[] = [];
  s.eve!.setFault('media-empty');
  try {
    const res = await s.service.print(r.requestId, (p) => progress.push(p));
    assert.equal(res.state, 'held', JSON.stringify(res.outcome));
    assert.deepEqual({ ...res.outcome, jobId: undefined }, { status: 'held', reason: 'media-empty', maybePrinted: false, jobId: undefined });
    assert.equal(res.receipt, 'none');
    assert.ok(progress.some((p) => p.phase === 'waiting-for-printer' && p.detail === 'media-empty'), JSON.stringify(progress));
    await assert.rejects(s.service.print(r.requestId, () => undefined), (e) => isKioskError(e, 'issuance.invalid_state') && e.details.state === 'held');
  } finally {
    s.eve!.setFault(null);
  }
  assert.equal(s.eve!.outputs().length, outputsBefore, 'nothing came out');
  assert.equal(s.eve!.impressionsTotal(), sheetsBefore);
  // The money stays taken until staff decide; the request waits for them with what they need to know.
  assert.equal(s.payment.netTaken(), takenBefore + 200);
  const waiting = s.service.listHeld().find((h) => h.requestId === r.requestId);
  assert.deepEqual([waiting?.state, waiting?.paid, waiting?.maybePrinted], ['held', 200, false]);
  const staff = await s.service.resolveHeld(r.requestId, 'refund', 'tray empty, nothing came out');
  assert.deepEqual(staff, { state: 'refunded', refunded: 200 });
  assert.equal(s.service.get(r.requestId)!.state, 'refunded');
  assert.equal(s.payment.netTaken(), takenBefore);
});

test('a job cancelled at the printer before its first sheet: failed with nothing out, refunded at once', async () => {
  // Someone at the printer cancels our job while it waits for paper. The printer says the job was
  // cancelled and counted no sheet, so nothing can have come out: print-job.ts answers 'failed' with
  // maybePrinted false, and settlePrint refunds without waiting for staff.
  const holderToken = await s.holderToken('yamada-taro');
  const r = await s.service.request({ holderToken, type: 'juminhyo', scope: 'self', options: {}, copies: 1 });
  const takenBefore = s.payment.netTaken();
  await s.service.pay(r.requestId, () => undefined);
  const [outputsBefore, sheetsBefore] = [s.eve!.outputs().length, s.eve!.impressionsTotal()];
  s.eve!.setFault('media-empty'); // holds the job before its first sheet
  let cancelledAtPrinter: Promise<number> | undefined;
  try {
    const res = await s.service.print(r.requestId, (p) => {
      if (p.phase === 'waiting-for-printer') cancelledAtPrinter ??= cancelOurJobAtPrinter();
    });
    assert.ok(cancelledAtPrinter, 'the job waited at the printer');
    const jobId = await cancelledAtPrinter;
    assert.equal(res.state, 'refunded', JSON.stringify(res.outcome));
    assert.deepEqual(res.outcome, { status: 'failed', jobId, reason: 'job-canceled-by-user', maybePrinted: false });
    assert.equal(res.receipt, 'none');
  } finally {
    s.eve!.setFault(null);
  }
  assert.equal(s.eve!.outputs().length, outputsBefore, 'nothing came out');
  assert.equal(s.eve!.impressionsTotal(), sheetsBefore);
  assert.equal(s.payment.netTaken(), takenBefore, 'the fee was given back');
  assert.equal(s.service.listHeld().some((h) => h.requestId === r.requestId), false, 'nothing left for staff');
  await assert.rejects(s.service.print(r.requestId, () => undefined), (e) => isKioskError(e, 'issuance.invalid_state') && e.details.state === 'refunded');
});

/** Cancel-Job at the printer itself for the one unfinished job there; returns its id. */
async function cancelOurJobAtPrinter(): Promise<number> {
  const jobs = await ippCall(s.eve!.uri, 'Get-Jobs', { operation: { 'which-jobs': 'not-completed', 'requested-attributes': ['job-id'] } }, { timeoutMs: 2000 });
  assert.equal(jobs.jobs.length, 1, 'one job waits at the printer');
  const jobId = Number(jobs.jobs[0]!['job-id']);
  await ippCall(s.eve!.uri, 'Cancel-Job', { operation: { 'job-id': jobId, 'requesting-user-name': 'printer-panel' } }, { timeoutMs: 2000 });
  return jobId;
}

test('cancel before paying voids; cancel after paying refunds exactly what was paid', async () => {
  const holderToken = await s.holderToken('yamada-taro');
  const a = await s.service.request({ holderToken, type: 'juminhyo', scope: 'self', options: {}, copies: 1 });
  assert.deepEqual(await s.service.cancel(a.requestId), { state: 'voided', refunded: 0 });
  const b = await s.service.request({ holderToken, type: 'juminhyo', scope: 'self', options: {}, copies: 3 });
  const takenBefore = s.payment.netTaken();
  await s.service.pay(b.requestId, () => undefined);
  assert.deepEqual(await s.service.cancel(b.requestId), { state: 'refunded', refunded: 600 });
  assert.equal(s.payment.netTaken(), takenBefore);
  await assert.rejects(s.service.request({ holderToken, type: 'juminhyo', scope: 'self', options: {}, copies: 11 }), (e) => isKioskError(e, 'input.invalid'));
});
