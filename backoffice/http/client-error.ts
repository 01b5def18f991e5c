// Requests Node's HTTP parser refuses before any handler runs (headers over the limit, a broken
// request line): answered in the same JSON error shape as everything else, then the socket closes.
import type { Duplex } from 'node:stream';

const ANSWERS: Record<string, [number, string, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'input.too_large', 'request headers are larger than 16384 bytes'],
  HPE_URI_TOO_LONG: [414, 'URI Too Long', 'input.too_large', 'request target too long'],
};

export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable || (err.code === 'ECONNRESET')) {
    socket.destroy();
    return;
  }
  const [status, text, kind, message] = ANSWERS[err.code ?? ''] ?? [400, 'Bad Request', 'input.invalid', 'the request is not valid HTTP'];
  const body = JSON.stringify({ kind, message, details: { reason: String(err.code ?? 'bad_request').toLowerCase() } });
  socket.end(`HTTP/1.1 ${status} ${text}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}
