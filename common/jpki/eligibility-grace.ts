// The eligibility-only rule of マイナ保険証 (hospital-2026.md §2.3, 支払基金): for 3 months after the
// user-authentication certificate expires, the card still confirms insurance eligibility — and
// nothing else (a certificate kiosk refuses it as expired). Pure date arithmetic, shared by the
// kiosk's login and the online-eligibility side so both draw the line on the same day.

export const ELIGIBILITY_GRACE_MONTHS = 3;

/**
 * The end of the grace: notAfter plus 3 calendar months, the day clamped to the month's last
 * (30 November → 28/29 February, never 2 March).
 */
export function eligibilityGraceEnd(notAfter: Date): Date {
  const months = notAfter.getUTCMonth() + ELIGIBILITY_GRACE_MONTHS;
  const year = notAfter.getUTCFullYear() + Math.floor(months / 12);
  const month = months % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const end = new Date(notAfter.getTime());
  end.setUTCFullYear(year, month, Math.min(notAfter.getUTCDate(), lastDay));
  return end;
}

/** True when the certificate has expired at `now` but less than 3 months ago. */
export function inEligibilityGrace(notAfter: Date, now: Date): boolean {
  return now.getTime() > notAfter.getTime() && now.getTime() < eligibilityGraceEnd(notAfter).getTime();
}
