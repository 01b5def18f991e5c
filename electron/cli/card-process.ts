// `madoguchi card …` runs in a child process. A card that stops answering can leave the PC/SC addon
// blocked inside SCardTransmit on a libuv worker thread; Node then cannot exit at all (process.exit
// joins the worker pool). The parent never touches PC/SC: it takes the child's exit code over IPC
// once the command has printed its result, ends the child if it cannot exit, and exits itself.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CARD_CHILD_ENV = 'MADOGUCHI_CARD_CHILD';
/** How long a child that reported its result may take to exit before it is ended. */
const EXIT_GRACE_MS = 500;

export function isCardChild(): boolean {
  return process.env[CARD_CHILD_ENV] === '1';
}

/** In the child: hands the exit code to the parent (the process may be unable to exit by itself). */
export function reportCardExit(code: number): void {
  process.send?.({ madoguchiExit: code });
}

/** Runs `madoguchi card <args>` in a child started the way this process was: bin/madoguchi.mjs in a
 *  checkout, the bundled dist/electron/cli/madoguchi.js in the package (same runtime and flags). */
export function runCardInChild(args: string[]): Promise<number> {
  const entry = process.argv[1] ?? fileURLToPath(new URL('../../bin/madoguchi.mjs', import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, entry, 'card', ...args], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [CARD_CHILD_ENV]: '1' },
  });
  return new Promise((resolve) => {
    let reported: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    child.on('message', (m: unknown) => {
      const code = (m as { madoguchiExit?: unknown }).madoguchiExit;
      if (typeof code !== 'number') return;
      reported = code;
      timer = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(reported ?? code ?? 1);
    });
    child.on('error', () => resolve(1));
  });
}
