// The resident's document must not stay in the spooler once its job has ended. CUPS keeps a job's
// document file (/var/spool/cups/d<job>-001) while `job-preserved` is true — for days with its
// default PreserveJobFiles, for ever on a machine configured so. The set-up turns that off
// (scripts/printers-setup.mjs: PreserveJobFiles No, job history kept); the kiosk does not rely on
// it: a job of ours that ended with its document still kept is purged (Cancel-Job with purge-job,
// a CUPS extension that removes the job and its files). A job whose document is already gone keeps
// its history entry (who printed what, when: no document content).
import { IppStatusError, int, type IppGroup } from './ipp-transport';
import type { PrinterLink } from './ipp-printer';

const ENDED = new Set(['completed', 'canceled', 'aborted']);

/** Purges one job when it has ended and the spooler still keeps its document; true when purged. */
export async function purgeEndedJobDocument(link: Pick<PrinterLink, 'call' | 'printerUri' | 'userName'>, jobId: number): Promise<boolean> {
  let job: IppGroup | undefined;
  try {
    job = (await link.call(link.printerUri, 'Get-Job-Attributes', { operation: { 'job-id': jobId, 'requested-attributes': ['job-state', 'job-preserved'] } })).jobs[0];
  } catch (err) {
    if (err instanceof IppStatusError) return false; // the spooler no longer knows the job: nothing kept
    throw err;
  }
  // A job still pending or printing is never touched: purging it would cancel it.
  if (!job || !ENDED.has(String(job['job-state'])) || job['job-preserved'] !== true) return false;
  await link.call(link.printerUri, 'Cancel-Job', { operation: { 'job-id': jobId, 'requesting-user-name': link.userName, 'purge-job': true } });
  return true;
}

/**
 * Every ended job of this kiosk (named with `jobNamePrefix`) whose document the spooler still keeps:
 * those are purged. At start-up (a crash between a print and its purge) and in housekeeping. Printers
 * without a spooler answer `job-preserved` absent: nothing to do. Returns the purged job ids.
 */
export async function purgeKeptDocuments(link: Pick<PrinterLink, 'call' | 'printerUri' | 'userName'>, jobNamePrefix: string): Promise<number[]> {
  const r = await link.call(link.printerUri, 'Get-Jobs', {
    operation: { 'requesting-user-name': link.userName, 'which-jobs': 'completed', 'requested-attributes': ['job-id', 'job-name', 'job-state', 'job-preserved'] },
  });
  const purged: number[] = [];
  for (const j of r.jobs) {
    const id = int(j['job-id']);
    if (id === undefined || j['job-preserved'] !== true || !String(j['job-name'] ?? '').startsWith(jobNamePrefix)) continue;
    if (await purgeEndedJobDocument(link, id)) purged.push(id);
  }
  return purged;
}
