// The certificate service: what the signed-in holder may request (catalog), authorizing ONE request
// (rules.ts decides; registry and seal status are re-read at this moment, never cached — the 廃印
// incident), the municipality-signed PDF bound to the request, and the configuration kiosks pull.
// Idempotent by requestId (the Idempotency-Key): a retry gets the same issuance, never a second one.
// A held print can be reprinted once staff confirm nothing usable came out: same issuance number,
// the rules decided again and the registry re-read now, recorded as a reprint, no second fee. Only
// staff with the reprint role, at the kiosk that issued it, of an issuance paid and held, with a
// note, at most MAX_REPRINTS times.
import { randomUUID } from 'node:crypto';
import { CertificateType as CertificateTypes, MAX_HOUSEHOLD_MEMBERS, type CertificateOption, type RefusalReason, type Where } from '../../common/backoffice-api';
import { CERTIFICATE_TITLES } from '../../common/documents/types';
import { KioskError } from '../../common/errors';
import { route } from '../http/route';
import type { BackOfficeContext } from '../routes/context';
import type { ResidentRow } from '../storage/store';
import type { IssuanceParamsT, IssuanceRecord } from './certificate-store';
import { loadCertificatesConfig, municipalityConfig, type MunicipalityCertConfigT } from './config';
import { buildCertificateData, municipalityOf, subjectHashOf, type IssuanceDocument } from './document';
import { decide, householdOrder, type CertificateType, type Scope } from './rules';
import { CatalogResponse, CertificatesConfigResponse, IssuanceRequest, IssuanceResponse, ReprintRequest, ReprintResponse } from './schemas';

const OPTION_LABELS: Record<CertificateOption, string> = { householdHead: '世帯主・続柄', honseki: '本籍・筆頭者', myNumber: '個人番号' };
const SCOPE_LABELS: Record<Scope, string> = { self: '本人のみ', household: '世帯全員', members: '世帯の一部' };
/** Reprints of one issuance: a printer that keeps eating paper is a case for the window, not a fourth copy. */
export const MAX_REPRINTS = 3;

/** A refusal the kiosk explains: one of the typed reasons, with where the resident can go instead. */
function refused(reason: RefusalReason, message: string, where: Where = 'municipal_window'): KioskError {
  return new KioskError('issuance.refused', message, { reason, where });
}

/** "Now" for the issuance rules: the service-hours clock where one is configured. */
function rulesNow(ctx: BackOfficeContext, now: number): number {
  return ctx.certificates?.hoursClock?.() ?? now;
}

function service(ctx: BackOfficeContext) {
  // Not offered here is an answer, not a failure: a 404 the kiosk will not retry.
  if (!ctx.certificates) throw new KioskError('backoffice.not_found', 'this back office does not issue certificates', { reason: 'not_offered' });
  return ctx.certificates;
}

async function holderContext(ctx: BackOfficeContext, residentId: string) {
  const holder = await ctx.store.getResident(residentId);
  if (!holder) throw new KioskError('backoffice.not_found', 'resident not found');
  const cfg = municipalityConfig(await loadCertificatesConfig(ctx.store), holder.municipalityCode);
  if (!cfg) throw refused('not_offered', 'this municipality does not issue at kiosks');
  return { holder, cfg, household: householdOrder(await ctx.store.householdOf(holder.householdId)), seal: await ctx.store.getSeal(holder.residentId) };
}

function optionsFor(type: CertificateType, cfg: MunicipalityCertConfigT) {
  if (type === 'inkan') return [];
  const keys: CertificateOption[] = ['householdHead', 'honseki', ...(cfg.allowMyNumber ? ['myNumber' as const] : [])];
  return keys.map((key) => ({ key, label: OPTION_LABELS[key], default: false }));
}

interface Decided {
  cfg: MunicipalityCertConfigT; holder: ResidentRow; household: ResidentRow[]; seal: Awaited<ReturnType<BackOfficeContext['store']['getSeal']>>;
  subjects: ResidentRow[]; params: IssuanceParamsT; now: number;
}

export function certificateServiceRoutes(ctx: BackOfficeContext) {
  /** The municipality-signed document of an issuance, built from the registry as it is NOW. */
  async function answer(record: IssuanceRecord, d: Decided) {
    const type = record.type as CertificateType;
    // Read before the document is built (it asks for them one by one, synchronously).
    const people = [d.holder, ...d.household, ...d.subjects].map((p) => p.residentId);
    const details = new Map(await Promise.all([...new Set(people)].map(async (id) => [id, await service(ctx).store.details(id)] as const)));
    const document: IssuanceDocument = {
      issuanceId: record.issuanceId, requestId: record.requestId, kioskId: record.kioskId, issuanceNumber: record.issuanceNumber,
      municipality: municipalityOf(d.cfg), issuedAt: new Date(d.now).toISOString(), copies: record.copies, requesterResidentId: d.holder.residentId,
      subjectHash: record.subjectHash,
      data: buildCertificateData({ type, scope: d.params.scope, options: d.params.options, ...(d.params.layout ? { layout: d.params.layout } : {}),
        holder: d.holder, household: d.household, subjects: d.subjects, seal: d.seal, details: (id) => details.get(id) }),
    };
    const pdf = await service(ctx).render(document);
    return { requestId: record.requestId, issuanceId: record.issuanceId, issuanceNumber: record.issuanceNumber, fee: record.fee,
      summary: summaryOf(type, d.params.scope, d.subjects, d.params.options, record.copies, record.fee), subjectHash: record.subjectHash,
      document: document as unknown as Record<string, unknown> & { issuanceId: string; requestId: string; subjectHash: string; copies: number },
      pdfBase64: Buffer.from(pdf).toString('base64') };
  }

  /** An issuance's document rendered again from the registry now, with the SAME issuance number (a
   *  reprint, or the replay of an issuance answer, which is kept without its document). */
  async function renderAgain(record: IssuanceRecord, now: number) {
    const params = await service(ctx).store.paramsOf(record.issuanceId);
    if (!params) throw refused('not_reprintable', 'no reprint: the original choices were not kept');
    const { holder, cfg, household, seal } = await holderContext(ctx, record.residentId);
    const type = record.type as CertificateType;
    const d = decide({ now: rulesNow(ctx, now), config: cfg, holder, household, seal, type, scope: params.scope, memberIds: params.memberIds, options: params.options });
    if (!d.ok) throw refused(d.reason, `refused: ${d.reason}`, d.where);
    // The household changed since the first print: this is no longer the same certificate.
    if (subjectHashOf(holder.residentId, d.subjects.map((s) => s.residentId), type) !== record.subjectHash) {
      throw refused('subjects_changed', 'the people on the certificate changed');
    }
    return answer(record, { cfg, holder, household, seal, subjects: d.subjects, params, now });
  }

  /** What an answer carrying a document keeps for its replays: the issuance id (and `extra` of the
   *  answer, e.g. the reprint count); a replay renders the document again (renderAgain). */
  function documentReplay(extra?: 'reprint') {
    type Kept = { issuanceId: string; reprint?: unknown };
    return {
      keep: (body: string) => {
        const b = JSON.parse(body) as Kept;
        return JSON.stringify({ issuanceId: b.issuanceId, ...(extra ? { [extra]: b[extra] } : {}) });
      },
      rebuild: async (kept: string, now: number) => {
        const k = JSON.parse(kept) as Kept;
        const record = await service(ctx).store.issuanceById(k.issuanceId);
        if (!record) throw new KioskError('backoffice.not_found', 'issuance not found');
        return JSON.stringify({ ...(await renderAgain(record, now)), ...(extra ? { [extra]: k[extra] } : {}) });
      },
    };
  }

  return [
    route({
      method: 'GET', path: '/v1/certificates/config', operationId: 'getCertificatesConfig', tag: 'certificates', access: { caller: 'kiosk' },
      summary: 'Per-municipality certificate configuration kiosks pull: offered types, fees, options, layouts, hours',
      response: CertificatesConfigResponse,
      handler: async () => ({ body: await loadCertificatesConfig(ctx.store) }),
    }),
    route({
      method: 'GET', path: '/v1/certificates/catalog', operationId: 'getCertificateCatalog', tag: 'certificates', access: { caller: 'holder' },
      summary: 'What the signed-in holder may request now: types with fee, options and availability (refusal reason + where to go), household members',
      response: CatalogResponse, errors: [401, 403, 404],
      handler: async ({ residentId, now }) => {
        const { holder, cfg, household, seal } = await holderContext(ctx, residentId!);
        const entries = CertificateTypes.options.filter((t) => cfg.offered.includes(t) || t !== 'kisai').map((type) => {
          const d = decide({ now: rulesNow(ctx, now), config: cfg, holder, household, seal, type, scope: 'self', memberIds: [], options: {} });
          return { type, label: CERTIFICATE_TITLES[type], fee: cfg.fees[type], options: optionsFor(type, cfg),
            scopes: type === 'inkan' ? ['self' as const] : ['self' as const, 'household' as const, 'members' as const],
            available: d.ok, ...(d.ok ? {} : { refusal: { reason: d.reason, where: d.where } }) };
        });
        const living = household.filter((m) => !m.deceased);
        // A household over the limit one request may name is offered 本人のみ; the rest is the window's.
        const tooLarge = living.length > MAX_HOUSEHOLD_MEMBERS;
        const members = tooLarge ? [] : living.map((m) => ({ residentId: m.residentId, name: m.name, relationship: m.relationship }));
        return { body: { entries: tooLarge ? entries.map((e) => ({ ...e, scopes: ['self' as const] })) : entries, household: members } };
      },
    }),
    route({
      method: 'POST', path: '/v1/certificates/issuances', operationId: 'issueCertificate', tag: 'certificates', access: { caller: 'holder' },
      summary: 'Authorize one request (rules decided here, registry and seal re-read now) and return the municipality-signed PDF bound to it',
      body: IssuanceRequest, response: IssuanceResponse, idempotency: 'required', successStatus: 201, errors: [401, 403, 404, 422],
      // A replay (the kiosk lost the answer) gets the document rendered again; only the id is kept.
      replay: documentReplay(),
      handler: async ({ body, residentId, now }) => {
        const svc = service(ctx);
        const { holder, cfg, household, seal } = await holderContext(ctx, residentId!);
        if (body.layout && !cfg.layouts.includes(body.layout)) throw refused('not_offered', 'layout not offered');
        const d = decide({ now: rulesNow(ctx, now), config: cfg, holder, household, seal, type: body.type, scope: body.scope, memberIds: body.memberIds, options: body.options });
        if (!d.ok) throw refused(d.reason, `refused: ${d.reason}`, d.where);
        const existing = await svc.store.issuanceByRequest(body.requestId);
        if (existing) throw new KioskError('idempotency.conflict', 'this request id was already issued', { field: 'requestId' });
        const subjectHash = subjectHashOf(holder.residentId, d.subjects.map((s) => s.residentId), body.type);
        const fee = cfg.fees[body.type] * body.copies;
        const year = new Date(now + 9 * 3600_000).getUTCFullYear();
        const params = { scope: body.scope, memberIds: body.memberIds, options: body.options, ...(body.layout ? { layout: body.layout } : {}) };
        const record = await svc.store.recordIssuance({
          issuanceId: randomUUID(), requestId: body.requestId, kioskId: body.kioskId, residentId: holder.residentId, type: body.type,
          copies: body.copies, fee, subjectHash, createdAt: now, municipality: cfg.code, year, params,
          format: (n) => `${year}-${cfg.code}-${String(n).padStart(7, '0')}`,
        });
        return { status: 201, body: await answer(record, { cfg, holder, household, seal, subjects: d.subjects, params, now }) };
      },
    }),
    route({
      method: 'POST', path: '/v1/certificates/issuances/{issuanceId}/reprints', operationId: 'reprintCertificate', tag: 'certificates',
      access: { caller: 'staff', role: 'reprint' },
      summary: 'Staff-confirmed reprint of a held print: the rules are decided again now, the registry re-read, and a fresh document with the SAME issuance number is returned and recorded as a reprint (no fee)',
      body: ReprintRequest, response: ReprintResponse, idempotency: 'required', successStatus: 201, errors: [403, 404, 422],
      replay: documentReplay('reprint'),
      handler: async ({ params: path, body, now, principal }) => {
        const svc = service(ctx);
        const record = await svc.store.issuanceById(path.issuanceId!);
        if (!record) throw new KioskError('backoffice.not_found', 'issuance not found');
        const notReprintable = (why: string) => refused('not_reprintable', `no reprint: ${why}`);
        if (record.requestId !== body.requestId || record.kioskId !== body.kioskId) throw notReprintable('the issuance belongs to another request');
        // Only a print the kiosk reported held, paid in full and not refunded: anything else (never paid,
        // printed, refunded, voided) would make the reprint a free certificate.
        if (record.state !== 'held') throw notReprintable(`the issuance is ${record.state}, not held`);
        if (record.paid < record.fee || record.refunded > 0) throw notReprintable('the issuance is not paid');
        const limitReached = () => refused('reprint_limit', `no reprint: already reprinted ${MAX_REPRINTS} times`);
        if ((await svc.store.reprintCount(record.issuanceId)) >= MAX_REPRINTS) throw limitReached();
        const body201 = await renderAgain(record, now);
        const reprints = await svc.store.recordReprint({ reprintId: body.reprintId, issuanceId: record.issuanceId, requestId: record.requestId, kioskId: body.kioskId, staffNote: body.staffNote, createdAt: now,
          ...(principal.caller === 'staff' ? { staffId: principal.staffId } : {}) }, MAX_REPRINTS);
        if (!reprints) throw limitReached();
        return { status: 201, body: { ...body201, reprint: { reprintId: body.reprintId, count: reprints.length, fee: 0 as const } } };
      },
    }),
  ];
}

function summaryOf(type: CertificateType, scope: Scope, subjects: ResidentRow[], options: Record<string, boolean>, copies: number, fee: number): string[] {
  const chosen = Object.entries(options).filter(([, v]) => v).map(([k]) => OPTION_LABELS[k as CertificateOption]).filter(Boolean);
  return [
    CERTIFICATE_TITLES[type],
    // The names, so the resident sees whom the certificate covers before paying.
    ...(type === 'inkan' ? [] : [`${SCOPE_LABELS[scope]}（${subjects.length}人）: ${subjects.map((p) => p.name).join('、')}`, `記載する項目: ${chosen.length ? chosen.join('・') : 'なし'}`]),
    `${copies}通`,
    `手数料 ${fee}円`,
  ];
}

/** True when a certificate event names an issuance another kiosk made: it is never applied. */
export async function touchesAnotherKiosk(ctx: BackOfficeContext, kioskId: string, e: { kind: string; payload: unknown }): Promise<boolean> {
  if (!ctx.certificates || !e.kind.startsWith('certificate.')) return false;
  const requestId = (e.payload as { requestId?: unknown } | null)?.requestId;
  if (typeof requestId !== 'string') return false;
  const record = await ctx.certificates.store.issuanceByRequest(requestId);
  return record !== undefined && record.kioskId !== kioskId;
}
