// The committed OpenAPI file must equal what the route table and zod schemas generate, and every
// documented operation must exist in the running server (a request reaches a handler, not a 404).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOpenApi, documentedRoutes, OPENAPI_PATH } from '../../backoffice/openapi';
import { startBackOffice } from '../../backoffice/server';

test('backoffice/openapi.json matches the code (regenerate: node --import tsx backoffice/openapi.ts --write)', () => {
  const onDisk = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
  assert.deepEqual(onDisk, buildOpenApi(documentedRoutes()));
  assert.equal(onDisk.openapi, '3.1.0');
});

test('every documented path and method is served', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'bo-'));
  const bo = await startBackOffice({ dataDir: dir });
  t.after(async () => { await bo.close(); rmSync(dir, { recursive: true, force: true }); });
  const doc = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const method of Object.keys(methods)) {
      const res = await fetch(bo.url + path.replace(/\{\w+\}/g, 'x1'), { method: method.toUpperCase(), ...(method === 'get' ? {} : { body: '{}', headers: { 'content-type': 'application/json', 'idempotency-key': 'k' } }) });
      assert.notEqual(res.status, 405, `${method} ${path}`);
      const body = await res.json() as { kind?: string; message?: string };
      assert.ok(!(res.status === 404 && String(body.message).startsWith('no route')), `${method} ${path} has no handler`);
    }
  }
});
