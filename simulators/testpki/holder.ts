// Holder spec validation and the deterministic per-holder values (serial labels, subject CNs, dates).
import { z } from 'zod';
import { KioskError } from '../../common/errors';
import { hashBytes } from './issue';
import { endOfJstDay, eraDigit, fifthBirthdayAfter, jstDateOf, parseIsoInstant, parseYmd } from './validity';

const romaji = z.string().regex(/^[A-Za-z][A-Za-z0-9 '\-.]*$/, 'romanised place name (PrintableString characters)');

export const holderSpecSchema = z.object({
  id: z.string().min(1).max(128),
  name: z.string().min(1).max(200),
  nameAlt: z.string().min(1).max(200).optional(),
  sex: z.enum(['1', '2', '9']),
  dob: z.string().refine((v) => { try { parseYmd(v); return true; } catch { return false; } }, 'dob must be a real YYYYMMDD date'),
  address: z.string().min(1).max(400),
  addressAlt: z.string().min(1).max(400).optional(),
  prefectureRomaji: romaji,
  cityRomaji: romaji,
  issuedAt: z.string().min(10),
  notAfter: z.string().min(10).optional(),
  withSignCert: z.boolean(),
  hierarchy: z.enum(['test', 'untrusted']).optional(),
  /** Re-issue counter (after 異動 or renewal): a new generation gets new keys and serials. */
  generation: z.number().int().min(0).max(999).optional(),
});

export type HolderSpecInput = z.input<typeof holderSpecSchema>;
export type CheckedHolderSpec = z.output<typeof holderSpecSchema>;

export function checkHolderSpec(spec: unknown): CheckedHolderSpec {
  const parsed = holderSpecSchema.safeParse(spec);
  if (!parsed.success) throw new KioskError('input.invalid', `holder spec: ${parsed.error.message}`, { field: 'holderSpec' });
  return parsed.data;
}

export interface HolderPlan {
  keyLabel: (role: 'auth' | 'sign') => string;
  serialLabel: (role: 'auth' | 'sign') => string;
  notBefore: Date;
  notAfter: Date;
  authCn: string;
  signCn: string;
  dobWithEra: string;
}

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function token(seed: string, label: string, length: number, alphabet: string): string {
  const bytes = hashBytes('sha256', seed, '|', label);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i % bytes.length]! % alphabet.length];
  return out;
}

function jstStamp(instant: Date): string {
  const shifted = new Date(instant.getTime() + 9 * 3600_000).toISOString(); // 'YYYY-MM-DDThh:mm:ss.sssZ'
  return shifted.slice(0, 19).replace(/[-T:]/g, '');
}

/** Everything about a holder's certificates that follows from the seed and the spec. */
export function planHolder(seed: string, spec: CheckedHolderSpec): HolderPlan {
  const generation = spec.generation ?? 0;
  const gen = generation === 0 ? '' : `|g${generation}`;
  // Keys follow (seed, id, role[, generation]); serials follow the whole spec, so a re-issue with
  // changed 4 attributes never shares a serial with the certificate it replaces.
  const specHash = Buffer.from(hashBytes('sha256', JSON.stringify(Object.entries(spec).sort()))).toString('hex');
  let notBefore: Date;
  let notAfter: Date;
  try {
    notBefore = parseIsoInstant(spec.issuedAt);
    notAfter = spec.notAfter
      ? parseIsoInstant(spec.notAfter, true)
      : endOfJstDay(fifthBirthdayAfter(jstDateOf(notBefore), parseYmd(spec.dob)));
  } catch (err) {
    throw new KioskError('input.invalid', `holder spec dates: ${(err as Error).message}`, { field: 'issuedAt' });
  }
  if (notAfter.getTime() <= notBefore.getTime()) {
    throw new KioskError('input.invalid', 'holder spec: notAfter must be after issuedAt', { field: 'notAfter' });
  }
  const sequence = token(seed, `seq|${spec.id}${gen}`, 5, '0123456789');
  const desk = token(seed, `desk|${spec.cityRomaji}`, 9, ALPHANUMERIC);
  return {
    keyLabel: (role) => `holder|${spec.id}|${role}${gen}`,
    serialLabel: (role) => `holder|${role}|${spec.hierarchy ?? 'test'}|${specHash}`,
    notBefore,
    notAfter,
    authCn: token(seed, `auth-cn|${spec.id}${gen}`, 23, ALPHANUMERIC),
    signCn: `${jstStamp(notBefore)}${sequence}${desk}`,
    dobWithEra: `${eraDigit(parseYmd(spec.dob))}${spec.dob}`,
  };
}
