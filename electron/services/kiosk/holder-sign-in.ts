// Signing the holder in at the back office, right after the PIN was accepted and while the card is
// still on the reader: the back office issues a fresh challenge, the card signs it with its
// user-authentication key (the PIN is already verified on the card; it never travels), and the back
// office verifies signature + certificate itself and answers a holder token. The token, not the
// certificate, then identifies the resident for the certificate service; it never reaches the UI.
import { z } from 'zod';
import { KioskError, isKioskError } from '../../../common/errors';
import type { CardAuthService } from '../auth/holder-auth-service';
import { backOfficeClientOf, type BackOfficeClient, type BackOfficeClientOptions } from '../sync/http-client';

/** What the sign-in needs: the open, verified card session of the auth service. */
export type SessionCard = Pick<CardAuthService, 'signChallenge'>;

const Challenge = z.object({ challengeId: z.string().min(1).max(100), challenge: z.string().min(1).max(200) });
const Verified = z.object({ sessionToken: z.string().min(1).max(400), expiresAt: z.string(), name: z.string().max(120).optional() });

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** `name`: the registered name, for the greeting on the identity-confirmed screen (never logged). */
export type HolderSignIn = (card: SessionCard) => Promise<{ holderToken: string; expiresAt: string; name?: string }>;

export function createHolderSignIn(opts: { backOffice: BackOfficeClient | BackOfficeClientOptions; kioskId: string }): HolderSignIn {
  const http = backOfficeClientOf(opts.backOffice);
  const post = async <T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<T> => {
    const answer = await http.request('POST', path, body);
    if (answer.status >= 500) throw new KioskError('sync.unreachable', `back office answered HTTP ${answer.status}`, { status: answer.status });
    let json: unknown;
    try {
      json = JSON.parse(answer.body);
    } catch {
      json = undefined;
    }
    if (answer.status >= 400) {
      const e = z.object({ kind: z.string(), message: z.string() }).safeParse(json);
      // A certificate the back office does not accept is an authentication failure, shown as such.
      const kind = e.success && e.data.kind.startsWith('auth.') ? (e.data.kind as 'auth.unknown_holder') : 'sync.rejected';
      throw new KioskError(kind, e.success ? e.data.message : `HTTP ${answer.status}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new KioskError('sync.rejected', `unexpected answer from ${path}`);
    return parsed.data;
  };
  return async (card) => {
    try {
      const c = await post('/v1/auth/challenges', { kioskId: opts.kioskId }, Challenge);
      const challenge = new Uint8Array(Buffer.from(c.challenge, 'base64'));
      const { authCertDer, signature } = await card.signChallenge(challenge);
      const v = await post('/v1/auth/verify', { challengeId: c.challengeId, authCertDer: b64(authCertDer), signature: b64(signature) }, Verified);
      return { holderToken: v.sessionToken, expiresAt: v.expiresAt, ...(v.name ? { name: v.name } : {}) };
    } catch (err) {
      if (isKioskError(err)) throw err;
      throw new KioskError('sync.unreachable', 'the back office could not be reached', {}, { cause: err });
    }
  };
}
