/**
 * `<ine-catalog>`'s format and search at 1,000 / 10,000 / 100,000 clips, in headless Chromium.
 *
 * For each size it writes a generated catalog in the real format (64 id-hash shards + manifest +
 * first page, exactly as syncClipRecord lays it out) and, for the baseline, one flat JSON array of
 * the same entries; serves both gzip-compressed from a local HTTP server (standing in for the CDN);
 * and loads two pages in fresh browser contexts:
 *   - ours: manifest + recent.json → first results; then every shard into the SearchIndex;
 *     then keystroke-by-keystroke queries through runQuery (search, ranking, facets, filters, sort);
 *   - baseline: fetch the flat array → first results (newest 48); keystrokes filter it with
 *     String.prototype.includes over the concatenated fields (case-folded only).
 * Reported: gzip bytes downloaded before the first results (Resource Timing encodedBodySize, page
 * and script included), time from navigation start to the first results, time until the whole
 * catalog is searchable, and per-keystroke latency (median, p95), with ratios against the baseline.
 * Goals at 100,000 clips: first results from ≤ 100 KB gzip, search p95 ≤ 50 ms.
 */
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
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
import { generateEntries } from '../test/node/catalog/generate.ts';

const SIZES = (process.env.CATALOG_BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
/** What a user types, one keystroke at a time. */
const TYPED = ['eleccion', 'debate jal', 'candidata milenio', 'peña', 'canal once seg', 'revocacion', 'niñez educ'];

const root = new URL('..', import.meta.url).pathname;

/** The page code, bundled from the library's own modules. */
async function bundle(kind: 'ours' | 'baseline'): Promise<string> {
  const ours = `
    import { cdnSource, loadCollection } from './src/catalog/reader.ts';
    import { SearchIndex } from './src/catalog/search-index.ts';
    import { runQuery } from './src/catalog/query.ts';
    const w = window;
    const index = new SearchIndex();
    const firstPage = (entries) => entries.slice(0, 48).map((e) => e.title).join('\\n');
    loadCollection(cdnSource(location.origin + '/c'), {
      onFirst: (entries) => {
        index.add(entries);
        const shown = firstPage(runQuery(index, {}).entries);
        w.__first = { at: performance.now(), count: entries.length, chars: shown.length };
      },
      onShard: (entries) => index.add(entries),
    }).then(() => {
      w.__all = { at: performance.now(), count: index.size };
    }, (e) => (w.__error = String(e)));
    w.__search = (text) => {
      const t = performance.now();
      const r = runQuery(index, { text });
      const shown = firstPage(r.entries);
      const ms = performance.now() - t;
      // The element updates its facet menus right after the results (off the keystroke path).
      const f = performance.now();
      const facetCount = r.facets.outlet.length;
      return { ms, facetMs: performance.now() - f, hits: r.entries.length, chars: shown.length + facetCount };
    };`;
  const baseline = `
    const w = window;
    let all = [];
    let hay = [];
    fetch(location.origin + '/flat.json').then((r) => r.json()).then((entries) => {
      all = entries.sort((a, b) => Date.parse(b.broadcastAt) - Date.parse(a.broadcastAt));
      const shown = all.slice(0, 48).map((e) => e.title).join('\\n');
      w.__first = { at: performance.now(), count: all.length, chars: shown.length };
      hay = all.map((e) => [e.title, e.description, e.outlet, e.program, (e.tags || []).join(' ')].join(' ').toLowerCase());
      w.__all = { at: performance.now(), count: all.length };
    }, (e) => (w.__error = String(e)));
    w.__search = (text) => {
      const t = performance.now();
      const q = text.toLowerCase();
      const out = [];
      for (let i = 0; i < all.length; i++) if (hay[i].includes(q)) out.push(all[i]);
      const shown = out.slice(0, 48).map((e) => e.title).join('\\n');
      return { ms: performance.now() - t, hits: out.length, chars: shown.length };
    };`;
  const out = await build({
    stdin: { contents: kind === 'ours' ? ours : baseline, resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    target: 'es2022',
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/** The catalog files for `entries`, laid out as syncClipRecord writes them. */
function catalogFiles(entries: CatalogEntry[]): Map<string, unknown> {
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
  const manifest: CatalogManifest = {
    schemaVersion: CATALOG_VERSION,
    collection: 'catalog',
    shardCount: DEFAULT_SHARD_COUNT,
    shards: shards.map((s) => ({ version: s.version, count: s.entries.length })),
    updatedAt: new Date().toISOString(),
  };
  files.set(manifestKey('catalog'), manifest);
  files.set(RECENT_KEY, {
    schemaVersion: CATALOG_VERSION,
    collection: 'catalog',
    entries: [...entries].sort(compareNewest).slice(0, RECENT_SIZE),
    updatedAt: manifest.updatedAt,
  });
  return files;
}

interface Body {
  gz: Buffer;
  raw: number;
  type: string;
}

function serve(bodies: Map<string, Body>): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const b = bodies.get(path);
    if (!b) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': b.type, 'content-encoding': 'gzip', 'content-length': b.gz.length, 'cache-control': 'no-store' });
    res.end(b.gz);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}` })),
  );
}

const body = (text: string, type: string): Body => ({ gz: gzipSync(text, { level: 6 }), raw: Buffer.byteLength(text), type });

interface Run {
  firstBytes: number;
  firstMs: number;
  allMs: number;
  count: number;
  keyMedian: number;
  keyP95: number;
  facetMedian: number;
  facetP95: number;
  hitsCheck: number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function measure(browser: Browser, url: string, expected: number): Promise<Run> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(
    () => (window as unknown as { __first?: unknown }).__first || (window as unknown as { __error?: unknown }).__error,
    undefined,
    { timeout: 120_000 },
  );
  await page.waitForFunction(
    () => (window as unknown as { __all?: unknown }).__all || (window as unknown as { __error?: unknown }).__error,
    undefined,
    { timeout: 120_000 },
  );
  const r = await page.evaluate(
    async ({ typed }) => {
      const w = window as unknown as {
        __first: { at: number };
        __all: { at: number; count: number };
        __error?: string;
        __search: (t: string) => { ms: number; facetMs?: number; hits: number };
      };
      if (w.__error) throw new Error(w.__error);
      const firstAt = w.__first.at;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      let bytes = nav.encodedBodySize;
      for (const e of performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        if (e.responseEnd <= firstAt) bytes += e.encodedBodySize;
      const times: number[] = [];
      const facetTimes: number[] = [];
      let hits = 0;
      for (let round = 0; round < 2; round++) {
        for (const phrase of typed) {
          for (let i = 1; i <= phrase.length; i++) {
            const res = w.__search(phrase.slice(0, i));
            if (round === 1) times.push(res.ms); // round 0 warms up the JIT
            if (round === 1 && res.facetMs !== undefined) facetTimes.push(res.facetMs);
            hits += res.hits;
            await new Promise((r) => setTimeout(r, 0));
          }
        }
      }
      return { bytes, firstAt, allAt: w.__all.at, count: w.__all.count, times, facetTimes, hits };
    },
    { typed: TYPED },
  );
  await context.close();
  if (r.count !== expected) throw new Error(`${url}: loaded ${r.count} entries, expected ${expected}`);
  return {
    firstBytes: r.bytes,
    firstMs: r.firstAt,
    allMs: r.allAt,
    count: r.count,
    keyMedian: pct(r.times, 50),
    keyP95: pct(r.times, 95),
    facetMedian: r.facetTimes.length ? pct(r.facetTimes, 50) : NaN,
    facetP95: r.facetTimes.length ? pct(r.facetTimes, 95) : NaN,
    hitsCheck: r.hits,
  };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

const started = Date.now();
const [oursJs, baseJs] = await Promise.all([bundle('ours'), bundle('baseline')]);
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
});
const rows: string[] = [];
try {
  for (const size of SIZES) {
    const entries = generateEntries(size, 11);
    const bodies = new Map<string, Body>();
    for (const [key, doc] of catalogFiles(entries)) bodies.set(`/c/${key}`, body(JSON.stringify(doc), 'application/json'));
    bodies.set('/flat.json', body(JSON.stringify(entries), 'application/json'));
    bodies.set('/ours.js', body(oursJs, 'text/javascript'));
    bodies.set('/baseline.js', body(baseJs, 'text/javascript'));
    const page = (src: string) =>
      body(`<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="${src}"></script>`, 'text/html');
    bodies.set('/ours.html', page('/ours.js'));
    bodies.set('/baseline.html', page('/baseline.js'));
    const shardBytes = [...bodies].filter(([k]) => k.includes('/shards/')).reduce((s, [, b]) => s + b.gz.length, 0);
    const { server, origin } = await serve(bodies);
    try {
      if (size === SIZES[0]) {
        // Warm-up (browser start, code caches): not reported, so the first size is not penalized.
        await measure(browser, `${origin}/ours.html`, size);
        await measure(browser, `${origin}/baseline.html`, size);
      }
      const ours = await measure(browser, `${origin}/ours.html`, size);
      const base = await measure(browser, `${origin}/baseline.html`, size);
      rows.push(
        [
          `${size.toLocaleString('en-US')} clips`,
          `  bytes before first results (gzip): ours ${kb(ours.firstBytes)}  baseline ${kb(base.firstBytes)}  ratio ${ratio(ours.firstBytes, base.firstBytes)}`,
          `  time to first results:             ours ${ms(ours.firstMs)}  baseline ${ms(base.firstMs)}  ratio ${ratio(ours.firstMs, base.firstMs)}`,
          `  whole catalog searchable:          ours ${ms(ours.allMs)} (${kb(shardBytes)} of shards, in the background)  baseline ${ms(base.allMs)}`,
          `  search per keystroke, median:      ours ${ms(ours.keyMedian)}  baseline ${ms(base.keyMedian)}  ratio ${ratio(ours.keyMedian, base.keyMedian)}`,
          `  search per keystroke, p95:         ours ${ms(ours.keyP95)}  baseline ${ms(base.keyP95)}  ratio ${ratio(ours.keyP95, base.keyP95)}`,
          `  facet counts after each keystroke: ours median ${ms(ours.facetMedian)}, p95 ${ms(ours.facetP95)} (baseline has no facets)`,
          size === 100_000
            ? `  goals at 100,000: first results ≤ 100 KB gzip: ${ours.firstBytes <= 100 * 1024 ? 'met' : 'NOT met'}; search p95 ≤ 50 ms: ${ours.keyP95 <= 50 ? 'met' : 'NOT met'}`
            : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
      console.log(rows[rows.length - 1]);
    } finally {
      server.close();
    }
  }
} finally {
  await browser.close();
}
console.log(
  `\n(ours: accent-insensitive prefix search with ranking and facets over every clip; baseline: case-folded substring match. ${TYPED.length} phrases typed key by key; ${Math.round((Date.now() - started) / 1000)} s)`,
);
