// The checkout's payment as the 領収証 and 明細書 say it (common/documents/hospital-receipt.ts), drawn
// by templates/hospital-receipt.ts and signed with the hospital's document key. The figures are the
// bill's as the accounting system computed it and the screen showed it; the template checks they
// agree (部 points, 医療費, shares) and refuses a mismatch rather than print a wrong receipt.
import type { HospitalReceiptInput } from '../../../common/documents/hospital-receipt';
import { renderHospitalReceiptPdf, type DocumentSigner } from '../../../templates';
import type { CheckoutDocuments, DocumentsRenderer } from './types';

export function receiptInputOf(d: CheckoutDocuments, hospital: HospitalReceiptInput['hospital'], departmentName?: (code: string) => string | undefined): HospitalReceiptInput {
  const b = d.bill;
  const department = b.department ? departmentName?.(b.department) : undefined;
  return {
    hospital, patientId: b.patientId, invoiceNumber: b.invoiceNumber, performedOn: b.performedOn, issuedAt: d.issuedAt,
    ...(department ? { department } : {}),
    ...(b.insuranceName ? { insuranceName: b.insuranceName } : {}),
    ...(b.ratioPercent !== undefined ? { ratioPercent: b.ratioPercent } : {}),
    categories: b.categories, totalPoints: b.insurance.points,
    insurance: { medicalCost: b.insurance.medicalCost, patientShare: b.insurance.patientShare },
    ...(b.publicAid !== undefined ? { publicAid: { paid: b.publicAid, ...(b.publicAidName ? { name: b.publicAidName } : {}) } } : {}),
    outOfInsurance: b.outOfInsuranceLines,
    patientTotal: b.insurance.patientShare + b.outOfInsurance,
    alreadyPaid: b.alreadyPaid,
    payment: { method: d.method, received: d.received, change: d.change },
    reprint: d.reprint, language: d.language, kioskId: d.kioskId,
    items: d.statement.filter((i) => i.count > 0),
  };
}

export function createDocumentsRenderer(o: { hospital: HospitalReceiptInput['hospital']; signer: DocumentSigner; departmentName?: (code: string) => string | undefined }): DocumentsRenderer {
  return (docs, binding) => renderHospitalReceiptPdf(receiptInputOf(docs, o.hospital, o.departmentName), binding, o.signer);
}
