// test-file-limit: 420
// test-lane: free
// The back-office suite again, on PostgreSQL: the same test files (API, OpenAPI, revocation,
// authentication, input hardening, route fuzzing) run against a real PostgreSQL cluster started
// for this file (tests/helpers/postgres.ts), each data folder in a database of its own
// (tests/helpers/backoffice-store.ts). `npm test` runs them on SQLite as well, as themselves.
// Two files at a time: each waits mostly on the server's synced commits, so two keep the cluster
// and the cores busy where one leaves them idle; their databases never meet.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { TEST_STORE_ENV } from '../helpers/backoffice-store';
import { postgresMissing, startPostgres, type PostgresCluster } from '../helpers/postgres';

const SUITE = [
  'tests/integration/backoffice-api.test.ts',
  'tests/integration/backoffice-openapi.test.ts',
  'tests/integration/backoffice-revocation.test.ts',
  'tests/integration/backoffice-retention.test.ts',
  'tests/integration/payment-links.test.ts',
  'tests/integration/payment-desk.test.ts',
  'tests/security/auth-eligibility.test.ts',
  'tests/security/auth-holder.test.ts',
  'tests/security/auth-kiosk.test.ts',
  'tests/security/auth-reprint.test.ts',
  'tests/security/auth-desk.test.ts',
  'tests/security/auth-tls.test.ts',
  'tests/security/input-http.test.ts',
  'tests/security/input-sync.test.ts',
  'tests/security/fuzz-routes.test.ts',
];

const missing = postgresMissing();
let cluster: PostgresCluster | undefined;
before(async () => { if (!missing) cluster = await startPostgres(); });
after(async () => { await cluster?.stop(); });

function runFile(file: string, base: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', file], {
      // NODE_TEST_CONTEXT would make the child report to this runner instead of running its file.
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_TEST_CONTEXT')), [TEST_STORE_ENV]: base }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => { output += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { output += c.toString(); });
    // A file that hangs fails here with its output instead of stalling the whole run.
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, output }); });
  });
}

describe('the back-office suite on PostgreSQL', { concurrency: 2 }, () => {
  for (const file of SUITE) {
    test(`on PostgreSQL: ${file}`, { skip: missing }, async () => {
      const { code, output } = await runFile(file, cluster!.url(''));
      const failed = /^ℹ fail (\d+)/m.exec(output)?.[1];
      const passed = Number(/^ℹ pass (\d+)/m.exec(output)?.[1] ?? 0);
      assert.ok(code === 0 && failed === '0' && passed > 0, `${file} on PostgreSQL failed (exit ${code}):\n${output.slice(-6000)}`);
    });
  }
});
