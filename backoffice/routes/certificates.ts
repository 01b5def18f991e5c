// Certificate requests: authorize against the registry rules (kiosk-domain.md §1.3–1.4), assign
// an issuance number, record the fee, and return the data to print. Idempotency-Key required: a
// kiosk that retries after a lost answer gets the SAME issuance number, never a second one.
import { randomUUID } from 'node:crypto';
import { KioskError } from '../../common/errors';
import { defaultKioskConfig } from '../defaults';
import { route } from '../http/route';
import { CertificateAuthorization, CertificateRequest, type KioskConfigT } from '../schemas';
import type { ResidentRow } from '../storage/store';
import type { BackOfficeContext } from './context';

function ageOn(dob: string, now: Date): number {
  const y = Number(dob.slice(0, 4)), m = Number(dob.slice(4, 6)), d = Number(dob.slice(6, 8));
  let age = now.getUTCFullYear() - y;
  if (now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d)) age--;
  return age;
}

function refuse(reason: string, field?: string): never {
  throw new KioskError('backoffice.refused', `refused: ${reason}`, { reason, ...(field ? { field } : {}) });
}

function refusalOf(r: ResidentRow): string | undefined {
  if (r.deceased) return 'deceased';
  if (r.movedOut) return 'moved_out';
  if (r.dvProtection) return 'dv_protection';
  if (r.unprintableCharacters) return 'unprintable_characters';
  return undefined;
}

export function certificateRoutes(ctx: BackOfficeContext) {
  const { store } = ctx;
  const config = (): Omit<KioskConfigT, 'version'> => {
    const doc = store.getConfig('kiosk');
    return doc ? JSON.parse(doc.body) : defaultKioskConfig(ctx.municipalityCode);
  };
  return [
    route({
      method: 'POST', path: '/v1/certificates/requests', operationId: 'authorizeCertificate', tag: 'certificates',
      summary: 'Authorize a certificate for the signed-in holder: refusal rules, issuance number, fee, data to print',
      body: CertificateRequest, response: CertificateAuthorization, idempotency: 'required', session: true, successStatus: 201,
      errors: [401, 403, 422],
      handler: ({ body, residentId, now }) => {
        const cfg = config();
        const holder = store.getResident(residentId!);
        if (!holder) throw new KioskError('backoffice.not_found', 'resident not found');
        if (!cfg.municipality.offered.includes(body.kind)) refuse('not_offered', 'kind');
        if (ageOn(holder.dob, new Date(now)) < cfg.municipality.ageFloor) refuse('under_age');
        if (body.options.includeMyNumber && !cfg.municipality.printMyNumber) refuse('my_number_not_allowed', 'options.includeMyNumber');
        const household = store.householdOf(holder.householdId);
        const subjects = body.subjects.map((id) => household.find((m) => m.residentId === id) ?? refuse('not_same_household', 'subjects'));
        if (body.kind === 'inkan' && (subjects.length !== 1 || subjects[0]!.residentId !== holder.residentId)) refuse('registrant_only', 'subjects');
        if (body.kind !== 'juminhyo' && body.kind !== 'juminhyo_kisai' && subjects.some((s) => s.residentId !== holder.residentId)) refuse('self_only', 'subjects');
        for (const s of subjects) {
          const reason = refusalOf(s);
          if (reason) refuse(reason, 'subjects');
        }
        // A household with a pending move-out is not issued a 住民票 at the kiosk (§1.3).
        if (body.kind.startsWith('juminhyo') && household.some((m) => m.movedOut)) refuse('household_move_pending');
        let sealRegistrationNumber: string | undefined;
        if (body.kind === 'inkan') {
          const seal = store.getSeal(holder.residentId);
          if (!seal) refuse('no_seal_registration');
          if (seal.abolished) refuse('seal_abolished');
          sealRegistrationNumber = seal.registrationNumber;
        }
        const feeYen = (cfg.fees[body.kind] ?? 0) * body.copies;
        const year = new Date(now).getUTCFullYear();
        const requestId = randomUUID();
        const issuanceNumber = store.transaction(() => {
          const n = `${year}-${String(store.nextIssuanceNumber(year)).padStart(7, '0')}`;
          store.putCertificateRequest({ requestId, residentId: holder.residentId, kioskId: body.kioskId, kind: body.kind, copies: body.copies, feeYen, issuanceNumber: n, createdAt: now });
          return n;
        });
        return {
          status: 201,
          body: {
            requestId, issuanceNumber, kind: body.kind, copies: body.copies, feeYen,
            data: {
              municipalityCode: holder.municipalityCode,
              subjects: subjects.map((s) => ({ residentId: s.residentId, name: s.name, nameKana: s.nameKana, dob: s.dob, sex: s.sex, address: s.address, relationship: s.relationship })),
              ...(sealRegistrationNumber ? { sealRegistrationNumber } : {}),
              issuedAt: new Date(now).toISOString(),
            },
          },
        };
      },
    }),
  ];
}
