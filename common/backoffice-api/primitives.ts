// The small value shapes every back-office message is built from.
import { z } from 'zod';

/** A reference chosen by one side and echoed by the other (resident, issuance, kiosk ids). */
export const Id = z.string().min(1).max(100).regex(/^[A-Za-z0-9._:-]+$/, 'identifier');
export const KioskId = Id;
export const Yyyymmdd = z.string().regex(/^\d{8}$/, 'YYYYMMDD');
/** Yen amounts are whole, never negative. */
export const Yen = z.number().int().min(0);
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 hex');
export const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64');
