// The demo card holders (profiles.json): ordinary residents in households plus one card per edge
// case the kiosk must handle. Validated with zod on load, so a bad edit fails loudly and early.
// The back office seeds its resident registry from the same file. PINs here are public demo data.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isValidMyNumber } from '../../common/domain/my-number';
import { KioskError } from '../../common/errors';
import type { RevocationReason } from '../../common/jpki/types';
import type { CardQuirks } from './card-config';
import type { CardFacts } from './card-data';

const PROFILE_KINDS = ['resident', 'foreign-resident', 'under15', 'expired', 'revoked', 'blocked', 'low-tries', 'untrusted',
  'non-jpki', 'old-token', 'phone-token', 'no-extended'] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];

const REVOCATION_REASONS = ['unspecified', 'keyCompromise', 'cACompromise', 'affiliationChanged', 'superseded',
  'cessationOfOperation', 'certificateHold'] as const satisfies readonly RevocationReason[];

const ymd = z.string().regex(/^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/, 'YYYYMMDD');
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const tries = z.number().int().min(0);

const quirksSchema = z.object({
  extendedLength: z.boolean(),
  eofSw: z.enum(['6B00', '6282']),
  reselectClearsVerify: z.boolean(),
  emptyVerifyAfterLogin: z.enum(['tries', '9000']),
  sixF00AfterPowerOn: z.boolean(),
  tokenLabel: z.enum(['JPKIAPICCTOKEN2', 'JPKIAPICCTOKEN', 'JPKIAPGPSETOKEN', 'JPKIAPIOSTOKEN']),
  basic4LongForm: z.boolean(),
  atr: z.enum(['contact', 'contactless']),
  warmResetClearsVerify: z.boolean(),
}).partial().strict() satisfies z.ZodType<Partial<CardQuirks>>;

export const holderProfileSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case id (it names the card state file)'),
  kind: z.enum(PROFILE_KINDS),
  name: z.string().min(1).max(100),
  nameKana: z.string().min(1).max(100),
  nameAlt: z.string().min(1).max(100).optional(),
  sex: z.enum(['1', '2', '9']),
  dob: ymd,
  address: z.string().min(1).max(200),
  addressAlt: z.string().min(1).max(200).optional(),
  prefectureRomaji: z.string().regex(/^[A-Za-z][A-Za-z -]*$/),
  cityRomaji: z.string().regex(/^[A-Za-z][A-Za-z -]*$/),
  municipalityCode: z.string().regex(/^\d{6}$/, '全国地方公共団体コード, 6 digits'),
  authPin: z.string().regex(/^\d{4}$/),
  signPassword: z.string().regex(/^[A-Z0-9]{6,16}$/),
  textPin: z.string().regex(/^\d{4}$/),
  myNumber: z.string().refine(isValidMyNumber, '12 digits with a valid check digit'),
  householdId: z.string().min(1),
  relationship: z.string().min(1),
  sealRegistered: z.boolean(),
  issuedAt: isoDay,
  notAfter: isoDay.optional(),
  /**
   * The certificates expired this many days before today (Japan's date): a card that stays "recently
   * expired" on every day the demo runs, e.g. inside the 3-month eligibility-only grace.
   */
  expiredDaysAgo: z.number().int().min(1).max(3650).optional(),
  revoked: z.object({ reason: z.enum(REVOCATION_REASONS) }).optional(),
  /**
   * The holder's certificates were renewed this many days before today (Japan's date), on the same
   * card as at a municipal counter: new key pair, new serial, new validity (the renewal day to the 5th
   * birthday after it). The card as first issued is generation 0, the renewed one generation 1
   * (DemoWorld.cardFor(id, { generation: 1 })); J-LIS links both certificates to the same person.
   * Relative to today so the renewed certificate is already valid on every day the demo runs.
   */
  renewal: z.object({ daysAgo: z.number().int().min(0).max(1000) }).strict().optional(),
  quirks: quirksSchema.optional(),
  pinTriesLeft: z.object({ auth: tries.max(3).optional(), sign: tries.max(5).optional(), text: tries.max(3).optional() }).strict().optional(),
}).strict();

export type HolderProfile = z.infer<typeof holderProfileSchema>;

const profilesSchema = z.array(holderProfileSchema).min(1).superRefine((list, ctx) => {
  const seen = new Set<string>();
  for (const p of list) {
    if (seen.has(p.id)) ctx.addIssue({ code: 'custom', message: `duplicate profile id '${p.id}'` });
    seen.add(p.id);
  }
  if (list[0]?.kind !== 'resident') ctx.addIssue({ code: 'custom', message: 'the first profile must be an ordinary resident' });
  for (const p of list.filter((x) => x.notAfter && x.expiredDaysAgo !== undefined)) {
    ctx.addIssue({ code: 'custom', message: `profile '${p.id}': notAfter and expiredDaysAgo exclude each other` });
  }
  // A renewal replaces a working certificate: not one revoked, expired or outside the test hierarchy.
  for (const p of list.filter((x) => x.renewal && (x.revoked || x.expiredDaysAgo !== undefined || x.notAfter || x.kind === 'untrusted' || x.kind === 'non-jpki'))) {
    ctx.addIssue({ code: 'custom', message: `profile '${p.id}': a renewal is only for a card with a working certificate` });
  }
});

export const PROFILES_FILE = new URL('./profiles.json', import.meta.url);

/** Parses and validates a profiles document; throws input.invalid naming the first problem. */
export function parseProfiles(json: unknown): HolderProfile[] {
  const parsed = profilesSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KioskError('input.invalid', `profiles: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`, { field: 'profiles' });
  }
  return parsed.data;
}

export function loadProfiles(file: URL | string = PROFILES_FILE): HolderProfile[] {
  return parseProfiles(JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * What the demo holder presents at a reader: the card, an Android or iPhone phone's JPKI token, an
 * old 住基カード or an IC card without the My Number applications.
 */
export type DemoMedium = 'card' | 'android' | 'iphone' | 'juki-card' | 'other-card';

export function demoMediumOf(p: HolderProfile): DemoMedium {
  if (p.kind === 'non-jpki') return 'other-card';
  switch (p.quirks?.tokenLabel) {
    case 'JPKIAPGPSETOKEN': return 'android';
    case 'JPKIAPIOSTOKEN': return 'iphone';
    case 'JPKIAPICCTOKEN': return 'juki-card';
    default: return 'card';
  }
}

/** The first profile in the file: the default ordinary resident. */
export function defaultProfile(profiles: HolderProfile[]): HolderProfile {
  return profiles[0]!;
}

function digitsFrom(seed: string, n: number): string {
  const h = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; out.length < n; i++) out += String(h[i % h.length]! % 10);
  return out;
}

/** Years to the card's expiry birthday: 10th after issuance for adults, 5th under 18 (§11.3). */
export function cardExpiry(p: HolderProfile): string {
  const issued = p.issuedAt.replaceAll('-', '');
  const ageAtIssue = Number(issued.slice(0, 4)) - Number(p.dob.slice(0, 4)) - (issued.slice(4) < p.dob.slice(4) ? 1 : 0);
  const birthdays = ageAtIssue >= 18 ? 10 : 5;
  const mmdd = p.dob.slice(4);
  const firstYear = Number(issued.slice(0, 4)) + (issued.slice(4) < mmdd ? 0 : 1);
  return `${firstYear + birthdays - 1}${mmdd === '0229' ? '0228' : mmdd}`;
}

/** Card serial, expiry and 照合番号B security code: deterministic per profile id. */
export function cardFactsFor(p: HolderProfile): CardFacts & { securityCode: string } {
  return { serial: digitsFrom(`serial|${p.id}`, 15), municipalityCode: p.municipalityCode, expiry: cardExpiry(p), securityCode: digitsFrom(`code|${p.id}`, 4) };
}
