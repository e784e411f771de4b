// The script-tag loader as built (`dist/ine-elements.js`; the `build` step of `npm test` comes
// first): it must run without fetching anything else first, and carry the table the loader uses
// to fetch a lazy chunk together with its imports (scripts/lib/vite-preload-deps.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

const dist = new URL('../../dist/', import.meta.url);
const loaderUrl = new URL('ine-elements.js', dist);

function loader(): string {
  assert.ok(existsSync(loaderUrl), 'dist/ine-elements.js exists (run npm run build)');
  return readFileSync(loaderUrl, 'utf8');
}

function chunkTable(code: string): Record<string, string[]> {
  const m = /^globalThis\[Symbol\.for\("ine-video-elements\.chunk-deps"\)\]=\{base:import\.meta\.url,deps:(\{.*?\})\};\n/.exec(code);
  assert.ok(m, 'the chunk table is the first line');
  return JSON.parse(m[1]) as Record<string, string[]>;
}

test('the loader imports nothing statically: it runs as soon as it arrives', () => {
  const code = loader();
  assert.doesNotMatch(code, /\bimport\s*\{[^}]*\}\s*from\s*["'`]|\bimport\s*["'`]\.\//, 'no static import in dist/ine-elements.js');
});

test('each element chunk is listed with the chunks it imports, and the files exist', () => {
  const table = chunkTable(loader());
  const files = (id: string) => table[id]?.map((f) => f.replace(/^\.\/chunks\//, '').replace(/-[\w-]{8}\.js$/, ''));
  // error-codes: the one code table, shared with the catalog and the error mapping (1 KB, preloaded
  // in parallel with the player's chunk).
  assert.deepEqual(files('src/elements/player/ine-player.ts')?.sort(), ['define', 'error-codes', 'ine-player', 'lit']);
  // integrity-gate: the provenance checks (docs/integrity-provenance.md), shared with the native path.
  assert.deepEqual(files('src/elements/player/hls-engine.ts')?.sort(), ['hls', 'hls-engine', 'integrity-gate']);
  assert.ok(files('src/elements/uploader/ine-uploader.ts')?.includes('lit'));
  assert.ok(files('src/elements/catalog/ine-catalog.ts')?.includes('define'));
  for (const list of Object.values(table)) for (const f of list) assert.ok(existsSync(new URL(f, dist)), `${f} exists`);
  // Only what some code asks for by name: not every lazy chunk of the bundle.
  assert.ok(Object.keys(table).length <= 6, `small table: ${Object.keys(table).join(', ')}`);
});

test("the loader's source map accounts for the table's line", () => {
  const code = loader();
  const map = JSON.parse(readFileSync(new URL('ine-elements.js.map', dist), 'utf8')) as { mappings: string };
  assert.ok(map.mappings.startsWith(';'), 'line 1 (the table) maps to nothing');
  assert.ok(!map.mappings.startsWith(';;'), 'shifted once, not twice');
  const codeLines = code.replace(/\n\/\/# sourceMappingURL=.*\n?$/, '').split('\n').length;
  assert.equal(map.mappings.split(';').length, codeLines, 'one mapping line per code line');
});

test('hls.js full (alternate audio) is a chunk of its own, imported by the engine only on demand', async () => {
  const { readdirSync } = await import('node:fs');
  const { gzipSync } = await import('node:zlib');
  const chunks = readdirSync(new URL('chunks/', dist)).filter((f) => f.endsWith('.js'));
  const one = (prefix: string) => {
    const found = chunks.filter((f) => new RegExp(`^${prefix}-[\\w-]{8}\\.js$`).test(f));
    assert.equal(found.length, 1, `one ${prefix} chunk: ${found.join(', ')}`);
    return readFileSync(new URL(`chunks/${found[0]}`, dist));
  };
  const engine = one('hls-engine').toString();
  assert.match(engine, /import\(`\.\/hls-full-[\w-]{8}\.js`\)|import\("\.\/hls-full-[\w-]{8}\.js"\)/, 'a dynamic import');
  assert.doesNotMatch(engine, /from\s*["'`]\.\/hls-full-/, 'never a static one');
  const light = gzipSync(one('hls')).length;
  const full = gzipSync(one('hls-full')).length;
  assert.ok(light < full * 0.75, `the light chunk (${light} B gzip) is the light build, not the full one (${full} B)`);
});
