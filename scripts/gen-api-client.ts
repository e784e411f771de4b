/**
 * Writes the Web API client's generated half from schemas/openapi.json (itself generated from the
 * routes, scripts/gen-openapi.ts): `src/api/openapi-types.ts` (every path, operation and schema as
 * TypeScript types, by openapi-typescript) and `src/api/operations.ts` (operation id → method and
 * path). `src/api/client.ts` is the hand-written half and only reads these, so the client cannot
 * drift from the document. `--check` exits non-zero when either file is stale (test/node/api/client.test.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';

const DOC = new URL('../schemas/openapi.json', import.meta.url);
const TYPES = fileURLToPath(new URL('../src/api/openapi-types.ts', import.meta.url));
const OPERATIONS = fileURLToPath(new URL('../src/api/operations.ts', import.meta.url));
const HEADER = '/* Generated from schemas/openapi.json by scripts/gen-api-client.ts; do not edit. */\n';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Doc {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], { operationId?: string }>>>;
}

export async function renderApiClient(): Promise<Record<string, string>> {
  const doc = JSON.parse(readFileSync(DOC, 'utf8')) as Doc;
  const types = HEADER + astToString(await openapiTS(DOC));
  const rows: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const id = item[method]?.operationId;
      if (!id) continue;
      rows.push(`  ${id}: { method: '${method.toUpperCase()}', path: '${path}' },`);
    }
  }
  const operations = `${HEADER}/** Every operation of the Web API: its method and path template. */
export const OPERATIONS = {
${rows.join('\n')}
} as const;
`;
  // Formatted as the repository's Prettier configuration says, so `npm run lint` and `--check` agree.
  const pretty = async (file: string, text: string) => format(text, { ...(await resolveConfig(file)), filepath: file });
  return { [TYPES]: await pretty(TYPES, types), [OPERATIONS]: await pretty(OPERATIONS, operations) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await renderApiClient();
  const stale = Object.entries(files).filter(([file, text]) => {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing counts as stale
    }
    return current !== text;
  });
  if (process.argv.includes('--check')) {
    if (stale.length) {
      console.error(`stale: ${stale.map(([f]) => f).join(', ')}: run \`npx tsx scripts/gen-api-client.ts\``);
      process.exit(1);
    }
  } else for (const [file, text] of stale) writeFileSync(file, text);
}
