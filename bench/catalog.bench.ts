/**
 * The catalog at election-night scale, in headless Chromium against the stand-in's CDN with 40 ms
 * added to every request (`npm run bench catalog`; sizes: CATALOG_BENCH_SIZES, default
 * 10000,100000). The stand-in's S3 stores 15–30 objects/s on a loaded 2-core machine, too slow for
 * the ~340,000 objects of a 1,000,000-clip catalog: CATALOG_BENCH_ORIGIN=memory serves the objects the
 * writer put in memory instead (same keys, Cache-Control, gzip and 40 ms); there, and above 200,000
 * clips, the baselines are not run (the previous format is every shard: ten times its 100,000 figures).
 *   CATALOG_BENCH_SIZES=1000000 CATALOG_BENCH_ORIGIN=memory NODE_OPTIONS=--max-old-space-size=12000 npm run bench catalog
 *
 * Per size, one fresh stand-in holds three catalogs of the same generated clips (realistic Spanish
 * metadata: accents, ñ, "elección", "debate", party names, a rare surname):
 *   - ours: the fragment catalog (format 3), written by the index writer's rebuild through S3;
 *   - v1:   the previous format (64 shards + manifest + first page), loaded whole in the background;
 *   - flat: one JSON array of every entry (the naive baseline).
 * Measured (Resource Timing encodedBodySize = bytes on the wire, gzip):
 *   - a visit that does not search: bytes before the first results, and in the 30 s after load;
 *   - cold searches (fresh browser context) of a common word, a rare word, three words and a common
 *     word written with ñ: bytes
 *     and time to ranked results (the 48 shown), then to facet counts;
 *   - keystroke latency once the fragments are cached (phrases typed key by key, second pass);
 *   - write amplification: objects and bytes per edit (title change, new clip, removal).
 * Goals: no-search visit ≤ 30 KB gzip at every size; cold search ≤ 150 KB gzip and ≤ 400 ms at
 * 1,000,000 clips; keystroke p95 ≤ 50 ms.
 */
import { createServer, request, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createSecureServer, type Http2SecureServer } from 'node:http2';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  CATALOG_VERSION,
  DEFAULT_SHARD_COUNT,
  RECENT_SIZE,
  compareNewest,
  manifestKey,
  RECENT_KEY,
  shardKey,
  shardOf,
  type CatalogEntry,
  type CatalogManifest,
  type CatalogShard,
} from '../src/catalog/format.ts';
import { startStandIn } from '../server/index.ts';
import { CollectionWriter } from '../core/index/collection-writer.ts';
import { memoryStore, s3Store } from '../core/index/store.ts';
import { rng } from '../test/node/catalog/generate.ts';
import { benchEntries } from './catalog-entries.ts';
import { cacheFile, loadBuild, saveBuild } from './catalog-build-cache.ts';

const SIZES = (process.env.CATALOG_BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const LATENCY_MS = 40;
const MEMORY_ORIGIN = process.env.CATALOG_BENCH_ORIGIN === 'memory';
const COLD = [
  { name: 'common word', text: 'elección' },
  { name: 'rare word', text: 'xicotencatl' },
  { name: 'three words', text: 'debate candidata morena' },
  // A common word written with ñ: its exact spelling's keys (the ranking bonus) are read too.
  { name: 'common word with ñ', text: 'campaña' },
];
/** What a user types, one keystroke at a time. */
const TYPED = ['eleccion', 'debate jal', 'candidata morena', 'peña', 'canal once seg', 'revocacion'];
const root = new URL('..', import.meta.url).pathname;

/** The page code, bundled from the library's own modules. */
async function bundle(kind: 'ours' | 'v1' | 'flat'): Promise<string> {
  const common = `performance.setResourceTimingBufferSize(100000); const w = window;`;
  const code = {
    ours: `${common}
      import { cdnFragmentSource } from './src/catalog/fragments/source.ts';
      import { FIRST_SCREEN } from './src/catalog/fragments/format.ts';
      const cat = await cdnFragmentSource(location.origin).open();
      const first = await cat.entries(await cat.query({}), 0, 48);
      w.__first = { at: performance.now(), count: first.length };
      w.__all = { at: performance.now(), count: cat.count };
      // As the catalog session does: ranked as far as the first screen and shown, the rest of the
      // page asked for right after the first screen's entries, then facets.
      w.__search = async (text) => {
        const t = performance.now();
        const a = await cat.query({ text }, FIRST_SCREEN);
        const end = Math.min(FIRST_SCREEN, a.total);
        const screenP = cat.entries(a, 0, end);
        const restP = cat.entries(a, end, a.totalExact ? Math.min(48, a.total) : 48, 'low');
        const screen = await screenP;
        const ms = performance.now() - t;
        const resultEntries = performance.getEntriesByType('resource').length;
        const rest = await restP;
        const pageMs = performance.now() - t;
        const pageEntries = performance.getEntriesByType('resource').length;
        const f = await cat.facets(a);
        return { ms, pageMs, facetMs: performance.now() - t, hits: a.total, screen: screen.length, shown: screen.length + rest.length, exact: f.exact, resultEntries, pageEntries };
      };`,
    v1: `${common}
      import { cdnSource, loadCollection } from './src/catalog/reader.ts';
      import { SearchIndex } from './src/catalog/search-index.ts';
      import { runQuery } from './src/catalog/query.ts';
      const index = new SearchIndex();
      loadCollection(cdnSource(location.origin), {
        onFirst: (entries) => { index.add(entries); w.__first = { at: performance.now(), count: entries.length }; },
        onShard: (entries) => index.add(entries),
      }).then(() => (w.__all = { at: performance.now(), count: index.size }), (e) => (w.__error = String(e)));
      w.__search = async (text) => {
        const t = performance.now();
        const r = runQuery(index, { text });
        const shown = r.entries.slice(0, 48);
        const ms = performance.now() - t;
        void r.facets.outlet.length;
        return { ms, facetMs: performance.now() - t, hits: r.entries.length, shown: shown.length, exact: true };
      };`,
    flat: `${common}
      let all = [];
      let hay = [];
      fetch(location.origin + '/catalog/flat.json').then((r) => r.json()).then((entries) => {
        all = entries.sort((a, b) => Date.parse(b.broadcastAt) - Date.parse(a.broadcastAt));
        w.__first = { at: performance.now(), count: Math.min(48, all.length) };
        hay = all.map((e) => [e.title, e.description, e.outlet, e.program, (e.tags || []).join(' '), (e.actors || []).join(' ')].join(' ').toLowerCase());
        w.__all = { at: performance.now(), count: all.length };
      }, (e) => (w.__error = String(e)));
      w.__search = async (text) => {
        const t = performance.now();
        const q = text.toLowerCase();
        const out = [];
        for (let i = 0; i < all.length; i++) if (hay[i].includes(q)) out.push(all[i]);
        const ms = performance.now() - t;
        return { ms, facetMs: ms, hits: out.length, shown: Math.min(48, out.length), exact: false };
      };`,
  }[kind];
  const out = await build({
    stdin: { contents: code, resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    target: 'es2022',
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/** The previous format's files for `entries`, laid out as its writer did. */
function v1Files(entries: CatalogEntry[]): Map<string, unknown> {
  const files = new Map<string, unknown>();
  const shards: CatalogShard[] = Array.from({ length: DEFAULT_SHARD_COUNT }, (_, n) => ({
    schemaVersion: CATALOG_VERSION,
    collection: 'catalog',
    shard: n,
    version: 1,
    entries: [],
  }));
  for (const e of entries) shards[shardOf(e.id, DEFAULT_SHARD_COUNT)].entries.push(e);
  for (const s of shards) {
    s.entries.sort((a, b) => (a.id < b.id ? -1 : 1));
    files.set(shardKey('catalog', s.shard), s);
  }
  const updatedAt = new Date().toISOString();
  const manifest: CatalogManifest = {
    schemaVersion: CATALOG_VERSION,
    collection: 'catalog',
    shardCount: DEFAULT_SHARD_COUNT,
    shards: shards.map((s) => ({ version: s.version, count: s.entries.length })),
    updatedAt,
  };
  files.set(manifestKey('catalog'), manifest);
  files.set(RECENT_KEY, {
    schemaVersion: CATALOG_VERSION,
    collection: 'catalog',
    entries: [...entries].sort(compareNewest).slice(0, RECENT_SIZE),
    updatedAt,
  });
  return files;
}

/**
 * The CDN as a viewer meets it: the stand-in's CDN origin behind 40 ms of added latency per request;
 * the bench pages themselves are served here (`/bench/<kind>.html|js`), also after the delay.
 */
function latencyProxy(
  cdn: string,
  pages: Map<string, { gz: Buffer; type: string }>,
  memory?: ReturnType<typeof memoryStore>,
): Promise<{ server: Server; origin: string; h2?: { server: Http2SecureServer; origin: string } }> {
  const target = new URL(cdn);
  const compressed = new WeakMap<object, Buffer>();
  /** The page or memory object at `path`, after the delay (undefined: not here, ask the stand-in). */
  const local = (path: string): { status: number; headers: Record<string, string | number>; body: Buffer } | undefined => {
    const page = pages.get(path);
    if (page)
      return { status: 200, headers: { 'content-type': page.type, 'content-encoding': 'gzip', 'content-length': page.gz.length, 'cache-control': 'no-store' }, body: page.gz }; // prettier-ignore
    if (!memory) return undefined;
    const obj = memory.objects.get(decodeURIComponent(path.slice(1)));
    if (!obj) return { status: 404, headers: {}, body: Buffer.alloc(0) };
    // Compressed once per object, as a CDN keeps its compressed copy (not per request).
    let body = compressed.get(obj);
    if (!body) compressed.set(obj, (body = gz(obj.text)));
    return { status: 200, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': body.length, 'cache-control': obj.cacheControl }, body }; // prettier-ignore
  };
  const server = createServer((req, res) => {
    setTimeout(() => {
      const got = local(new URL(req.url ?? '/', 'http://x').pathname);
      if (got) {
        res.writeHead(got.status, got.headers).end(got.body);
        return;
      }
      const up = request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      up.on('error', () => res.writeHead(502).end());
      req.pipe(up);
    }, LATENCY_MS);
  });
  // HTTP/2 (as CloudFront serves viewers): the memory origin only, with a certificate made now.
  let h2: Http2SecureServer | undefined;
  if (memory) {
    const dir = mkdtempSync(join(tmpdir(), 'ine-bench-h2-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' }); // prettier-ignore
    h2 = createSecureServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
      setTimeout(() => {
        const got = local(new URL(req.url ?? '/', 'https://x').pathname) ?? { status: 404, headers: {}, body: Buffer.alloc(0) };
        res.writeHead(got.status, got.headers).end(got.body);
      }, LATENCY_MS);
    });
    rmSync(dir, { recursive: true, force: true });
  }
  const listen = (s: Server | Http2SecureServer, scheme: string) =>
    new Promise<string>((resolve) => s.listen(0, '127.0.0.1', () => resolve(`${scheme}://127.0.0.1:${(s.address() as { port: number }).port}`)));
  return (async () => ({
    server,
    origin: await listen(server, 'http'),
    ...(h2 ? { h2: { server: h2, origin: await listen(h2, 'https') } } : {}),
  }))();
}

interface Timings {
  firstBytes: number;
  firstCatalogBytes: number;
  bytes30s: number;
  firstMs: number;
  allMs: number;
}

type W = {
  __first?: { at: number };
  __all?: { at: number; count: number };
  __error?: string;
  /** ms: to the first screen of ranked results (ours) or to all results (baselines); pageMs: to the page of 48. */
  __search: (t: string) => Promise<{
    ms: number;
    pageMs?: number;
    facetMs: number;
    hits: number;
    screen?: number;
    shown: number;
    exact: boolean;
    resultEntries?: number;
    pageEntries?: number;
  }>;
};

async function open(browser: Browser, url: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as W).__first || (window as unknown as W).__error, undefined, { timeout: 600_000 });
  return { page, close: () => context.close() };
}

/** A visit: bytes before the first results and in the 30 s after, and when everything was searchable. */
async function visit(browser: Browser, url: string): Promise<Timings> {
  const { page, close } = await open(browser, url);
  await page.waitForFunction(() => (window as unknown as W).__all || (window as unknown as W).__error, undefined, { timeout: 600_000 });
  const t = await page.evaluate(() => {
    const w = window as unknown as W;
    if (w.__error) throw new Error(w.__error);
    const firstAt = w.__first!.at;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    // (No named functions in here: the bundler's name helper does not exist in the page.)
    let firstBytes = nav.encodedBodySize;
    let firstCatalogBytes = 0;
    let bytes30s = nav.encodedBodySize;
    for (const e of res) {
      if (e.responseEnd <= firstAt) firstBytes += e.encodedBodySize;
      if (e.responseEnd <= firstAt && e.name.includes('/catalog/')) firstCatalogBytes += e.encodedBodySize;
      if (e.responseEnd <= nav.loadEventEnd + 30_000) bytes30s += e.encodedBodySize;
    }
    return { firstBytes, firstCatalogBytes, bytes30s, firstMs: firstAt, allMs: w.__all!.at };
  });
  await close();
  return t;
}

/**
 * The transport floor of a search: the same requests in the same dependency levels, in a fresh
 * context, fetched level by level without the reader (no parsing, no search): what the 40 ms per
 * request, the connection and this machine cost on their own. The baseline the search is compared to.
 */
async function replay(browser: Browser, url: string, levels: string[][]): Promise<number> {
  const { page, close } = await open(browser, url);
  await page.waitForFunction(() => (window as unknown as W).__all, undefined, { timeout: 600_000 });
  const ms = await page.evaluate(async (levels) => {
    const t = performance.now();
    for (const level of levels) await Promise.all(level.map((u) => fetch(u).then((r) => r.arrayBuffer())));
    return performance.now() - t;
  }, levels);
  await close();
  return ms;
}

/** A search in a fresh context (cold caches): bytes and time to the shown results, then to facets. */
async function coldSearch(browser: Browser, url: string, text: string) {
  const { page, close } = await open(browser, url);
  await page.waitForFunction(() => (window as unknown as W).__all, undefined, { timeout: 600_000 });
  const r = await page.evaluate(async (text) => {
    const w = window as unknown as W;
    const before = performance.getEntriesByType('resource').length;
    const res = await w.__search(text);
    const after = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const toResults = after.slice(before, res.resultEntries ?? after.length);
    const toPage = after.slice(before, res.pageEntries ?? res.resultEntries ?? after.length);
    const fetched = after.slice(before);
    // (No named helper here: this runs in the page, where the bundler's name shim does not exist.)
    const [bytes, resultBytes, pageBytes] = [fetched, toResults, toPage].map((es) => es.reduce((n, e) => n + e.encodedBodySize, 0));
    const protocols = [...new Set(fetched.map((e) => e.nextHopProtocol))].join('+');
    const t0 = fetched.length ? Math.min(...fetched.map((e) => e.startTime)) : 0;
    const waterfall = toResults.map(
      (e) =>
        `${new URL(e.name).pathname.replace(/^\/(catalog|index)\/(f\/)?/, '').slice(0, 3)} ${Math.round(e.startTime - t0)}-${Math.round(e.responseEnd - t0)} ${e.encodedBodySize}`,
    );
    // The requests' dependency levels: a request issued before any of the current level answered
    // belongs to it; one issued after, to the next (it may depend on an answer).
    const levels: string[][] = [];
    let levelEnd = -Infinity;
    for (const e of [...toResults].sort((a, b) => a.startTime - b.startTime)) {
      if (!levels.length || e.startTime >= levelEnd) {
        levels.push([]);
        levelEnd = Infinity;
      }
      levels[levels.length - 1].push(e.name);
      levelEnd = Math.min(levelEnd, e.responseEnd);
    }
    const pageRequests = toPage.length - toResults.length;
    return {
      ...res,
      bytes,
      resultBytes,
      pageBytes,
      protocols,
      requests: toResults.length,
      pageRequests,
      facetRequests: fetched.length - toPage.length,
      waterfall,
      levels,
    };
  }, text);
  await close();
  return r;
}

/** A cold search's figures: the first screen of ranked results, the page, the facets. */
function searched(r: Awaited<ReturnType<typeof coldSearch>>): string {
  return (
    `${r.hits.toLocaleString('en-US')} matches; first screen of ranked results (${r.screen}) from ${kb(r.resultBytes)} in ${r.requests} requests, ${ms(r.ms)}; ` +
    `the page (${r.shown}) +${kb(r.pageBytes - r.resultBytes)} in ${r.pageRequests} requests, at ${ms(r.pageMs ?? r.ms)}; ` +
    `facets (${r.exact ? 'exact' : 'approximate'}) +${kb(r.bytes - r.pageBytes)} in ${r.facetRequests} requests, at ${ms(r.facetMs)}`
  );
}

async function keystrokes(browser: Browser, url: string): Promise<{ median: number; p95: number }> {
  const { page, close } = await open(browser, url);
  await page.waitForFunction(() => (window as unknown as W).__all, undefined, { timeout: 600_000 });
  const times = await page.evaluate(async (typed) => {
    const w = window as unknown as W;
    const out: number[] = [];
    for (let round = 0; round < 2; round++)
      for (const phrase of typed)
        for (let i = 1; i <= phrase.length; i++) {
          const r = await w.__search(phrase.slice(0, i));
          if (round === 1) out.push(r.pageMs ?? r.ms); // round 0 fetches the fragments and warms the JIT
        }
    return out;
  }, TYPED);
  await close();
  return { median: pct(times, 50), p95: pct(times, 95) };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;
const gz = (text: string) => gzipSync(text, { level: 6 });

const started = Date.now();
const pages = new Map<string, { gz: Buffer; type: string }>();
for (const kind of ['ours', 'v1', 'flat'] as const) {
  pages.set(`/bench/${kind}.js`, { gz: gz(await bundle(kind)), type: 'text/javascript' });
  pages.set(`/bench/${kind}.html`, {
    gz: gz(`<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="/bench/${kind}.js"></script>`),
    type: 'text/html',
  });
}
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--no-first-run',
    '--disable-background-networking',
    '--ignore-certificate-errors',
  ],
});
try {
  for (const size of SIZES) {
    const dataDir = mkdtempSync(join(tmpdir(), 'ine-bench-catalog-'));
    const standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir, packager: false, indexer: false });
    const s3 = new S3Client({
      region: standIn.config.region,
      endpoint: standIn.urls.s3,
      forcePathStyle: true,
      credentials: standIn.staticCredentials,
    });
    const bucket = standIn.config.bucket;
    const memory = MEMORY_ORIGIN ? memoryStore() : undefined;
    const { server, origin, h2 } = await latencyProxy(standIn.urls.cdn, pages, memory);
    try {
      const t0 = Date.now();
      const entries = benchEntries(size);
      const writer = new CollectionWriter(memory ?? s3Store(s3, bucket), 'catalog');
      const cache = memory ? cacheFile(size) : undefined;
      const cached = cache && memory ? await loadBuild(cache, memory.objects) : undefined;
      const built = cached ?? (await writer.rebuild(entries));
      const buildS = cached?.buildS ?? (Date.now() - t0) / 1000;
      if (cache && memory && !cached) await saveBuild(cache, memory.objects, { ...built, buildS });
      const put = (key: string, body: string, cacheControl: string) =>
        s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json', CacheControl: cacheControl }));
      const withBaselines = size <= 200_000 && !memory;
      if (withBaselines) await Promise.all([...v1Files(entries)].map(([key, doc]) => put(key, JSON.stringify(doc), 'public, max-age=60')));
      // A flat array of a million entries is past V8's longest string (and a browser's patience): skipped there.
      const withFlat = withBaselines;
      if (withFlat) await put('catalog/flat.json', JSON.stringify(entries), 'public, max-age=60');

      if (size === SIZES[0]) await visit(browser, `${origin}/bench/ours.html`); // warm-up, not reported
      const lines = [
        `${size.toLocaleString('en-US')} clips, load average ${loadavg()[0].toFixed(1)} (fragment catalog: ${built.objects.toLocaleString('en-US')} objects, ${kb(built.bytes)} raw, built in ${buildS.toFixed(0)} s${cached ? `, loaded from ${cache} in ${((Date.now() - t0) / 1000).toFixed(0)} s` : ''})`,
      ];
      const visits: Record<string, Timings> = {
        ours: await visit(browser, `${origin}/bench/ours.html`),
      };
      if (withBaselines) visits.v1 = await visit(browser, `${origin}/bench/v1.html`);
      if (withFlat) visits.flat = await visit(browser, `${origin}/bench/flat.html`);
      for (const [k, v] of Object.entries(visits))
        lines.push(
          `  visit, no search [${k.padEnd(4)}]: before first results ${kb(v.firstBytes)} (catalog ${kb(v.firstCatalogBytes)}) in ${ms(v.firstMs)}; in the 30 s after load ${kb(v.bytes30s)}; all searchable at ${ms(v.allMs)}`,
        );
      for (const c of COLD) {
        const ours = await coldSearch(browser, `${origin}/bench/ours.html`, c.text);
        const floor = await replay(browser, `${origin}/bench/ours.html`, ours.levels);
        lines.push(
          `  cold search, ${c.name} "${c.text}": ${searched(ours)}` +
            (withBaselines ? `   [v1 and flat: search once everything is loaded, at ${ms(visits.v1.allMs)} / ${ms(visits.flat.allMs)}]` : ''),
          `    transport floor: the same ${ours.requests} requests in ${ours.levels.length} dependent levels, fetched without the reader, ${ms(floor)}; search / floor ${(ours.ms / floor).toFixed(2)}`,
        );
        if (process.env.CATALOG_BENCH_WATERFALL) lines.push(`    waterfall: ${ours.waterfall.join(' | ')}`);
      }
      if (h2) {
        const v = await visit(browser, `${h2.origin}/bench/ours.html`);
        lines.push(`  [HTTP/2] visit, no search: before first results ${kb(v.firstBytes)} (catalog ${kb(v.firstCatalogBytes)}) in ${ms(v.firstMs)}`);
        for (const c of COLD) {
          const ours = await coldSearch(browser, `${h2.origin}/bench/ours.html`, c.text);
          const floor = await replay(browser, `${h2.origin}/bench/ours.html`, ours.levels);
          lines.push(
            `  [HTTP/2] cold search, ${c.name} "${c.text}" (${ours.protocols}): ${searched(ours)}`,
            `    transport floor: the same ${ours.requests} requests in ${ours.levels.length} dependent levels, fetched without the reader, ${ms(floor)}; search / floor ${(ours.ms / floor).toFixed(2)}`,
          );
          if (process.env.CATALOG_BENCH_WATERFALL) lines.push(`    waterfall: ${ours.waterfall.join(' | ')}`);
        }
      }
      const keys: Record<string, { median: number; p95: number }> = {
        ours: await keystrokes(browser, `${origin}/bench/ours.html`),
      };
      if (withBaselines) keys.v1 = await keystrokes(browser, `${origin}/bench/v1.html`);
      if (withFlat) keys.flat = await keystrokes(browser, `${origin}/bench/flat.html`);
      lines.push(
        `  keystroke once cached, median / p95: ${Object.entries(keys)
          .map(([k, v]) => `${k} ${v.median.toFixed(1)} / ${v.p95.toFixed(1)} ms`)
          .join('   ')}`,
      );

      // Write amplification: single edits on the built catalog.
      const r = rng(size + 1);
      const edits: Array<{ kind: string; objects: number; bytes: number }> = [];
      const fresh = benchEntries(5).map((e, i) => ({ ...e, id: `${'f'.repeat(31)}${i}` }));
      for (let i = 0; i < 4; i++) {
        const e = entries[Math.floor(r() * entries.length)];
        const rep = await writer.apply(e.id, { ...e, title: `${e.title} debate corregido` });
        edits.push({ kind: 'edit title', ...rep });
      }
      for (const e of fresh.slice(0, 3)) edits.push({ kind: 'new clip', ...(await writer.apply(e.id, e)) });
      for (let i = 0; i < 3; i++) edits.push({ kind: 'remove', ...(await writer.apply(entries[Math.floor(r() * entries.length)].id, undefined)) });
      for (const kind of ['edit title', 'new clip', 'remove']) {
        const xs = edits.filter((x) => x.kind === kind);
        lines.push(`  write amplification, ${kind.padEnd(10)}: ${xs.map((x) => `${x.objects} objects / ${kb(x.bytes)}`).join(', ')}`);
      }
      console.log(lines.join('\n'));
    } finally {
      server.close();
      h2?.server.close();
      s3.destroy();
      await standIn.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
} finally {
  await browser.close();
}
console.log(
  `\n(${LATENCY_MS} ms added per request; HTTP/1.1 to the stand-in's CDN, six connections${MEMORY_ORIGIN ? '; [HTTP/2]: the same objects over TLS + HTTP/2, one connection' : ''}; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}; ${Math.round((Date.now() - started) / 1000)} s)`,
);
