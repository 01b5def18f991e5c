// Outbox ingestion: a kiosk pushes a batch of events; each is applied exactly once per kiosk and key,
// in the order given, and answered on its own (sync-events.ts: a bad event is 'rejected' with its
// reason, the others applied). After a conflict in a stream the rest of that stream's events in the
// batch are 'deferred', so the events of one issuance are never applied out of order.
import { touchesAnotherKiosk } from '../certificates/routes';
import { route } from '../http/route';
import { HealthResponse, SyncBatchRequest, SyncBatchResponse } from '../schemas';
import type { BackOfficeContext } from './context';
import { ingestEvents } from './sync-events';

export function syncRoutes(ctx: BackOfficeContext) {
  return [
    route({
      method: 'GET', path: '/v1/health', operationId: 'getHealth', tag: 'system', summary: 'Liveness and server time',
      access: { caller: 'anyone' },
      response: HealthResponse,
      handler: ({ now }) => ({ body: { status: 'ok' as const, time: new Date(now).toISOString(), version: '1' } }),
    }),
    route({
      method: 'POST', path: '/v1/sync/events', operationId: 'pushEvents', tag: 'sync', access: { caller: 'kiosk' },
      summary: 'Push a batch of outbox events; each key is applied once per kiosk (replays answer duplicate, a changed body conflict, an invalid or illegal event rejected with its reason)',
      body: SyncBatchRequest, response: SyncBatchResponse,
      maxBodyBytes: 4 * 1024 * 1024,
      handler: async ({ body, now }) => {
        // A kiosk's events change only its own records (the batch's kioskId is the caller's, access.ts).
        const results = await ingestEvents(ctx, body.kioskId, body.events, now,
          async (e) => ((await touchesAnotherKiosk(ctx, body.kioskId, e)) ? { reason: 'not_owner', field: 'payload.requestId' } : undefined));
        return { body: { results } };
      },
    }),
  ];
}
