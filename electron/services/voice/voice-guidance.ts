// Voice guidance in the main process: at start it checks which offered languages its engine can
// speak; when the window reports its own voices (voice.check) it works out which languages nobody
// here can speak and tells the technician — in the log and in the heartbeat's `voice` signal —
// rather than leaving a blind resident with a silent kiosk. voice.say speaks with the engine.
// Nothing spoken is logged or kept (the messages carry no PIN digit and no personal data anyway).
import { KioskError } from '../../../common/errors';
import type { KioskApi, VoiceLangView } from '../../../common/api/contract';
import type { SpeechEngine, Utterance } from './espeak-engine';

export const OFFERED_LANGS: readonly VoiceLangView[] = ['ja', 'en', 'zh', 'ko'];

export interface VoiceGuidance {
  api: Pick<KioskApi, 'voice.check' | 'voice.say'>;
  /** The heartbeat's signal: 'ok', 'missing:<langs>', or 'unchecked' before the engine was probed. */
  signal(): string;
  /** Called with the new signal whenever it changes. */
  onSignal(listener: (signal: string) => void): () => void;
  close(): void;
}

export function createVoiceGuidance(opts: {
  engine: SpeechEngine | null;
  offered?: readonly VoiceLangView[];
  log?: (m: string) => void;
  /** Sees every message handed to the engine (the demo and the tests record what the kiosk says). */
  onSay?: (u: Utterance) => void;
}): VoiceGuidance {
  const log = opts.log ?? (() => undefined);
  const offered = opts.offered ?? OFFERED_LANGS;
  let main: VoiceLangView[] = [];
  let browser: VoiceLangView[] | null = null;
  let signal = 'unchecked';
  const listeners = new Set<(s: string) => void>();

  function update(): VoiceLangView[] {
    // Until the window has reported, only the engine's own languages count as spoken.
    const missing = offered.filter((l) => !main.includes(l) && !(browser ?? []).includes(l));
    const next = missing.length === 0 ? 'ok' : `missing:${missing.join(',')}`;
    if (next !== signal) {
      signal = next;
      if (missing.length > 0) log(`voice guidance: no voice for ${missing.join(', ')} on this machine (install espeak-ng, or a system voice for the language)`);
      for (const l of listeners) l(signal);
    }
    return missing;
  }

  const probed = (opts.engine ? opts.engine.probe(offered) : Promise.resolve([])).then(
    (langs) => {
      main = langs;
      update();
    },
    () => update(),
  );

  return {
    api: {
      'voice.check': async ({ browser: b }) => {
        await probed;
        browser = b;
        const missing = update();
        return { engine: opts.engine && main.length > 0 ? opts.engine.name : 'none', main, missing };
      },
      'voice.say': async (u) => {
        await probed;
        if (!opts.engine || !main.includes(u.lang)) throw new KioskError('api.unsupported', `this kiosk's own voice does not speak ${u.lang}`);
        opts.onSay?.(u);
        return { spoken: await opts.engine.say(u) };
      },
    },
    signal: () => signal,
    onSignal(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => opts.engine?.stop(),
  };
}
