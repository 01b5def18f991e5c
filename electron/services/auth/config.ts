// Holder-authentication configuration: validated at the boundary (a JSON file written by the
// installing technician), then turned into the verification policy.
import { z } from 'zod';
import { readConfigFile, resolvingConfig } from '../config-file';
import { isHttpsOrLoopback } from '../loopback';
import { checkAnchors, readCertificateFile, type TrustMode } from './trust-anchors';

const loopbackOrHttps = z.string().url().refine(isHttpsOrLoopback, 'revocation endpoints must be https (plain http only on loopback)');

export const AuthConfigFileSchema = z.object({
  trust: z.object({
    mode: z.enum(['production', 'test']),
    anchorFiles: z.array(z.string().min(1)).min(1),
  }),
  revocation: z.object({
    ocspUrl: loopbackOrHttps.optional(),
    crlUrl: loopbackOrHttps.optional(),
    /** fail-closed (default): no login when neither OCSP nor CRL answers. */
    failure: z.enum(['fail-closed', 'fail-open']).default('fail-closed'),
    timeoutMs: z.number().int().min(100).max(30_000).default(3000),
  }).refine((r) => r.ocspUrl || r.crlUrl || r.failure === 'fail-open', 'a fail-closed policy needs an OCSP or CRL endpoint'),
  /**
   * Smartphones' JPKI tokens (Android スマホ用電子証明書; taken for reception and certificates alike,
   * as コンビニ交付 does). false: the card itself only. An iPhone's token is refused either way (README).
   */
  acceptPhones: z.boolean().default(true),
});
export type AuthConfigFile = z.infer<typeof AuthConfigFileSchema>;

/** The resolved configuration the service runs with. */
export interface AuthServiceConfig {
  trustMode: TrustMode;
  anchors: Uint8Array[];
  revocation: { ocspUrl?: string; crlUrl?: string; failure: 'fail-closed' | 'fail-open'; timeoutMs: number };
  /** Take an Android phone's token as well as the card (default true; see AuthConfigFileSchema). */
  acceptPhones?: boolean;
  /** Injected clock (tests of expiry); defaults to the system clock. */
  now?: () => Date;
  log?: (msg: string) => void;
}

export function resolveAuthConfig(file: AuthConfigFile): AuthServiceConfig {
  const anchors = checkAnchors(file.trust.anchorFiles.map(readCertificateFile), file.trust.mode);
  return { trustMode: file.trust.mode, anchors, revocation: { ...file.revocation }, acceptPhones: file.acceptPhones };
}

export function loadAuthConfigFile(path: string): AuthServiceConfig {
  const file = readConfigFile(path, AuthConfigFileSchema);
  return resolvingConfig(path, () => resolveAuthConfig(file));
}
