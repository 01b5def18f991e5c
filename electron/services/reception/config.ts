// Hospital reception's part of the installation's configuration: an entry of `services`
// written as an object instead of the bare name, because reception needs to know its hospital, the
// two outside systems and the departments:
//
//   "services": ["issuance", { "kind": "reception", "medicalInstitutionCode": "1311111111",
//     "hospitalName": "清瀬市民病院", "eligibility": { "url": "http://127.0.0.1:8790", "folder": "/srv/oqs" },
//     "accounting": { "url": "http://127.0.0.1:8000", "user": "ormaster", "passwordFile": "/etc/madoguchi/orca.pass" },
//     "departments": [{ "code": "01", "name": { "ja": "内科", "en": "Internal medicine", "zh": "内科", "ko": "내과" } }] }]
//
// The ORCA password lives in its own file (readable by the kiosk's user only), never in this one.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DepartmentSchema, type DepartmentView } from '../../../common/api/reception-schemas';
import { KioskError } from '../../../common/errors';

export const ReceptionSettingsSchema = z.object({
  kind: z.literal('reception'),
  /** 医療機関コード (10 digits), sent in every eligibility request's header. */
  medicalInstitutionCode: z.string().regex(/^\d{10}$/, '10 digits'),
  /** Printed on the 受付票. */
  hospitalName: z.string().min(1).max(100),
  eligibility: z.object({
    /** The 資格確認端末's WebAPI (its REQ/RES exchange is behind it). */
    url: z.string().url(),
    timeoutMs: z.number().int().min(500).max(60_000).default(5_000),
    /** The terminal's shared folder (req/ and res/ inside) for the number-based check and 照会番号
     *  registration; without it those are unavailable (the card check still works). */
    folder: z.string().min(1).max(400).optional(),
  }),
  accounting: z.object({
    /** ORCA's base URL (WebORCA: with its /api prefix). */
    url: z.string().url(),
    user: z.string().min(1).max(64),
    passwordFile: z.string().min(1),
    timeoutMs: z.number().int().min(500).max(60_000).default(5_000),
    /** An on-premises ORCA on the clinic's LAN over plain HTTP. */
    allowPlainHttp: z.boolean().default(false),
    /** ORCA's Physician_Code per department code. */
    physicians: z.record(z.string(), z.string().regex(/^\d{1,10}$/)).optional(),
  }),
  departments: z.array(DepartmentSchema).min(1).max(60)
    .refine((d) => new Set(d.map((x) => x.code)).size === d.length, 'each department code once'),
  /** How long a 処理中 answer is polled before the visit goes on "unconfirmed". */
  pendingBoundSeconds: z.number().int().min(1).max(60).default(10),
});

export type ReceptionSettingsFile = z.infer<typeof ReceptionSettingsSchema>;

/** What the reception module runs with (the password read from its file). */
export interface ReceptionSettings {
  medicalInstitutionCode: string;
  hospitalName: string;
  eligibility: { url: string; timeoutMs: number; folder?: string };
  accounting: { url: string; user: string; password: string; timeoutMs: number; allowPlainHttp: boolean; physicians?: Record<string, string> };
  departments: DepartmentView[];
  pendingBoundMs: number;
}

export function resolveReceptionSettings(f: ReceptionSettingsFile, field = 'services'): ReceptionSettings {
  let password: string;
  try {
    password = readFileSync(f.accounting.passwordFile, 'utf8').trim();
  } catch (err) {
    throw new KioskError('input.invalid', `${field}.accounting.passwordFile: cannot read ${f.accounting.passwordFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { field });
  }
  return {
    medicalInstitutionCode: f.medicalInstitutionCode, hospitalName: f.hospitalName,
    eligibility: { url: f.eligibility.url, timeoutMs: f.eligibility.timeoutMs, ...(f.eligibility.folder ? { folder: f.eligibility.folder } : {}) },
    accounting: {
      url: f.accounting.url, user: f.accounting.user, password, timeoutMs: f.accounting.timeoutMs, allowPlainHttp: f.accounting.allowPlainHttp,
      ...(f.accounting.physicians ? { physicians: f.accounting.physicians } : {}),
    },
    departments: f.departments, pendingBoundMs: f.pendingBoundSeconds * 1000,
  };
}
