// COMPUTE DIGITAL SIGNATURE schemes by P1 (jpki-card.md §3.5), done with node:crypto private-key
// operations on the card's RSA-2048 keys.
import { constants, createHash, privateDecrypt, privateEncrypt, randomBytes, sign, type KeyObject } from 'node:crypto';
import { SW } from './apdu';

const SHA256_DIGEST_INFO_PREFIX = Uint8Array.from(Buffer.from('3031300d060960864801650304020105000420', 'hex'));

export type SignResult = { sw: typeof SW.OK; signature: Uint8Array } | { sw: number };

/** PKCS#1 v1.5 type-1 padding over the bytes exactly as given (a DigestInfo, normally). */
function signAsGiven(key: KeyObject, input: Uint8Array): Uint8Array {
  return new Uint8Array(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, input));
}

function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

/**
 * RSASSA-PSS over an already-computed SHA-256 (salt 32 bytes, MGF1-SHA-256). node:crypto signs
 * PSS only over a message, so the EMSA-PSS encoding (RFC 8017 §9.1.1) is done here and the raw
 * private-key operation by privateDecrypt without padding.
 */
function pssOverHash(key: KeyObject, mHash: Uint8Array): Uint8Array {
  const modBits = key.asymmetricKeyDetails?.modulusLength ?? 2048;
  const emLen = Math.ceil((modBits - 1) / 8);
  const salt = randomBytes(32);
  const h = sha256(Buffer.concat([Buffer.alloc(8), mHash, salt]));
  const db = Buffer.alloc(emLen - 32 - 1);
  db[db.length - 32 - 1] = 0x01;
  salt.copy(db, db.length - 32);
  const mask = mgf1(h, db.length);
  for (let i = 0; i < db.length; i++) db[i]! ^= mask[i]!;
  db[0]! &= 0xff >> (8 * emLen - (modBits - 1));
  const em = Buffer.concat([db, h, Buffer.of(0xbc)]);
  const block = Buffer.concat([Buffer.alloc(Math.ceil(modBits / 8) - emLen), em]);
  return new Uint8Array(privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, block));
}

function mgf1(seed: Uint8Array, length: number): Buffer {
  const out: Buffer[] = [];
  for (let counter = 0; out.length * 32 < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    out.push(createHash('sha256').update(seed).update(c).digest());
  }
  return Buffer.concat(out).subarray(0, length);
}

/** Signs `input` with scheme `p1`; the caller has already checked that the key may be used. */
export function computeSignature(p1: number, input: Uint8Array, key: KeyObject): SignResult {
  const len = input.length;
  const any = len >= 1 && len <= 255;
  switch (p1) {
    case 0x00: // as given; type-1 padding needs 11 bytes of the 256
      if (len < 1 || len > 245) return { sw: SW.WRONG_LENGTH };
      return { sw: SW.OK, signature: signAsGiven(key, input) };
    case 0x01: // SHA-256 of the input, bare hash, no DigestInfo
      if (!any) return { sw: SW.WRONG_LENGTH };
      return { sw: SW.OK, signature: signAsGiven(key, sha256(input)) };
    case 0x02: // given SHA-256 wrapped in a DigestInfo
      if (len !== 32) return { sw: SW.CONDITIONS_OF_USE };
      return { sw: SW.OK, signature: signAsGiven(key, Buffer.concat([SHA256_DIGEST_INFO_PREFIX, input])) };
    case 0x03: // sha256WithRSAEncryption over the message
      if (!any) return { sw: SW.WRONG_LENGTH };
      return { sw: SW.OK, signature: new Uint8Array(sign('sha256', input, key)) };
    case 0x04: // PSS over a given SHA-256
      if (len !== 32) return { sw: SW.CONDITIONS_OF_USE };
      return { sw: SW.OK, signature: pssOverHash(key, input) };
    case 0x05: // SHA-256, then PSS
      if (!any) return { sw: SW.WRONG_LENGTH };
      return { sw: SW.OK, signature: new Uint8Array(sign('sha256', input, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })) };
    default:
      return { sw: SW.WRONG_P1P2 };
  }
}
