// Browser-shell transport: commands as POST /api/<command>, events over one WebSocket.
// The per-start secret comes from the <meta> the bridge injects into our own index.html.
import type { Transport } from '../../../common/api/client';

export function httpTransport(doc: Document = document): Transport {
  const secret = doc.querySelector<HTMLMetaElement>('meta[name="kiosk-bridge"]')?.content ?? '';
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let socket: WebSocket | null = null;
  let retryMs = 250;

  function connect() {
    const url = new URL('events', location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('s', secret);
    socket = new WebSocket(url);
    socket.onopen = () => {
      retryMs = 250;
    };
    socket.onmessage = (m) => {
      let msg: unknown;
      try {
        msg = JSON.parse(String(m.data));
      } catch {
        return;
      }
      if (typeof msg === 'object' && msg !== null && 'name' in msg && typeof msg.name === 'string') {
        for (const l of listeners) l(msg.name, (msg as { payload?: unknown }).payload);
      }
    };
    // Reconnect with back-off: a restarted bridge must not leave the kiosk deaf to card events.
    socket.onclose = () => {
      socket = null;
      if (listeners.size) setTimeout(connect, (retryMs = Math.min(retryMs * 2, 5000)));
    };
  }

  return {
    async invoke(channel, input) {
      const res = await fetch(new URL(`api/${channel}`, location.href), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kiosk-secret': secret },
        body: JSON.stringify(input ?? {}),
      });
      return res.json();
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!socket) connect();
      return () => listeners.delete(listener);
    },
  };
}
