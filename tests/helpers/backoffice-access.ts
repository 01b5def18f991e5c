// Credentials for tests that talk to the reference back office over plain-HTTP loopback: each test
// kiosk gets its own key (random per process), registered through startBackOffice({ credentials }),
// and sent the way the kiosk's own client sends it (`Kiosk-Key`). Staff likewise (`Staff-Key`).
import { randomBytes } from 'node:crypto';
import type { CredentialsT } from '../../backoffice/credentials';
import type { KioskKind, StaffRole } from '../../backoffice/storage/access-store';

const keys = new Map<string, string>();

/** This process's key of a test kiosk or staff member (stable within the process). */
export function testKey(id: string): string {
  let key = keys.get(id);
  if (!key) keys.set(id, (key = randomBytes(32).toString('base64url')));
  return key;
}

/** `<kioskId>:<key>`, as BackOfficeClientOptions.kioskKey and the Kiosk-Key header take it. */
export const kioskKeyOf = (kioskId: string) => `${kioskId}:${testKey(`kiosk/${kioskId}`)}`;
/** `<staffId>:<key>`, as BackOfficeClientOptions.staffKey and the Staff-Key header take it. */
export const staffKeyOf = (staffId: string) => `${staffId}:${testKey(`staff/${staffId}`)}`;

export const kioskHeaders = (kioskId: string) => ({ 'kiosk-key': kioskKeyOf(kioskId) });
export const staffHeaders = (staffId: string) => ({ 'staff-key': staffKeyOf(staffId) });

/** Credentials for startBackOffice: each kiosk with its kind (default municipal), staff with roles. */
export function testCredentials(kiosks: Record<string, KioskKind> | string[], staff: Record<string, StaffRole[]> = {}): CredentialsT {
  const entries = Array.isArray(kiosks) ? kiosks.map((id) => [id, 'municipal' as KioskKind] as const) : Object.entries(kiosks);
  return {
    kiosks: entries.map(([kioskId, kind]) => ({ kioskId, kind, key: testKey(`kiosk/${kioskId}`) })),
    staff: Object.entries(staff).map(([staffId, roles]) => ({ staffId, key: testKey(`staff/${staffId}`), roles })),
  };
}
