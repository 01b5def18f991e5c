// The earlier configuration shape put everything a kiosk has under `issuance`:
//   { "issuance": { "backOffice": …, "printer": …, "payment": …, "housekeepingSeconds": 60 } }
// Those are the platform's now (a hospital kiosk has a back office without issuing certificates):
//   { "backOffice": …, "printer": …, "payment": …, "housekeepingSeconds": 60, "services": ["issuance"] }
// A file in the earlier shape is read as exactly that, and the technician is told once what to move.
// A file that mixes both shapes is left as written: the schema refuses it, naming `issuance`.

const MOVED = ['backOffice', 'printer', 'payment', 'housekeepingSeconds'] as const;
const NEW_KEYS = [...MOVED, 'services'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const UPGRADE_NOTE = 'the "issuance" section is the earlier shape: move issuance.backOffice, issuance.printer, issuance.payment and '
  + 'issuance.housekeepingSeconds to the top level and add "services": ["issuance"] (read that way meanwhile)';

/** The document in the current shape, and the note for the log when it was upgraded. */
export function upgradeConfigShape(raw: unknown): { doc: unknown; note: string | null } {
  if (!isObject(raw) || !('issuance' in raw) || !isObject(raw.issuance)) return { doc: raw, note: null };
  if (NEW_KEYS.some((k) => k in raw)) return { doc: raw, note: null };
  const { issuance, ...rest } = raw;
  const moved = Object.fromEntries(MOVED.filter((k) => k in issuance).map((k) => [k, issuance[k]]));
  return { doc: { ...rest, ...moved, services: ['issuance'] }, note: UPGRADE_NOTE };
}
