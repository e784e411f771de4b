/**
 * `<ine-uploader>` against the local stand-in (started in this process), in headless Chromium, as
 * users see it: the same file uploaded through uplinks emulated by Chromium's own network stack
 * (CDP `Network.emulateNetworkConditions`, default 50 Mbit/s, 200 Mbit/s and 1 Gbit/s, 10 ms
 * latency), by three contenders from the same page with the same credentials (bench/uploader-page.ts):
 *   - one plain PutObject of the file (the baseline: the link's speed as the SDK reaches it);
 *   - `<ine-uploader>`'s queue (multipart with per-part CRC32, whole-file SHA-256 in the worker,
 *     manifest), with its own default part size and concurrency;
 *   - `@aws-sdk/lib-storage`'s `Upload` (the AWS anchor, no SHA-256), with its defaults and tuned
 *     to the part size and concurrency ours used.
 * For each: time, throughput as a ratio to the link, to the plain PUT and ours against each
 * lib-storage, and CPU seconds per GiB uploaded, read from /proc per thread (bench/uploader-cpu.ts):
 * the page's main thread, its workers, the rest of the renderer, the other browser processes
 * (network service), and the stand-in (this process).
 * The file: a real `ftyp` box (so it passes validation), then a repeated 1 MiB random chunk, written
 * to disk and picked through an `<input type=file>` like a user would.
 * Then, without a link limit: SHA-256 alone in the worker, peak page heap during each contender, and
 * bytes re-sent when an upload is torn down at ~50 % and resumed by a new queue with the same File.
 * And the first download of a page with only `<ine-uploader>` built by the lead's Vite config.
 *
 * Env: UPLOADER_BENCH_MIB (file size, default 256: 1 GiB takes ~3 min per contender at 50 Mbit/s),
 * UPLOADER_BENCH_RATES (Mbit/s, comma-separated), UPLOADER_BENCH_LATENCY_MS, UPLOADER_BENCH_ROUNDS
 * (default 1), UPLOADER_BENCH_PART_MIB / UPLOADER_BENCH_CONCURRENCY (fix ours; default: its own).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { startStandIn } from '../server/index.ts';
import { DEFAULT_CONFIG } from '../src/config/config.ts';
import { cpuBetween, cpuSnapshot, type CpuSeconds } from './uploader-cpu.ts';
import type { BenchPage } from './uploader-page.ts';

const root = new URL('..', import.meta.url).pathname;
const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
const SIZE = Number(process.env.UPLOADER_BENCH_MIB ?? 256) * MIB;
const PART = Number(process.env.UPLOADER_BENCH_PART_MIB ?? 0) * MIB;
const CONCURRENCY = Number(process.env.UPLOADER_BENCH_CONCURRENCY ?? 0);
const ROUNDS = Number(process.env.UPLOADER_BENCH_ROUNDS ?? 1);
const RATES = (process.env.UPLOADER_BENCH_RATES ?? '50,200,1000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const LATENCY_MS = Number(process.env.UPLOADER_BENCH_LATENCY_MS ?? 10);
const PROFILE = !!process.env.UPLOADER_BENCH_PROFILE;

type CpuProfile = {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }>;
  startTime: number;
  endTime: number;
  samples?: number[];
};
/** The page main thread's functions by self time (CDP sampling profile). */
function printProfile(p: CpuProfile): void {
  const total = p.nodes.reduce((n, x) => n + (x.hitCount ?? 0), 0) || 1;
  const byFn = new Map<string, number>();
  for (const x of p.nodes) {
    const name = `${x.callFrame.functionName || '(anonymous)'} ${x.callFrame.url.replace(/^.*\//, '')}:${x.callFrame.lineNumber}`;
    byFn.set(name, (byFn.get(name) ?? 0) + (x.hitCount ?? 0));
  }
  console.log(`  main-thread profile of lib-storage (defaults), ${((p.endTime - p.startTime) / 1e6).toFixed(1)} s, top self time:`);
  for (const [name, hits] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 8))
    console.log(`    ${((hits / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
}
const work = mkdtempSync(join(tmpdir(), 'ine-uploader-bench-'));
const fmt = (n: number) => `${(n / MIB).toFixed(1)} MiB`;
const perGiB = (seconds: number, bytes: number) => (seconds / (bytes / GIB)).toFixed(1);

type Row = { name: string; ms: number; cpu: CpuSeconds; peak: number };
function printRate(size: number, { mbit, rows, part, concurrency }: { mbit: number; rows: Row[]; part: number; concurrency: number }): void {
  const linkMs = ((size * 8) / (mbit * 1e6)) * 1000;
  const put = rows.find((r) => r.name === 'plain PutObject')!;
  const ours = rows.find((r) => r.name === 'ine-uploader')!;
  console.log(
    `\n${mbit} Mbit/s uplink, ${LATENCY_MS} ms latency: ${fmt(size)} needs ${(linkMs / 1000).toFixed(1)} s on the link alone; ine-uploader chose ${fmt(part)} parts, ${concurrency} at a time`,
  );
  console.log(
    `  ${'contender'.padEnd(30)} ${'time'.padStart(8)} ${'MiB/s'.padStart(6)} ${'×link'.padStart(6)} ${'×PUT'.padStart(6)} ${'ours×'.padStart(6)}   CPU s/GiB: ${'page'.padStart(5)} = main + workers + other | browser | stand-in`,
  );
  for (const r of rows) {
    const page = r.cpu.main + r.cpu.workers + r.cpu.rendererOther;
    const c = (v: number) => perGiB(v, size);
    console.log(
      `  ${r.name.padEnd(30)} ${`${(r.ms / 1000).toFixed(2)} s`.padStart(8)} ${(size / MIB / (r.ms / 1000)).toFixed(1).padStart(6)} ${(linkMs / r.ms).toFixed(2).padStart(6)} ${(put.ms / r.ms).toFixed(2).padStart(6)} ${(r.ms / ours.ms).toFixed(2).padStart(6)}              ${c(page).padStart(5)} = ${c(r.cpu.main)} + ${c(r.cpu.workers)} + ${c(r.cpu.rendererOther)} | ${c(r.cpu.browser)} | ${c(r.cpu.standIn)}`,
    );
  }
  const libs = rows.filter((r) => r.name.startsWith('lib-storage'));
  const vsPut = put.ms / ours.ms;
  const putGoal = mbit >= 1000 ? 0.5 : 0.95;
  const vsLib = Math.min(...libs.map((l) => l.ms / ours.ms));
  console.log(
    `  goals: ine-uploader ≥ ${putGoal} × plain PUT: ${vsPut.toFixed(2)} ${vsPut >= putGoal ? 'MET' : 'NOT MET'}; ≥ 1.0 × lib-storage (both): ${vsLib.toFixed(2)} ${vsLib >= 1 ? 'MET' : 'NOT MET'}`,
  );
}

/** The page code (bench/uploader-page.ts), bundled by esbuild, the hashing worker next to it. */
async function bundlePage(outDir: string): Promise<void> {
  await build({
    entryPoints: [join(root, 'bench/uploader-page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['browser'],
    outfile: join(outDir, 'page.js'),
    logLevel: 'error',
  });
  await build({
    entryPoints: [join(root, 'src/upload/hash.worker.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile: join(outDir, 'hash.worker.js'),
    logLevel: 'error',
  });
  writeFileSync(
    join(outDir, 'bench.html'),
    '<!doctype html><meta charset="utf-8"><title>bench</title><input type="file" id="file"><script type="module" src="page.js"></script>',
  );
}

function staticServer(dir: string): Promise<{ server: Server; url: string }> {
  const types: Record<string, string> = {
    '.js': 'text/javascript',
    '.html': 'text/html; charset=utf-8',
    '.json': 'application/json',
    '.map': 'application/json',
  };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url!, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })),
  );
}

async function main(): Promise<void> {
  const t0 = Date.now();
  // 1. The lead's script-tag build, into our own temp folder (never dist/).
  const viteOut = join(work, 'site', 'vite');
  execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--outDir', viteOut, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: root,
    stdio: 'pipe',
  });
  writeFileSync(
    join(work, 'site', 'only-uploader.html'),
    '<!doctype html><html lang="es-MX"><meta charset="utf-8"><title>uploader only</title><script type="module" src="vite/ine-elements.js"></script><ine-uploader></ine-uploader>',
  );
  await bundlePage(join(work, 'site', 'b'));
  const { server, url } = await staticServer(join(work, 'site'));

  // The 1 GiB test file: a real ftyp box (the uploader validates from the bytes), then a repeated
  // 1 MiB random chunk.
  const bigFile = join(work, 'bench.mp4');
  {
    const chunk = randomBytes(MIB);
    Buffer.from([0, 0, 0, 24, 102, 116, 121, 112, 105, 115, 111, 109, 0, 0, 2, 0, 105, 115, 111, 109, 109, 112, 52, 49]).copy(chunk);
    const fd = openSync(bigFile, 'w');
    for (let n = 0; n < SIZE; n += MIB) writeSync(fd, chunk, 0, Math.min(MIB, SIZE - n));
    closeSync(fd);
  }
  const standIn = await startStandIn({
    port: 0,
    cdnPort: 0,
    dataDir: join(work, 'data'),
    packager: false,
    log: (m) => process.env.UPLOADER_BENCH_VERBOSE && console.error('[stand-in]', m),
  });
  const env = { config: standIn.config, demoPassword: standIn.demoPassword };
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    // 2. First download of a page with only <ine-uploader>.
    const page1 = await browser.newPage();
    const scripts: Array<{ url: string; bytes: number }> = [];
    page1.on('response', async (r) => {
      if (r.url().endsWith('.js')) scripts.push({ url: r.url().replace(url, ''), bytes: (await r.body().catch(() => Buffer.alloc(0))).length });
    });
    await page1.goto(`${url}/only-uploader.html`);
    await page1.waitForFunction(() => !!document.querySelector('ine-uploader')?.shadowRoot?.querySelector('[part=dropzone]'));
    await page1.waitForLoadState('networkidle');
    const first = [...scripts];
    const gz = (u: string) => gzipSync(readFileSync(join(work, 'site', u))).length;
    const firstBytes = first.reduce((n, s) => n + s.bytes, 0);
    const firstGz = first.reduce((n, s) => n + gz(s.url), 0);
    // The SDK's chunk by name, or SDK code by content (the same check as test/browser/bundle.test.ts, plus the SDK's user agent).
    const sdkInFirst = first.some(
      (s) =>
        /aws-sdk/.test(s.url) || /S3Client|CognitoIdentityClient|aws-sdk-js|x-amz-user-agent/.test(readFileSync(join(work, 'site', s.url), 'utf8')),
    );
    // Choose a file (validation only), then press "Subir": only now may the SDK load.
    const tiny = join(work, 'tiny.mp4');
    execFileSync('/usr/bin/ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=64x48:rate=10:duration=1',
      '-c:v',
      'libx264',
      '-pix_fmt',
      'yuv420p',
      tiny,
    ]);
    await page1.locator('ine-uploader input[type=file]').setInputFiles(tiny);
    await page1.locator('ine-uploader [part=item] input[name=title]').fill('Prueba');
    await page1.waitForLoadState('networkidle');
    const sdkAfterChoose = ((await page1.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))) as string[]).some((u) =>
      /aws-sdk/.test(u),
    );
    await page1.locator('ine-uploader [part=item] button[type=submit]').click();
    await page1.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /aws-sdk/.test(e.name)), undefined, { timeout: 30_000 });
    await page1.waitForTimeout(500);
    const loadedNow = (await page1.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname))) as string[];
    const firstUrls = new Set(first.map((s) => s.url));
    const later = loadedNow
      .filter((u) => u.endsWith('.js') && !firstUrls.has(u))
      .map((u) => ({ url: u, bytes: statSync(join(work, 'site', u)).size }));
    const sdk = later.find((s) => /aws-sdk/.test(s.url));
    await page1.close();

    // 3. Throughput, CPU, heap and resume, at each emulated uplink.
    const page = await browser.newPage();
    await page.goto(`${url}/b/bench.html`);
    await page.waitForFunction(() => 'bench' in window);
    const cdp = await page.context().newCDPSession(page);
    let peak = 0;
    let sampling = false;
    const sample = async () => {
      while (sampling) {
        const h = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
        peak = Math.max(peak, h.usedSize + (h.backingStorageSize ?? 0));
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    type Measured<T> = { value: T; peak: number; cpu: CpuSeconds };
    let profileNext = false;
    const measure = async <T>(fn: () => Promise<T>): Promise<Measured<T>> => {
      await cdp.send('HeapProfiler.collectGarbage');
      peak = 0;
      sampling = true;
      const loop = sample();
      const profiling = profileNext;
      if (profiling) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.start');
      }
      const before = cpuSnapshot();
      try {
        const value = await fn();
        return { value, peak, cpu: cpuBetween(before, cpuSnapshot()) };
      } finally {
        sampling = false;
        await loop;
        if (profiling) printProfile(((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile);
      }
    };
    const call = <K extends keyof BenchPage>(name: K, ...args: Parameters<BenchPage[K]>) =>
      measure(
        () =>
          page.evaluate(([n, a]) => (window as unknown as { bench: Record<string, (...x: unknown[]) => unknown> }).bench[n](...a), [
            name,
            args,
          ] as const) as Promise<Awaited<ReturnType<BenchPage[K]>>>,
      );
    /** Uplink emulated by Chromium's network stack (CDP), for every request of the page. 0: none. */
    const uplink = (mbit: number) =>
      cdp.send(
        'Network.emulateNetworkConditions',
        mbit > 0
          ? { offline: false, latency: LATENCY_MS, downloadThroughput: -1, uploadThroughput: (mbit * 1e6) / 8 }
          : { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 },
      );
    await page.evaluate(([e, p, c]) => (window as unknown as { bench: BenchPage }).bench.setup(e, p, c), [env, PART, CONCURRENCY] as const);
    // The file is given to the page as a user would pick it (a disk-backed File). A Blob of 1 GiB
    // built in the page cannot be used here: this Chromium refuses to read Blobs of 512 MiB and
    // more that live in its blob storage (NotReadableError), while disk-backed Files of any size work.
    await page.setInputFiles('#file', bigFile);
    const size = await page.evaluate(() => (window as unknown as { bench: BenchPage }).bench.useFile());
    const load0 = loadavg();

    const results: Array<{ mbit: number; rows: Row[]; part: number; concurrency: number }> = [];
    let ourSha = '';
    let ourPeak = 0;
    for (const mbit of RATES) {
      await uplink(mbit);
      const runs: Record<string, Row[]> = {};
      const add = (name: string, m: Measured<{ ms: number }>) => (runs[name] ??= []).push({ name, ms: m.value.ms, cpu: m.cpu, peak: m.peak });
      let part = 0;
      const concurrency = CONCURRENCY || DEFAULT_CONFIG.upload.concurrency;
      // The contenders alternate, ROUNDS times; the fastest run of each is compared (this machine
      // is shared: the fastest is the least disturbed by others' load).
      for (let r = 0; r < ROUNDS; r++) {
        await page.evaluate(() => (window as unknown as { bench: BenchPage }).bench.forgetLink());
        add('plain PutObject', await call('plainPut'));
        // The page's first upload (no link measure: the default part size), then the next one,
        // with parts fitted to what the first measured.
        for (const name of ['ine-uploader, 1st file', 'ine-uploader']) {
          const o = await call('ours');
          if (o.value.state !== 'complete') throw new Error(`multipart upload failed: ${JSON.stringify(o.value.error)}`);
          if (name === 'ine-uploader') part = o.value.partSize;
          ourSha = o.value.sha256!;
          ourPeak = Math.max(ourPeak, o.peak);
          add(name === 'ine-uploader' ? name : `${name}, ${o.value.partSize / MIB} MiB`, o);
        }
        // UPLOADER_BENCH_PROFILE=1: where lib-storage's main-thread time goes, once.
        profileNext = PROFILE && r === 0 && mbit === RATES[0];
        add('lib-storage, defaults', await call('libStorage', 0, 0));
        profileNext = false;
        add(`lib-storage, ${part / MIB} MiB × ${concurrency}`, await call('libStorage', part, concurrency));
      }
      const rows = Object.values(runs).map((list) => list.reduce((a, b) => (b.ms < a.ms ? b : a)));
      results.push({ mbit, rows, part, concurrency });
      printRate(size, results.at(-1)!);
    }
    await uplink(0);
    const hash = await call('hashOnly');
    const rs = (await call('resume')).value;
    if (rs.state !== 'complete') throw new Error(`resumed upload failed: ${JSON.stringify(rs.error)}`);
    await page.close();
    const load1 = loadavg();

    console.log('');
    console.log(
      `load average (1/5/15 min) at the start of the runs ${load0.map((l) => l.toFixed(1)).join(' / ')}, at the end ${load1.map((l) => l.toFixed(1)).join(' / ')} (${cpus().length} cores)`,
    );
    console.log(
      `SHA-256 alone in the worker, no link limit: ${(hash.value.ms / 1000).toFixed(2)} s (${(size / MIB / (hash.value.ms / 1000)).toFixed(0)} MiB/s), ${perGiB(hash.cpu.workers, size)} s CPU/GiB in the worker`,
    );
    console.log('');
    // Against the default part size (the strictest: parts grow on fast links).
    const heapGoal = 2 * rs.partSize * (CONCURRENCY || DEFAULT_CONFIG.upload.concurrency);
    console.log('peak JS heap of the page (V8 heap + ArrayBuffers, CDP Runtime.getHeapUsage every 100 ms, over all rates)');
    for (const name of [...new Set(results.flatMap((r) => r.rows.map((x) => x.name)))]) {
      const p = Math.max(...results.flatMap((r) => r.rows.filter((x) => x.name === name).map((x) => x.peak)));
      console.log(`  ${name.padEnd(34)} ${fmt(p)}`);
    }
    console.log(`  ine-uploader against the goal of 2 × concurrency × part size = ${fmt(heapGoal)}: ${ourPeak <= heapGoal ? 'MET' : 'NOT MET'}`);
    console.log('');
    const resent = rs.sentBefore + rs.sentAfter - size;
    const resentGoal = (CONCURRENCY || DEFAULT_CONFIG.upload.concurrency) * rs.partSize;
    console.log("resume after a teardown at ~50 % (no link limit, the page's first upload)");
    console.log(
      `  acknowledged before teardown:         ${fmt(rs.loadedBefore)} (${((rs.loadedBefore / size) * 100).toFixed(0)} %); sent incl. in-flight: ${fmt(rs.sentBefore)}`,
    );
    console.log(
      `  sent after resuming:                  ${fmt(rs.sentAfter)} in ${rs.partsAfter} parts of ${fmt(rs.partSize)} (found in IndexedDB: ${rs.resumable})`,
    );
    console.log(
      `  bytes re-sent:                        ${fmt(resent)}  = ${(resent / resentGoal).toFixed(2)} × the goal of concurrency × part size = ${fmt(resentGoal)} ${resent <= resentGoal ? 'MET' : 'NOT MET'}`,
    );
    console.log(`  SHA-256 after resume equals a straight upload's: ${rs.sha256 === ourSha}`);
    console.log('');
    console.log('first download of a page with only <ine-uploader> (vite build of src/autoloader.ts)');
    for (const s of first)
      console.log(`  ${s.url.padEnd(44)} ${(s.bytes / 1024).toFixed(1).padStart(7)} KB  (${(gz(s.url) / 1024).toFixed(1)} KB gzip)`);
    console.log(`  total:                                       ${(firstBytes / 1024).toFixed(1)} KB  (${(firstGz / 1024).toFixed(1)} KB gzip)`);
    console.log(
      `  AWS SDK in the first download: ${sdkInFirst ? 'YES (goal missed)' : 'no'}; after choosing a file: ${sdkAfterChoose ? 'yes' : 'no'}`,
    );
    console.log(
      `  loaded when the upload starts: ${later.map((s) => s.url).join(', ') || '(none)'}${sdk ? `  — the SDK chunk is ${(sdk.bytes / 1024).toFixed(0)} KB (${(gz(sdk.url) / 1024).toFixed(0)} KB gzip)` : ''}`,
    );
    console.log(`\nbench time ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  } finally {
    await browser.close();
    await standIn.close();
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
});
