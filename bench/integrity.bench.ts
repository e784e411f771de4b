/**
 * Verified playback's cost (`npm run bench integrity`; docs/integrity-provenance.md): the same
 * `<ine-player engine="hls.js">` on the same clip with the provenance checks on (the default) and
 * off (`integrity="off"`), in headless Chromium, pages interleaved, fresh browser context per load,
 * medians of RUNS (BENCH_RUNS, default 9):
 *  - time to first frame (the first requestVideoFrameCallback while the video is in the document,
 *    from navigation start);
 *  - CPU time of every Chromium process (renderer, GPU, network, browser: Web Crypto's hashing runs
 *    off the main thread, so the main thread alone would miss it) from navigation to the clip's end.
 * The clip: 1280x720, 10 s, packaged by the stand-in's packager with ffmpeg (3-rendition ladder,
 * 2 s segments) and signed, published, served by the stand-in's CDN. Goal: both ratios ≤ 1.05.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession } from 'playwright-core';
import { startStandIn } from '../server/index.ts';
import { launchPlaybackChromium, median, staticServer } from './playback-page.ts';
import { serviceS3Client } from '../server/packager/index.ts';
import { publishClip } from '../packaging/publish.ts';
import { makeSource } from '../test/fixtures/media/make.ts';
import { recordFor, uploadSource } from '../test/node/packager/harness.ts';

const RUNS = Number(process.env.BENCH_RUNS) || 9;
const root = new URL('..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'ine-integrity-bench-'));

/** CPU seconds of every Chromium process so far. */
async function cpuSeconds(cdp: CDPSession): Promise<number> {
  const info = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ cpuTime: number }> };
  return info.processInfo.reduce((n, p) => n + p.cpuTime, 0);
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const site = join(tmp, 'site');
  execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--outDir', join(site, 'bundle'), '--emptyOutDir', '--logLevel', 'error'], {
    cwd: root,
    stdio: 'inherit',
  });
  const standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir: join(tmp, 'stand-in'), log: () => {} });
  const s3 = serviceS3Client(standIn);
  const h = { s3, bucket: standIn.config.bucket };
  const src = join(tmp, 'source.mp4');
  await makeSource(src, { width: 1280, height: 720, seconds: 10 });
  const manifestKey = await uploadSource(h, src);
  const deadline = Date.now() + 5 * 60_000;
  let rec = await recordFor(h, manifestKey);
  while (!rec || rec.status === 'processing') {
    if (Date.now() > deadline) throw new Error('the clip was not packaged in 5 minutes');
    await new Promise((r) => setTimeout(r, 250));
    rec = await recordFor(h, manifestKey);
  }
  if (rec.status !== 'ready') throw new Error(`packaging failed: ${rec.failureReason}`);
  await publishClip(s3, h.bucket, rec.id);
  const cdn = standIn.config.cdnBaseUrl.replace(/\/$/, '');

  const page = (attrs: string) => `<!doctype html><style>body{margin:0} ine-player{width:640px;height:360px;display:block}</style>
    <script type="module" src="bundle/ine-elements.js"></script>
    <ine-player video-id="${rec!.id}" cdn-base-url="${cdn}" engine="hls.js" muted autoplay ${attrs}></ine-player>
    <script>
      (async () => {
        let v;
        for (;;) {
          const el = document.querySelector('ine-player');
          v = el?.shadowRoot?.querySelector('video') ?? (customElements.get('ine-player') ? el?.video : undefined);
          if (v) break;
          await new Promise((r) => setTimeout(r, 1));
        }
        const onFrame = () => (v.isConnected ? (window.__ttff = performance.now()) : v.requestVideoFrameCallback(onFrame));
        v.requestVideoFrameCallback(onFrame);
        v.addEventListener('ended', () => (window.__ended = true));
      })();
    </script>`;
  writeFileSync(join(site, 'on.html'), page(''));
  writeFileSync(join(site, 'off.html'), page('integrity="off"'));
  const web = await staticServer(site);
  const browser: Browser = await launchPlaybackChromium();
  const cdp = await browser.newBrowserCDPSession();
  const pages = ['off.html', 'on.html'];
  const ttff: Record<string, number[]> = { 'off.html': [], 'on.html': [] };
  const cpu: Record<string, number[]> = { 'off.html': [], 'on.html': [] };
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const p of run % 2 ? [...pages].reverse() : pages) {
        const c = await browser.newContext();
        const pg = await c.newPage();
        const before = await cpuSeconds(cdp);
        await pg.goto(`${web.url}/${p}`);
        ttff[p]!.push(
          (await (
            await pg.waitForFunction(() => (window as unknown as { __ttff?: number }).__ttff, null, { timeout: 60_000 })
          ).jsonValue()) as number,
        );
        await pg.waitForFunction(() => (window as unknown as { __ended?: boolean }).__ended, null, { timeout: 120_000 });
        cpu[p]!.push((await cpuSeconds(cdp)) - before);
        if (p === 'on.html') {
          const status = await pg.evaluate(
            () => document.querySelector('ine-player')!.shadowRoot!.querySelector<HTMLElement>('[part="integrity"]')?.dataset.status,
          );
          if (status !== 'verified') throw new Error(`verification did not run on on.html (badge: ${status})`);
        }
        await c.close();
      }
    }
  } finally {
    await browser.close();
    web.server.close();
    s3.destroy();
    await standIn.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  const [offT, onT, offC, onC] = [median(ttff['off.html']!), median(ttff['on.html']!), median(cpu['off.html']!), median(cpu['on.html']!)];
  console.log(`\nVerified playback, <ine-player engine="hls.js">, 1280x720 10 s 3-rendition ladder, headless Chromium (median of ${RUNS})`);
  console.log(`  time to first frame   off ${offT.toFixed(0)} ms   on ${onT.toFixed(0)} ms   ratio ${(onT / offT).toFixed(3)}  [goal ≤ 1.05]`);
  console.log(
    `  CPU (all processes)   off ${(offC * 1000).toFixed(0)} ms   on ${(onC * 1000).toFixed(0)} ms   ratio ${(onC / offC).toFixed(3)}  [goal ≤ 1.05]`,
  );
  console.log(`  (runs: off ${ttff['off.html']!.map((x) => x.toFixed(0)).join('/')}; on ${ttff['on.html']!.map((x) => x.toFixed(0)).join('/')})`);
  console.log(`\nintegrity bench done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

await main();
