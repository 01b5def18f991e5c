// Resident registry reads for the signed-in holder: themself, their household, their seal.
// Another household's records are never reachable with a holder session.
import { KioskError } from '../../common/errors';
import { route } from '../http/route';
import { ResidentResponse, SealImageResponse } from '../schemas';
import type { ResidentRow } from '../storage/store';
import type { BackOfficeContext } from './context';

export async function residentView(ctx: BackOfficeContext, r: ResidentRow) {
  const seal = await ctx.store.getSeal(r.residentId);
  const household = await ctx.store.householdOf(r.householdId);
  return {
    residentId: r.residentId, name: r.name, nameKana: r.nameKana, sex: r.sex, dob: r.dob, address: r.address,
    municipalityCode: r.municipalityCode, householdId: r.householdId, relationship: r.relationship,
    flags: { movedOut: r.movedOut, dvProtection: r.dvProtection, deceased: r.deceased, unprintableCharacters: r.unprintableCharacters },
    seal: seal ? { registered: true, registrationNumber: seal.registrationNumber, abolished: seal.abolished } : { registered: false, abolished: false },
    household: household.filter((m) => !m.deceased)
      .map((m) => ({ residentId: m.residentId, name: m.name, nameKana: m.nameKana, relationship: m.relationship, dob: m.dob })),
  };
}

export function registryRoutes(ctx: BackOfficeContext) {
  return [
    route({
      method: 'GET', path: '/v1/residents/me', operationId: 'getMyResidentRecord', tag: 'registry', access: { caller: 'holder' },
      summary: 'The signed-in holder\'s resident record with refusal flags, seal status and household members',
      response: ResidentResponse, errors: [401, 404],
      handler: async ({ residentId }) => {
        const r = await ctx.store.getResident(residentId!);
        if (!r) throw new KioskError('backoffice.not_found', 'resident not found');
        return { body: await residentView(ctx, r) };
      },
    }),
    route({
      method: 'GET', path: '/v1/residents/me/seal', operationId: 'getMySealImage', tag: 'registry', access: { caller: 'holder' },
      summary: 'The holder\'s registered seal image (印影) for the 印鑑登録証明書',
      response: SealImageResponse, errors: [401, 403, 404],
      handler: async ({ residentId }) => {
        const seal = await ctx.store.getSeal(residentId!);
        if (!seal) throw new KioskError('backoffice.refused', 'no seal registration', { reason: 'no_seal_registration' });
        if (seal.abolished) throw new KioskError('backoffice.refused', 'the seal registration was abolished', { reason: 'seal_abolished' });
        return { body: { residentId: residentId!, registrationNumber: seal.registrationNumber, imagePng: Buffer.from(seal.imagePng).toString('base64') } };
      },
    }),
  ];
}
