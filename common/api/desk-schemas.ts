// The reception desk half of the UI↔main contract (schemas only; contract.ts lists the command):
// hospital staff, in staff mode at a kiosk offering reception, see today's visits from every
// reception kiosk of the hospital as the back office answers them (common/backoffice-api/desk.ts):
// reception number, time, department, patient ID, eligibility, the 負担割合 online and in the
// accounting system with a mismatch flagged, and who was sent to the desk and why. No names.
import { z } from 'zod';
import { DeskResponse } from '../backoffice-api';

/**
 * Staff walked away: the desk leaves staff mode after this long without a tap, like the staff screen
 * of an eligibility terminal (~30 min). Refreshes the screen makes by itself do not count.
 */
export const DESK_IDLE_SEC = 30 * 60;
/** The screen asks again this often while it is shown. */
export const DESK_REFRESH_SEC = 10;

/** refresh: the screen's own periodic refresh (not staff's activity); false: staff opened or asked for it. */
export const DeskTodayInputSchema = z.object({ refresh: z.boolean() }).strict();

export const DeskViewSchema = DeskResponse.extend({
  /** When the kiosk got this answer (ISO). */
  fetchedAt: z.string().min(10).max(40),
});

export type DeskView = z.infer<typeof DeskViewSchema>;
export type DeskRowView = DeskView['rows'][number];
