// The test JPKI hierarchy (dev/test only, never packaged): deterministic roots and holder
// certificates shaped like J-LIS's, a revocation registry, signed CRLs and OCSP answers.
// See README.md in this folder for the choices (O=JPKI-TEST, look-alike roots, dates).
import { fileURLToPath } from 'node:url';
import { DeterministicKeyStore } from './keys';
import type { CaMaterial } from './issue';
import { createAuthCert, createRoot, createSignCert } from './issue';
import { checkHolderSpec, planHolder } from './holder';
import { buildCrl, RevocationRegistry } from './registry';
import { respondToOcsp } from './ocsp-responder';
import type { RevocationReason } from '../../common/jpki/types';

export type { RevocationReason } from '../../common/jpki/types';
export { startRevocationServer } from './server';
export type { RevocationServer, RevocationServerMode, RevocationServerOptions } from './server';

export interface HolderSpec {
  id: string;
  name: string; nameAlt?: string;
  sex: '1' | '2' | '9';
  dob: string;
  address: string; addressAlt?: string;
  prefectureRomaji: string;
  cityRomaji: string;
  issuedAt: string;
  notAfter?: string;
  withSignCert: boolean;
  hierarchy?: 'test' | 'untrusted';
  /** Re-issue counter (after 異動 or renewal): new keys and serials, same holder id. Default 0. */
  generation?: number;
}

export interface IssuedHolder {
  authCertDer: Uint8Array; authKeyPkcs8: Uint8Array;
  signCertDer?: Uint8Array; signKeyPkcs8?: Uint8Array;
  authCaDer: Uint8Array; signCaDer: Uint8Array;
}

export interface TestPki {
  roots: { auth: Uint8Array; sign: Uint8Array };
  untrustedRoots: { auth: Uint8Array; sign: Uint8Array };
  issueHolder(spec: HolderSpec): Promise<IssuedHolder>;
  revoke(certDer: Uint8Array, reason: RevocationReason, revokedAt?: Date): void;
  crlDer(which: 'auth' | 'sign', now?: Date): Promise<Uint8Array>;
  ocspResponseDer(requestDer: Uint8Array, now?: Date): Promise<Uint8Array>;
  /** RSA keys derived (not read from the cache) by this process for this seed so far. */
  keysGenerated(): number;
}

export const DEFAULT_SEED = 'madoguchi-test-pki';
export const DEFAULT_CACHE_DIR = fileURLToPath(new URL('../../var/cache/testpki', import.meta.url));

// One key store per (seed, cache dir) per process: keys are expensive, registries are not shared.
const keyStores = new Map<string, DeterministicKeyStore>();

export async function loadTestPki(opts: { seed?: string; cacheDir?: string } = {}): Promise<TestPki> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const cacheDir = opts.cacheDir ?? DEFAULT_CACHE_DIR;
  const storeKey = `${cacheDir}\u0000${seed}`;
  const keys = keyStores.get(storeKey) ?? new DeterministicKeyStore(seed, cacheDir);
  keyStores.set(storeKey, keys);

  const test = { auth: await createRoot(keys, seed, 'auth', 'test'), sign: await createRoot(keys, seed, 'sign', 'test') };
  const untrusted = { auth: await createRoot(keys, seed, 'auth', 'untrusted'), sign: await createRoot(keys, seed, 'sign', 'untrusted') };
  const allCas: CaMaterial[] = [test.auth, test.sign, untrusted.auth, untrusted.sign];
  const registry = new RevocationRegistry(allCas);

  return {
    roots: { auth: test.auth.certDer, sign: test.sign.certDer },
    untrustedRoots: { auth: untrusted.auth.certDer, sign: untrusted.sign.certDer },
    keysGenerated: () => keys.generated,

    async issueHolder(rawSpec) {
      const spec = checkHolderSpec(rawSpec);
      const plan = planHolder(seed, spec);
      const cas = spec.hierarchy === 'untrusted' ? untrusted : test;
      const authKeys = keys.get(plan.keyLabel('auth'));
      const authCertDer = await createAuthCert({
        seed, label: plan.serialLabel('auth'), ca: cas.auth, keys: authKeys, notBefore: plan.notBefore, notAfter: plan.notAfter,
      }, plan.authCn);
      const issued: IssuedHolder = { authCertDer, authKeyPkcs8: authKeys.pkcs8, authCaDer: cas.auth.certDer, signCaDer: cas.sign.certDer };
      if (spec.withSignCert) {
        const signKeys = keys.get(plan.keyLabel('sign'));
        issued.signCertDer = await createSignCert(
          { seed, label: plan.serialLabel('sign'), ca: cas.sign, keys: signKeys, notBefore: plan.notBefore, notAfter: plan.notAfter },
          { name: spec.name, nameAlt: spec.nameAlt, sex: spec.sex, dobWithEra: plan.dobWithEra, address: spec.address, addressAlt: spec.addressAlt },
          { prefecture: spec.prefectureRomaji, city: spec.cityRomaji },
          plan.signCn,
        );
        issued.signKeyPkcs8 = signKeys.pkcs8;
      }
      return issued;
    },

    revoke(certDer, reason, revokedAt = new Date()) {
      registry.revoke(certDer, reason, revokedAt);
    },

    async crlDer(which, now = new Date()) {
      return buildCrl(test[which], registry.entries(test[which], now), now);
    },

    // Only the test hierarchy's CAs are served: a look-alike CA is unknown to the real responder too.
    async ocspResponseDer(requestDer, now = new Date()) {
      return respondToOcsp(requestDer, [test.auth, test.sign], registry, now);
    },
  };
}
