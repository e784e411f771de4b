/**
 * The Web API under load (`npm run bench api`): p50/p99 latency and throughput of list, search and
 * get at 100,000 clips (API_BENCH_SIZE) on the stand-in, each as a ratio to the same bytes served
 * statically by the same process (the stand-in's CDN port serving them as a file), measured in the
 * same run with the same client and concurrency.
 *
 * Setup: one stand-in (no packager, no indexer: the catalog is built once by the index writer's
 * rebuild), the generated clips (realistic Spanish metadata) in both collections, a few full clip
 * records for `get`; an admin token from the broker; the per-principal rate limit lifted for the run.
 * Env: API_BENCH_SIZE (default 100000), API_BENCH_REQUESTS per case (default 400), API_BENCH_CONCURRENCY (default 8).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startStandIn } from '../server/index.ts';
import { CollectionWriter } from '../core/index/collection-writer.ts';
import { s3Store } from '../core/index/store.ts';
import { videoRecordKey } from '../src/contract/video-record.ts';
import { generateEntries, recordFor } from '../test/node/catalog/generate.ts';

const SIZE = Number(process.env.API_BENCH_SIZE ?? 100_000);
const REQUESTS = Number(process.env.API_BENCH_REQUESTS ?? 400);
const CONCURRENCY = Number(process.env.API_BENCH_CONCURRENCY ?? 8);

interface Run {
  p50: number;
  p99: number;
  perSecond: number;
  bytes: number;
}

async function load(url: string, headers: Record<string, string>): Promise<Run> {
  const times: number[] = [];
  let bytes = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) {
        const s = performance.now();
        const res = await fetch(url, { headers });
        const body = await res.arrayBuffer();
        if (!res.ok) throw new Error(`${url}: ${res.status} ${Buffer.from(body).toString().slice(0, 200)}`);
        times.push(performance.now() - s);
        bytes = body.byteLength;
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { p50: at(0.5), p99: at(0.99), perSecond: times.length / wall, bytes };
}

const dir = mkdtempSync(join(tmpdir(), 'ine-api-bench-'));
const standIn = await startStandIn({
  port: 0,
  cdnPort: 0,
  dataDir: dir,
  packager: false,
  indexer: false,
  seed: false,
  apiLimits: { requestsPerSecond: 0 },
  log: () => {},
});
const s3 = new S3Client({ region: standIn.config.region, endpoint: standIn.urls.s3, forcePathStyle: true, credentials: standIn.staticCredentials });
const bucket = standIn.config.bucket;
try {
  const t0 = Date.now();
  const entries = generateEntries(SIZE, 7);
  for (const [name, list] of [
    ['catalog', entries],
    ['index', entries.map((e) => ({ ...e, status: 'ready' as const, published: true }))],
  ] as const) {
    await new CollectionWriter(s3Store(s3, bucket), name).rebuild(list);
  }
  const ids = entries.slice(0, 20).map((e) => e.id);
  for (const e of entries.slice(0, 20)) {
    const record = recordFor(e.id, { published: true, publishedAt: e.publishedAt, metadata: { title: e.title, outlet: e.outlet } });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: videoRecordKey(e.id), Body: JSON.stringify(record), ContentType: 'application/json' }));
  }
  console.log(
    `${SIZE.toLocaleString('en-US')} clips indexed in ${((Date.now() - t0) / 1000).toFixed(0)} s; ${REQUESTS} requests per case, ${CONCURRENCY} at a time`,
  );

  const login = await fetch(`${standIn.config.authUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: standIn.demoPassword }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${accessToken}` };
  const api = standIn.urls.api;
  const cases = [
    { name: 'list (first page, 20)', path: '/clips' },
    { name: 'search "debate" (20)', path: '/clips?q=debate' },
    { name: 'search 2 words + state, by date', path: `/clips?q=${encodeURIComponent('debate elección')}&state=Jalisco&sort=date-desc` },
    { name: 'get one clip', path: `/clips/${ids[3]}` },
  ];
  const rows: string[] = [];
  for (const c of cases) {
    // The same bytes, served as a file by the same process's CDN port.
    const body = await (await fetch(`${api}${c.path}`, { headers: auth })).text();
    const key = `catalog/bench-static-${rows.length}.json`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }));
    const staticUrl = `${standIn.urls.cdn}/${key}`;
    await load(`${api}${c.path}`, auth); // warm-up
    const viaApi = await load(`${api}${c.path}`, auth);
    const viaStatic = await load(staticUrl, {});
    rows.push(
      `| ${c.name} | ${(viaApi.bytes / 1024).toFixed(1)} KB | ${viaApi.p50.toFixed(1)} / ${viaApi.p99.toFixed(1)} ms | ${viaApi.perSecond.toFixed(0)}/s | ` +
        `${viaStatic.p50.toFixed(1)} / ${viaStatic.p99.toFixed(1)} ms | ${viaStatic.perSecond.toFixed(0)}/s | ` +
        `**${(viaApi.p50 / viaStatic.p50).toFixed(2)}** / ${(viaApi.p99 / viaStatic.p99).toFixed(2)} | **${(viaApi.perSecond / viaStatic.perSecond).toFixed(2)}** |`,
    );
  }
  console.log(
    '\n| case | bytes | API p50 / p99 | API throughput | static p50 / p99 | static throughput | latency ratio p50 / p99 | throughput ratio |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
} finally {
  s3.destroy();
  await standIn.close();
  rmSync(dir, { recursive: true, force: true });
}
