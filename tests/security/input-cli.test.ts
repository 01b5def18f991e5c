// The back-office CLI (issue 9): `--help` prints the usage and exits 0 instead of a stack trace, a
// wrong option says what is wrong, and it serves TLS — mutual TLS with a client CA — with the same
// options as the library.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTlsFiles } from '../helpers/tls-certs';

const root = new URL('../..', import.meta.url).pathname;
/** One run of the back-office CLI: its exit status and output. Runs side by side (each is a Node start). */
function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'backoffice/main.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}
const STACK = /^\s+at\s/m;

test('--help prints the usage and exits 0, without a stack trace and without touching the data folder', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'bo-cli-')), 'data');
  const flags = ['--help', '-h'];
  const runs = await Promise.all(flags.map((flag) => cli(['--data', dir, flag])));
  for (const r of runs) {
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Usage: node --import tsx backoffice\/main\.ts/);
    assert.match(r.stdout, /--tls-client-ca <file>/);
    assert.equal(r.stderr, '');
  }
  assert.equal(existsSync(dir), false, 'nothing was created');
});

test('a wrong option or value exits 2 with what is wrong and the usage, never a stack trace', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'bo-cli-')), 'data');
  const cases = [[['--bogus'], /Unknown option '--bogus'/], [['--port', 'x1'], /invalid --port x1/],
    [['--tls-cert', 'a.crt'], /--tls-cert and --tls-key go together/], [['--tls-cert', '/nonexistent.crt', '--tls-key', '/nonexistent.key'], /cannot read --tls-cert/]] as const;
  const runs = await Promise.all(cases.map(([args]) => cli(['--data', dir, ...args])));
  for (const [i, [args, said]] of cases.entries()) {
    const r = runs[i]!;
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, said);
    assert.match(r.stderr, /Usage:/);
    assert.doesNotMatch(r.stderr, STACK);
  }
  assert.equal(existsSync(dir), false, 'nothing was created');
});

test('the CLI serves mutual TLS: --tls-cert/--tls-key with --tls-client-ca refuses a client without a certificate', async (t) => {
  const tls = makeTlsFiles();
  const data = mkdtempSync(join(tmpdir(), 'bo-cli-tls-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'backoffice/main.ts', '--port', '0', '--data', data,
    '--tls-cert', tls.serverCert, '--tls-key', tls.serverKey, '--tls-client-ca', tls.caCert], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => { child.kill('SIGTERM'); rmSync(data, { recursive: true, force: true }); rmSync(tls.dir, { recursive: true, force: true }); });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /backoffice: listening (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  assert.match(url, /^https:\/\/127\.0\.0\.1:\d+$/);
  const get = (withCert: boolean) => new Promise<number>((resolve, reject) => {
    const req = request(`${url}/v1/health`, {
      ca: tls.read(tls.caCert), ...(withCert ? { cert: tls.read(tls.clientCert), key: tls.read(tls.clientKey) } : {}),
    }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)); });
    req.on('error', reject);
    req.end();
  });
  assert.equal(await get(true), 200, 'a client certificate of the kiosk CA is served');
  await assert.rejects(get(false), 'no client certificate: the TLS handshake is refused');
});
