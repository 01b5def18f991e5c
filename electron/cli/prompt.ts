// Reads a secret (PIN) without echoing it. With --pin-stdin (scripts, tests) it reads one line from
// standard input instead. The value is returned to the caller only; it is never printed or logged.
import { createInterface } from 'node:readline';

export async function readSecret(prompt: string, fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) return readLine();
  process.stderr.write(prompt);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const done = (err: Error | null) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    stdin.on('data', onData);
  });
}

function readLine(): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin });
    let got = false;
    rl.once('line', (line) => {
      got = true;
      rl.close();
      resolve(line.trim());
    });
    rl.once('close', () => {
      if (!got) reject(new Error('no PIN on standard input'));
    });
  });
}
