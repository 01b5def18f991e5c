// The installation's staff code: 6–8 digits, kept only as a scrypt hash in the configuration file
// (`staff.codeHash`, made by `madoguchi staff-code`). One string carries everything a check needs:
//   scrypt$<N>$<r>$<p>$<salt, base64url>$<hash, base64url>
// so the cost can be raised later without a second field, and old hashes keep verifying.
// A code is never logged, stored or returned in clear; comparison is constant-time.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';

export const STAFF_CODE = /^[0-9]{6,8}$/;

/** 2^15 × r=8 ≈ 32 MiB and ~0.1 s per check: slow for a guesser with the file, instant for staff. */
const DEFAULT_COST = { N: 1 << 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

const FORMAT = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,128})\$([A-Za-z0-9_-]{32,128})$/;

export interface ParsedStaffHash { N: number; r: number; p: number; salt: Buffer; hash: Buffer }

/** Parses a hash string; null when it is not one (a typo in the configuration file). */
export function parseStaffCodeHash(text: string): ParsedStaffHash | null {
  const m = FORMAT.exec(text);
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // N a power of two within what a kiosk can afford; r and p in scrypt's usual range.
  if (N < 1 << 14 || N > 1 << 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  const salt = Buffer.from(m[4]!, 'base64url');
  const hash = Buffer.from(m[5]!, 'base64url');
  if (salt.length < SALT_BYTES || hash.length < KEY_BYTES) return null;
  return { N, r, p, salt, hash };
}

/** The configuration's `staff.codeHash`, checked at the boundary. */
export const StaffCodeHashSchema = z.string().refine((h) => parseStaffCodeHash(h) !== null,
  'a staff code hash as `madoguchi staff-code` prints it (scrypt$N$r$p$salt$hash)');

function derive(code: string, salt: Buffer, cost: { N: number; r: number; p: number }, keylen: number): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; the default 32 MiB ceiling would refuse our own default cost.
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(code.normalize('NFKC'), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** A new hash of `code` with a fresh random salt. Throws on a code that is not 6–8 digits. */
export async function hashStaffCode(code: string, cost: { N: number; r: number; p: number } = DEFAULT_COST): Promise<string> {
  if (!STAFF_CODE.test(code)) throw new Error('a staff code is 6 to 8 digits');
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(code, salt, cost, KEY_BYTES);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** True when `code` is the one the hash was made from. The derivation runs even for a code of the
 *  wrong form, so a reply's timing says nothing about what was typed. */
export async function verifyStaffCode(code: string, hashText: string): Promise<boolean> {
  const parsed = parseStaffCodeHash(hashText);
  if (!parsed) return false;
  const candidate = await derive(STAFF_CODE.test(code) ? code : `x${code}`, parsed.salt, parsed, parsed.hash.length);
  return timingSafeEqual(candidate, parsed.hash) && STAFF_CODE.test(code);
}
