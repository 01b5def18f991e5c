// The card check as the national service does it: the card's signature over OUR single-use
// challenge and its user-authentication certificate, verified with the same common/jpki code the
// back office uses (path to the test PKI, validity, revocation through the test PKI's OCSP answers).
// Eligibility only (hospital-2026.md §2.3): a certificate expired less than 3 months ago is still
// accepted here — the certificate kiosk refuses it (common/jpki/eligibility-grace.ts draws the line for
// both). The holder is found through J-LIS's link of certificate → person (certificate-links.ts: one
// row per certificate, a renewed one beside the one it replaces).
import { randomBytes, randomUUID } from 'node:crypto';
import { KioskError } from '../../common/errors';
import { eligibilityGraceEnd, inEligibilityGrace } from '../../common/jpki/eligibility-grace';
import { createHttpRevocationChecker, parseCertificate, validateCertificate, verifyCardSignature, type RevocationChecker } from '../../common/jpki';
import type { TestPki } from '../testpki';
import { certificateLinks, linkedPersonByCn } from './certificate-links';

export const CHALLENGE_TTL_MS = 60_000;

const cnOf = (subject: string) => /(?:^|,\s*)CN=([^,]+)/.exec(subject)?.[1] ?? '';

/** OCSP answered in-process by the test PKI (the same request/response bytes as its HTTP responder). */
function inProcessRevocation(pki: TestPki): RevocationChecker {
  return createHttpRevocationChecker({
    ocspUrl: 'http://ocsp.testpki.invalid/',
    fetch: async (_url, init) => {
      const body = init?.body instanceof Uint8Array ? init.body : new Uint8Array(init?.body as ArrayBuffer);
      return new Response(Buffer.from(await pki.ocspResponseDer(body)), { status: 200, headers: { 'content-type': 'application/ocsp-response' } });
    },
  });
}

export class CardChecker {
  private readonly challenges = new Map<string, { challenge: Uint8Array; expiresAt: number }>();
  private readonly revocation: RevocationChecker;
  private readonly subjects: Map<string, string>;

  constructor(private readonly pki: TestPki, private readonly now: () => Date) {
    this.revocation = inProcessRevocation(pki);
    this.subjects = linkedPersonByCn(certificateLinks());
  }

  challenge(): { challengeId: string; challenge: Uint8Array } {
    const t = this.now().getTime();
    for (const [id, c] of this.challenges) if (c.expiresAt <= t) this.challenges.delete(id);
    const challengeId = randomUUID();
    const challenge = new Uint8Array(randomBytes(32));
    this.challenges.set(challengeId, { challenge, expiresAt: t + CHALLENGE_TTL_MS });
    return { challengeId, challenge };
  }

  /** The demo profile id the verified card belongs to, or null for a card J-LIS links to no one we know. Throws auth.* kinds. */
  async verify(i: { challengeId: string; authCertDer: Uint8Array; signature: Uint8Array }): Promise<{ profileId: string | null; serialHex: string }> {
    const pending = this.challenges.get(i.challengeId);
    this.challenges.delete(i.challengeId);
    const now = this.now();
    if (!pending || pending.expiresAt <= now.getTime()) throw new KioskError('auth.challenge_invalid');
    let facts;
    try {
      facts = parseCertificate(i.authCertDer);
    } catch (err) {
      throw new KioskError('auth.bad_certificate', 'the certificate does not parse', {}, { cause: err });
    }
    if (facts.kind !== 'auth') throw new KioskError('auth.bad_certificate', 'not a user-authentication certificate');
    if (!(await verifyCardSignature(i.authCertDer, pending.challenge, i.signature))) throw new KioskError('auth.signature_mismatch');
    // Eligibility only: an auth certificate expired less than 3 months ago is still accepted (its own
    // validity is checked at its last valid moment; the anchor and revocation at now).
    const inGrace = inEligibilityGrace(facts.notAfter, now);
    if (!inGrace && now.getTime() > facts.notAfter.getTime()) {
      throw new KioskError('auth.expired', `the certificate expired at ${facts.notAfter.toISOString()}; eligibility accepts it until ${eligibilityGraceEnd(facts.notAfter).toISOString()}`);
    }
    const validated = await validateCertificate(i.authCertDer, {
      anchors: [this.pki.roots.auth], now, revocation: this.revocation, revocationFailure: 'fail-closed', expectKind: 'auth',
      ...(inGrace ? { certificateValidAt: facts.notAfter } : {}),
    });
    return { profileId: this.subjects.get(cnOf(validated.subject)) ?? null, serialHex: validated.serialHex };
  }
}
