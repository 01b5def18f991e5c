// The terminal's WebAPI as this simulator offers it (loopback HTTP; the real WebAPI's shape is not
// public, so JSON in, the result XML out — see README.md): challenge, card check, poll, choices,
// 照会番号 registration, and the test switches. Refusals answer JSON { kind, message }.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { isKioskError, KioskError } from '../../common/errors';
import { buildEligibilityResult, type EligibilityResultFields, type XmlEncoding } from '../../common/onshi';
import type { CardChecker } from './card-check';
import type { EligibilityBook } from './service';

export type OutageMode = false | 'down' | 'timeout';

export interface ApiState {
  outage: OutageMode;
  encoding: XmlEncoding;
  /** profile id → insured person id: the J-LIS link, changeable by tests (linkCard). */
  cardLinks: Map<string, string | null>;
}

const b64 = z.string().min(1).max(8192).regex(/^[A-Za-z0-9+/=]+$/);
const CardCheck = z.object({ challengeId: z.string().min(1).max(100), authCertDer: b64, signature: b64 }).strict();
const ChoicesBody = z.object({
  consent: z.object({ diagnosis: z.boolean(), medication: z.boolean(), checkups: z.boolean(), surgery: z.boolean() }).strict(),
  publicAid: z.enum(['use', 'decline', 'none']),
  prescription: z.enum(['electronic', 'paper']),
}).strict();
const Reference = z.object({ patientId: z.string().regex(/^[0-9A-Za-z-]{1,20}$/) }).strict();
const Outage = z.object({ mode: z.enum(['off', 'down', 'timeout']) }).strict();
const Slow = z.object({ personId: z.string().min(1).max(64), polls: z.number().int().min(0).max(100) }).strict();
const Link = z.object({ profileId: z.string().min(1).max(64), personId: z.string().min(1).max(64).nullable() }).strict();

const STATUS: Record<string, number> = { 'input.invalid': 400, 'auth.challenge_invalid': 401 };

/** An unknown ArbitraryFileIdentifier: 404. */
class NotFound extends Error {}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > 64 * 1024) throw new KioskError('input.too_large', 'the body is larger than 64 KiB', { limit: 65536 });
    chunks.push(c);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new KioskError('input.invalid', 'the body is not JSON');
  }
}

function checked<T>(schema: z.ZodType<T>, v: unknown): T {
  const r = schema.safeParse(v);
  if (!r.success) throw new KioskError('input.invalid', r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data;
}

const fromB64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

export function createOnshiHttpServer(deps: { checker: CardChecker; book: EligibilityBook; state: ApiState }): Server {
  const { checker, book, state } = deps;
  const sendXml = (res: ServerResponse, fields: EligibilityResultFields) => {
    const bytes = buildEligibilityResult(fields, state.encoding);
    res.writeHead(200, { 'content-type': `application/xml; charset=${state.encoding}` }).end(Buffer.from(bytes));
  };
  const sendJson = (res: ServerResponse, status: number, body?: unknown) => {
    if (body === undefined) res.writeHead(status).end();
    else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://onshi.local');
    const path = url.pathname;
    // Test switches (loopback only, like the whole simulator) work during an outage too.
    if (req.method === 'POST' && path === '/test/outage') {
      const { mode } = checked(Outage, await readJson(req));
      state.outage = mode === 'off' ? false : mode;
      return sendJson(res, 204);
    }
    if (req.method === 'POST' && path === '/test/slow') {
      const s = checked(Slow, await readJson(req));
      book.setSlow(s.personId, s.polls);
      return sendJson(res, 204);
    }
    if (req.method === 'POST' && path === '/test/link-card') {
      const l = checked(Link, await readJson(req));
      state.cardLinks.set(l.profileId, l.personId);
      return sendJson(res, 204);
    }
    if (state.outage === 'timeout') return; // never answered: the caller's deadline decides
    if (state.outage === 'down') return sendJson(res, 503, { kind: 'eligibility.unavailable', message: 'the eligibility service is not available' });

    if (req.method === 'POST' && path === '/v1/challenges') {
      const c = checker.challenge();
      return sendJson(res, 201, { challengeId: c.challengeId, challenge: Buffer.from(c.challenge).toString('base64') });
    }
    if (req.method === 'POST' && path === '/v1/card-checks') {
      const body = checked(CardCheck, await readJson(req));
      const { profileId } = await checker.verify({ challengeId: body.challengeId, authCertDer: fromB64(body.authCertDer), signature: fromB64(body.signature) });
      const personId = profileId === null ? null : state.cardLinks.has(profileId) ? state.cardLinks.get(profileId)! : profileId;
      const person = personId === null ? null : (book.persons.find((p) => p.id === personId) ?? null);
      return sendXml(res, book.answerCard(person));
    }
    const m = /^\/v1\/results\/([^/]{1,200})(\/choices|\/reference-number)?$/.exec(path);
    if (m) {
      let afi: string;
      try {
        afi = decodeURIComponent(m[1]!);
      } catch {
        throw new NotFound('no such answer');
      }
      if (req.method === 'GET' && !m[2]) {
        const fields = book.poll(afi);
        if (!fields) throw new NotFound(`no result ${afi}`);
        return sendXml(res, fields);
      }
      if (req.method === 'POST' && m[2] === '/choices') {
        if (!book.recordChoices(afi, checked(ChoicesBody, await readJson(req)))) throw new NotFound(`no insured person for ${afi}`);
        return sendJson(res, 204);
      }
      if (req.method === 'POST' && m[2] === '/reference-number') {
        if (!book.registerForAnswer(afi, checked(Reference, await readJson(req)).patientId)) throw new NotFound(`no insured person for ${afi}`);
        return sendJson(res, 204);
      }
    }
    sendJson(res, 404, { kind: 'input.invalid', message: `no route ${req.method} ${path}` });
  }

  return createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof NotFound) return sendJson(res, 404, { kind: 'not_found', message: err.message });
      const kind = isKioskError(err) ? err.kind : 'internal';
      const status = STATUS[kind] ?? (kind.startsWith('auth.') ? 403 : kind === 'input.too_large' ? 413 : 500);
      sendJson(res, status, { kind, message: err instanceof Error ? err.message : String(err) });
    });
  });
}
