// Electron transport: the preload's one exposed object (see electron/preload/index.ts).
import type { Transport } from '../../../common/api/client';

export interface PreloadBridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

export function electronBridge(): PreloadBridge | undefined {
  return (globalThis as { kiosk?: PreloadBridge }).kiosk;
}

export function electronTransport(bridge: PreloadBridge): Transport {
  return {
    invoke: (channel, input) => bridge.invoke(channel, input),
    subscribe: (listener) => bridge.subscribe(listener),
  };
}
