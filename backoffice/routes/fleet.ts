// Fleet: kiosk registration, heartbeats with health signals, and configuration pulled with ETags
// (kiosk-config.ts: the printer policy joined with the certificate configuration at request time).
import { KioskError } from '../../common/errors';
import { route } from '../http/route';
import { currentKioskConfig } from '../kiosk-config';
import { Heartbeat, HeartbeatResponse, KioskConfig, KioskRegistration, KioskResponse } from '../schemas';
import type { BackOfficeContext } from './context';

function kioskOut(k: { kioskId: string; site: string; kind: string; registeredAt: number; lastHeartbeatAt: number | null }) {
  return { ...k, registeredAt: new Date(k.registeredAt).toISOString(), lastHeartbeatAt: k.lastHeartbeatAt === null ? null : new Date(k.lastHeartbeatAt).toISOString() };
}

export function fleetRoutes(ctx: BackOfficeContext) {
  const { store } = ctx;
  return [
    route({
      method: 'PUT', path: '/v1/fleet/kiosks/{kioskId}', operationId: 'registerKiosk', tag: 'fleet', access: { caller: 'kiosk' },
      summary: 'A kiosk reports its site and software (its id and kind are those it was provisioned with)',
      body: KioskRegistration, response: KioskResponse, errors: [400, 401, 403],
      handler: async ({ params, body, now, principal }) => {
        if (params.kioskId !== body.kioskId) throw new KioskError('input.invalid', 'kioskId in path and body differ', { field: 'kioskId' });
        // The kind decides what a kiosk may call (hospital routes): it is the operator's, not the kiosk's, to say.
        if (principal.caller === 'kiosk' && body.kind !== principal.kiosk.kind) {
          throw new KioskError('backoffice.refused', `this kiosk is provisioned as ${principal.kiosk.kind}`, { reason: 'kiosk_kind', field: 'kind' });
        }
        await store.upsertKiosk({ ...body, registeredAt: now });
        return { body: kioskOut((await store.getKiosk(body.kioskId))!) };
      },
    }),
    route({
      method: 'GET', path: '/v1/fleet/kiosks/{kioskId}', operationId: 'getKiosk', tag: 'fleet', summary: 'A kiosk and its last heartbeat (its own)',
      access: { caller: 'kiosk' }, response: KioskResponse, errors: [401, 403, 404],
      handler: async ({ params }) => {
        const k = await store.getKiosk(params.kioskId!);
        if (!k) throw new KioskError('backoffice.not_found', 'unknown kiosk', { field: 'kioskId' });
        return { body: kioskOut(k) };
      },
    }),
    route({
      method: 'POST', path: '/v1/fleet/kiosks/{kioskId}/heartbeat', operationId: 'heartbeat', tag: 'fleet', access: { caller: 'kiosk' },
      summary: 'Health signals: sync lag, outbox depth, dead letters, clock skew, devices',
      body: Heartbeat, response: HeartbeatResponse, errors: [404],
      handler: async ({ params, body, now }) => {
        // One statement: the kiosk's row is found and updated together (half of a fleet's requests).
        if (!(await store.recordHeartbeat(params.kioskId!, now, JSON.stringify(body)))) throw new KioskError('backoffice.not_found', 'unknown kiosk', { field: 'kioskId' });
        return { body: { received: true as const, serverTime: new Date(now).toISOString() } };
      },
    }),
    route({
      method: 'GET', path: '/v1/fleet/kiosks/{kioskId}/config', operationId: 'getKioskConfig', tag: 'fleet', access: { caller: 'kiosk' },
      summary: 'Printer policy plus the certificate configuration of GET /v1/certificates/config (offered types, fees, options, hours); the ETag covers both, send If-None-Match for a 304',
      response: KioskConfig, notModified: true, errors: [404],
      handler: async ({ params, headers }) => {
        if (!(await store.getKiosk(params.kioskId!))) throw new KioskError('backoffice.not_found', 'unknown kiosk', { field: 'kioskId' });
        const current = await currentKioskConfig(store);
        if (!current) throw new KioskError('backoffice.not_found', 'no configuration published');
        const { body, etag } = current;
        if (headers['if-none-match'] === etag) return { status: 304, body: undefined as never, headers: { etag } as Record<string, string> };
        return { body, headers: { etag, 'cache-control': 'no-cache' } as Record<string, string> };
      },
    }),
  ];
}
