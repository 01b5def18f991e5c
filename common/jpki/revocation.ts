// The revocation checker used by validateCertificate: OCSP first (same-day status, jpki-card.md
// §11.4), the CRL as fallback. Any failure of one source is a reason to try the next, and only
// when every source failed is the outcome 'unreachable' — the caller's policy decides what that means.
import type * as pkijs from 'pkijs';
import { z } from 'zod';
import { KioskError } from '../errors';
import { CrlError, decodeCrl, crlIsCurrent, readCrl } from './crl-client';
import { fetchBytes, RevocationFetchError } from './fetch-bytes';
import { buildOcspRequest, OcspError, readOcspResponse } from './ocsp-client';
import { decodeCertificate, factsOf } from './parse';
import type { RevocationChecker, RevocationOutcome } from './types';

const optionsSchema = z.object({
  ocspUrl: z.url().optional(),
  crlUrls: z.object({ auth: z.url().optional(), sign: z.url().optional() }).optional(),
  fetch: z.custom<typeof fetch>((v) => typeof v === 'function', 'fetch must be a function'),
  timeoutMs: z.number().int().positive().max(120_000).optional(),
  crlCacheMs: z.number().int().nonnegative().optional(),
  clockSkewMs: z.number().int().nonnegative().optional(),
  ocspMaxAgeWithoutNonceMs: z.number().int().positive().optional(),
});

export type HttpRevocationCheckerOptions = z.input<typeof optionsSchema>;

const DEFAULT_TIMEOUT_MS = 5_000;
const DEFAULT_CRL_CACHE_MS = 10 * 60_000;
// J-LIS may serve the previous day's CRL for 5–10 minutes while publishing (jpki-card.md §11.4).
const DEFAULT_CLOCK_SKEW_MS = 10 * 60_000;
const DEFAULT_OCSP_MAX_AGE_MS = 60 * 60_000;

function describe(err: unknown): string {
  if (err instanceof OcspError || err instanceof CrlError || err instanceof RevocationFetchError) return err.message;
  return `unexpected: ${err instanceof Error ? err.message : String(err)}`;
}

export function createHttpRevocationChecker(options: HttpRevocationCheckerOptions): RevocationChecker {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new KioskError('input.invalid', `revocation checker options: ${parsed.error.message}`, { field: 'revocation' });
  }
  const opts = parsed.data;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const crlCacheMs = opts.crlCacheMs ?? DEFAULT_CRL_CACHE_MS;
  const clockSkewMs = opts.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
  const maxAgeWithoutNonceMs = opts.ocspMaxAgeWithoutNonceMs ?? DEFAULT_OCSP_MAX_AGE_MS;
  const crlCache = new Map<string, { crl: pkijs.CertificateRevocationList; fetchedAt: number }>();

  async function viaOcsp(url: string, cert: pkijs.Certificate, issuer: pkijs.Certificate, now: Date): Promise<RevocationOutcome | string> {
    try {
      const request = await buildOcspRequest(cert, issuer);
      const body = await fetchBytes(opts.fetch, url, {
        method: 'POST',
        headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
        body: request.der as BufferSource,
      }, timeoutMs);
      const answer = await readOcspResponse(body, request, issuer, now, { clockSkewMs, maxAgeWithoutNonceMs });
      if (answer.status === 'unknown') return 'OCSP: responder does not know the certificate';
      return { ...answer, source: 'ocsp' };
    } catch (err) {
      return `OCSP: ${describe(err)}`;
    }
  }

  async function loadCrl(url: string, now: Date): Promise<pkijs.CertificateRevocationList> {
    const cached = crlCache.get(url);
    // Cache by wall-clock fetch time, but never past the CRL's own nextUpdate.
    if (cached && Date.now() - cached.fetchedAt <= crlCacheMs && crlIsCurrent(cached.crl, now, clockSkewMs)) return cached.crl;
    const crl = decodeCrl(await fetchBytes(opts.fetch, url, { method: 'GET', headers: { accept: 'application/pkix-crl' } }, timeoutMs));
    crlCache.set(url, { crl, fetchedAt: Date.now() });
    return crl;
  }

  async function viaCrl(url: string, cert: pkijs.Certificate, issuer: pkijs.Certificate, now: Date): Promise<RevocationOutcome | string> {
    try {
      const answer = await readCrl(await loadCrl(url, now), cert, issuer, now, clockSkewMs);
      return { ...answer, source: 'crl' };
    } catch (err) {
      crlCache.delete(url);
      return `CRL: ${describe(err)}`;
    }
  }

  return {
    async check(certDer, issuerDer, now) {
      const decoded = decodeCertificate(certDer);
      const issuer = decodeCertificate(issuerDer).cert;
      const kind = factsOf(decoded).kind;
      const failures: string[] = [];
      if (opts.ocspUrl) {
        const outcome = await viaOcsp(opts.ocspUrl, decoded.cert, issuer, now);
        if (typeof outcome !== 'string') return outcome;
        failures.push(outcome);
      }
      const crlUrls = kind === 'unknown'
        ? [opts.crlUrls?.auth, opts.crlUrls?.sign]
        : [opts.crlUrls?.[kind]];
      for (const url of crlUrls) {
        if (!url) continue;
        const outcome = await viaCrl(url, decoded.cert, issuer, now);
        if (typeof outcome !== 'string') return outcome;
        failures.push(outcome);
      }
      if (failures.length === 0) failures.push('no OCSP or CRL source configured for this certificate kind');
      return { status: 'unreachable', detail: failures.join('; ') };
    },
  };
}
