// Document templates: certificates (signed, bound to their request), receipts and the hospital's
// 受付票, as PDF bytes.
export { renderCertificatePdf, type DocumentSigner } from './certificate-pdf';
export { renderReceiptPdf, type ReceiptBinding } from './receipt-pdf';
export { prepareReceptionSlipRenderer, renderReceptionSlipPdf, ReceptionSlipData, type ReceptionSlipBinding, type ReceptionSlipInput, type SlipLanguage, type SlipNextStep } from './reception-slip';
export { readDocumentBinding, type DocumentBinding, type DocumentKind } from './binding';
export { minchoFont } from './font';
export { prepareDocumentRenderer } from './warm-up';
export { prepareHospitalReceiptRenderer, renderHospitalReceiptPdf, type HospitalReceiptBinding } from './hospital-receipt';
