// The certificate service: what the signed-in holder may request (catalog), authorizing ONE request
// (rules.ts decides; registry and seal status are re-read at this moment, never cached — the 廃印
// incident), the municipality-signed PDF bound to the request, and the configuration kiosks pull.
// Idempotent by requestId (the Idempotency-Key): a retry gets the same issuance, never a second one.
import { randomUUID } from 'node:crypto';
import { KioskError } from '../../common/errors';
import { route } from '../http/route';
import type { BackOfficeContext } from '../routes/context';
import type { ResidentRow } from '../storage/store';
import { CertificatesConfig, defaultCertificatesConfig, municipalityConfig, type CertificatesConfigT, type MunicipalityCertConfigT } from './config';
import { buildCertificateData, municipalityOf, subjectHashOf, type IssuanceDocument } from './document';
import { decide, type CertificateType, type Scope } from './rules';
import { CatalogResponse, CertificatesConfigResponse, IssuanceRequest, IssuanceResponse } from './schemas';

const LABELS: Record<CertificateType, string> = { juminhyo: '住民票の写し', kisai: '住民票記載事項証明書', inkan: '印鑑登録証明書' };
const OPTION_LABELS: Record<string, string> = { householdHead: '世帯主・続柄', honseki: '本籍・筆頭者', myNumber: '個人番号' };
const SCOPE_LABELS: Record<Scope, string> = { self: '本人のみ', household: '世帯全員', members: '世帯の一部' };

function certificatesConfig(ctx: BackOfficeContext): CertificatesConfigT {
  const doc = ctx.store.getConfig('certificates');
  return doc ? CertificatesConfig.parse(JSON.parse(doc.body)) : defaultCertificatesConfig();
}

function service(ctx: BackOfficeContext) {
  if (!ctx.certificates) throw new KioskError('internal', 'certificate issuance is not configured on this back office');
  return ctx.certificates;
}

function holderContext(ctx: BackOfficeContext, residentId: string) {
  const holder = ctx.store.getResident(residentId);
  if (!holder) throw new KioskError('backoffice.not_found', 'resident not found');
  const cfg = municipalityConfig(certificatesConfig(ctx), holder.municipalityCode);
  if (!cfg) throw new KioskError('issuance.refused', 'this municipality does not issue at kiosks', { reason: 'not_offered', where: 'municipal_window' });
  return { holder, cfg, household: ctx.store.householdOf(holder.householdId), seal: ctx.store.getSeal(holder.residentId) };
}

function optionsFor(type: CertificateType, cfg: MunicipalityCertConfigT) {
  if (type === 'inkan') return [];
  return ['householdHead', 'honseki', ...(cfg.allowMyNumber ? ['myNumber'] : [])].map((key) => ({ key, label: OPTION_LABELS[key]!, default: false }));
}

export function certificateServiceRoutes(ctx: BackOfficeContext) {
  return [
    route({
      method: 'GET', path: '/v1/certificates/config', operationId: 'getCertificatesConfig', tag: 'certificates',
      summary: 'Per-municipality certificate configuration kiosks pull: offered types, fees, options, layouts, hours',
      response: CertificatesConfigResponse,
      handler: () => ({ body: certificatesConfig(ctx) }),
    }),
    route({
      method: 'GET', path: '/v1/certificates/catalog', operationId: 'getCertificateCatalog', tag: 'certificates', session: true,
      summary: 'What the signed-in holder may request now: types with fee, options and availability (refusal reason + where to go), household members',
      response: CatalogResponse, errors: [401, 403, 404],
      handler: ({ residentId, now }) => {
        const { holder, cfg, household, seal } = holderContext(ctx, residentId!);
        const entries = (['juminhyo', 'kisai', 'inkan'] as const).filter((t) => cfg.offered.includes(t) || t !== 'kisai').map((type) => {
          const d = decide({ now, config: cfg, holder, household, seal, type, scope: 'self', memberIds: [], options: {} });
          return { type, label: LABELS[type], fee: cfg.fees[type], options: optionsFor(type, cfg),
            scopes: type === 'inkan' ? ['self' as const] : ['self' as const, 'household' as const, 'members' as const],
            available: d.ok, ...(d.ok ? {} : { refusal: { reason: d.reason, where: d.where } }) };
        });
        const members = household.filter((m) => !m.deceased).map((m) => ({ residentId: m.residentId, name: m.name, relationship: m.relationship }));
        return { body: { entries, household: members } };
      },
    }),
    route({
      method: 'POST', path: '/v1/certificates/issuances', operationId: 'issueCertificate', tag: 'certificates', session: true,
      summary: 'Authorize one request (rules decided here, registry and seal re-read now) and return the municipality-signed PDF bound to it',
      body: IssuanceRequest, response: IssuanceResponse, idempotency: 'required', successStatus: 201, errors: [401, 403, 404, 422],
      handler: async ({ body, residentId, now }) => {
        const svc = service(ctx);
        const { holder, cfg, household, seal } = holderContext(ctx, residentId!);
        if (body.layout && !cfg.layouts.includes(body.layout)) throw new KioskError('issuance.refused', 'layout not offered', { reason: 'not_offered', where: 'municipal_window' });
        const d = decide({ now, config: cfg, holder, household, seal, type: body.type, scope: body.scope, memberIds: body.memberIds, options: body.options });
        if (!d.ok) throw new KioskError('issuance.refused', `refused: ${d.reason}`, { reason: d.reason, where: d.where });
        const existing = svc.store.issuanceByRequest(body.requestId);
        if (existing) throw new KioskError('idempotency.conflict', 'this request id was already issued', { field: 'requestId' });
        const subjectHash = subjectHashOf(holder.residentId, d.subjects.map((s) => s.residentId), body.type);
        const fee = cfg.fees[body.type] * body.copies;
        const year = new Date(now + 9 * 3600_000).getUTCFullYear();
        const record = svc.store.recordIssuance({
          issuanceId: randomUUID(), requestId: body.requestId, kioskId: body.kioskId, residentId: holder.residentId, type: body.type,
          copies: body.copies, fee, subjectHash, createdAt: now, municipality: cfg.code, year,
          format: (n) => `${year}-${cfg.code}-${String(n).padStart(7, '0')}`,
        });
        const document: IssuanceDocument = {
          issuanceId: record.issuanceId, requestId: body.requestId, kioskId: body.kioskId, issuanceNumber: record.issuanceNumber,
          municipality: municipalityOf(cfg), issuedAt: new Date(now).toISOString(), copies: body.copies, requesterResidentId: holder.residentId, subjectHash,
          data: buildCertificateData({ type: body.type, scope: body.scope, options: body.options, ...(body.layout ? { layout: body.layout } : {}),
            holder, household, subjects: d.subjects, seal, details: (id) => svc.store.details(id) }),
        };
        const pdf = await svc.render(document);
        const summary = summaryOf(body.type, body.scope, d.subjects, body.options, body.copies, fee);
        return { status: 201, body: { requestId: body.requestId, issuanceId: record.issuanceId, issuanceNumber: record.issuanceNumber, fee, summary, subjectHash,
          document: document as unknown as Record<string, unknown> & { issuanceId: string; requestId: string; subjectHash: string; copies: number },
          pdfBase64: Buffer.from(pdf).toString('base64') } };
      },
    }),
  ];
}

function summaryOf(type: CertificateType, scope: Scope, subjects: ResidentRow[], options: Record<string, boolean>, copies: number, fee: number): string[] {
  const chosen = Object.entries(options).filter(([, v]) => v).map(([k]) => OPTION_LABELS[k]).filter(Boolean);
  return [
    LABELS[type],
    ...(type === 'inkan' ? [] : [`${SCOPE_LABELS[scope]}（${subjects.length}人）`, `記載する項目: ${chosen.length ? chosen.join('・') : 'なし'}`]),
    `${copies}通`,
    `手数料 ${fee}円`,
  ];
}

/** Kiosk outbox events about certificates (certificate.paid/printed/held/refunded/voided): recorded once per key. */
export function applyCertificateEvent(ctx: BackOfficeContext, e: { key: string; kind: string; payload: unknown }, now: number): void {
  if (!ctx.certificates || !e.kind.startsWith('certificate.')) return;
  const p = (e.payload ?? {}) as Record<string, unknown>;
  if (typeof p.requestId !== 'string') return;
  ctx.certificates.store.applyEvent({ key: e.key, requestId: p.requestId, kind: e.kind, payload: p, now });
}
