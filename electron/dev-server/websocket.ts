// Just enough of RFC 6455 for the bridge's one-way event push: the opening handshake, unmasked
// server text frames, and the client's close/ping frames. Clients send nothing else that matters,
// so anything larger than a control frame closes the socket instead of being buffered.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const MAX_CLIENT_BUFFER = 4096;

export interface PushSocket {
  send(text: string): void;
  close(): void;
  onClose(listener: () => void): void;
}

export function acceptKey(key: string): string {
  return createHash('sha1').update(key + GUID).digest('base64');
}

export function encodeTextFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const n = payload.length;
  const head = n < 126 ? Buffer.from([0x81, n]) : n < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (n >= 126 && n < 65536) {
    head[0] = 0x81;
    head[1] = 126;
    head.writeUInt16BE(n, 2);
  } else if (n >= 65536) {
    head[0] = 0x81;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([head, payload]);
}

/** Completes the handshake on an already-authorised upgrade request; null if it is not a WebSocket. */
export function upgradeToPushSocket(req: IncomingMessage, socket: Duplex): PushSocket | null {
  const key = req.headers['sec-websocket-key'];
  if (typeof key !== 'string' || !/^[A-Za-z0-9+/]{22}==$/.test(key) || req.headers.upgrade?.toLowerCase() !== 'websocket') {
    return null;
  }
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${acceptKey(key)}\r\n\r\n`,
  );
  const closeListeners: (() => void)[] = [];
  let closed = false;
  let buffer = Buffer.alloc(0);
  const finish = () => {
    if (closed) return;
    closed = true;
    closeListeners.forEach((l) => l());
  };
  socket.on('close', finish);
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    if (buffer.length > MAX_CLIENT_BUFFER) return socket.destroy();
    while (buffer.length >= 2) {
      const opcode = buffer[0]! & 0x0f;
      const len = buffer[1]! & 0x7f;
      // Clients must mask; control frames are ≤ 125 bytes. Anything else is not for us.
      if (len > 125 || (buffer[1]! & 0x80) === 0) return socket.destroy();
      if (buffer.length < 6 + len) return;
      const mask = buffer.subarray(2, 6);
      const payload = Buffer.from(buffer.subarray(6, 6 + len).map((b, i) => b ^ mask[i % 4]!));
      buffer = buffer.subarray(6 + len);
      if (opcode === 0x8) {
        socket.end(Buffer.from([0x88, 0]));
        return;
      }
      if (opcode === 0x9) socket.write(Buffer.concat([Buffer.from([0x8a, payload.length]), payload]));
    }
  });
  return {
    send(text) {
      if (!closed) socket.write(encodeTextFrame(text));
    },
    close() {
      if (!closed) socket.end(Buffer.from([0x88, 0]));
    },
    onClose(listener) {
      closeListeners.push(listener);
    },
  };
}
