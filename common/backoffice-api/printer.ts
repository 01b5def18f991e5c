// The printer's status as the kiosk reports it: to its own screens (common/api), in the heartbeat to
// the back office, and from the printing service (electron/services/printing) that reads the device.
import { z } from 'zod';

export const PrinterState = z.enum(['idle', 'processing', 'stopped', 'unreachable']);
export type PrinterState = z.infer<typeof PrinterState>;

/** A printer message key: 'printer.' and an IPP printer-state-reason keyword (printer.media-empty …). */
export const PrinterMessage = z.string().max(80).regex(/^printer\.[a-z0-9-]+$/, 'printer.<reason>');

/** What a person needs to know: the state, whether someone must go to the printer, and the message key. */
export const PrinterStatusView = z.object({
  state: PrinterState,
  /** A jam, an empty tray, an open cover, the printer offline: someone has to go to the printer. */
  needsStaff: z.boolean(),
  /** Message key for the UI, e.g. 'printer.media-empty'. */
  message: PrinterMessage,
});
export type PrinterStatusView = z.infer<typeof PrinterStatusView>;

/** The heartbeat's one word on the printer: its message key when it needs staff, its state otherwise. */
export const HeartbeatPrinter = z.union([PrinterState, PrinterMessage.max(40)]);

/** The status reported when the printer does not answer at all. */
export const PRINTER_UNREACHABLE: PrinterStatusView = { state: 'unreachable', needsStaff: true, message: 'printer.offline' };
