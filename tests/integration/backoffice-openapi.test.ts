// test-lane: free
// The committed OpenAPI file must equal what the route table and zod schemas generate, and every
// documented operation must exist in the running server (a request reaches a handler, not a 404)
// and answer a minimal request without failing (a 5xx is a failure, never "served").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOpenApi, documentedRoutes, OPENAPI_PATH } from '../../backoffice/openapi';
import { startBackOffice } from '../../backoffice/server';
import { kioskHeaders, testCredentials } from '../helpers/backoffice-access';
import { testStore } from '../helpers/backoffice-store';

test('backoffice/openapi.json matches the code (regenerate: node --import tsx backoffice/openapi.ts --write)', () => {
  const onDisk = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
  assert.deepEqual(onDisk, buildOpenApi(documentedRoutes()));
  assert.equal(onDisk.openapi, '3.1.0');
});

test('every documented path and method is served, and none answers a 5xx', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'bo-'));
  const bo = await startBackOffice({ ...(await testStore(dir)), dataDir: dir, credentials: testCredentials({ 'kiosk-1': 'hospital' }) });
  t.after(async () => { await bo.close(); rmSync(dir, { recursive: true, force: true }); });
  const doc = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  // Without a credential, and as a registered kiosk (so the kiosk routes reach their handlers).
  for (const credential of [{}, kioskHeaders('kiosk-1')]) {
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        const res = await fetch(bo.url + path.replace(/\{\w+\}/g, 'x1'), { method: method.toUpperCase(), headers: credential,
          ...(method === 'get' ? {} : { body: '{}', headers: { ...credential, 'content-type': 'application/json', 'idempotency-key': 'k' } }) });
        const what = `${method} ${path} ${Object.keys(credential).join('') || 'anonymous'}`;
        assert.notEqual(res.status, 405, what);
        const body = await res.json() as { kind?: string; message?: string };
        assert.ok(!(res.status === 404 && String(body.message).startsWith('no route')), `${what} has no handler`);
        // A 5xx would mean the server failed on a request it should have answered or refused.
        assert.ok(res.status < 500, `${what}: ${res.status} ${JSON.stringify(body)}`);
        assert.equal(typeof body.kind === 'string' || res.status < 300, true, `${what}: an error answer has a kind`);
      }
    }
  }
});
