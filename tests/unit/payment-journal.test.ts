// The payment device's journal is append-only: a crash that cuts its last line short loses only that
// unanswered event, every complete record survives the restart, and compaction keeps what it folds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPaymentJournal, readPaymentJournal } from '../../simulators/payment/payment-journal';
import { createSimulatedAcceptor } from '../../simulators/payment/simulated-acceptor';

const pay = (id: string, paid = 300) => ({ paymentId: id, amount: paid, methods: ['ic' as const] });

test('one line per event: a payment and a refund each append a record, the file is never rewritten', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-journal-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'payment-journal.jsonl');
  const dev = createSimulatedAcceptor({ mode: 'instant', journalPath: path });
  await dev.collect(pay('a'), () => undefined);
  const afterFirst = readFileSync(path, 'utf8');
  await dev.collect(pay('b'), () => undefined);
  await dev.refund('a', 100);
  const text = readFileSync(path, 'utf8');
  assert.ok(text.startsWith(afterFirst), 'the first record is untouched by later events');
  assert.deepEqual(text.trimEnd().split('\n').map((l) => (JSON.parse(l) as { e: string }).e), ['paid', 'paid', 'refund']);
});

test('a torn last line after a crash: recovery keeps every complete record and charges nothing twice', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-journal-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'payment-journal.jsonl');
  const dev = createSimulatedAcceptor({ mode: 'instant', journalPath: path });
  for (const id of ['a', 'b', 'c']) await dev.collect(pay(id), () => undefined);
  await dev.refund('b', 300);
  appendFileSync(path, '{"e":"paid","paymentId":"d","method":"ic","pa'); // power cut mid-write

  const restarted = createSimulatedAcceptor({ mode: 'instant', journalPath: path });
  assert.deepEqual(restarted.journal().map((e) => [e.paymentId, e.paid - e.refunded]), [['a', 300], ['b', 0], ['c', 300]]);
  assert.deepEqual(await restarted.collect(pay('a'), () => undefined), { status: 'paid', method: 'ic', paid: 300, change: 0 });
  assert.equal(restarted.netTaken(), 600, 'the answered payment a is not taken again');
  assert.equal(await restarted.lookup('d'), null, 'the torn event was never answered: it does not exist');
  // The torn tail is gone from the file, so the next record starts on a line of its own.
  await restarted.collect(pay('e'), () => undefined);
  assert.deepEqual([...readPaymentJournal(path).entries.keys()], ['a', 'b', 'c', 'e']);
});

test('compaction folds refunds into their payments and loses no yen; a journal of the older format is read', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-journal-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'payment-journal.json');
  writeFileSync(path, JSON.stringify([{ paymentId: 'old', method: 'cash', paid: 400, change: 100, refunded: 0 }]));
  const j = openPaymentJournal(path);
  assert.equal(j.entries.get('old')?.paid, 400);
  j.append({ e: 'paid', paymentId: 'x', method: 'ic', paid: 200, change: 0, refunded: 0 });
  for (let i = 0; i < 200; i++) j.append({ e: 'refund', paymentId: 'x', amount: 1 });
  assert.ok(j.recordCount() < 100, `compacted along the way (${j.recordCount()} records)`);
  const back = readPaymentJournal(path).entries;
  assert.deepEqual(back.get('x'), { paymentId: 'x', method: 'ic', paid: 200, change: 0, refunded: 200 });
  assert.deepEqual(back.get('old'), { paymentId: 'old', method: 'cash', paid: 400, change: 100, refunded: 0 });
});
