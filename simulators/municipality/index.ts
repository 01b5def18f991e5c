// The demo municipality (清瀬市, the demo card holders' town): its mayor, the document-signing keys of
// the demo municipalities (one each) and the registered seal impressions of its demo residents. The
// keys are derived from a fixed seed so a
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

/**
 * Each demo municipality signs with its own key (a certificate of 大阪市 must not carry 清瀬市's key
 * id): 全国地方公共団体コード → key id. Unknown codes have no signer.
 */
export const DEMO_KEY_IDS: Readonly<Record<string, string>> = {
  '132217': DEMO_KEY_ID,
  '141330': 'kawasaki-demo-2025',
  '111074': 'saitama-demo-2025',
  '271276': 'osaka-demo-2025',
};

let demo: ReturnType<typeof build> | null = null;

function build() {
  const signers: Record<string, DocumentSigner> = {};
  const publicKeys: Record<string, Uint8Array> = {};
  for (const [code, keyId] of Object.entries(DEMO_KEY_IDS)) {
    const { privateKey, publicKey } = deriveP256Key(DEMO_SEED, keyId);
    signers[code] = nodeDocumentSigner(keyId, privateKey);
    publicKeys[keyId] = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
  }
  return { municipality: DEMO_MUNICIPALITY, signer: signers[DEMO_MUNICIPALITY.code]!, signers, publicKeys };
}

/** The signer of the demo municipality with this code (the demo 証明発行サーバ signs with it). */
export function demoSignerFor(code: string): DocumentSigner {
  const signer = demoMunicipality().signers[code];
  if (!signer) throw new RangeError(`no demo document key for municipality ${code}`);
  return signer;
}

export function demoMunicipality(): { municipality: Municipality; signer: DocumentSigner; signers: Record<string, DocumentSigner>; publicKeys: Record<string, Uint8Array> } {
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
