// One print job, from Print-Job to a confirmed outcome. The job is tracked on the queue
// (job-state) and the physical printer is polled directly (printer-state-reasons, counters).
// Success needs evidence that paper came out: the device's impression counter for this job, or —
// only when the kiosk talks to the device itself — the device saying the job completed and being
// idle without a fault. Anything less is 'held' with maybePrinted, for staff to decide.
import type { DocumentBinding } from './binding-check';
import type { PrinterLink } from './ipp-printer';
import { IppStatusError, IppUnreachableError, int, stringList } from './ipp-transport';
import type { PrintOptions, PrintOutcome, PrintPhase, PrintRequest } from './types';

const DEFAULT_TIMEOUT_MS = 120_000;
/** Polls after the queue says "completed" during which the device's counter must confirm it. */
const CONFIRM_POLLS = 6;
/** The spooler is busy or paused: a person can fix it, so the request is held, not failed. */
const HOLD_STATUSES = new Set(['server-error-not-accepting-jobs', 'server-error-busy', 'server-error-printer-is-deactivated', 'server-error-service-unavailable']);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface DeviceJob {
  state: string;
  impressionsCompleted: number | undefined;
}

/** The device's own record of our job: the same job (no spooler) or the one named after our document id. */
async function findDeviceJob(link: PrinterLink, jobId: number, documentId: string): Promise<DeviceJob | undefined> {
  const attrs = ['job-id', 'job-name', 'job-state', 'job-impressions-completed'];
  if (!link.separateDevice) {
    const r = await link.call(link.printerUri, 'Get-Job-Attributes', { operation: { 'job-id': jobId, 'requested-attributes': attrs } });
    const j = r.jobs[0];
    return j ? { state: String(j['job-state']), impressionsCompleted: int(j['job-impressions-completed']) } : undefined;
  }
  const r = await link.call(link.deviceUri, 'Get-Jobs', { operation: { 'requesting-user-name': link.userName, 'which-jobs': 'all', 'requested-attributes': attrs } });
  const ours = r.jobs
    .filter((j) => String(j['job-name'] ?? '').includes(documentId))
    .sort((a, b) => (int(b['job-id']) ?? 0) - (int(a['job-id']) ?? 0))[0];
  return ours ? { state: String(ours['job-state']), impressionsCompleted: int(ours['job-impressions-completed']) } : undefined;
}

export async function runPrintJob(
  link: PrinterLink,
  req: PrintRequest,
  binding: DocumentBinding,
  opts: PrintOptions,
  jobNamePrefix: string,
): Promise<PrintOutcome> {
  const deadline = Date.now() + (opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const expectedSheets = binding.pages * req.copies;
  let lastProgress = '';
  const progress = (phase: PrintPhase, detail?: string) => {
    const key = `${phase}|${detail ?? ''}`;
    if (key === lastProgress) return;
    lastProgress = key;
    opts.onProgress?.(detail === undefined ? { phase } : { phase, detail });
  };

  progress('sending');
  const before = await link.deviceStatus();
  if (before.state === 'unreachable') return { status: 'held', reason: 'offline', maybePrinted: false };
  const preFault = before.needsStaff ? before.message.replace(/^printer\./, '') : undefined;
  if (preFault) return { status: 'held', reason: preFault, maybePrinted: false };
  if (!before.acceptingJobs) return { status: 'held', reason: 'not-accepting', maybePrinted: false };

  let jobId: number;
  try {
    const r = await link.call(
      link.printerUri,
      'Print-Job',
      {
        operation: {
          'requesting-user-name': link.userName,
          'job-name': `${jobNamePrefix}${req.documentId} ${req.title}`.slice(0, 255),
          'document-format': 'application/pdf',
        },
        job: { copies: req.copies },
      },
      req.pdf,
    );
    const id = int(r.jobs[0]?.['job-id']);
    if (id === undefined) return { status: 'failed', reason: 'no-job-id', maybePrinted: false };
    jobId = id;
  } catch (err) {
    if (err instanceof IppUnreachableError) {
      // Refused outright: nothing arrived. Cut off mid-exchange: the job may exist; the sweep before
      // the next print cancels it, and staff check the tray.
      const refused = /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH/.test(err.reason);
      return { status: 'held', reason: 'offline', maybePrinted: !refused };
    }
    if (err instanceof IppStatusError) {
      return HOLD_STATUSES.has(err.status)
        ? { status: 'held', reason: err.status, maybePrinted: false }
        : { status: 'failed', reason: err.status, maybePrinted: false };
    }
    throw err;
  }

  let fault: string | undefined;
  let deviceUnreachable = false;
  let sheetsDone = 0;
  let completedPolls = 0;
  progress('printing');

  while (Date.now() < deadline) {
    await sleep(link.pollMs);
    const dev = await link.deviceStatus();
    deviceUnreachable = dev.state === 'unreachable';
    fault = dev.needsStaff ? dev.message.replace(/^printer\./, '') : undefined;

    let queueState: string | undefined;
    let queueReasons: string[] = [];
    try {
      const r = await link.call(link.printerUri, 'Get-Job-Attributes', {
        operation: { 'job-id': jobId, 'requested-attributes': ['job-state', 'job-state-reasons'] },
      });
      queueState = String(r.jobs[0]?.['job-state'] ?? '');
      // CUPS 2.4 leaves 'processing-to-stop-point' on its finished jobs (cancelled and completed
      // alike): it says nothing about why a job ended, so it is no reason to show staff.
      queueReasons = stringList(r.jobs[0]?.['job-state-reasons']).filter((x) => x !== 'none' && x !== 'processing-to-stop-point');
    } catch {
      queueState = undefined; // the queue (or the device, without a spooler) is not answering this round
    }
    let deviceJob: DeviceJob | undefined;
    try {
      deviceJob = deviceUnreachable ? undefined : await findDeviceJob(link, jobId, req.documentId);
    } catch {
      deviceJob = undefined;
    }
    sheetsDone = Math.max(sheetsDone, deviceJob?.impressionsCompleted ?? 0);

    if (fault) progress('waiting-for-printer', fault);
    else if (queueState === 'processing' || queueState === 'pending' || queueState === 'completed') progress('printing', `${sheetsDone}/${expectedSheets}`);

    if (queueState === 'canceled' || queueState === 'aborted') {
      return { status: 'failed', jobId, reason: queueReasons[0] ?? `job-${queueState}`, maybePrinted: sheetsDone > 0 || link.separateDevice };
    }
    if (queueState !== 'completed') continue;

    // The queue says completed: now the device has to confirm paper out.
    if (link.countersFromDevice && deviceJob?.state === 'completed' && (deviceJob.impressionsCompleted ?? 0) >= expectedSheets) {
      return { status: 'printed', jobId, confirmedBy: 'printer-counter', sheets: deviceJob.impressionsCompleted ?? expectedSheets };
    }
    if (deviceJob && (deviceJob.state === 'canceled' || deviceJob.state === 'aborted')) {
      return { status: 'failed', jobId, reason: `device-job-${deviceJob.state}`, maybePrinted: sheetsDone > 0 };
    }
    // A queue that does not wait for the device (CUPS's ipp backend with ?waitjob=false) says
    // "completed" at hand-over, while the device still prints the job or is stopped at a fault.
    // While the device holds the job, its counter can still arrive: only our deadline ends the wait.
    if (link.separateDevice && deviceJob && deviceJob.state !== 'completed') continue;
    if (!link.separateDevice && !fault && dev.state === 'idle') {
      // The end of the line reports the job done and is idle with no fault, but has no sheet counter
      // of a device (a PDF writer behind CUPS, a printer that counts nothing). The weaker
      // confirmation, and the outcome says so.
      return { status: 'printed', jobId, confirmedBy: 'job-completed-and-printer-idle', sheets: expectedSheets };
    }
    if (++completedPolls >= CONFIRM_POLLS && !fault && !deviceUnreachable) {
      return { status: 'held', jobId, reason: 'unconfirmed', maybePrinted: true };
    }
  }

  // Our deadline, not the spooler's: stop the job so it can never come out later for someone else.
  progress('waiting-for-printer', fault ?? 'timeout');
  await link.cancelAndConfirm(link.printerUri, jobId);
  if (link.separateDevice) {
    try {
      const r = await link.call(link.deviceUri, 'Get-Jobs', { operation: { 'requesting-user-name': link.userName, 'which-jobs': 'not-completed', 'requested-attributes': ['job-id', 'job-name'] } });
      for (const j of r.jobs) {
        const id = int(j['job-id']);
        if (id !== undefined && String(j['job-name'] ?? '').includes(req.documentId)) await link.cancelAndConfirm(link.deviceUri, id);
      }
    } catch {
      // unreachable: the sweep before the next print finishes this
    }
  }
  return { status: 'held', jobId, reason: fault ?? 'timeout', maybePrinted: sheetsDone > 0 || deviceUnreachable };
}
