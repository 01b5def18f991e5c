// The printing service's contract with the issuance service (see electron/services/printing/README.md).
import { z } from 'zod';
import type { PrinterStatusView } from '../../../common/backoffice-api';
import { DOCUMENT_KINDS, type BoundDocument } from '../../../common/documents/binding';

/** What the kiosk reports (state, needsStaff, message key: common/backoffice-api/printer.ts), plus
 *  what the device said. PRINTER_MESSAGE_KEYS lists every message key status() can return. */
export interface PrinterStatus extends PrinterStatusView {
  /** The device's printer-state-reasons as reported (without 'none'), plus 'offline' when unreachable. */
  reasons: string[];
  acceptingJobs: boolean;
}

/** A document and what it must be bound to (common/documents/binding.ts); the PDF's binding must say the same. */
export interface PrintRequest extends BoundDocument {
  pdf: Uint8Array;
  copies: number;
  title: string;
}

export type PrintOutcome =
  | { status: 'printed'; jobId: number; confirmedBy: 'printer-counter' | 'job-completed-and-printer-idle'; sheets: number }
  | { status: 'held'; jobId?: number; reason: string; maybePrinted: boolean }
  | { status: 'failed'; jobId?: number; reason: string; maybePrinted: boolean };

export type PrintPhase = 'sending' | 'printing' | 'waiting-for-printer';

export interface PrintOptions {
  onProgress?: (p: { phase: PrintPhase; detail?: string }) => void;
  /** Our own deadline for the whole job (never the spooler's days of retries). Default 120 s. */
  timeoutMs?: number;
}

export interface KioskPrinter {
  status(): Promise<PrinterStatus>;
  /** Checks the PDF's binding (readDocumentBinding) equals the request BEFORE sending; throws KioskError
   *  'print.binding_mismatch' otherwise. Tracks job-state and printer-state-reasons until done or held. */
  print(req: PrintRequest, opts?: PrintOptions): Promise<PrintOutcome>;
  cancel(jobId: number): Promise<void>;
  /** Between prints: cancels jobs a deadline gave up on that the printer still holds (a cancel that
   *  could not reach it while it was offline), so it does not finish them for nobody once it is back.
   *  Does nothing while a print is under way. */
  sweepStale?(): Promise<void>;
}

export interface IppPrinterOptions {
  /** ipp://127.0.0.1:631/printers/NAME (a CUPS queue) or the printer's own IPP URI. */
  printerUri: string;
  /** The physical printer's own IPP URI, polled directly for state and counters. Absent: printerUri is the device. */
  deviceUri?: string;
  /** Poll interval while printing (default 500 ms). */
  pollMs?: number;
  /** Deadline for one IPP request (default 3000 ms); an unanswered printer counts as offline. */
  requestTimeoutMs?: number;
  /** requesting-user-name on every job (default 'madoguchi'). */
  userName?: string;
}

const ipUri = z
  .string()
  .url()
  .refine((u) => /^(ipps?|https?):\/\//.test(u), 'an ipp://, ipps://, http:// or https:// URI');

export const IppPrinterOptionsSchema = z.object({
  printerUri: ipUri,
  deviceUri: ipUri.optional(),
  pollMs: z.number().int().min(20).max(60_000).optional(),
  requestTimeoutMs: z.number().int().min(100).max(60_000).optional(),
  userName: z.string().min(1).max(64).regex(/^[\w.-]+$/).optional(),
});

/** The boundary check on a print request (the PDF's binding is checked separately, against its content). */
export const PrintRequestSchema = z.object({
  documentId: z.string().min(1).max(100).regex(/^[\w.:-]+$/, 'an id of letters, digits, . : _ -'),
  requestId: z.string().min(1).max(100),
  subjectHash: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 hex'),
  pdf: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0, 'an empty document'),
  copies: z.number().int().min(1).max(10),
  title: z.string().min(1).max(200),
  kind: z.enum(DOCUMENT_KINDS),
});
