// Typed errors that cross every boundary (card → service → contract → UI, kiosk → back office).
// Each kind has a stable code and a user-facing message key; the UI maps keys to text in every
// language, and tests assert kinds, never message strings. Pure: runs in browser, main and server.

export const ERROR_KINDS = {
  // Card and reader
  'card.wrong_pin': 'The PIN was wrong; triesLeft says how many tries remain.',
  'card.pin_blocked': 'The PIN is blocked; it can only be reset at the municipal office.',
  'card.pin_format': 'The PIN does not have the required form (4 digits; 6–16 A–Z/0–9 for the sign password).',
  'card.removed': 'The card was removed during the operation.',
  'card.not_my_number_card': 'The card is not a My Number Card (no JPKI AP or a different token label).',
  'card.phone_not_supported': 'A smartphone\'s JPKI token this kiosk does not take (details.medium android | iphone; details.reason phones_not_accepted | iphone_undocumented): use the card itself.',
  'card.no_sign_certificate': 'The card has no signature certificate (e.g. holder under 15).',
  'card.security_status': 'The card refused: security status not satisfied (69 82).',
  'card.malformed_response': 'The card answered with data that does not parse (truncated or inconsistent).',
  'card.status_word': 'The card answered with an unexpected status word.',
  'card.busy': 'Another session holds the card.',
  'reader.gone': 'The card reader was disconnected.',
  'reader.none': 'No card reader is connected.',
  'reader.service_unavailable': 'The PC/SC service (pcscd) is not running.',
  'card.reset': 'The card was reset during the session (verified PINs are gone); the step must start again.',
  'card.unresponsive': 'The card or reader stopped answering within the time limit.',
  'card.not_present': 'No card was inserted within the time limit.',
  'card.too_slow': 'The card did not finish a step within its time or command budget (details.op, details.reason); it was unpowered and released.',
  // Holder authentication
  'auth.untrusted_issuer': 'The certificate does not chain to a configured trust anchor.',
  'auth.expired': 'The certificate has expired.',
  'auth.not_yet_valid': 'The certificate is not valid yet.',
  'auth.revoked': 'The certificate has been revoked (reason says why; affiliationChanged = 異動).',
  'auth.signature_mismatch': 'The card signature does not verify with its certificate.',
  'auth.revocation_unreachable': 'Neither OCSP nor the CRL could be reached, and policy is fail-closed.',
  'auth.bad_certificate': 'The certificate does not have the JPKI profile.',
  // Generic
  'input.invalid': 'The input failed validation at a boundary.',
  'input.too_large': 'The request (body or headers) is larger than the server accepts (details.limit).',
  'input.unsupported_media_type': 'The body is not application/json; nothing else is read as JSON.',
  'input.unknown_host': 'The Host header does not name this server (e.g. a DNS-rebinding page).',
  'internal': 'An unexpected internal error.',
  'api.unsupported': 'The command is not available in this build (e.g. the demo card tray outside demo mode).',
  'api.unauthorized': 'The UI bridge refused a request without this start\'s secret or from another origin.',
  // Kiosk database, queue and sync (db/, electron/services/sync)
  'db.corrupt': 'The kiosk database failed its integrity check; a copy was preserved (details.preservedAt).',
  'db.newer_version': 'The database was written by a newer version of the kiosk software (details.found, details.supported).',
  'db.disk_full': 'The disk is full; the write was not committed and nothing earlier was lost.',
  'db.readonly': 'The database file or its folder is read-only.',
  'db.busy': 'The database stayed locked by another process beyond the busy timeout.',
  'sync.unreachable': 'The back office could not be reached (network down, refused or timed out).',
  'sync.server_error': 'The back office answered with a server error (5xx); the request will be retried.',
  'sync.rejected': 'The back office rejected the request as invalid (4xx); retrying the same body will not help.',
  'sync.insecure_transport': 'Plain HTTP is only allowed to a loopback back office; use HTTPS.',
  // Back office
  'idempotency.conflict': 'The idempotency key was already used with a different request body.',
  'backoffice.not_found': 'The requested record does not exist.',
  'backoffice.duplicate_reference': 'A record with this reference already exists (details.field); it was made by an earlier request.',
  'backoffice.unauthenticated': 'A valid holder session or kiosk credential is required.',
  'backoffice.refused': 'The request was refused by a rule of the registry (details.reason, e.g. moved_out, dv_protection).',
  'backoffice.rate_limited': 'Too many requests of this kind from this kiosk; retry after details.retryAfterSeconds.',
  'auth.challenge_invalid': 'The login challenge is unknown, already used or expired.',
  'auth.unknown_holder': 'The certificate is valid but not linked to any resident of this municipality.',
  // Certificate issuance, printing and payment
  'issuance.refused': 'The back office refused the certificate (details.reason, details.where: where the resident can go instead).',
  'issuance.not_found': 'No certificate request with this id exists at this kiosk.',
  'issuance.invalid_state': 'The request is not in a state that allows this step (details.state).',
  'issuance.stale_document': 'The document held for the request is not bound to it (request id / subject hash differ); it is never printed.',
  'print.binding_mismatch': 'The PDF handed to the printer is not bound to the print request; nothing was sent.',
  'print.printer_fault': 'The printer reported a fault (details.reason: media-empty, media-jam, offline …).',
  'payment.failed': 'The payment device failed (details.reason); any money inserted was returned (details.refunded).',
  'payment.cancelled': 'The payment was cancelled; the money inserted was returned (details.refunded).',
  // Hospital reception (electron/services/reception): the online-eligibility service and the accounting system
  'eligibility.unavailable': 'The online eligibility check could not be done now (service down or too slow): show 資格情報のお知らせ or マイナポータル at the desk; it is re-checked later.',
  'eligibility.rejected': 'The eligibility service refused the card (signature or certificate).',
  'accounting.already_received': 'The patient is already received in this department today (details.department).',
  'accounting.patient_locked': 'The patient is open on another terminal of the accounting system; try again or ask the desk.',
  'accounting.unavailable': 'The accounting system (レセコン) could not be reached or answered with a server error.',
  'accounting.rejected': 'The accounting system refused the request (details.apiResult, with its message).',
  'reception.last_pin_try': 'Only one PIN try is left: the kiosk does not use it; the patient is sent to the desk.',
  'reception.not_found': 'No reception visit is open for this session.',
  'reception.invalid_state': 'The visit is not at a step that allows this (details.state).',
  'reception.send_to_desk': 'Reception cannot go on at the kiosk (details.reason): the patient is sent to the desk.',
  // Hospital payment (electron/services/billing): the accounting system's cashier and the payment devices
  'accounting.bill_changed': 'The bill changed in the accounting system since it was shown (details.total): nothing was taken; it is shown again.',
  'billing.not_found': 'No checkout is open for this session.',
  'billing.invalid_state': 'The checkout is not at a step that allows this (details.state).',
  'billing.send_to_desk': 'Payment cannot go on at the kiosk (details.reason): the patient is sent to the desk.',
  'billing.not_linked': 'No payment account is linked to this card: pay another way, or link one.',
  'payment.declined': 'The card payment was declined (details.reason); nothing was charged.',
  'payment.timeout': 'The card terminal did not answer in time; nothing was charged (a late approval is reversed).',
  // Staff mode at the kiosk (the staff code of the installation)
  'staff.wrong_code': 'The staff code was wrong; details.triesLeft says how many tries remain before a lockout.',
  'staff.locked_out': 'Too many wrong staff codes: staff mode refuses every code for a while (details.secondsLeft).',
  'staff.locked': 'Staff mode is locked: enter the staff code first.',
} as const;

export type ErrorKind = keyof typeof ERROR_KINDS;

/** Extra facts some kinds carry (never a PIN, never personal data). */
export interface ErrorDetails {
  triesLeft?: number;
  sw?: string;
  reason?: string;
  field?: string;
  [key: string]: string | number | boolean | undefined;
}

/** The serialisable form that crosses IPC / HTTP. */
export interface ErrorPayload {
  kind: ErrorKind;
  message: string;
  details?: ErrorDetails;
}

export class KioskError extends Error {
  readonly kind: ErrorKind;
  readonly details: ErrorDetails;

  constructor(kind: ErrorKind, message?: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(message ?? ERROR_KINDS[kind], options);
    this.name = 'KioskError';
    this.kind = kind;
    this.details = details;
  }

  /** User-facing message key, e.g. `error.card.wrong_pin`. */
  get messageKey(): string {
    return `error.${this.kind}`;
  }

  toPayload(): ErrorPayload {
    return { kind: this.kind, message: this.message, details: { ...this.details } };
  }

  static fromPayload(p: ErrorPayload): KioskError {
    return new KioskError(p.kind, p.message, p.details ?? {});
  }
}

export function isKioskError(err: unknown, kind?: ErrorKind): err is KioskError {
  return err instanceof KioskError && (kind === undefined || err.kind === kind);
}

/** Wraps anything thrown into a KioskError, keeping typed ones as they are. */
export function toKioskError(err: unknown): KioskError {
  if (err instanceof KioskError) return err;
  return new KioskError('internal', err instanceof Error ? err.message : String(err), {}, { cause: err });
}
