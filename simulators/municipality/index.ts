// The demo municipality (清瀬市, the demo card holders' town): its mayor, its document-signing key and
// the registered seal impressions of its demo residents. The key is derived from a fixed seed so a
// certificate printed on one machine verifies on another with the published demo public key —
// which is exactly why it must never be trusted outside demos and tests.
import { createECDH, createHmac, createPrivateKey, createPublicKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import type { Municipality } from '../../common/documents/types';
import type { DocumentSigner } from '../../templates/certificate-pdf';
import { renderSealImpressionPng } from './seal-impression';

export const DEMO_MUNICIPALITY: Municipality = {
  code: '132217',
  prefecture: '東京都',
  name: '清瀬市',
  mayorTitle: '市長',
  mayorName: '清瀬　一郎',
};

export const DEMO_KEY_ID = 'kiyose-demo-2025';
const DEMO_SEED = 'madoguchi demo municipality document key';

// P-256 group order: a derived scalar must lie in [1, n−1].
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** An ECDSA P-256 key pair derived deterministically from (seed, label). */
export function deriveP256Key(seed: string, label: string): { privateKey: KeyObject; publicKey: KeyObject } {
  let counter = 0;
  let d = 0n;
  while (d === 0n || d >= P256_ORDER) {
    d = BigInt(`0x${createHmac('sha256', seed).update(`${label}|${counter++}`).digest('hex')}`);
  }
  const dBytes = Buffer.from(d.toString(16).padStart(64, '0'), 'hex');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(dBytes);
  const point = ecdh.getPublicKey(); // 04 ‖ x ‖ y
  const jwk = { kty: 'EC', crv: 'P-256', d: dBytes.toString('base64url'), x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') };
  const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** A DocumentSigner over a Node private key (P1363 r‖s signatures, 64 bytes for P-256). */
export function nodeDocumentSigner(keyId: string, privateKey: KeyObject): DocumentSigner {
  return {
    keyId,
    async sign(payload) {
      return new Uint8Array(nodeSign('sha256', payload, { key: privateKey, dsaEncoding: 'ieee-p1363' }));
    },
  };
}

let demo: ReturnType<typeof build> | null = null;

function build() {
  const { privateKey, publicKey } = deriveP256Key(DEMO_SEED, DEMO_KEY_ID);
  const spki = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
  return { municipality: DEMO_MUNICIPALITY, signer: nodeDocumentSigner(DEMO_KEY_ID, privateKey), publicKeys: { [DEMO_KEY_ID]: spki } as Record<string, Uint8Array> };
}

export function demoMunicipality(): { municipality: Municipality; signer: DocumentSigner; publicKeys: Record<string, Uint8Array> } {
  demo ??= build();
  return demo;
}

const sealCache = new Map<string, string>();

/** The registered seal impression (PNG, base64) of a demo resident: their surname in a round seal. */
export function demoSealImagePngBase64(fullName: string): string {
  const surname = fullName.split(/[\s\u3000]/u)[0] || fullName;
  let png = sealCache.get(surname);
  if (!png) {
    png = renderSealImpressionPng(surname).toString('base64');
    sealCache.set(surname, png);
  }
  return png;
}
