// The installation's configuration: one JSON file the installing technician writes
// (/etc/madoguchi/config.json or MADOGUCHI_CONFIG). Validated at the boundary with every problem
// named by its field, then resolved (certificate files read) into what the services run with.
// The holder-authentication part (`trust`, `revocation`) is the file format of auth/config.ts.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { IdlePolicySchema } from '../../../common/api/contract';
import { KioskError } from '../../../common/errors';
import { readConfigFile, resolvingConfig } from '../config-file';
import { AuthConfigFileSchema, resolveAuthConfig, type AuthServiceConfig } from '../auth/config';
import { StaffCodeHashSchema } from '../staff/staff-code';
import type { BackOfficeClientOptions } from '../sync/http-client';
import type { IppPrinterOptions } from '../printing/types';

/** https anywhere; plain http only to a back office on this machine (the sync client enforces it too). */
const backOfficeUrl = z.string().url().refine(
  (u) => u.startsWith('https://') || /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/?/.test(u),
  'the back office must be https (plain http only on loopback)',
);
const ippUri = z.string().regex(/^ipps?:\/\/[^\s/]+(\/\S*)?$/, 'an ipp:// or ipps:// printer URI');

const IssuanceSection = z.object({
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
    timeoutMs: z.number().int().min(500).max(60_000).default(10_000),
  }).refine((b) => !b.clientCertFile === !b.clientKeyFile, 'clientCertFile and clientKeyFile go together')
    // The back office needs to know which kiosk calls: a client certificate over https, the kiosk key on loopback http.
    .refine((b) => b.url.startsWith('https://') || b.kioskKey, { message: 'a plain-http back office needs kioskKey', path: ['kioskKey'] }),
  printer: z.object({
    /** The queue or printer jobs are sent to. */
    uri: ippUri,
    /** The physical printer behind a CUPS queue, asked for its sheet counters (proof of paper out). */
    deviceUri: ippUri.optional(),
    pollMs: z.number().int().min(100).max(10_000).default(500),
  }),
  /** The payment device's driver, by name; the build lists the drivers it carries. */
  payment: z.object({ device: z.string().min(1).max(40) }),
  /** Seconds between heartbeats and the wipe of synced personal data. */
  housekeepingSeconds: z.number().int().min(5).max(3600).default(60),
});

export const InstallationConfigSchema = AuthConfigFileSchema.extend({
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
  /** Certificate issuance; without it the kiosk authenticates holders only. */
  issuance: IssuanceSection.optional(),
  /** Staff mode at the kiosk's screen (settling held prints); without it there is none. The code
   *  itself is never in the file: only its hash, as `madoguchi staff-code` prints it. */
  staff: z.object({ codeHash: StaffCodeHashSchema }).optional(),
}).refine((c) => !c.issuance || c.kiosk, { message: 'issuance needs the kiosk section (id, site, kind)', path: ['kiosk'] })
  .refine((c) => !c.issuance?.backOffice.kioskKey || c.issuance.backOffice.kioskKey.startsWith(`${c.kiosk?.id ?? ''}:`),
    { message: 'the kiosk key is for another kiosk id', path: ['issuance', 'backOffice', 'kioskKey'] });
export type InstallationConfigFile = z.infer<typeof InstallationConfigSchema>;

export interface InstallationConfig {
  auth: AuthServiceConfig;
  kiosk: { id: string; site: string; kind: 'municipal' | 'hospital' | 'store' } | null;
  dataDir: string | null;
  /** The kiosk's readers by PC/SC name; null: every reader. */
  readers: string[] | null;
  idle: z.infer<typeof IdlePolicySchema>;
  issuance: {
    backOffice: BackOfficeClientOptions;
    printer: IppPrinterOptions;
    paymentDevice: string;
    housekeepingMs: number;
  } | null;
  staff: { codeHash: string } | null;
}

function readPem(path: string, field: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new KioskError('input.invalid', `${field}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { field });
  }
}

/** Reads the files the configuration names (trust anchors, TLS material) and returns what the services take. */
export function resolveInstallationConfig(file: InstallationConfigFile): InstallationConfig {
  const i = file.issuance;
  const b = i?.backOffice;
  return {
    auth: resolveAuthConfig(file),
    kiosk: file.kiosk ?? null,
    dataDir: file.dataDir ?? null,
    readers: file.readers ?? null,
    idle: { idleSec: file.session.idleSeconds, warnSec: file.session.warnSeconds },
    issuance: i && b ? {
      backOffice: {
        baseUrl: b.url, timeoutMs: b.timeoutMs,
        ...(b.caFile ? { ca: readPem(b.caFile, 'issuance.backOffice.caFile') } : {}),
        ...(b.clientCertFile ? { cert: readPem(b.clientCertFile, 'issuance.backOffice.clientCertFile') } : {}),
        ...(b.clientKeyFile ? { key: readPem(b.clientKeyFile, 'issuance.backOffice.clientKeyFile') } : {}),
        ...(b.kioskKey ? { kioskKey: b.kioskKey } : {}),
        ...(b.staffKey ? { staffKey: b.staffKey } : {}),
      },
      printer: { printerUri: i.printer.uri, pollMs: i.printer.pollMs, ...(i.printer.deviceUri ? { deviceUri: i.printer.deviceUri } : {}) },
      paymentDevice: i.payment.device,
      housekeepingMs: i.housekeepingSeconds * 1000,
    } : null,
    staff: file.staff ? { codeHash: file.staff.codeHash } : null,
  };
}

/** Parses and resolves the file; any problem is one `input.invalid` naming the file and the field. */
export function loadInstallationConfig(path: string): InstallationConfig {
  const file = readConfigFile(path, InstallationConfigSchema);
  return resolvingConfig(path, () => resolveInstallationConfig(file));
}
