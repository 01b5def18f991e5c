// In-memory transport for renderer unit tests: replies come from a KioskApi implementation given
// by the test, and events are pushed with `emit`. Never used by the shipped UI.
import { dispatch } from '../../../common/api/dispatch';
import type { Transport } from '../../../common/api/client';
import type { EventName, EventPayload, KioskApi } from '../../../common/api/contract';

export function fakeTransport(api: KioskApi): Transport & { emit<K extends EventName>(name: K, payload: EventPayload<K>): void } {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  return {
    // Round-trips through JSON like the real transports, so nothing non-serialisable slips by.
    invoke: async (channel, input) => JSON.parse(JSON.stringify(await dispatch(api, channel, JSON.parse(JSON.stringify(input))))),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(name, payload) {
      for (const l of listeners) l(name, JSON.parse(JSON.stringify(payload)));
    },
  };
}
