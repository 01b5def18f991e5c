// Real software printers for the print tests:
// - CUPS with the cups-pdf queue `madoguchi-pdf` (scripts/printers-setup.mjs), output in a known folder;
// - ippeveprinter (CUPS's IPP Everywhere printer) with simulators/printers/eve-engine.sh as its print
//   engine, whose faults (out of paper, jam, cover open, slow) are driven from a control folder, and
//   whose "offline" is the real thing: the printer process stopped (SIGSTOP) so it stops answering.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { bindingInfo } from '../../templates/binding';
import type { BoundDocument, DocumentKind } from '../../common/documents/binding';
import { ippCall, stringList } from '../../electron/services/printing/ipp-transport';
import { CUPS_ADMIN_SERVER, ensurePrintingStack, PDF_OUTPUT_DIR, PDF_QUEUE_URI } from '../../scripts/printers-setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ENGINE = join(root, 'simulators', 'printers', 'eve-engine.sh');
const IPAEX_MINCHO = '/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf';

export { ensurePrintingStack, PDF_OUTPUT_DIR, PDF_QUEUE_URI };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

export interface EvePrinter {
  uri: string;
  dir: string;
  /** Puts a printer-state-reasons fault on the engine (it stops before the next sheet), or clears it. */
  setFault(reason: 'media-empty' | 'media-jam' | 'cover-open' | null): void;
  /** Milliseconds per sheet (0 = as fast as possible). */
  setPageMs(ms: number): void;
  /** Sheets the engine has put out since start (its lifetime counter). */
  impressionsTotal(): number;
  /** Documents the engine finished, newest last. */
  outputs(): string[];
  /** Offline: the printer process stops answering (SIGSTOP), like a printer switched off on the network. */
  goOffline(): void;
  comeOnline(): void;
  /** Switched off and on again: the printer and its engine are killed mid-whatever (the job in the
   *  engine is lost, as on a printer that keeps no job history across power), then the printer comes
   *  back on the same address with an empty job list. The lifetime sheet counter survives. */
  powerCycle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startEvePrinter(name = 'madoguchi-eve'): Promise<EvePrinter> {
  await ensurePrintingStack(); // the D-Bus system bus ippeveprinter needs
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-eve-'));
  mkdirSync(join(dir, 'spool'));
  const port = await freePort();
  const uri = `ipp://127.0.0.1:${port}/ipp/print`;
  writeFileSync(join(dir, 'uri'), uri);
  let log = '';
  const launch = async (): Promise<ChildProcess> => {
    const p = spawn(
      'ippeveprinter',
      ['-p', String(port), '-n', 'localhost', '-r', 'off', '-f', 'application/pdf', '-c', ENGINE, '-d', join(dir, 'spool'), '-s', '600', name],
      { env: { ...process.env, MADOGUCHI_PRINTER_DIR: dir }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    p.stderr?.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
    // Ready when it answers IPP.
    const deadline = Date.now() + 5000;
    for (;;) {
      if (p.exitCode !== null) throw new Error(`ippeveprinter exited: ${log}`);
      try {
        execFileSync('ipptool', ['-q', '-T', '1', uri, 'get-printer-attributes.test'], { stdio: 'ignore' });
        return p;
      } catch {
        if (Date.now() > deadline) throw new Error(`ippeveprinter did not answer on ${uri}: ${log}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  let proc = await launch();
  let stopped = false;
  return {
    uri,
    dir,
    setFault(reason) {
      const f = join(dir, 'fault');
      if (reason) writeFileSync(f, reason);
      else if (existsSync(f)) unlinkSync(f);
    },
    setPageMs(ms) {
      writeFileSync(join(dir, 'page-ms'), String(Math.round(ms)));
    },
    impressionsTotal() {
      const f = join(dir, 'impressions-total');
      return existsSync(f) ? Number(readFileSync(f, 'utf8').trim()) : 0;
    },
    outputs() {
      const out = join(dir, 'out');
      return existsSync(out) ? readdirSync(out).sort((a, b) => Number(a.split('-')[0]) - Number(b.split('-')[0])).map((f) => join(out, f)) : [];
    },
    goOffline() {
      proc.kill('SIGSTOP');
    },
    comeOnline() {
      proc.kill('SIGCONT');
    },
    async powerCycle() {
      // The engine is ippeveprinter's child; it has to die with it, or a jammed job would still
      // come out after the "power cut".
      let engines: number[] = [];
      try {
        engines = execFileSync('pgrep', ['-P', String(proc.pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
      } catch {
        engines = []; // no engine running
      }
      for (const pid of engines) process.kill(pid, 'SIGKILL');
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGKILL');
      await exited;
      proc = await launch();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      rmSync(join(dir, 'fault'), { force: true }); // lets a waiting engine finish
      proc.kill('SIGCONT');
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const CUPS = '127.0.0.1:631';
const CHAIN_PREFIX = 'madoguchi-chain-';

export interface ChainedQueue {
  name: string;
  /** The queue's IPP URI (what the kiosk's printerUri is in production). */
  uri: string;
  /** CUPS's own view of one of its jobs. */
  job(jobId: number): Promise<{ state: string; impressionsCompleted: number | undefined; printerStateReasons: string[]; message: string }>;
  /** CUPS's own view of the queue. */
  queueState(): Promise<{ state: string; reasons: string[]; accepting: boolean }>;
  /** Ids of the queue's jobs whose name contains `text` (the kiosk names jobs after the issuance id). */
  jobIdsNamed(text: string): Promise<number[]>;
  remove(): void;
}

/**
 * The production topology: a CUPS queue whose device is the physical printer (here ippeveprinter),
 * set up the way a technician does it — driverless (`-m everywhere`: CUPS asks the printer for its
 * capabilities; ippeveprinter advertises application/pdf, so the PDF goes through unchanged) and
 * printer-error-policy=abort-job. `waitJob: false` is the ipp backend's `?waitjob=false`: CUPS then
 * calls a job completed as soon as the printer has the document. A unique name per run; a queue left
 * by a run that died is removed first, so the CUPS used by other tests stays tidy.
 */
export async function startChainedQueue(eve: EvePrinter, opts: { waitJob?: boolean } = {}): Promise<ChainedQueue> {
  await ensurePrintingStack();
  removeOrphanedChainQueues();
  const name = `${CHAIN_PREFIX}${process.pid}-${randomBytes(3).toString('hex')}`;
  const device = opts.waitJob === false ? `${eve.uri}?waitjob=false` : eve.uri;
  execFileSync('lpadmin', ['-h', CUPS_ADMIN_SERVER, '-p', name, '-E', '-v', device, '-m', 'everywhere', '-o', 'printer-error-policy=abort-job', '-o', 'printer-is-shared=false'], { stdio: 'pipe' });
  const uri = `ipp://${CUPS}/printers/${name}`;
  const call = (operation: string, attrs: Record<string, unknown>) => ippCall(uri, operation, { operation: { 'requesting-user-name': 'madoguchi', ...attrs } }, { timeoutMs: 3000 });
  return {
    name,
    uri,
    async job(jobId) {
      const r = await call('Get-Job-Attributes', { 'job-id': jobId, 'requested-attributes': ['job-state', 'job-impressions-completed', 'job-printer-state-reasons', 'job-printer-state-message'] });
      const j = r.jobs[0] ?? {};
      return {
        state: String(j['job-state']),
        impressionsCompleted: typeof j['job-impressions-completed'] === 'number' ? j['job-impressions-completed'] : undefined,
        printerStateReasons: stringList(j['job-printer-state-reasons']),
        message: String(j['job-printer-state-message'] ?? ''),
      };
    },
    async queueState() {
      const r = await call('Get-Printer-Attributes', { 'requested-attributes': ['printer-state', 'printer-state-reasons', 'printer-is-accepting-jobs'] });
      return { state: String(r.printer['printer-state']), reasons: stringList(r.printer['printer-state-reasons']), accepting: r.printer['printer-is-accepting-jobs'] === true };
    },
    async jobIdsNamed(text) {
      const r = await call('Get-Jobs', { 'which-jobs': 'all', 'requested-attributes': ['job-id', 'job-name'] });
      return r.jobs.filter((j) => String(j['job-name'] ?? '').includes(text)).map((j) => Number(j['job-id']));
    },
    remove() {
      execFileSync('lpadmin', ['-h', CUPS_ADMIN_SERVER, '-x', name], { stdio: 'pipe' });
    },
  };
}

function removeOrphanedChainQueues(): void {
  const listing = execFileSync('lpstat', ['-h', CUPS_ADMIN_SERVER, '-e'], { encoding: 'utf8' });
  for (const q of listing.split('\n')) {
    const pid = Number(new RegExp(`^${CHAIN_PREFIX}(\\d+)-`).exec(q)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0); // still running: its own test removes it
    } catch {
      execFileSync('lpadmin', ['-h', CUPS_ADMIN_SERVER, '-x', q.trim()], { stdio: 'pipe' });
    }
  }
}

export interface TestBinding {
  issuanceId: string;
  requestId: string;
  subjectHash: string;
}

/** What a print request for the test document must be bound to (its issuance id is the document id). */
export function boundTo(b: TestBinding, kind: DocumentKind = 'certificate'): BoundDocument {
  return { documentId: b.issuanceId, requestId: b.requestId, subjectHash: b.subjectHash, kind };
}

/** A small certificate-like PDF whose text a test can find again with pdftotext: the lines in IPAex
 *  Mincho (embedded subset), then the issuance id and page number in Helvetica. The cups-pdf queue
 *  re-renders through PostScript, which drops the CID font's Unicode map (the Japanese prints but no
 *  longer extracts); the Latin line still does, so tests check the issuance number there. */
export async function makeTestPdf(binding: TestBinding, lines: string[], pages = 1): Promise<Uint8Array> {
  // The binding in the renderer's own format (templates/binding), read back by the printer's real check.
  const doc = new PDFDocument({ size: 'A4' });
  Object.assign(doc.info, { Title: 'test', ...bindingInfo(binding) });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => doc.on('end', () => r()));
  for (let p = 0; p < pages; p++) {
    if (p > 0) doc.addPage();
    if (existsSync(IPAEX_MINCHO)) doc.font(IPAEX_MINCHO);
    for (const l of lines) doc.fontSize(14).text(l);
    doc.font('Helvetica').text(`No. ${binding.issuanceId} page ${p + 1}/${pages}`);
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/** Text of a PDF file (poppler's pdftotext). */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** Waits until `check` returns (or resolves to) a value, polling every 50 ms, or throws after `ms`. */
export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}


/**
 * Reads the binding keys makeTestPdf wrote (the renderer's key names). pdfkit writes Info values as
 * indirect objects (`/MadoguchiRequestId 16 0 R` … `16 0 obj (r-1)`), which templates/binding's
 * reader does not follow yet; the print tests inject this reader until it does.
 */
export function readTestBinding(pdf: Uint8Array): TestBinding & { pages: number } {
  const text = Buffer.from(pdf).toString('latin1');
  const value = (key: string): string => {
    const inline = new RegExp(`/${key} \\(([^()\\\\]*)\\)`).exec(text);
    if (inline) return inline[1]!;
    const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(text);
    const obj = ref ? new RegExp(`(?:^|\\n)${ref[1]} 0 obj\\s*\\(([^()\\\\]*)\\)`).exec(text) : null;
    if (!obj) throw new Error(`no ${key} in the document`);
    return obj[1]!;
  };
  const pages = (text.match(/\/Type \/Page(?![s\w])/g) ?? []).length;
  return { issuanceId: value('MadoguchiIssuanceId'), requestId: value('MadoguchiRequestId'), subjectHash: value('MadoguchiSubjectHash'), pages };
}
