// Outbox ingestion: a kiosk pushes a batch of events; each is applied exactly once per key, in the
// order given. After a conflict in a stream the rest of that stream's events in the batch are
// 'deferred', so the events of one issuance are never applied out of order.
import { applyCertificateEvent } from '../certificates/routes';
import { route } from '../http/route';
import { HealthResponse, SyncBatchRequest, SyncBatchResponse } from '../schemas';
import type { BackOfficeContext } from './context';

export function syncRoutes(ctx: BackOfficeContext) {
  return [
    route({
      method: 'GET', path: '/v1/health', operationId: 'getHealth', tag: 'system', summary: 'Liveness and server time',
      response: HealthResponse,
      handler: ({ now }) => ({ body: { status: 'ok' as const, time: new Date(now).toISOString(), version: '1' } }),
    }),
    route({
      method: 'POST', path: '/v1/sync/events', operationId: 'pushEvents', tag: 'sync',
      summary: 'Push a batch of outbox events; each key is applied once (replays answer duplicate, a changed body conflict)',
      body: SyncBatchRequest, response: SyncBatchResponse,
      handler: ({ body, now }) => {
        const results = ctx.store.transaction(() => {
          const blocked = new Set<string>();
          return body.events.map((e) => {
            if (e.stream !== null && blocked.has(e.stream)) return { key: e.key, status: 'deferred' as const };
            const r = ctx.store.applyEvent(body.kioskId, { key: e.key, kind: e.kind, stream: e.stream, payloadJson: JSON.stringify(e.payload ?? null), createdAt: e.createdAt }, now);
            if (r.status === 'conflict' && e.stream !== null) blocked.add(e.stream);
            if (r.status === 'applied') applyCertificateEvent(ctx, e, now);
            return r;
          });
        });
        return { body: { results } };
      },
    }),
  ];
}
