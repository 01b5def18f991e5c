// The kiosk's own offline voice: espeak-ng (Debian package `espeak-ng`), run as a child process per
// message. It needs no network and no platform voice, so a kiosk PC without a Japanese system
// voice still speaks. Kanji are spoken from the message tables' kana readings, which espeak-ng's
// Japanese voice reads reliably. With `wavDir` each message is written to a WAV file instead of
// the sound card (machines without one, and the tests, which check that sound was produced).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { VoiceLangView } from '../../../common/api/contract';

export interface Utterance { lang: VoiceLangView; text: string; rate: number }

export interface SpeechEngine {
  readonly name: string;
  /** Synthesises a short phrase in each language; answers those that produced sound. */
  probe(langs: readonly VoiceLangView[]): Promise<VoiceLangView[]>;
  /** Speaks one message, cutting the previous one short; true when it was spoken to the end. */
  say(u: Utterance): Promise<boolean>;
  stop(): void;
}

/** espeak-ng's voice for each kiosk language. */
const VOICES: Record<VoiceLangView, string> = { ja: 'ja', en: 'en-us', zh: 'cmn', ko: 'ko' };
/** A phrase per language for the start-up check (kana, as the Japanese messages are spoken). */
const PROBE: Record<VoiceLangView, string> = { ja: 'おんせいあんない', en: 'voice guidance', zh: '语音向导', ko: '음성 안내' };
/** Words per minute at rate 1: a little slower than espeak-ng's 175, for a public kiosk. */
const BASE_WPM = 155;
/** A WAV of real speech is far larger than its 44-byte header; less means no voice data. */
const MIN_SOUND_BYTES = 4000;

export function createEspeakEngine(opts: { binary?: string; wavDir?: string; timeoutMs?: number } = {}): SpeechEngine {
  const binary = opts.binary ?? 'espeak-ng';
  let current: ChildProcess | null = null;
  let n = 0;

  function soundBytes(lang: VoiceLangView): Promise<number> {
    return new Promise((resolve) => {
      let bytes = 0;
      const child = spawn(binary, ['-v', VOICES[lang], '--stdout', PROBE[lang]], { stdio: ['ignore', 'pipe', 'ignore'] });
      const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 5000);
      child.stdout.on('data', (b: Buffer) => void (bytes += b.length));
      child.on('error', () => resolve(0));
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve(code === 0 ? bytes : 0);
      });
    });
  }

  return {
    name: 'espeak-ng',
    async probe(langs) {
      const out: VoiceLangView[] = [];
      // One at a time: the start-up check must not compete with the card stack for the CPU.
      for (const l of langs) if ((await soundBytes(l)) >= MIN_SOUND_BYTES) out.push(l);
      return out;
    },
    say(u) {
      current?.kill('SIGKILL');
      const wpm = String(Math.round(BASE_WPM * u.rate));
      const out = opts.wavDir ? ['-w', join(opts.wavDir, `utterance-${String(++n).padStart(4, '0')}.wav`)] : [];
      // `--` ends the options: a message can never be read as one.
      const child = spawn(binary, ['-v', VOICES[u.lang], '-s', wpm, ...out, '--', u.text], { stdio: 'ignore' });
      current = child;
      return new Promise((resolve) => {
        child.on('error', () => resolve(false));
        child.on('close', (code) => {
          if (current === child) current = null;
          resolve(code === 0);
        });
      });
    },
    stop() {
      current?.kill('SIGKILL');
      current = null;
    },
  };
}
