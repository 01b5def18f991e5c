// Hospital payment's part of the installation's configuration: an entry of `services` written as an
// object, because paying needs the hospital's cashier (ORCA's incomev3), this kiosk's name there, the
// ways it takes money, and what the 領収証 prints and is signed with:
//
//   "services": [{ "kind": "reception", … }, { "kind": "billing", "hospitalName": "清瀬市民病院",
//     "hospitalAddress": "東京都清瀬市竹丘3-1-1", "hospitalPhone": "042-491-0011",
//     "karteUid": "6f1c2a4e-0d3b-4c51-9a8e-1b2c3d4e5f60", "methods": ["cash", "ic", "card", "linked"],
//     "receiptKey": { "keyFile": "/etc/madoguchi/hospital-document.key", "keyId": "kiyose-2026" } }]
//
// `accounting` is the same block as reception's (url, user, passwordFile, …); left out, the reception
// entry's is used (one ORCA per hospital). The ORCA password and the document key live in their own
// files (readable by the kiosk's user only), never in this one. The 領収証 goes to the platform's printer.
import { createHash, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BillingMethodSchema, type BillingMethodView } from '../../../common/api/billing-schemas';
import { KioskError } from '../../../common/errors';
import type { ReceptionSettings } from '../reception/config';

const AccountingSchema = z.object({
  /** ORCA's base URL (WebORCA: with its /api prefix). */
  url: z.string().url(),
  user: z.string().min(1).max(64),
  passwordFile: z.string().min(1),
  timeoutMs: z.number().int().min(500).max(60_000).default(5_000),
  /** An on-premises ORCA on the clinic's LAN over plain HTTP. */
  allowPlainHttp: z.boolean().default(false),
});

export const BillingSettingsSchema = z.object({
  kind: z.literal('billing'),
  /** Printed on the 領収証 and 明細書 (療養担当規則: the institution's name and address). */
  hospitalName: z.string().min(1).max(100),
  hospitalAddress: z.string().min(1).max(200),
  hospitalPhone: z.string().regex(/^\+?[0-9][0-9-]{5,18}$/, 'digits and hyphens, e.g. 042-491-0011'),
  /** This kiosk as a cashier terminal of ORCA (カルテUID): its own, so a restart releases only its own locks. */
  karteUid: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a UUID'),
  /** The ways this kiosk takes money, in the order the screen offers them ('linked' only to a patient who linked an account). */
  methods: z.array(BillingMethodSchema).min(1).max(4).refine((m) => new Set(m).size === m.length, 'each method once'),
  accounting: AccountingSchema.optional(),
  /** The hospital's document key: ECDSA P-256, PKCS#8 PEM, signing the QR on every page of the 領収証 and 明細書. */
  receiptKey: z.object({
    keyFile: z.string().min(1),
    /** Printed in the QR; a verifier finds the hospital's public key by it. */
    keyId: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, '1–64 letters, digits, . _ : -'),
  }),
});

export type BillingSettingsFile = z.infer<typeof BillingSettingsSchema>;

/** What the billing module runs with (password and key read from their files). */
export interface BillingSettings {
  hospital: { name: string; address: string; phone: string };
  karteUid: string;
  methods: BillingMethodView[];
  accounting: { url: string; user: string; password: string; timeoutMs: number; allowPlainHttp: boolean };
  receiptKey: { keyId: string; privateKey: KeyObject };
}

/** The platform parts the offered methods need (checked when the file is read): the acceptor for
 *  cash and IC, the back office for the linked account. The printer is the 領収証's. */
export function billingNeeds(f: Pick<BillingSettingsFile, 'methods'>): ('kiosk' | 'printer' | 'payment' | 'backOffice')[] {
  return [
    'kiosk', 'printer',
    ...(f.methods.some((m) => m === 'cash' || m === 'ic' || m === 'card') ? ['payment' as const] : []),
    ...(f.methods.includes('linked') ? ['backOffice' as const] : []),
  ];
}

const invalid = (field: string, message: string) => new KioskError('input.invalid', `${field}: ${message}`, { field });

function readFileOf(path: string, field: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw invalid(field, `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** The document key: a PKCS#8 PEM of an ECDSA P-256 private key, nothing else (a wrong key would sign
 *  every receipt with something no verifier trusts). */
export function readReceiptKey(path: string, field: string): KeyObject {
  const pem = readFileOf(path, field);
  if (!pem.includes('-----BEGIN PRIVATE KEY-----')) throw invalid(field, `${path} is not a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)`);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (err) {
    throw invalid(field, `${path} cannot be read as a private key: ${(err as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    const got = [key.asymmetricKeyType ?? '?', key.asymmetricKeyDetails?.namedCurve].filter(Boolean).join(' ');
    throw invalid(field, `${path} is not an ECDSA P-256 key (got ${got})`);
  }
  return key;
}

/**
 * Resolves the entry at `field` (e.g. services.1). Without its own `accounting`, the reception entry's
 * is used; with neither, the entry is refused naming the field.
 */
export function resolveBillingSettings(f: BillingSettingsFile, field: string, reception: Pick<ReceptionSettings, 'accounting'> | null): BillingSettings {
  let accounting: BillingSettings['accounting'];
  if (f.accounting) {
    const password = readFileOf(f.accounting.passwordFile, `${field}.accounting.passwordFile`).trim();
    accounting = { url: f.accounting.url, user: f.accounting.user, password, timeoutMs: f.accounting.timeoutMs, allowPlainHttp: f.accounting.allowPlainHttp };
  } else if (reception) {
    const r = reception.accounting;
    accounting = { url: r.url, user: r.user, password: r.password, timeoutMs: r.timeoutMs, allowPlainHttp: r.allowPlainHttp };
  } else {
    throw invalid(`${field}.accounting`, 'the accounting system (url, user, passwordFile) is needed when no reception entry names it');
  }
  return {
    hospital: { name: f.hospitalName, address: f.hospitalAddress, phone: f.hospitalPhone },
    karteUid: f.karteUid.toLowerCase(), methods: f.methods, accounting,
    receiptKey: { keyId: f.receiptKey.keyId, privateKey: readReceiptKey(f.receiptKey.keyFile, `${field}.receiptKey.keyFile`) },
  };
}

/** The signer the document templates take: ECDSA P-256 over SHA-256, r‖s (as the certificates' QR). */
export function receiptSigner(key: BillingSettings['receiptKey']): { keyId: string; sign(payload: Uint8Array): Promise<Uint8Array> } {
  return { keyId: key.keyId, sign: async (payload) => new Uint8Array(sign('sha256', payload, { key: key.privateKey, dsaEncoding: 'ieee-p1363' })) };
}

/** A Karte_Uid for a kiosk that has none written (the demo): a UUID derived from the kiosk id, so the
 *  same kiosk is the same cashier terminal after a restart and releases its own locks. */
export function karteUidForKiosk(kioskId: string): string {
  const h = createHash('sha256').update(`madoguchi/karte-uid/${kioskId}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x80; // UUID version 8 (custom, name-derived)
  h[8] = (h[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
