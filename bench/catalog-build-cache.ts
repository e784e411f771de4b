/**
 * The catalog bench's built catalogs, kept in the system's temp directory between runs: building
 * 1,000,000 clips takes tens of minutes on a loaded machine, so an iteration that does not change
 * what a build writes loads the previous one instead (seconds). The cache key hashes the clip count,
 * the format version and the sources that decide the objects (the writer, the format, the terms,
 * the generator and the bench's own entries); any edit to them builds again. `CATALOG_BENCH_CACHE=0`
 * always builds.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { FRAGMENT_FORMAT_VERSION } from '../src/catalog/fragments/format.ts';
import type { memoryStore } from '../core/index/store.ts';

type MemoryObjects = ReturnType<typeof memoryStore>['objects'];
export interface CachedBuild {
  objects: number;
  bytes: number;
  buildS: number;
}

const root = new URL('..', import.meta.url).pathname;
const DIR = join(tmpdir(), 'ine-catalog-bench-cache');
/** Sources whose content decides what a build writes. */
const SOURCES = [
  'core/index',
  'src/catalog/fragments',
  'src/catalog/terms.ts',
  'src/catalog/normalize.ts',
  'src/contract/clip-fields.ts',
  'test/node/catalog/generate.ts',
  'bench/catalog-entries.ts',
];

function files(path: string): string[] {
  const full = join(root, path);
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full)
    .sort()
    .flatMap((f) => files(join(path, f)));
}

export function cacheFile(size: number): string | undefined {
  if (process.env.CATALOG_BENCH_CACHE === '0') return undefined;
  const h = createHash('sha256').update(`${size}:${FRAGMENT_FORMAT_VERSION}`);
  for (const f of SOURCES.flatMap(files)) h.update(f).update(readFileSync(join(root, f)));
  return join(DIR, `${size}-v${FRAGMENT_FORMAT_VERSION}-${h.digest('hex').slice(0, 16)}.ndjson`);
}

/** Two lines per object: `[key, cacheControl]`, then its text (JSON: no newline in it). */
export async function saveBuild(file: string, objects: MemoryObjects, meta: CachedBuild): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const out = createWriteStream(tmp);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(`${JSON.stringify(meta)}\n`);
  for (const [key, o] of objects) await write(`${JSON.stringify([key, o.cacheControl])}\n${o.text}\n`);
  out.end();
  await once(out, 'finish');
  renameSync(tmp, file);
}

export async function loadBuild(file: string, objects: MemoryObjects): Promise<CachedBuild | undefined> {
  if (!existsSync(file)) return undefined;
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let meta: CachedBuild | undefined;
  let head: [string, string] | undefined;
  for await (const line of lines) {
    if (!meta) meta = JSON.parse(line) as CachedBuild;
    else if (!head) head = JSON.parse(line) as [string, string];
    else {
      objects.set(head[0], { text: line, etag: '"cached"', cacheControl: head[1], at: Date.now() });
      head = undefined;
    }
  }
  return meta;
}
