// The server half of the contract, shared by every transport: look the command up, validate its
// input, run the service, validate its output, and turn any failure into a typed error envelope.
// A service bug that returns the wrong shape becomes an 'internal' error, never leaked data.
import { ERROR_KINDS, KioskError, toKioskError } from '../errors';
import { commands, events, isCommandName, type Envelope, type EventName, type KioskApi } from './contract';

function fail(err: unknown): Envelope {
  const e = toKioskError(err);
  // An unexpected error's own message may carry internals (paths, SQL): the UI gets the generic one.
  const message = e.kind === 'internal' && !(err instanceof KioskError) ? ERROR_KINDS.internal : e.message;
  // Only defined scalar details cross the boundary (never a cause, never a stack).
  const details = Object.fromEntries(Object.entries(e.details).filter(([, v]) => v !== undefined)) as Record<string, string | number | boolean>;
  return { ok: false, error: { kind: e.kind, message, details } };
}

function invalid(field: string, message: string): Envelope {
  return fail(new KioskError('input.invalid', message, { field }));
}

export async function dispatch(api: KioskApi, channel: unknown, rawInput: unknown): Promise<Envelope> {
  if (!isCommandName(channel)) return invalid('channel', 'unknown command');
  const spec = commands[channel];
  const input = spec.input.safeParse(rawInput ?? {});
  if (!input.success) {
    const issue = input.error.issues[0];
    return invalid(issue?.path.join('.') || 'input', `invalid input for ${channel}`);
  }
  try {
    // The cast is safe: `input.data` was parsed by this very command's schema.
    const value = await (api[channel] as (i: unknown) => Promise<unknown>)(input.data);
    const output = spec.output.safeParse(value);
    if (!output.success) return fail(new KioskError('internal', `service returned an invalid ${channel} result`));
    return { ok: true, value: output.data };
  } catch (err) {
    return fail(err);
  }
}

/** Validates an event before it leaves the main process; returns null for a malformed one. */
export function checkEvent(name: EventName, payload: unknown): unknown {
  const parsed = events[name].safeParse(payload);
  return parsed.success ? parsed.data : null;
}

/** Forwards every contract event, validated, to one transport's sender; returns the unsubscribe. */
export function forwardEvents(
  source: { on(name: EventName, listener: (payload: unknown) => void): () => void },
  send: (name: EventName, payload: unknown) => void,
): () => void {
  const offs = (Object.keys(events) as EventName[]).map((name) =>
    source.on(name, (payload) => {
      const checked = checkEvent(name, payload);
      if (checked !== null) send(name, checked);
    }),
  );
  return () => offs.forEach((off) => off());
}
