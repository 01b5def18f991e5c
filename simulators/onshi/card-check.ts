// The card check as the national service does it: the card's signature over OUR single-use
// challenge and its user-authentication certificate, verified with the same common/jpki code the
// back office uses (path to the test PKI, validity, revocation through the test PKI's OCSP answers).
// Eligibility only (hospital-2026.md §2.3): a certificate expired less than 3 months ago is still
// accepted here — the certificate kiosk refuses it. The holder is found through J-LIS's link of
// certificate serial → person (here: the demo card's serial, derived like the test PKI issues it).
import { randomBytes, randomUUID } from 'node:crypto';
import { KioskError } from '../../common/errors';
import { createHttpRevocationChecker, parseCertificate, validateCertificate, verifyCardSignature, type RevocationChecker } from '../../common/jpki';
import { DEFAULT_SEED, type TestPki } from '../testpki';
import { checkHolderSpec, planHolder } from '../testpki/holder';
import { serialFor } from '../testpki/issue';
import { loadProfiles } from '../vcard/profiles';
import { holderSpecFor } from '../vcard/world';

export const CHALLENGE_TTL_MS = 60_000;
/** How long after expiry a user-authentication certificate still serves for eligibility. */
export const ELIGIBILITY_GRACE_MONTHS = 3;

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').replace(/^(00)+(?=.)/, '');

/** Serial (hex) of each demo card's auth certificate → its profile id. */
export function demoCardSerials(seed = DEFAULT_SEED): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of loadProfiles()) {
    const plan = planHolder(seed, checkHolderSpec(holderSpecFor(p)));
    out.set(hex(serialFor(seed, plan.serialLabel('auth'))), p.id);
  }
  return out;
}

/**
 * OCSP answered in-process by the test PKI (the same request/response bytes as its HTTP responder),
 * dated at the moment being validated (the last valid moment of a certificate in its grace period).
 */
function inProcessRevocation(pki: TestPki): RevocationChecker {
  let at = new Date();
  const ocsp = createHttpRevocationChecker({
    ocspUrl: 'http://ocsp.testpki.invalid/',
    fetch: async (_url, init) => {
      const body = init?.body instanceof Uint8Array ? init.body : new Uint8Array(init?.body as ArrayBuffer);
      return new Response(Buffer.from(await pki.ocspResponseDer(body, at)), { status: 200, headers: { 'content-type': 'application/ocsp-response' } });
    },
  });
  return {
    check(certDer, issuerDer, now) {
      at = now;
      return ocsp.check(certDer, issuerDer, now);
    },
  };
}

export function addMonths(d: Date, months: number): Date {
  const x = new Date(d.getTime());
  x.setUTCMonth(x.getUTCMonth() + months);
  return x;
}

export class CardChecker {
  private readonly challenges = new Map<string, { challenge: Uint8Array; expiresAt: number }>();
  private readonly revocation: RevocationChecker;
  private readonly serials: Map<string, string>;

  constructor(private readonly pki: TestPki, private readonly now: () => Date) {
    this.revocation = inProcessRevocation(pki);
    this.serials = demoCardSerials();
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
    const expired = now.getTime() > facts.notAfter.getTime();
    if (expired && now.getTime() > addMonths(facts.notAfter, ELIGIBILITY_GRACE_MONTHS).getTime()) {
      throw new KioskError('auth.expired', `the certificate expired at ${facts.notAfter.toISOString()}, more than ${ELIGIBILITY_GRACE_MONTHS} months ago`);
    }
    // Within the grace period the path and revocation are checked as of the last valid moment.
    const at = expired ? new Date(facts.notAfter.getTime() - 1000) : now;
    const validated = await validateCertificate(i.authCertDer, {
      anchors: [this.pki.roots.auth], now: at, revocation: this.revocation, revocationFailure: 'fail-closed', expectKind: 'auth',
    });
    return { profileId: this.serials.get(validated.serialHex.toLowerCase().replace(/^(00)+(?=.)/, '')) ?? null, serialHex: validated.serialHex };
  }
}
