// The kiosk's printing service: IPP to a CUPS queue or the printer itself (see README.md).
export { createIppPrinter, JOB_NAME_PREFIX } from './ipp-printer';
export { PRINTER_MESSAGE_KEYS } from './printer-status';
export type { KioskPrinter, PrintOutcome, PrintRequest, PrinterStatus, PrintOptions, IppPrinterOptions } from './types';
export type { BindingReader, DocumentBinding } from './binding-check';
