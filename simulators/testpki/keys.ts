// Deterministic RSA-2048 keys: the same (seed, label) always gives the same key, so certificates
// issued from a seed are byte-identical on every machine. Node cannot seed its RSA generator, so the
// primes come from an HMAC-SHA-256 stream, found by incremental search with a small-prime sieve and
// confirmed by OpenSSL's primality test (crypto.checkPrimeSync). The private key is assembled as a
// JWK and exported by Node as PKCS#8 — no hand-built DER. Keys are cached on disk per seed.
import { checkPrimeSync, createHash, createHmac, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Bump when the derivation changes, so old cache entries are never mistaken for current ones. */
const DERIVATION_VERSION = 'v1';
const PUBLIC_EXPONENT = 65537n;
const PRIME_BYTES = 128; // two 1024-bit primes → a 2048-bit modulus

const SMALL_PRIMES: bigint[] = (() => {
  const primes: number[] = [];
  for (let n = 3; primes.length < 2000; n += 2) {
    if (primes.every((p) => n % p !== 0)) primes.push(n);
  }
  return primes.map(BigInt);
})();

function byteStream(seed: string, label: string): (n: number) => Buffer {
  let counter = 0;
  return (n) => {
    const blocks: Buffer[] = [];
    for (let have = 0; have < n; have += 32) {
      blocks.push(createHmac('sha256', seed).update(`${DERIVATION_VERSION}|${label}|${counter++}`).digest());
    }
    return Buffer.concat(blocks).subarray(0, n);
  };
}

function findPrime(next: (n: number) => Buffer): bigint {
  const start = next(PRIME_BYTES);
  start[0]! |= 0xc0; // top two bits set: p·q is exactly 2048 bits
  start[PRIME_BYTES - 1]! |= 0x01;
  const base = BigInt(`0x${start.toString('hex')}`);
  const residues = SMALL_PRIMES.map((p) => base % p);
  for (let delta = 0n; ; delta += 2n) {
    let composite = false;
    for (let i = 0; i < residues.length; i++) {
      if ((residues[i]! + delta) % SMALL_PRIMES[i]! === 0n) { composite = true; break; }
    }
    if (composite) continue;
    const candidate = base + delta;
    if ((candidate - 1n) % PUBLIC_EXPONENT === 0n) continue; // e must be invertible mod p−1
    if (checkPrimeSync(candidate)) return candidate;
  }
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [((a % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new Error('not invertible');
  return ((oldS % m) + m) % m;
}

function b64url(n: bigint): string {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex').toString('base64url');
}

/** Derives the PKCS#8 DER of an RSA-2048 key from (seed, label). About 40 ms on one core. */
export function deriveRsaPkcs8(seed: string, label: string): Uint8Array {
  const next = byteStream(seed, label);
  let p = findPrime(next);
  let q = findPrime(next);
  while (p === q) q = findPrime(next);
  if (p < q) [p, q] = [q, p]; // conventional order: p > q, so qi = q⁻¹ mod p
  const n = p * q;
  const d = modInverse(PUBLIC_EXPONENT, (p - 1n) * (q - 1n));
  const jwk = {
    kty: 'RSA', n: b64url(n), e: b64url(PUBLIC_EXPONENT), d: b64url(d), p: b64url(p), q: b64url(q),
    dp: b64url(d % (p - 1n)), dq: b64url(d % (q - 1n)), qi: b64url(modInverse(q, p)),
  };
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  return new Uint8Array(key.export({ type: 'pkcs8', format: 'der' }));
}

export interface KeyPairDer { pkcs8: Uint8Array; spki: Uint8Array }

/** Keys by label for one seed, memoised in memory and cached under cacheDir/<version>-<seed hash>/. */
export class DeterministicKeyStore {
  private readonly memory = new Map<string, KeyPairDer>();
  private readonly dir: string;
  /** How many keys were generated (not read from cache) — reported by the setup benchmark. */
  generated = 0;

  constructor(private readonly seed: string, cacheDir: string) {
    const seedHash = createHash('sha256').update(seed).digest('hex').slice(0, 16);
    this.dir = join(cacheDir, `${DERIVATION_VERSION}-${seedHash}`);
  }

  get(label: string): KeyPairDer {
    const known = this.memory.get(label);
    if (known) return known;
    const file = join(this.dir, `${createHash('sha256').update(label).digest('hex').slice(0, 32)}.pkcs8.der`);
    let pkcs8 = this.readCached(file);
    if (!pkcs8) {
      pkcs8 = deriveRsaPkcs8(this.seed, label);
      this.generated++;
      this.writeCached(file, pkcs8);
    }
    const spki = new Uint8Array(createPublicKey(createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }))
      .export({ type: 'spki', format: 'der' }));
    const pair = { pkcs8, spki };
    this.memory.set(label, pair);
    return pair;
  }

  private readCached(file: string): Uint8Array | undefined {
    try {
      const bytes = new Uint8Array(readFileSync(file));
      createPrivateKey({ key: Buffer.from(bytes), format: 'der', type: 'pkcs8' }); // a torn/corrupt file is regenerated
      return bytes;
    } catch {
      return undefined;
    }
  }

  private writeCached(file: string, pkcs8: Uint8Array): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      // Write-then-rename: parallel test processes may derive the same key at the same time.
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      writeFileSync(tmp, pkcs8);
      renameSync(tmp, file);
    } catch {
      // A read-only or missing cache only costs speed; the key itself is already derived.
    }
  }
}
