// The client half of the contract: `createClient(transport)` gives the UI a typed KioskApi whose
// replies and events are validated again on arrival, whatever carried them.
import { KioskError } from '../errors';
import {
  commandNames,
  commands,
  EnvelopeSchema,
  events,
  type CommandName,
  type EventName,
  type EventPayload,
  type KioskApi,
  type KioskEvents,
} from './contract';

/** The only thing a transport does: carry a command and return the raw reply; deliver raw events. */
export interface Transport {
  invoke(channel: CommandName, input: unknown): Promise<unknown>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

export type KioskClient = KioskApi & KioskEvents;

export function createClient(transport: Transport): KioskClient {
  const api = {} as Record<CommandName, (input: unknown) => Promise<unknown>>;
  for (const name of commandNames) {
    api[name] = async (input: unknown) => {
      const reply = EnvelopeSchema.safeParse(await transport.invoke(name, input ?? {}));
      if (!reply.success) throw new KioskError('internal', `malformed reply to ${name}`);
      if (!reply.data.ok) throw KioskError.fromPayload(reply.data.error);
      const value = commands[name].output.safeParse(reply.data.value);
      if (!value.success) throw new KioskError('internal', `invalid ${name} result`);
      return value.data;
    };
  }
  const on = <K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void) =>
    transport.subscribe((got, payload) => {
      if (got !== name) return;
      const parsed = events[name].safeParse(payload);
      // A malformed event is dropped: the UI only ever acts on facts that match the contract.
      if (parsed.success) listener(parsed.data as EventPayload<K>);
    });
  return Object.assign(api as unknown as KioskApi, { on });
}

/** A small typed event hub for services (pure; no Node EventEmitter). */
export function createEventHub(): KioskEvents & { emit<K extends EventName>(name: K, payload: EventPayload<K>): void } {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  return {
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener as (p: unknown) => void);
      listeners.set(name, set);
      return () => set.delete(listener as (p: unknown) => void);
    },
    emit(name, payload) {
      for (const l of [...(listeners.get(name) ?? [])]) {
        try {
          l(payload);
        } catch {
          // One failing listener (a closed socket) must not stop the others.
        }
      }
    },
  };
}
