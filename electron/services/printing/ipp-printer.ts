// The kiosk's printer over IPP: a CUPS queue or the printer itself, with the physical printer
// polled directly for state and counters (engineering-anchors §4.4: CUPS's view can be stale and
// "completed" from CUPS is not paper out of the printer).
import { KioskError } from '../../../common/errors';
import { checkBinding, type BindingReader } from './binding-check';
import { IppStatusError, IppUnreachableError, ippCall, stringList, type IppGroup } from './ipp-transport';
import { purgeEndedJobDocument, purgeKeptDocuments } from './job-files';
import { runPrintJob } from './print-job';
import { toPrinterStatus, unreachableStatus } from './printer-status';
import {
  IppPrinterOptionsSchema,
  PrintRequestSchema,
  type IppPrinterOptions,
  type KioskPrinter,
  type PrintOptions,
  type PrintOutcome,
  type PrintRequest,
  type PrinterStatus,
} from './types';

/** Every job the kiosk sends is named `madoguchi <documentId> <title>`: the document id (a certificate's issuance id) travels with the job. */
export const JOB_NAME_PREFIX = 'madoguchi ';

export interface PrinterLink {
  printerUri: string;
  deviceUri: string;
  /** True when a spooler (CUPS) sits between the kiosk and the device. */
  separateDevice: boolean;
  /** True when job-impressions-completed on printerUri is counted by the device itself. A CUPS queue
   *  (/printers/…, /classes/…) counts the pages its filters produced, not sheets out of a printer. */
  countersFromDevice: boolean;
  pollMs: number;
  userName: string;
  call(uri: string, operation: string, groups: { operation?: IppGroup; job?: IppGroup }, data?: Uint8Array): ReturnType<typeof ippCall>;
  deviceStatus(): Promise<PrinterStatus>;
  /** Cancels a job and waits until the printer reports it ended; remembers it for later when the printer cannot be reached. */
  cancelAndConfirm(uri: string, jobId: number): Promise<boolean>;
}

async function printerAttrs(link: Pick<PrinterLink, 'call'>, uri: string) {
  const r = await link.call(uri, 'Get-Printer-Attributes', {
    operation: { 'requested-attributes': ['printer-state', 'printer-state-reasons', 'printer-is-accepting-jobs'] },
  });
  return {
    printerState: String(r.printer['printer-state'] ?? 'stopped'),
    reasons: stringList(r.printer['printer-state-reasons']),
    acceptingJobs: r.printer['printer-is-accepting-jobs'] !== false,
  };
}

const TERMINAL = new Set(['canceled', 'aborted', 'completed']);

export function createIppPrinter(options: IppPrinterOptions & { readBinding?: BindingReader; log?: (m: string) => void }): KioskPrinter {
  const opts = IppPrinterOptionsSchema.parse(options);
  const requestTimeoutMs = opts.requestTimeoutMs ?? 3000;
  // Jobs the kiosk meant to cancel while the printer was unreachable: cancelled before anything else is printed.
  const pendingCancels = new Map<string, { uri: string; jobId: number }>();
  const cancelKey = (uri: string, jobId: number) => `${uri}#${jobId}`;

  const link: PrinterLink = {
    printerUri: opts.printerUri,
    deviceUri: opts.deviceUri ?? opts.printerUri,
    separateDevice: opts.deviceUri !== undefined && opts.deviceUri !== opts.printerUri,
    countersFromDevice: (opts.deviceUri !== undefined && opts.deviceUri !== opts.printerUri) || !/\/(printers|classes)\//.test(new URL(opts.printerUri).pathname),
    pollMs: opts.pollMs ?? 500,
    userName: opts.userName ?? 'madoguchi',
    call: (uri, operation, groups, data) => ippCall(uri, operation, groups, { timeoutMs: requestTimeoutMs, ...(data ? { data } : {}) }),
    async deviceStatus() {
      try {
        const dev = await printerAttrs(link, link.deviceUri);
        if (!link.separateDevice) return toPrinterStatus(dev);
        // Through a spooler: the queue decides whether jobs are accepted (a paused queue holds them).
        const queue = await printerAttrs(link, link.printerUri);
        const queueStopped = queue.printerState === 'stopped';
        return toPrinterStatus({
          printerState: dev.printerState === 'idle' && queueStopped ? 'stopped' : dev.printerState,
          reasons: [...dev.reasons, ...(queueStopped ? queue.reasons.filter((r) => r !== 'none') : [])],
          acceptingJobs: dev.acceptingJobs && queue.acceptingJobs,
        });
      } catch (err) {
        if (err instanceof IppUnreachableError) return unreachableStatus();
        throw err;
      }
    },
    async cancelAndConfirm(uri, jobId) {
      try {
        await link.call(uri, 'Cancel-Job', { operation: { 'job-id': jobId, 'requesting-user-name': link.userName } });
      } catch (err) {
        // not-possible: the job already ended (completed, cancelled): nothing left to stop.
        if (!(err instanceof IppStatusError)) {
          pendingCancels.set(cancelKey(uri, jobId), { uri, jobId });
          return false;
        }
      }
      for (let i = 0; i < 40; i++) {
        try {
          const r = await link.call(uri, 'Get-Job-Attributes', { operation: { 'job-id': jobId, 'requested-attributes': ['job-state'] } });
          if (TERMINAL.has(String(r.jobs[0]?.['job-state']))) {
            pendingCancels.delete(cancelKey(uri, jobId));
            return true;
          }
        } catch (err) {
          if (err instanceof IppStatusError) {
            pendingCancels.delete(cancelKey(uri, jobId)); // the printer no longer knows the job
            return true;
          }
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      pendingCancels.set(cancelKey(uri, jobId), { uri, jobId });
      return false;
    },
  };

  /** Before a new job: finish cancelling what could not be cancelled, and stop any unfinished kiosk job
   *  (this kiosk prints one request at a time, so an unfinished earlier job is stale by definition). */
  async function sweepStaleJobs(): Promise<void> {
    for (const { uri, jobId } of [...pendingCancels.values()]) await link.cancelAndConfirm(uri, jobId);
    const uris = link.separateDevice ? [link.printerUri, link.deviceUri] : [link.printerUri];
    for (const uri of uris) {
      let jobs: IppGroup[];
      try {
        jobs = (
          await link.call(uri, 'Get-Jobs', {
            operation: { 'requesting-user-name': link.userName, 'which-jobs': 'not-completed', 'requested-attributes': ['job-id', 'job-name', 'job-state'] },
          })
        ).jobs;
      } catch {
        continue; // unreachable: the pre-flight status check holds the print
      }
      for (const j of jobs) {
        const id = j['job-id'];
        if (typeof id === 'number' && String(j['job-name'] ?? '').startsWith(JOB_NAME_PREFIX)) await link.cancelAndConfirm(uri, id);
      }
    }
  }

  /** Prints under way, and a housekeeping sweep under way: the two never overlap (see sweepStale). */
  let printing = 0;
  let sweeping: Promise<void> | null = null;

  return {
    status: () => link.deviceStatus(),

    async print(req: PrintRequest, printOpts: PrintOptions = {}): Promise<PrintOutcome> {
      const parsed = PrintRequestSchema.safeParse(req);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new KioskError('input.invalid', `print request: ${issue?.message ?? 'invalid'}`, { field: issue?.path.join('.') ?? '' });
      }
      const binding = checkBinding(req, options.readBinding);
      // Counted before the first await, so a housekeeping sweep started from now on stands aside;
      // one already running ends before this job exists, so it can never cancel it.
      printing++;
      try {
        if (sweeping) await sweeping;
        await sweepStaleJobs();
        const outcome = await runPrintJob(link, req, binding, printOpts, JOB_NAME_PREFIX);
        // The job has ended for the kiosk: its document leaves the spooler now (job-files.ts). A job
        // still running (held) is left alone; housekeeping purges it once it has ended.
        if (outcome.jobId !== undefined) await purgeEndedJobDocument(link, outcome.jobId).catch(() => false);
        return outcome;
      } finally {
        printing--;
      }
    },

    async sweepStale(): Promise<void> {
      if (printing > 0 || sweeping) return;
      const sweep = async () => {
        await sweepStaleJobs();
        // Start-up check and every housekeeping round: no ended job of ours keeps its document.
        const purged = await purgeKeptDocuments(link, JOB_NAME_PREFIX);
        if (purged.length > 0) options.log?.(`printing: document files of ${purged.length} ended job(s) purged from the spooler (jobs ${purged.join(', ')})`);
      };
      sweeping = sweep().catch(() => undefined).finally(() => { sweeping = null; });
      await sweeping;
    },

    async cancel(jobId: number): Promise<void> {
      if (!Number.isInteger(jobId) || jobId < 1) throw new KioskError('input.invalid', 'job id', { field: 'jobId' });
      const done = await link.cancelAndConfirm(link.printerUri, jobId);
      if (!done) {
        throw new KioskError('print.printer_fault', 'The printer could not be reached to cancel the job; it will be cancelled before the next print.', {
          reason: 'offline',
          jobId,
        });
      }
    },
  };
}
