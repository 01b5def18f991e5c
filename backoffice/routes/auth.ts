// Holder authentication, verified here authoritatively with the kiosk's own code (common/jpki):
// the card's signature over OUR fresh single-use challenge, then path, validity and revocation.
// The certificate is then mapped to a resident through certificate_links (by fingerprint), never
// by serial alone: the auth certificate's serial changes on every renewal.
import { randomBytes, randomUUID } from 'node:crypto';
import { KioskError } from '../../common/errors';
import { parseCertificate, validateCertificate, verifyCardSignature } from '../../common/jpki';
import { route } from '../http/route';
import { ChallengeRequest, ChallengeResponse, VerifyRequest, VerifyResponse } from '../schemas';
import type { BackOfficeContext } from './context';

const fromB64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

export function authRoutes(ctx: BackOfficeContext) {
  const { store, auth } = ctx;
  return [
    route({
      method: 'POST', path: '/v1/auth/challenges', operationId: 'createChallenge', tag: 'auth', access: { caller: 'kiosk' },
      summary: 'Issue a fresh random challenge for the card to sign (single use, short expiry)',
      body: ChallengeRequest, response: ChallengeResponse, successStatus: 201,
      handler: async ({ body, now }) => {
        const challengeId = randomUUID();
        const challenge = new Uint8Array(randomBytes(32));
        const expiresAt = now + auth.challengeTtlMs;
        await store.putChallenge({ challengeId, challenge, kioskId: body.kioskId, expiresAt });
        return { status: 201, body: { challengeId, challenge: Buffer.from(challenge).toString('base64'), expiresAt: new Date(expiresAt).toISOString() } };
      },
    }),
    route({
      method: 'POST', path: '/v1/auth/verify', operationId: 'verifyHolder', tag: 'auth', access: { caller: 'kiosk' },
      summary: 'Verify the signed challenge and the certificate; answer a holder session linked to the resident',
      body: VerifyRequest, response: VerifyResponse, errors: [401, 403, 503],
      handler: async ({ body, now, principal }) => {
        const pending = await store.takeChallenge(body.challengeId);
        if (!pending || pending.expiresAt <= now) throw new KioskError('auth.challenge_invalid');
        // The session will be bound to the kiosk that asked for the challenge: only that kiosk may answer it.
        if (principal.caller !== 'kiosk' || pending.kioskId !== principal.kiosk.kioskId) throw new KioskError('auth.challenge_invalid', 'the challenge was issued to another kiosk');
        const certDer = fromB64(body.authCertDer);
        let facts;
        try {
          facts = parseCertificate(certDer);
        } catch (err) {
          throw new KioskError('auth.bad_certificate', 'the certificate does not parse', {}, { cause: err });
        }
        if (facts.kind !== 'auth') throw new KioskError('auth.bad_certificate', 'not a user-authentication certificate');
        if (!(await verifyCardSignature(certDer, pending.challenge, fromB64(body.signature)))) throw new KioskError('auth.signature_mismatch');
        const validated = await validateCertificate(certDer, {
          anchors: auth.anchors, now: new Date(now), revocation: auth.revocation, revocationFailure: auth.revocationFailure, expectKind: 'auth',
        });
        const link = await store.findCertificateLink(validated.sha256FingerprintHex);
        if (!link) throw new KioskError('auth.unknown_holder');
        const name = (await store.getResident(link.residentId))?.name;
        const token = randomBytes(32).toString('base64url');
        const expiresAt = now + auth.sessionTtlMs;
        await store.putSession({ token, residentId: link.residentId, kioskId: pending.kioskId, expiresAt });
        return {
          body: {
            sessionToken: token, residentId: link.residentId, expiresAt: new Date(expiresAt).toISOString(),
            certificate: { serialHex: validated.serialHex, sha256FingerprintHex: validated.sha256FingerprintHex, notAfter: validated.notAfter.toISOString() },
            revocation: auth.revocation ? 'good' as const : 'unchecked' as const,
            ...(name ? { name } : {}),
          },
        };
      },
    }),
  ];
}
