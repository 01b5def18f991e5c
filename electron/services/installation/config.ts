// The installation's configuration: one JSON file the installing technician writes
// (/etc/madoguchi/config.json or MADOGUCHI_CONFIG). Validated at the boundary with every problem
// named by its field, then resolved (certificate files read) into what the platform and the
// resident services run with. The holder-authentication part (`trust`, `revocation`) is the file
// format of auth/config.ts. What the platform has (`backOffice`, `printer`, `payment`) is at the
// top level; `services` lists the resident services offered after sign-in, in menu order.
// A file of the earlier shape (everything under `issuance`) is read as its upgrade (upgrade.ts).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ResidentServiceSchema, type IdlePolicySchema, type ResidentService } from '../../../common/api/contract';
import { KioskError } from '../../../common/errors';
import { readConfigFile, resolvingConfig } from '../config-file';
import { AuthConfigFileSchema, resolveAuthConfig, type AuthServiceConfig } from '../auth/config';
import { BillingSettingsSchema, billingNeeds, resolveBillingSettings, type BillingSettings, type BillingSettingsFile } from '../billing/config';
import { isHttpsOrLoopback } from '../loopback';
import { StaffCodeHashSchema } from '../staff/staff-code';
import { ReceptionSettingsSchema, resolveReceptionSettings, type ReceptionSettings, type ReceptionSettingsFile } from '../reception/config';
import { DEFAULT_BACK_OFFICE_TIMEOUT_MS, type BackOfficeClientOptions } from '../sync/http-client';
import type { IppPrinterOptions } from '../printing/types';
import { SERVICE_NEEDS, SERVICES_WITH_MODULES } from './service-list';
import { upgradeConfigShape } from './upgrade';

/** https anywhere; plain http only to a back office on this machine (the back-office client enforces it too). */
const backOfficeUrl = z.string().url().refine(isHttpsOrLoopback, 'the back office must be https (plain http only on loopback)');
const ippUri = z.string().regex(/^ipps?:\/\/[^\s/]+(\/\S*)?$/, 'an ipp:// or ipps:// printer URI');

const PlatformSections = {
  backOffice: z.object({
    url: backOfficeUrl,
    /** PEM of the private CA that signs the back office's TLS certificate. */
    caFile: z.string().min(1).optional(),
    /** This kiosk's client certificate and key (PEM) for mutual TLS. */
    clientCertFile: z.string().min(1).optional(),
    clientKeyFile: z.string().min(1).optional(),
    /** `<kioskId>:<key>` registered at a plain-HTTP loopback back office, which has no client certificates. */
    kioskKey: z.string().regex(/^[A-Za-z0-9._:-]{1,100}:[\x21-\x39\x3b-\x7e]{32,200}$/, '<kioskId>:<key of at least 32 characters>').optional(),
    /** `<staffId>:<key>` of this installation's staff at the back office (role reprint), sent only with a reprint. */
    staffKey: z.string().regex(/^[A-Za-z0-9._:-]{1,100}:[\x21-\x39\x3b-\x7e]{32,200}$/, '<staffId>:<key of at least 32 characters>').optional(),
    /** One timeout for every call to the back office (sync, sign-in, certificates). */
    timeoutMs: z.number().int().min(500).max(60_000).default(DEFAULT_BACK_OFFICE_TIMEOUT_MS),
  }).refine((b) => !b.clientCertFile === !b.clientKeyFile, 'clientCertFile and clientKeyFile go together')
    // The back office needs to know which kiosk calls: a client certificate over https, the kiosk key on loopback http.
    .refine((b) => b.url.startsWith('https://') || b.kioskKey, { message: 'a plain-http back office needs kioskKey', path: ['kioskKey'] })
    .optional(),
  printer: z.object({
    /** The queue or printer jobs are sent to. */
    uri: ippUri,
    /** The physical printer behind a CUPS queue, asked for its sheet counters (proof of paper out). */
    deviceUri: ippUri.optional(),
    pollMs: z.number().int().min(100).max(10_000).default(500),
  }).optional(),
  /** The payment device's driver, by name; the build lists the drivers it carries. */
  payment: z.object({ device: z.string().min(1).max(40) }).optional(),
  /** Seconds between housekeeping rounds (heartbeat, wipe of synced personal data, …). */
  housekeepingSeconds: z.number().int().min(5).max(3600).default(60),
  /** Days a finished, synced request stays in the kiosk database (0: deleted at the next round). */
  retentionDays: z.number().min(0).max(365).default(7),
};

/** A service's name, or (an object) its settings with its kind: each read by its own schema, so a
 *  mistake is named where it is (services.1.departments.0.code), not as "no option matched". */
const ServiceEntrySchema = z.unknown().transform((entry, ctx): ResidentService | ReceptionSettingsFile | BillingSettingsFile => {
  const parsed = typeof entry === 'string' || typeof entry !== 'object' || entry === null ? ResidentServiceSchema.safeParse(entry)
    : (entry as { kind?: unknown }).kind === 'billing' ? BillingSettingsSchema.safeParse(entry) : ReceptionSettingsSchema.safeParse(entry);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
});

const InstallationConfigShape = AuthConfigFileSchema.extend({
  kiosk: z.object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, '3–64 letters, digits, . _ -'),
    site: z.string().min(1).max(100),
    kind: z.enum(['municipal', 'hospital', 'store']),
  }).optional(),
  /** The card readers that belong to the kiosk, by PC/SC name (default: every reader); a
   *  technician's spare reader plugged in for maintenance is then ignored. */
  readers: z.array(z.string().min(1).max(200)).min(1).optional(),
  /** Where the kiosk database lives (default: the app's user-data folder). */
  dataDir: z.string().min(1).optional(),
  session: z.object({
    idleSeconds: z.number().int().min(15).max(600).default(60),
    /** The "are you still there?" warning; at least 20 s to answer (WCAG 2.2.1). */
    warnSeconds: z.number().int().min(20).max(120).default(30),
  }).default({ idleSeconds: 60, warnSeconds: 30 }),
  ...PlatformSections,
  /** The resident services offered after sign-in, in menu order; [] authenticates holders only. A
   *  service with settings of its own is written as an object with its `kind` (reception/config.ts). */
  services: z.array(ServiceEntrySchema).max(4).default([])
    .refine((s) => new Set(s.map(serviceName)).size === s.length, 'each service once'),
  /** The earlier shape (upgrade.ts) is read only when nothing of the current shape is there. */
  issuance: z.unknown().refine(() => false,
    'the earlier "issuance" section cannot be combined with top-level backOffice, printer, payment, housekeepingSeconds or services: move its parts to the top level').optional(),
  /** Staff mode at the kiosk's screen (settling held prints); without it there is none. The code
   *  itself is never in the file: only its hash, as `madoguchi staff-code` prints it. */
  staff: z.object({ codeHash: StaffCodeHashSchema }).optional(),
}).refine((c) => !c.backOffice || c.kiosk, { message: 'a back office needs the kiosk section (id, site, kind)', path: ['kiosk'] })
  .refine((c) => !c.backOffice?.kioskKey || c.backOffice.kioskKey.startsWith(`${c.kiosk?.id ?? ''}:`),
    { message: 'the kiosk key is for another kiosk id', path: ['backOffice', 'kioskKey'] })
  .superRefine((c, ctx) => {
    c.services.forEach((entry, i) => {
      const name = serviceName(entry);
      if (name === 'reception' && typeof entry === 'string') {
        ctx.addIssue({ code: 'custom', path: ['services', i], message: '"reception" is written as an object: { "kind": "reception", "medicalInstitutionCode", "hospitalName", "eligibility", "accounting", "departments" }' });
        return;
      }
      if (!SERVICES_WITH_MODULES.includes(name)) {
        ctx.addIssue({ code: 'custom', path: ['services', i], message: `"${name}" has no module in this build (services: ${SERVICES_WITH_MODULES.join(', ')})` });
        return;
      }
      if (name === 'billing' && typeof entry === 'string') {
        ctx.addIssue({ code: 'custom', path: ['services', i], message: '"billing" is written as an object: { "kind": "billing", "hospitalName", "hospitalAddress", "hospitalPhone", "karteUid", "methods", "receiptKey" }' });
        return;
      }
      const needs = new Set([...(SERVICE_NEEDS[name] ?? []), ...(typeof entry !== 'string' && entry.kind === 'billing' ? billingNeeds(entry) : [])]);
      const missing = [...needs].filter((part) => !c[part]);
      if (missing.length > 0) ctx.addIssue({ code: 'custom', path: ['services', i], message: `"${name}" needs ${missing.join(', ')} in the configuration` });
    });
  });

/** An entry of `services`: the bare name, or a service's settings with its kind. */
function serviceName(entry: ResidentService | { kind: ResidentService }): ResidentService {
  return typeof entry === 'string' ? entry : entry.kind;
}

/** The file as written now, or in the earlier shape (read as its upgrade). */
export const InstallationConfigSchema = z.preprocess((raw) => upgradeConfigShape(raw).doc, InstallationConfigShape);
export type InstallationConfigFile = z.infer<typeof InstallationConfigShape>;

export interface InstallationConfig {
  auth: AuthServiceConfig;
  kiosk: { id: string; site: string; kind: 'municipal' | 'hospital' | 'store' } | null;
  dataDir: string | null;
  /** The kiosk's readers by PC/SC name; null: every reader. */
  readers: string[] | null;
  idle: z.infer<typeof IdlePolicySchema>;
  /** The platform's parts; null where the site has none. */
  backOffice: BackOfficeClientOptions | null;
  printer: IppPrinterOptions | null;
  /** The payment device's driver name. */
  paymentDevice: string | null;
  housekeepingMs: number;
  retentionDays: number;
  /** The resident services offered after sign-in, in menu order. */
  services: ResidentService[];
  /** Hospital reception's settings, when `services` offers it. */
  reception: ReceptionSettings | null;
  /** Hospital payment's settings, when `services` offers it. */
  billing: BillingSettings | null;
  staff: { codeHash: string } | null;
}

function readPem(path: string, field: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new KioskError('input.invalid', `${field}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { field });
  }
}

function receptionOf(services: InstallationConfigFile['services']): ReceptionSettings | null {
  const i = services.findIndex((e) => typeof e !== 'string' && e.kind === 'reception');
  const entry = services[i];
  return entry && typeof entry !== 'string' && entry.kind === 'reception' ? resolveReceptionSettings(entry, `services.${i}`) : null;
}

function billingOf(services: InstallationConfigFile['services'], reception: ReceptionSettings | null): BillingSettings | null {
  const i = services.findIndex((e) => typeof e !== 'string' && e.kind === 'billing');
  const entry = services[i];
  return entry && typeof entry !== 'string' && entry.kind === 'billing' ? resolveBillingSettings(entry, `services.${i}`, reception) : null;
}

/** Reads the files the configuration names (trust anchors, TLS material) and returns what the services take. */
export function resolveInstallationConfig(file: InstallationConfigFile): InstallationConfig {
  const b = file.backOffice;
  const p = file.printer;
  const reception = receptionOf(file.services);
  return {
    auth: resolveAuthConfig(file),
    kiosk: file.kiosk ?? null,
    dataDir: file.dataDir ?? null,
    readers: file.readers ?? null,
    idle: { idleSec: file.session.idleSeconds, warnSec: file.session.warnSeconds },
    backOffice: b ? {
      baseUrl: b.url, timeoutMs: b.timeoutMs,
      ...(b.caFile ? { ca: readPem(b.caFile, 'backOffice.caFile') } : {}),
      ...(b.clientCertFile ? { cert: readPem(b.clientCertFile, 'backOffice.clientCertFile') } : {}),
      ...(b.clientKeyFile ? { key: readPem(b.clientKeyFile, 'backOffice.clientKeyFile') } : {}),
      ...(b.kioskKey ? { kioskKey: b.kioskKey } : {}),
      ...(b.staffKey ? { staffKey: b.staffKey } : {}),
    } : null,
    printer: p ? { printerUri: p.uri, pollMs: p.pollMs, ...(p.deviceUri ? { deviceUri: p.deviceUri } : {}) } : null,
    paymentDevice: file.payment?.device ?? null,
    housekeepingMs: file.housekeepingSeconds * 1000,
    retentionDays: file.retentionDays,
    services: file.services.map(serviceName),
    reception,
    billing: billingOf(file.services, reception),
    staff: file.staff ? { codeHash: file.staff.codeHash } : null,
  };
}

/**
 * Parses and resolves the file; any problem is one `input.invalid` naming the file and the field.
 * A file of the earlier shape is read as its upgrade, and `log` gets one line saying what to move.
 */
export function loadInstallationConfig(path: string, log: (m: string) => void = () => undefined): InstallationConfig {
  const file = readConfigFile(path, InstallationConfigSchema) as InstallationConfigFile;
  const note = upgradeConfigShape(readRaw(path)).note;
  if (note) log(`configuration ${path}: ${note}`);
  return resolvingConfig(path, () => resolveInstallationConfig(file));
}

/** The file's JSON as written (readConfigFile has already reported a file that is not JSON). */
function readRaw(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}
