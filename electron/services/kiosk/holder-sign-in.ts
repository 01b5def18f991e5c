// One login, one card signature. With a back office, the kiosk asks it for a fresh challenge as the
// PIN is submitted (the request overlaps the certificate read and VERIFY), the card signs THAT
// challenge once, the kiosk verifies the same signature itself (path, validity, revocation: the auth
// service), and the back office verifies it again with its own rules and answers a holder token.
// The token, not the certificate, then identifies the resident to the back office's services; it
// never reaches the UI. Without a back office the card signs the kiosk's own challenge, as ever.
import { z } from 'zod';
import { KioskError, isKioskError } from '../../../common/errors';
import type { AuthenticatedHolder, CardAuthService, LoginPurpose, SignedChallenge } from '../auth/holder-auth-service';
import { backOfficeClientOf, type BackOfficeClient, type BackOfficeClientOptions } from '../sync/http-client';

/** A back-office challenge for the card to sign (single use, short-lived). */
export interface BackOfficeChallenge { challengeId: string; challenge: Uint8Array }

/** `name`: the registered name, for the greeting on the identity-confirmed screen (never logged). */
export interface SignedInHolder { holderToken: string; expiresAt: string; name?: string }

export interface HolderSignIn {
  challenge(): Promise<BackOfficeChallenge>;
  /** The card's signature over that challenge (already verified at the kiosk) → the holder token. */
  verify(challenge: BackOfficeChallenge, signed: Pick<SignedChallenge, 'authCertDer' | 'signature'>): Promise<SignedInHolder>;
}

/**
 * How long the card may wait for the back office's challenge before it signs the kiosk's own. The
 * wait sits inside the card's 8 s login budget (native/card/budgets.ts): a real card's certificate,
 * VERIFY and RSA signature need ~2.5 s at worst, so a slow back office can never make a good card
 * look too slow; on a LAN the challenge is there long before VERIFY has finished.
 */
export const CHALLENGE_WAIT_MS = 2_000;

const Challenge = z.object({ challengeId: z.string().min(1).max(100), challenge: z.string().min(1).max(200) });
const Verified = z.object({ sessionToken: z.string().min(1).max(400), expiresAt: z.string(), name: z.string().max(120).optional() });

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** `backOffice`: the platform's one client, or options for a client of its own (tests, benchmarks). */
export function createHolderSignIn(opts: { backOffice: BackOfficeClient | BackOfficeClientOptions; kioskId: string }): HolderSignIn {
  const http = backOfficeClientOf(opts.backOffice);
  const post = async <T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<T> => {
    let answer;
    try {
      answer = await http.request('POST', path, body);
    } catch (err) {
      if (isKioskError(err)) throw err;
      throw new KioskError('sync.unreachable', 'the back office could not be reached', {}, { cause: err });
    }
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
  return {
    async challenge() {
      const c = await post('/v1/auth/challenges', { kioskId: opts.kioskId }, Challenge);
      return { challengeId: c.challengeId, challenge: new Uint8Array(Buffer.from(c.challenge, 'base64')) };
    },
    async verify(c, signed) {
      const v = await post('/v1/auth/verify', { challengeId: c.challengeId, authCertDer: b64(signed.authCertDer), signature: b64(signed.signature) }, Verified);
      return { holderToken: v.sessionToken, expiresAt: v.expiresAt, ...(v.name ? { name: v.name } : {}) };
    },
  };
}

/** A login's outcome: the holder verified at the kiosk, and the back office's token or why there is none. */
export interface CardLogin {
  holder: AuthenticatedHolder;
  signedIn?: SignedInHolder;
  signInError?: KioskError;
}

/**
 * The kiosk's login (session.login, and the card benchmark): the PIN's typed failures (wrong PIN,
 * blocked, revoked, …) are thrown as the auth service throws them. A back office that cannot be
 * reached does NOT fail the login: the holder is verified at the kiosk all the same (the card then
 * signs the kiosk's own challenge: still one signature, never a second one later) and
 * `signInError` says why there is no token; the kiosk shows the identity-confirmed screen and each
 * back-office service explains then that it cannot serve now. A real kiosk wants exactly this: the
 * resident has proved who they are, the card can be taken back at once, and an outage of the back
 * office is told as an outage, not as a wrong PIN or a bad card.
 */
export async function signInWithCard(
  auth: Pick<CardAuthService, 'login'>, signIn: HolderSignIn | null, pin: string, purpose: LoginPurpose = 'authentication',
): Promise<CardLogin> {
  if (!signIn) return { holder: await auth.login(pin, { purpose }) };
  let challengeError: KioskError | undefined;
  const asked = withinMs(signIn.challenge(), CHALLENGE_WAIT_MS).catch((err: unknown) => {
    challengeError = isKioskError(err) ? err : new KioskError('sync.unreachable', 'the back office could not be reached', {}, { cause: err });
    return null;
  });
  const holder = await auth.login(pin, { challenge: asked.then((c) => c?.challenge ?? null), purpose });
  const challenge = await asked;
  const signed = holder.signedChallenge;
  if (!challenge || !signed) {
    return { holder, signInError: challengeError ?? new KioskError('sync.unreachable', 'the back office\'s challenge was not signed') };
  }
  try {
    return { holder, signedIn: await signIn.verify(challenge, signed) };
  } catch (err) {
    return { holder, signInError: isKioskError(err) ? err : new KioskError('sync.unreachable', 'the back office could not be reached', {}, { cause: err }) };
  }
}

function withinMs<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new KioskError('sync.unreachable', `the back office gave no challenge within ${ms} ms`)), ms);
    timer.unref?.();
    p.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
