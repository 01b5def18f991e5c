// HTTP status for each typed error kind: the body is always ErrorPayload {kind, message, details}.
import type { KioskError, ErrorKind } from '../../common/errors';

const STATUS: Partial<Record<ErrorKind, number>> = {
  'input.invalid': 400,
  'input.too_large': 413,
  'input.unsupported_media_type': 415,
  'input.unknown_host': 421,
  'backoffice.duplicate_reference': 409,
  'backoffice.unauthenticated': 401,
  'auth.challenge_invalid': 401,
  'auth.signature_mismatch': 401,
  'auth.untrusted_issuer': 401,
  'auth.expired': 401,
  'auth.not_yet_valid': 401,
  'auth.revoked': 401,
  'auth.bad_certificate': 401,
  'auth.unknown_holder': 403,
  'backoffice.refused': 403,
  'backoffice.rate_limited': 429,
  'issuance.refused': 403,
  'backoffice.not_found': 404,
  'idempotency.conflict': 422,
  'auth.revocation_unreachable': 503,
};

export function statusFor(err: KioskError): number {
  return STATUS[err.kind] ?? 500;
}

export const DOCUMENTED_ERROR_STATUSES = [...new Set(Object.values(STATUS))].sort();
