// Document templates: certificates (signed, bound to their request) and receipts, as PDF bytes.
export { renderCertificatePdf, type DocumentSigner } from './certificate-pdf';
export { renderReceiptPdf, type ReceiptBinding } from './receipt-pdf';
export { readDocumentBinding, type DocumentBinding, type DocumentKind } from './binding';
export { minchoFont } from './font';
export { prepareDocumentRenderer } from './warm-up';
