// Shared set-up of the authentication/authorization tests: the reference back office on loopback with
// demo residents (holders sign in with the test PKI's keys), two municipal kiosks, two hospital
// kiosks and two staff members (one with the reprint role, one without), each with its own key.
// Requests go as a kiosk would send them; `snapshot` (input-rig.ts) proves a refusal changed nothing.
import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { holderSpecOf, loadDemoProfiles } from '../../backoffice/demo/seed';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import { loadTestPki } from '../../simulators/testpki';
import { kioskHeaders, staffHeaders, testCredentials } from '../helpers/backoffice-access';
import { testStore } from '../helpers/backoffice-store';
import { serviceClock } from '../helpers/service-clock';

export const TOWN_HALL = 'kiosk-town-hall';
export const LIBRARY = 'kiosk-library';
export const CLINIC = 'kiosk-clinic';
export const OTHER_CLINIC = 'kiosk-other-clinic';
export const BUSY_CLINIC = 'kiosk-busy-clinic';
export const CLERK = 'staff-clerk';
export const GUARD = 'staff-guard';

export interface AuthRig {
  bo: RunningBackOffice;
  dir: string;
  close(): Promise<void>;
}

export async function startAuthRig(): Promise<AuthRig> {
  const dir = mkdtempSync(join(tmpdir(), 'bo-auth-'));
  const bo = await startBackOffice({
    ...(await testStore(dir)), dataDir: dir, demo: true, hoursClock: serviceClock(),
    credentials: testCredentials(
      { [TOWN_HALL]: 'municipal', [LIBRARY]: 'municipal', [CLINIC]: 'hospital', [OTHER_CLINIC]: 'hospital', [BUSY_CLINIC]: 'hospital' },
      { [CLERK]: ['reprint'], [GUARD]: ['settlement'] },
    ),
  });
  return { bo, dir, async close() { await bo.close(); rmSync(dir, { recursive: true, force: true }); } };
}

export interface Answer { status: number; headers: Headers; json: { kind?: string; message?: string; details?: Record<string, unknown> } & Record<string, unknown> }

/** A request from `kiosk` (its key), or from nobody (null); JSON in and out. */
export async function call(bo: RunningBackOffice, kiosk: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(bo.url + path, {
    method, headers: { 'content-type': 'application/json', ...(kiosk ? kioskHeaders(kiosk) : {}), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : {} };
}

const pki = await loadTestPki();
const profiles = loadDemoProfiles();

/** The holder's card signs in at `kiosk`: challenge from that kiosk, the card's signature, the session. */
export async function signIn(bo: RunningBackOffice, kiosk: string, profileId = 'yamada-taro'): Promise<string> {
  const holder = await pki.issueHolder(holderSpecOf(profiles.find((p) => p.id === profileId)!));
  const ch = await call(bo, kiosk, 'POST', '/v1/auth/challenges', { kioskId: kiosk });
  const key = createPrivateKey({ key: Buffer.from(holder.authKeyPkcs8), format: 'der', type: 'pkcs8' });
  const signature = sign('sha256', Buffer.from(ch.json.challenge as string, 'base64'), key).toString('base64');
  const v = await call(bo, kiosk, 'POST', '/v1/auth/verify', { challengeId: ch.json.challengeId, authCertDer: Buffer.from(holder.authCertDer).toString('base64'), signature });
  if (v.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(v.json)}`);
  return v.json.sessionToken as string;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const asStaff = (staffId: string) => staffHeaders(staffId);

/** A 住民票の写し for the holder, asked at `kiosk` (Idempotency-Key = requestId unless given). */
export function issuanceBody(kiosk: string, requestId = randomUUID()) {
  return { kioskId: kiosk, requestId, type: 'juminhyo', scope: 'self', memberIds: [], options: {}, copies: 1 };
}

/** The kiosk's outbox events that tell the back office the issuance was paid (its fee) and then held. */
export function paidAndHeld(requestId: string, fee: number) {
  return [
    { key: `certificate:${requestId}:paid`, kind: 'certificate.paid', stream: `certificate:${requestId}`, payload: { requestId, paid: fee, method: 'cash' }, createdAt: 1 },
    { key: `certificate:${requestId}:held`, kind: 'certificate.held', stream: `certificate:${requestId}`, payload: { requestId, maybePrinted: false }, createdAt: 2 },
  ];
}
