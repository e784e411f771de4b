/** The OpenAPI document: generated from the routes (never stale), a valid OpenAPI 3.1 document, shipped with the package. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { OPENAPI_PATH } from '../../../scripts/gen-openapi.ts';
import { API_PROBLEMS } from '../../../core/api/problem-codes.ts';
import { ROUTES } from '../../../core/api/routes/index.ts';

describe('OpenAPI document', () => {
  it('is current (scripts/gen-openapi.ts --check)', () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/gen-openapi.ts', '--check'], { stdio: 'pipe' });
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(OPENAPI_PATH);
    assert.ok(result.valid, JSON.stringify(result.errors, null, 1));
    const doc = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
    assert.equal(doc.openapi, '3.1.0');
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    assert.deepEqual(ops.sort(), ROUTES.map((r) => r.operationId).sort());
  });

  it('is shipped with the package and lists every problem code', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      files: string[];
      exports: Record<string, unknown>;
    };
    assert.ok(pkg.files.includes('schemas'));
    assert.ok(pkg.exports['./openapi.json']);
    const text = readFileSync(OPENAPI_PATH, 'utf8');
    for (const code of Object.keys(API_PROBLEMS)) assert.ok(text.includes(`"${code}"`), code);
  });
});
