// Runs many `madoguchi` command lines in ONE process, through the same `main(argv)` that
// bin/madoguchi.mjs calls, and prints their results as one JSON line:
//   node --import tsx tests/helpers/cli-in-process.ts '[["verify","--help"],["logs","--frobnicate"]]'
//   → [{"status":0,"stdout":"Usage: …","stderr":""}, …]
// For checking every command's usage answers without starting a Node process per command line
// (about a second each); the launcher itself is still run as a technician runs it by the tests
// that use this. Only for command lines that stop at their usage (help, unknown option, missing
// value): those return before a command does any work.
import { main } from '../../electron/cli/main';

const lines = JSON.parse(process.argv[2] ?? '[]') as string[][];
const results: { status: number; stdout: string; stderr: string }[] = [];
const realOut = process.stdout.write.bind(process.stdout);
const realErr = process.stderr.write.bind(process.stderr);
for (const argv of lines) {
  let stdout = '';
  let stderr = '';
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += chunk.toString()), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += chunk.toString()), true)) as typeof process.stderr.write;
  let status: number;
  try {
    status = await main(argv);
  } finally {
    process.stdout.write = realOut;
    process.stderr.write = realErr;
  }
  results.push({ status, stdout, stderr });
}
process.stdout.write(`${JSON.stringify(results)}\n`);
