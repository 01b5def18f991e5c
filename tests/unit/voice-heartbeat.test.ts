// The technician hears of a missing voice through the heartbeat: the platform's heartbeat sends the
// kiosk's voice signal with its health signals. The back office here is a loopback HTTP server
// that records what arrives (the reference back office's own heartbeat route is tested elsewhere).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createPlatform } from '../../electron/services/platform/platform';
import { createEspeakEngine } from '../../electron/services/voice/espeak-engine';
import { createVoiceGuidance } from '../../electron/services/voice/voice-guidance';
import { createSimulatedAcceptor } from '../../simulators/payment/simulated-acceptor';

test('a kiosk without a voice for some languages says which in its heartbeat', async () => {
  const heartbeats: Record<string, unknown>[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => void (body += c.toString()));
    req.on('end', () => {
      if (req.url?.endsWith('/heartbeat')) heartbeats.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.url?.endsWith('/heartbeat') ? { received: true, serverTime: new Date().toISOString() } : { results: [] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const dir = mkdtempSync(join(tmpdir(), 'voice-hb-'));
  // No engine on this machine; the window has voices for ja and en only.
  const voice = createVoiceGuidance({ engine: createEspeakEngine({ binary: '/nonexistent/espeak-ng' }) });
  await voice.api['voice.check']({ browser: ['ja', 'en'] });
  const platform = createPlatform({
    dataDir: dir, kiosk: { id: 'kiosk-voice-01', site: 'test', kind: 'store' }, softwareVersion: 'test',
    backOffice: { baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 2000 },
    printer: { printerUri: 'ipp://127.0.0.1:9/ipp/print' },
    payment: createSimulatedAcceptor(),
    housekeepingMs: 3_600_000,
    signals: () => ({ voice: voice.signal() }),
  });
  try {
    platform.start();
    await platform.housekeeping.runNow();
    assert.ok(heartbeats.length > 0, 'a heartbeat arrived');
    assert.equal(heartbeats.at(-1)!.voice, 'missing:zh,ko');
  } finally {
    await platform.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
