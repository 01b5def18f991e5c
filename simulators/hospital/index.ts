// The demo hospital's document-signing key: the signature in the QR of every 領収証 and 診療明細書 page
// printed by a demo kiosk. Derived from a fixed seed like the demo municipalities' keys, so a receipt
// printed on one machine verifies on another with the published demo public key — which is exactly
// why it must never be trusted outside demos and tests (`madoguchi verify --demo` adds it).
// A real hospital's kiosk holds its own key from its billing configuration.
import type { DocumentSigner } from '../../templates/certificate-pdf';
import { deriveP256Key, nodeDocumentSigner } from '../municipality/index';

export const DEMO_HOSPITAL_KEY_ID = 'hospital-demo-2026';
const DEMO_HOSPITAL_SEED = 'madoguchi demo hospital document key';

let demo: { signer: DocumentSigner; publicKeys: Record<string, Uint8Array> } | null = null;

/** The demo hospital's signer and its public key (base SPKI DER by key id). */
export function demoHospitalKeys(): { signer: DocumentSigner; publicKeys: Record<string, Uint8Array> } {
  if (!demo) {
    const { privateKey, publicKey } = deriveP256Key(DEMO_HOSPITAL_SEED, DEMO_HOSPITAL_KEY_ID);
    demo = {
      signer: nodeDocumentSigner(DEMO_HOSPITAL_KEY_ID, privateKey),
      publicKeys: { [DEMO_HOSPITAL_KEY_ID]: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })) },
    };
  }
  return demo;
}

/** The signer a demo kiosk's billing signs its 領収証 and 明細書 with. */
export function demoHospitalSigner(): DocumentSigner {
  return demoHospitalKeys().signer;
}
