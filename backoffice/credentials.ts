// The operator's list of who may call this back office: kiosks with their kind and credential, and
// staff with their roles. Given to startBackOffice({ credentials }) or, for the CLI, as a JSON file
// (`--credentials <file>`). Provisioned at start into the access store; a kiosk cannot register
// itself or change its kind.
//   { "kiosks": [ { "kioskId": "kiyose-hall-01", "kind": "municipal", "certificateFile": "kiosk01.crt" },
//                 { "kioskId": "demo-kiosk", "kind": "hospital", "key": "<≥ 32 random characters>" } ],
//     "staff":  [ { "staffId": "window-1", "key": "<≥ 32 random characters>", "roles": ["reprint"] } ],
//     "orcaOperators": [ { "operatorId": "ormaster", "password": "<≥ 8 characters>" } ] }
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { KioskError } from '../common/errors';
import { OrcaOperatorProvision } from './orca/operators';
import { Id } from './schemas';
import { sha256Hex, type AccessStore } from './storage/access-store';

/** A secret that stands in for a certificate or a password: long and random, no ':' (the separator). */
const Secret = z.string().min(32).max(200).regex(/^[\x21-\x39\x3b-\x7e]+$/, 'visible ASCII without ":"');
const Sha256Hex = z.string().regex(/^([0-9a-fA-F]{2}:?){31}[0-9a-fA-F]{2}$/, 'a SHA-256 fingerprint in hex');

export const KioskProvision = z.object({
  kioskId: Id,
  kind: z.enum(['municipal', 'hospital', 'store']),
  /** The kiosk's TLS client certificate (PEM), its file, or its SHA-256 fingerprint. */
  certificatePem: z.string().min(1).optional(),
  certificateFile: z.string().min(1).optional(),
  certificateSha256: Sha256Hex.optional(),
  /** The kiosk key for a plain-HTTP loopback back office (demos and tests). */
  key: Secret.optional(),
  /** A hospital kiosk's 医療機関コード: staff at it see that hospital's reception desk. */
  medicalInstitutionCode: z.string().regex(/^\d{10}$/, '10 digits').optional(),
}).refine((k) => k.certificatePem || k.certificateFile || k.certificateSha256 || k.key, 'a kiosk needs a certificate or a key');

export const StaffProvision = z.object({
  staffId: Id,
  key: Secret,
  roles: z.array(z.enum(['reprint', 'refund', 'settlement', 'reception'])).min(1),
});

export const Credentials = z.object({ kiosks: z.array(KioskProvision).default([]), staff: z.array(StaffProvision).default([]),
  /** Operators of the accounting system (backoffice/orca/, Basic auth), provisioned into orca.db. */
  orcaOperators: z.array(OrcaOperatorProvision).default([]) });
export type CredentialsT = z.input<typeof Credentials>;

function certificateSha256(k: z.infer<typeof KioskProvision>, baseDir: string): string | null {
  if (k.certificateSha256) return k.certificateSha256.replace(/:/g, '').toLowerCase();
  const pem = k.certificatePem ?? (k.certificateFile ? readFileSync(resolve(baseDir, k.certificateFile), 'utf8') : undefined);
  if (!pem) return null;
  return sha256Hex(new X509Certificate(pem).raw);
}

/** Writes the credentials into the access store (replacing earlier ones of the same ids). */
export async function provisionCredentials(access: AccessStore, input: CredentialsT, baseDir = process.cwd()): Promise<void> {
  const parsed = Credentials.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KioskError('input.invalid', `credentials: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`, { field: 'credentials' });
  }
  for (const k of parsed.data.kiosks) {
    await access.putKiosk({ kioskId: k.kioskId, kind: k.kind, certificateSha256: certificateSha256(k, baseDir), keySha256: k.key ? sha256Hex(k.key) : null,
      medicalInstitutionCode: k.medicalInstitutionCode ?? null });
  }
  for (const s of parsed.data.staff) await access.putStaff({ staffId: s.staffId, keySha256: sha256Hex(s.key), roles: s.roles });
}

/** The CLI's `--credentials <file>`: certificate files are relative to the file. */
export function readCredentialsFile(path: string): { credentials: CredentialsT; baseDir: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new KioskError('input.invalid', `credentials file ${path}: ${(err as Error).message}`, { field: 'credentials' });
  }
  return { credentials: json as CredentialsT, baseDir: dirname(resolve(path)) };
}
