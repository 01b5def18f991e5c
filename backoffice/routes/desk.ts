// The hospital's reception desk (staff): today's visits from every reception kiosk of the hospital —
// reception number, time, department, the clinic's patient ID, the eligibility state, the 負担割合 of
// the online result beside the accounting system's (a mismatch flagged: many レセコン show the wrong
// one), and who was sent to the desk and why. Called by staff with the 'reception' role at a kiosk
// the operator registered to the hospital (its 医療機関コード): the hospital is the kiosk's, never one
// the request names, so another hospital's visits are out of reach. No name is shown: patients are
// called by the reception number on their 受付票 (desk-events.ts). The day is a path parameter
// (the route table has no query strings): GET /v1/hospital/desk/2026-12-06.
import { DeskDate, DeskResponse } from '../../common/backoffice-api';
import { KioskError } from '../../common/errors';
import type { Principal } from '../http/access';
import { route } from '../http/route';
import type { BackOfficeContext } from './context';
import { orcaRatios } from './desk-accounting';
import { foldVisits, withRatios } from './desk-events';

const JST_OFFSET_MS = 9 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The Japan-time day [from, to) in ms, or null for a date that does not exist (2026-02-30). */
export function jstDay(date: string): { from: number; to: number } | null {
  if (!DeskDate.safeParse(date).success) return null;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(y, m - 1, d);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return { from: utc - JST_OFFSET_MS, to: utc - JST_OFFSET_MS + DAY_MS };
}

/**
 * What every desk of a hospital reads first: the Japan-time day asked, and the kiosks of the calling
 * staff's hospital — the hospital is the kiosk's registration (its 医療機関コード), never one the request
 * names, so another hospital's day is out of reach. `desk` names the desk in the refusal.
 */
export async function hospitalDeskScope(ctx: BackOfficeContext, date: string | undefined, principal: Principal, desk: string): Promise<{ day: { from: number; to: number }; institution: string; kiosks: string[] }> {
  const day = jstDay(date ?? '');
  if (!day) throw new KioskError('input.invalid', 'date must be a day as YYYY-MM-DD', { field: 'date' });
  const kiosk = principal.caller === 'staff' ? await ctx.access.kiosk(principal.kiosk.kioskId) : undefined;
  // The operator's registration decides, whatever the kiosk's kind (the demo kiosk, which
  // issues certificates and takes receptions, is a 'store' registered to the demo hospital).
  const institution = kiosk?.medicalInstitutionCode ?? null;
  if (!institution) {
    throw new KioskError('backoffice.refused', `the ${desk} is shown only at a kiosk registered to a hospital`, { reason: 'not_hospital_kiosk' });
  }
  return { day, institution, kiosks: await ctx.access.kiosksOfInstitution(institution) };
}

export function deskRoutes(ctx: BackOfficeContext) {
  return [
    route({
      method: 'GET', path: '/v1/hospital/desk/{date}', operationId: 'getReceptionDesk', tag: 'hospital',
      access: { caller: 'staff', role: 'reception' },
      summary: 'The reception desk: a day\'s visits (Japan time) at every reception kiosk of the calling kiosk\'s hospital, with eligibility, the 負担割合 online and in the accounting system (mismatch flagged) and who was sent to the desk; no names',
      response: DeskResponse, errors: [401, 403],
      handler: async ({ params, principal }) => {
        const { day, institution, kiosks } = await hospitalDeskScope(ctx, params.date, principal, 'reception desk');
        const visits = foldVisits(await ctx.store.receptionEvents(kiosks, day.from, day.to)).reverse().slice(0, 2000);
        const patientIds = [...new Set(visits.map((v) => v.patientId).filter((id) => id !== null))];
        let accounting: 'available' | 'unavailable' | 'none' = ctx.orca ? 'available' : 'none';
        let ratios: ReadonlyMap<string, number | null> = new Map();
        if (ctx.orca && patientIds.length > 0) {
          try {
            ratios = orcaRatios(ctx.orca, patientIds, params.date!);
          } catch (err) {
            // The desk still shows the visits; the accounting column says it could not be read.
            console.error(`backoffice: desk: the accounting system could not be read: ${(err as Error).message}`);
            accounting = 'unavailable';
          }
        }
        return { body: { date: params.date!, medicalInstitutionCode: institution, accounting, rows: withRatios(visits, ratios, (code) => ctx.orca?.department(code)?.name ?? null) } };
      },
    }),
  ];
}
