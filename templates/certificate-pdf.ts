// renderCertificatePdf: an IssuanceDocument → the signed certificate PDF. Every page carries a QR with
// the municipality's signature over that page's printed facts; the PDF's Info dictionary carries the
// request binding (issuanceId, requestId, subjectHash) that the printer client checks before printing.
import { KioskError } from '../common/errors';
import { attestationMessage, encodeAttestation, type PageAttestation } from '../common/documents/attestation';
import { CERTIFICATE_TITLES, IssuanceDocument, type PersonEntry } from '../common/documents/types';
import { japanDateOf } from '../common/domain/wareki';
import { createBackground } from './anti-forgery';
import { bindingInfo } from './binding';
import { drawSealBody, sealCertifyingSentence } from './inkan';
import { certifyingSentence, drawResidentBody, planResidentPages } from './juminhyo';
import { drawCertification, drawFrame, newDocument } from './page-frame';

/** The municipality's document-signing key: ECDSA P-256 over SHA-256, signature as P1363 r‖s (64 bytes). */
export interface DocumentSigner {
  keyId: string;
  sign(payload: Uint8Array): Promise<Uint8Array>;
}

interface PagePlan { persons: PersonEntry[]; attestation: PageAttestation }

function plan(doc: IssuanceDocument, keyId: string): PagePlan[] {
  const issuedOn = japanDateOf(doc.issuedAt);
  const base = { keyId, issuanceId: doc.issuanceId, issuanceNumber: doc.issuanceNumber, type: doc.data.type, issuedOn };
  const data = doc.data;
  if (data.type === 'inkan') {
    const attestation: PageAttestation = { ...base, page: 1, pages: 1, address: data.address, persons: [{ name: data.name, dob: data.dob, sex: data.sex }], registrationNumber: data.registrationNumber };
    return [{ persons: [], attestation }];
  }
  const sheets = planResidentPages(data);
  return sheets.map((persons, i) => ({
    persons,
    attestation: { ...base, page: i + 1, pages: sheets.length, address: data.address, persons: persons.map((p) => ({ name: p.name, dob: p.dob, sex: p.sex })) },
  }));
}

/** Validates, signs each page's attestation, and renders. */
export async function renderCertificatePdf(input: IssuanceDocument, signer: DocumentSigner): Promise<Uint8Array> {
  const parsed = IssuanceDocument.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KioskError('input.invalid', `certificate data: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(), { field: issue?.path.join('.') ?? '' });
  }
  return composeCertificate(parsed.data, await signPages(parsed.data, signer));
}

/** The QR text of each page: the page's attestation signed by the municipality. */
export async function signPages(doc: IssuanceDocument, signer: DocumentSigner): Promise<string[]> {
  const encoder = new TextEncoder();
  return Promise.all(plan(doc, signer.keyId).map(async (p) => encodeAttestation(p.attestation, await signer.sign(encoder.encode(attestationMessage(p.attestation))))));
}

/**
 * Draws the document with the given QR text per page. Exposed for verification tests, which need
 * a document whose QR does not belong to it; production code calls renderCertificatePdf.
 */
export async function composeCertificate(doc: IssuanceDocument, qrTexts: (string | null)[]): Promise<Uint8Array> {
  const pages = plan(doc, '');
  const issuedOn = japanDateOf(doc.issuedAt);
  const title = CERTIFICATE_TITLES[doc.data.type];
  const { doc: pdf, finish } = newDocument(
    {
      Title: `${title} ${doc.issuanceNumber}`,
      Author: `${doc.municipality.prefecture}${doc.municipality.name}`,
      Subject: `${title}`,
      ...bindingInfo({ issuanceId: doc.issuanceId, requestId: doc.requestId, subjectHash: doc.subjectHash }),
    },
    new Date(doc.issuedAt),
  );
  const background = createBackground(pdf);
  const data = doc.data;
  pages.forEach((p, i) => {
    drawFrame(pdf, background, {
      title, municipality: doc.municipality, issuanceNumber: doc.issuanceNumber, issuanceId: doc.issuanceId,
      issuedOn, page: i + 1, pages: pages.length, qrText: qrTexts[i] ?? '',
    });
    const last = i === pages.length - 1;
    if (data.type === 'inkan') drawSealBody(pdf, data);
    else drawResidentBody(pdf, data, p.persons, last);
    const closing = doc.municipality.closing;
    if (last) drawCertification(pdf, doc.municipality, data.type === 'inkan' ? sealCertifyingSentence(closing) : certifyingSentence(data, closing), issuedOn);
  });
  return finish();
}
