// One answer per event of a sync batch. A malformed or illegal event is 'rejected' for good with its
// reason and changes nothing; the events beside it are applied as usual. A 5xx is left for the
// server's own failures, so a kiosk never retries a whole batch for ever because of one bad event.
// Payloads are validated by kind: the kinds the kiosk produces have a schema (integer, non-negative
// yen); kinds this back office does not know are kept as they are and change no record.
import type { z } from 'zod';
import { syncPayloadSchema } from '../../common/backoffice-api';
import { SyncEvent } from '../schemas';
import type { EventApplyResult } from '../storage/store';
import type { BackOfficeContext } from './context';

/** Largest payload of one event (its JSON); a batch may still carry up to 1000 events. */
export const MAX_EVENT_PAYLOAD_BYTES = 16 * 1024;

type Refusal = { reason: string; field?: string };

/** `invalid_event` (the envelope: key, kind, stream, createdAt) or `invalid_payload`, with where and why. */
function firstIssue(error: z.ZodError, code: 'invalid_event' | 'invalid_payload', prefix: string): Refusal {
  const issue = error.issues[0];
  const field = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.') || 'event';
  return { reason: `${code}: ${field}: ${issue?.message ?? 'invalid'}`.slice(0, 200), field };
}

export type SyncItemAnswer = Omit<EventApplyResult, 'status'> & { status: EventApplyResult['status'] | 'deferred' };

/**
 * Applies a batch in one transaction, event by event. `extraCheck` runs before the event is
 * considered at all (e.g. ownership refusals decided elsewhere).
 */
export async function ingestEvents(ctx: BackOfficeContext, kioskId: string, items: readonly unknown[], now: number,
  extraCheck: (e: z.output<typeof SyncEvent>) => Promise<Refusal | undefined> | Refusal | undefined = () => undefined): Promise<SyncItemAnswer[]> {
  return ctx.store.transaction(async () => {
    const blocked = new Set<string>();
    const answers: SyncItemAnswer[] = [];
    const envelopes = items.map((item) => SyncEvent.safeParse(item));
    const payloads = envelopes.map((env) => (env.success ? JSON.stringify(env.data.payload ?? null) : ''));
    // The batch's new events claimed in one statement where the store saves round trips by it; what
    // the loop below does not apply (deferred, refused) is released before the batch commits.
    const candidates = envelopes.flatMap((env, i) => (env.success ? [{ key: env.data.key, kind: env.data.kind, stream: env.data.stream, payloadJson: payloads[i]!, createdAt: env.data.createdAt }] : []));
    const claim = candidates.length > 1 && ctx.store.claimEvents ? await ctx.store.claimEvents(kioskId, candidates, now) : undefined;
    // One after another, in the order given: a stream's events are applied in the kiosk's order.
    for (const [i, item] of items.entries()) answers.push(await (async (): Promise<SyncItemAnswer> => {
      const envelope = envelopes[i]!;
      if (!envelope.success) {
        const raw = (item as { key?: unknown } | null)?.key;
        return { key: typeof raw === 'string' ? raw.slice(0, 200) : '', status: 'rejected', ...firstIssue(envelope.error, 'invalid_event', '') };
      }
      const e = envelope.data;
      if (e.stream !== null && blocked.has(e.stream)) return { key: e.key, status: 'deferred' };
      const refused = await extraCheck(e);
      if (refused) return { key: e.key, status: 'rejected', ...refused };
      const payloadJson = payloads[i]!;
      const r = await ctx.store.applyEvent(kioskId, { key: e.key, kind: e.kind, stream: e.stream, payloadJson, createdAt: e.createdAt }, now, async () => {
        if (Buffer.byteLength(payloadJson) > MAX_EVENT_PAYLOAD_BYTES) return { reason: 'payload_too_large', field: 'payload' };
        const schema = syncPayloadSchema(e.kind);
        if (!schema) return undefined;
        const payload = schema.safeParse(e.payload);
        if (!payload.success) return firstIssue(payload.error, 'invalid_payload', 'payload');
        return applyCertificate(ctx, kioskId, e.key, e.kind, payload.data, now);
      });
      if (r.status === 'conflict' && e.stream !== null) blocked.add(e.stream);
      return { key: r.key, status: r.status, ...(r.reason ? { reason: r.reason } : {}), ...(r.field ? { field: r.field } : {}) };
    })());
    await claim?.release();
    return answers;
  });
}

/** Moves the issuance the event is about (when this back office issues certificates); on PostgreSQL
 *  in the batch's transaction, with the event's own record. */
async function applyCertificate(ctx: BackOfficeContext, kioskId: string, key: string, kind: string, payload: Record<string, unknown>, now: number): Promise<Refusal | undefined> {
  if (!ctx.certificates || !kind.startsWith('certificate.')) return undefined;
  const p = payload as { requestId: string; paid?: number; refunded?: number };
  const verdict = await ctx.certificates.store.applyEvent({ kioskId, key, requestId: p.requestId, kind, payload: p, now });
  return verdict.ok ? undefined : { reason: verdict.reason, ...(verdict.field ? { field: verdict.field } : {}) };
}
