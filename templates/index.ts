// Document templates: certificates (signed, bound to their request) and receipts, as PDF bytes.
export { renderCertificatePdf, type DocumentSigner } from './certificate-pdf';
export { renderReceiptPdf } from './receipt-pdf';
export { readDocumentBinding, type DocumentBinding } from './binding';
export { minchoFont } from './font';
export { prepareDocumentRenderer } from './warm-up';
