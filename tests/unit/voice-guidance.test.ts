// The kiosk's own voice: espeak-ng speaks each offered language offline (to WAV files here, as a
// machine without a sound card does), and a machine without a voice tells the technician which
// languages are silent instead of saying nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createEspeakEngine } from '../../electron/services/voice/espeak-engine';
import { createVoiceGuidance } from '../../electron/services/voice/voice-guidance';

const noEspeak = spawnSync('espeak-ng', ['--version']).status === 0 ? false : 'espeak-ng is not installed (Debian package espeak-ng)';

test('espeak-ng speaks every offered language and writes real sound', { skip: noEspeak }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'voice-'));
  try {
    const voice = createVoiceGuidance({ engine: createEspeakEngine({ wavDir: dir }) });
    const check = await voice.api['voice.check']({ browser: [] });
    assert.deepEqual(check, { engine: 'espeak-ng', main: ['ja', 'en', 'zh', 'ko'], missing: [] });
    assert.equal(voice.signal(), 'ok');
    assert.deepEqual(await voice.api['voice.say']({ lang: 'ja', text: 'のこり 2 かい', rate: 1 }), { spoken: true });
    const [wav] = readdirSync(dir);
    assert.ok(wav && statSync(join(dir, wav)).size > 4000, 'a WAV with speech in it');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a machine without a voice reports the silent languages instead of staying silent', async () => {
  const logged: string[] = [];
  const voice = createVoiceGuidance({ engine: createEspeakEngine({ binary: '/nonexistent/espeak-ng' }), log: (m) => logged.push(m) });
  // The window has Japanese and English voices of its own; Chinese and Korean nobody can speak.
  const check = await voice.api['voice.check']({ browser: ['ja', 'en'] });
  assert.deepEqual(check, { engine: 'none', main: [], missing: ['zh', 'ko'] });
  assert.equal(voice.signal(), 'missing:zh,ko');
  assert.ok(logged.some((m) => /no voice for zh, ko/.test(m)), logged.join('\n'));
  await assert.rejects(voice.api['voice.say']({ lang: 'ja', text: 'テスト', rate: 1 }), (e: Error & { kind?: string }) => e.kind === 'api.unsupported');
});
