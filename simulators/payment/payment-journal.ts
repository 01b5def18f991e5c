// A payment device's journal as a real device keeps it (the cash/IC acceptor's, and the card
// terminal's: an approval is its 'paid', a reversal or refund its 'refund'): one line per event,
// appended and synced before the device answers, so a payment costs the same whether it is the first
// or the ten-thousandth.
//
// File format: JSON Lines. `{"e":"paid",...}` when a payment completes, `{"e":"refund",...}` when
// money goes back. Recovery replays the lines in order; a last line cut short by a crash (no newline,
// or not JSON) is an event the device never answered for, so it is dropped and the file is cut back
// to the last complete record. A journal written by an older version (one JSON array) is read too.
//
// Compaction folds refunds into their payments. It is occasional (at open, and when the refund lines
// outnumber the payments) and crash-safe: the folded journal is written to a temp file, synced, and
// renamed over the old one, so a crash leaves either the old journal or the new one, never half.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export type PaymentMethod = 'cash' | 'ic' | 'card';
export type JournalEntry = { paymentId: string; method: PaymentMethod; paid: number; change: number; refunded: number };

export type JournalRecord = ({ e: 'paid' } & JournalEntry) | { e: 'refund'; paymentId: string; amount: number };

export interface PaymentJournal {
  entries: Map<string, JournalEntry>;
  /** Appends and syncs one record; the in-memory entries already reflect it. */
  append(record: JournalRecord): void;
  /** Records on disk (complete lines); for tests and measurements. */
  recordCount(): number;
}

/** One event applied to the entries (replay and live alike). */
export function applyJournalRecord(entries: Map<string, JournalEntry>, rec: JournalRecord): void {
  if (rec.e === 'paid') {
    const { e: _kind, ...entry } = rec;
    entries.set(rec.paymentId, { ...entry });
  } else {
    const entry = entries.get(rec.paymentId);
    if (entry) entry.refunded += rec.amount;
  }
}

/** Replays a journal file: the entries and the byte length of its complete records. */
export function readPaymentJournal(path: string): { entries: Map<string, JournalEntry>; records: number; validBytes: number; totalBytes: number } {
  const entries = new Map<string, JournalEntry>();
  if (!existsSync(path)) return { entries, records: 0, validBytes: 0, totalBytes: 0 };
  const buf = readFileSync(path);
  const text = buf.toString('utf8');
  if (text.trimStart().startsWith('[')) {
    // The older whole-file format: a JSON array of entries, rewritten atomically on each event.
    for (const e of JSON.parse(text) as JournalEntry[]) entries.set(e.paymentId, { ...e });
    return { entries, records: -1, validBytes: 0, totalBytes: buf.length };
  }
  let records = 0;
  let validBytes = 0;
  let start = 0;
  while (start < buf.length) {
    const nl = buf.indexOf(0x0a, start);
    if (nl < 0) break; // a torn last line: no newline, never acknowledged
    const line = buf.subarray(start, nl).toString('utf8');
    let rec: JournalRecord;
    try {
      rec = JSON.parse(line) as JournalRecord;
    } catch {
      break; // a torn record: everything before it is complete
    }
    applyJournalRecord(entries, rec);
    records++;
    validBytes = nl + 1;
    start = nl + 1;
  }
  return { entries, records, validBytes, totalBytes: buf.length };
}

function writeCompacted(path: string, entries: Map<string, JournalEntry>): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    const lines = [...entries.values()].map((e) => JSON.stringify({ e: 'paid', ...e })).join('\n');
    writeSync(fd, lines.length > 0 ? `${lines}\n` : '');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  // The rename itself must reach the disk too, or a power cut could bring back the old file.
  const dirFd = openSync(dirname(path), 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

export function openPaymentJournal(path: string): PaymentJournal {
  mkdirSync(dirname(path), { recursive: true });
  const read = readPaymentJournal(path);
  const entries = read.entries;
  let records = read.records;
  // Compaction at open: an older format, a torn tail, or refunds worth folding.
  if (records < 0 || read.validBytes !== read.totalBytes || records > entries.size) {
    writeCompacted(path, entries);
    records = entries.size;
  }

  return {
    entries,
    append(record) {
      applyJournalRecord(entries, record);
      // Opened per event: the device holds no descriptor between payments (a kiosk that reopens its
      // device after a fault leaks nothing), and the cost is one open, one write, one sync.
      const fd = openSync(path, 'a');
      try {
        writeSync(fd, `${JSON.stringify(record)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      records++;
      // Occasional: only when folding the refunds would halve the file.
      if (records > 2 * entries.size + 64) {
        writeCompacted(path, entries);
        records = entries.size;
      }
    },
    recordCount: () => records,
  };
}
