// Limits both sides enforce, declared once: the kiosk's UI contract, the kiosk's issuance service and
// the back office all read these, so a choice the screen accepts is never refused later for size.

/** People one certificate request may name, and the household a catalog lists (世帯 of up to 20). */
export const MAX_HOUSEHOLD_MEMBERS = 20;

/** Copies of one certificate per request, as the convenience-store service allows. */
export const COPIES = { min: 1, max: 10 } as const;
