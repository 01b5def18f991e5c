// Who is calling, decided from the request's credentials before anything else runs (body, idempotency,
// handler). Every route declares who may call it (`Route.access`):
// - kiosk: a registered kiosk, by the SHA-256 fingerprint of its TLS client certificate; on a
//   plain-HTTP back office (loopback demos and tests) by its kiosk key, `Kiosk-Key: <kioskId>:<secret>`.
//   A TLS back office takes certificates only. Optionally only kiosks of some kinds (hospital).
// - holder: a kiosk as above AND `Authorization: Bearer <holder session>` made at that same kiosk.
// - staff: a kiosk as above AND `Staff-Key: <staffId>:<secret>` of staff holding the route's role.
// - orca-operator: an operator of the medical-accounting system (backoffice/orca/), by HTTP Basic auth
//   as ORCA itself takes it; that system keeps its own operators, so the route brings their check.
// The kioskId in a path or body must be the caller's own (403 otherwise): a kiosk acts only for itself.
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { KioskError } from '../../common/errors';
import { sameDigest, sha256Hex, type AccessStore, type KioskKind, type StaffRole } from '../storage/access-store';
import type { BackOfficeStore } from '../storage/store';

export type Access =
  | { caller: 'anyone' }
  | { caller: 'kiosk'; kinds?: KioskKind[] }
  | { caller: 'holder' }
  | { caller: 'staff'; role: StaffRole }
  | { caller: 'orca-operator'; check(operatorId: string, password: string): boolean };

export interface KioskIdentity { kioskId: string; kind: KioskKind; via: 'certificate' | 'key' }

export type Principal =
  | { caller: 'anyone' }
  | { caller: 'kiosk'; kiosk: KioskIdentity }
  | { caller: 'holder'; kiosk: KioskIdentity; residentId: string }
  | { caller: 'staff'; kiosk: KioskIdentity; staffId: string }
  | { caller: 'orca-operator'; operatorId: string };

/** A stable name for the caller: idempotent answers are replayed only to the same one. */
export function principalId(p: Principal): string {
  if (p.caller === 'anyone') return 'anyone';
  if (p.caller === 'kiosk') return `kiosk:${p.kiosk.kioskId}`;
  if (p.caller === 'holder') return `holder:${p.residentId}@${p.kiosk.kioskId}`;
  if (p.caller === 'orca-operator') return `orca:${p.operatorId}`;
  return `staff:${p.staffId}@${p.kiosk.kioskId}`;
}

const unauthenticated = (message: string) => new KioskError('backoffice.unauthenticated', message);
const refused = (reason: string, message: string) => new KioskError('backoffice.refused', message, { reason });

/** `<id>:<secret>`, split at the last colon (kiosk ids may contain colons; secrets do not). */
function idAndSecret(header: string | string[] | undefined): { id: string; secret: string } | null {
  if (typeof header !== 'string') return null;
  const at = header.lastIndexOf(':');
  if (at <= 0 || at === header.length - 1 || header.length > 400) return null;
  return { id: header.slice(0, at).trim(), secret: header.slice(at + 1).trim() };
}

async function kioskOf(req: IncomingMessage, access: AccessStore): Promise<KioskIdentity> {
  const socket = req.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate === 'function') {
    // A TLS back office: the client certificate is the kiosk's identity (the TLS layer already
    // checked that it chains to the kiosk CA); a key is not accepted in its place.
    const cert = socket.authorized ? socket.getPeerCertificate() : undefined;
    if (!cert?.raw) throw unauthenticated('a registered kiosk client certificate is required');
    const kiosk = await access.kioskByCertificate(sha256Hex(cert.raw));
    if (!kiosk) throw unauthenticated('this client certificate is not registered to a kiosk');
    return { kioskId: kiosk.kioskId, kind: kiosk.kind, via: 'certificate' };
  }
  const key = idAndSecret(req.headers['kiosk-key']);
  if (!key) throw unauthenticated('a kiosk credential is required (client certificate, or Kiosk-Key on a loopback back office)');
  const kiosk = await access.kiosk(key.id);
  if (!kiosk?.keySha256 || !sameDigest(kiosk.keySha256, sha256Hex(key.secret))) throw unauthenticated('unknown kiosk or wrong kiosk key');
  return { kioskId: kiosk.kioskId, kind: kiosk.kind, via: 'key' };
}

/** `Authorization: Basic base64(<operator id>:<password>)` (RFC 7617: the id holds no colon). */
function orcaOperator(rule: { check(operatorId: string, password: string): boolean }, req: IncomingMessage): Principal {
  const encoded = /^Basic ([A-Za-z0-9+/=]{1,400})$/.exec(req.headers.authorization ?? '')?.[1];
  const decoded = encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
  const at = decoded.indexOf(':');
  if (at <= 0 || !rule.check(decoded.slice(0, at), decoded.slice(at + 1))) throw unauthenticated('an operator of the accounting system is required (Basic auth)');
  return { caller: 'orca-operator', operatorId: decoded.slice(0, at) };
}

export async function authenticate(rule: Access, req: IncomingMessage, deps: { access: AccessStore; store: BackOfficeStore; now: number }): Promise<Principal> {
  if (rule.caller === 'anyone') return { caller: 'anyone' };
  if (rule.caller === 'orca-operator') return orcaOperator(rule, req);
  const kiosk = await kioskOf(req, deps.access);
  if (rule.caller === 'kiosk') {
    if (rule.kinds && !rule.kinds.includes(kiosk.kind)) throw refused('kiosk_kind', `only a ${rule.kinds.join(' or ')} kiosk may call this`);
    return { caller: 'kiosk', kiosk };
  }
  if (rule.caller === 'holder') {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const session = token ? await deps.store.getSession(token) : undefined;
    if (!session || session.expiresAt <= deps.now) throw unauthenticated('a valid holder session is required');
    // A session is bound to the kiosk where the card signed in: it cannot be carried to another.
    if (session.kioskId !== kiosk.kioskId) throw unauthenticated('this holder session was made at another kiosk');
    return { caller: 'holder', kiosk, residentId: session.residentId };
  }
  const key = idAndSecret(req.headers['staff-key']);
  const staff = key ? await deps.access.staff(key.id) : undefined;
  if (!key || !staff || !sameDigest(staff.keySha256, sha256Hex(key.secret))) throw unauthenticated('a staff credential is required (Staff-Key)');
  if (!staff.roles.includes(rule.role)) throw refused('staff_role', `staff ${staff.staffId} does not hold the ${rule.role} role`);
  return { caller: 'staff', kiosk, staffId: staff.staffId };
}

/** The kiosk a path or body names must be the caller's own. */
export function checkKioskIds(p: Principal, params: Record<string, string>, body: unknown): void {
  if (p.caller === 'anyone' || p.caller === 'orca-operator') return;
  const named = [params.kioskId, body && typeof body === 'object' ? (body as { kioskId?: unknown }).kioskId : undefined];
  for (const id of named) {
    if (id !== undefined && id !== p.kiosk.kioskId) throw refused('kiosk_mismatch', `this kiosk is ${p.kiosk.kioskId}; it cannot act for ${String(id)}`);
  }
}
