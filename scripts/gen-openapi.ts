/**
 * Writes schemas/openapi.json (the Web API's OpenAPI 3.1 document, shipped with the package) from the
 * routes and schemas in core/api. `npx tsx scripts/gen-openapi.ts` rewrites it; `--check` exits
 * non-zero when it is stale (test/node/api/openapi.test.ts runs it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from '../core/api/openapi.ts';

export const OPENAPI_PATH = fileURLToPath(new URL('../schemas/openapi.json', import.meta.url));

export function renderOpenApi(): string {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return `${JSON.stringify(openApiDocument(version), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = renderOpenApi();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(OPENAPI_PATH, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      console.error('schemas/openapi.json is stale: run `npx tsx scripts/gen-openapi.ts`');
      process.exit(1);
    }
  } else writeFileSync(OPENAPI_PATH, text);
}
