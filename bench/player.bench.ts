/**
 * <ine-player> bench (`npm run bench player`). Everything is measured in this run:
 *
 * 1. Size (gzip -9 of minified JavaScript):
 *    - first download: the script-tag bundle built with Vite into a temp folder, loaded by a page
 *      with only `<ine-player preload="none" video-id=…>` in headless Chromium; the loader plus every
 *      chunk the page fetched before playback;
 *    - total on the hls.js path: every script fetched once the same player is playing;
 *    - anchors, each bundled with esbuild (bundle, minify, ESM) and gzip -9: @mux/mux-player,
 *      media-chrome + hls-video-element, video.js, vidstack (player + UI), hls.js, hls.js light,
 *      and <ine-player> itself bundled the same way (hls.js inlined) for a like-for-like figure.
 * 2. Time to first frame (the first requestVideoFrameCallback while the <video> is in the
 *    document, from navigation start) in headless Chromium for the same 3-rendition, 2 s-segment
 *    fMP4 ladder, published to a local stand-in started here and served by its CDN origin: a bare
 *    `<video>` + hls.js page (the baseline), `<ine-player engine="hls.js">`, `<ine-player
 *    engine="native">`, the element bundled into one file, and a bare `<video src>` (Chromium's own
 *    HLS, for reference); fresh browser context per load, pages interleaved, medians of RUNS
 *    (BENCH_RUNS, default 11). Also when each player's control bar is on screen.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
// @ts-expect-error plain ESM helper shared with the browser tests (no types)
import { makeTestMedia, publishToStandIn, CLIP_ID } from '../test/browser/plugins/player.mjs';
import { startStandIn } from '../server/index.ts';
import { launchPlaybackChromium, median, staticServer } from './playback-page.ts';

const RUNS = Number(process.env.BENCH_RUNS) || 11;
const root = new URL('..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'ine-player-bench-'));
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const gz = (buf: Buffer | string) => gzipSync(buf, { level: 9 }).length;
const t0 = Date.now();

function esbuild(entry: string, out: string): number {
  const file = join(tmp, 'anchors', `${out}.entry.mjs`);
  mkdirSync(join(tmp, 'anchors'), { recursive: true });
  writeFileSync(file, entry);
  const outfile = join(tmp, 'anchors', `${out}.js`);
  execFileSync(
    join(root, 'node_modules/.bin/esbuild'),
    [
      file,
      '--bundle',
      '--minify',
      '--format=esm',
      '--platform=browser',
      '--target=es2022',
      '--log-level=error',
      '--legal-comments=none',
      '--loader:.css=text',
      `--outfile=${outfile}`,
    ],
    {
      cwd: root,
      env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
    },
  );
  return gz(readFileSync(outfile));
}

async function main(): Promise<void> {
  // ---- build -------------------------------------------------------------------------------
  const site = join(tmp, 'site');
  execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--outDir', join(site, 'bundle'), '--emptyOutDir', '--logLevel', 'error'], {
    cwd: root,
    stdio: 'inherit',
  });
  // Baseline page's hls.js: the full build, bundled like the anchors.
  esbuild(`import Hls from 'hls.js'; window.Hls = Hls;`, 'hls-bare');
  writeFileSync(join(site, 'hls-bare.js'), readFileSync(join(tmp, 'anchors', 'hls-bare.js')));

  // ---- media and servers --------------------------------------------------------------------
  const mediaDir = join(tmp, 'media');
  await makeTestMedia(mediaDir);
  const standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir: join(tmp, 'stand-in'), packager: false });
  await publishToStandIn(mediaDir, { config: standIn.config, staticCredentials: standIn.staticCredentials });
  const cdn = { url: standIn.config.cdnBaseUrl.replace(/\/$/, ''), close: () => standIn.close() };
  const master = `${cdn.url}/media/${CLIP_ID}/master.m3u8`;
  // The first frame presented while the <video> is in the document (a video still outside it, as
  // the player's is until its first render, presents frames no one sees: those do not count).
  const measureFrame = (getVideo: string) => `
    <script>
      (async () => {
        const v = await (${getVideo})();
        const onFrame = () => (v.isConnected ? (window.__ttff = performance.now()) : v.requestVideoFrameCallback(onFrame));
        v.requestVideoFrameCallback(onFrame);
        window.__found = performance.now();
        for (const t of ['loadstart', 'durationchange', 'loadedmetadata']) v.addEventListener(t, () => (window['__' + t] ??= performance.now()));
        // <ine-player>: when its control bar is on screen (it comes after the first frame on purpose).
        const el = document.querySelector('ine-player');
        const controls = () => (el.shadowRoot?.querySelector('[part~="controls"]') ? (window.__controls = performance.now()) : requestAnimationFrame(controls));
        if (el) requestAnimationFrame(controls);
      })();
    </script>`;
  // The player's <video> as soon as there is one: the element's \`video\` once it is defined, or the
  // one the script-tag loader put in its shadow root before that (src/elements/player/early-start.ts).
  const INE_VIDEO = `async () => {
    for (;;) {
      const el = document.querySelector('ine-player');
      const v = el?.shadowRoot?.querySelector('video') ?? (customElements.get('ine-player') ? el?.video : undefined);
      if (v) return v;
      await new Promise((r) => setTimeout(r, 1));
    }
  }`;
  const style = '<style>body{margin:0} video,ine-player{width:640px;height:360px;display:block}</style>';
  writeFileSync(
    join(site, 'bare.html'),
    `<!doctype html>${style}<video muted playsinline id="v"></video>
    <script type="module">
      import './hls-bare.js';
      const v = document.getElementById('v');
      const hls = new window.Hls();
      hls.loadSource(${JSON.stringify(master)});
      hls.attachMedia(v);
      v.play().catch(() => {});
    </script>${measureFrame(`async () => document.getElementById('v')`)}`,
  );
  // Reference: Chromium's own HLS on a bare <video src> (no script at all).
  writeFileSync(
    join(site, 'bare-native.html'),
    `<!doctype html>${style}<video src="${master}" muted autoplay playsinline id="v"></video>${measureFrame(`async () => document.getElementById('v')`)}`,
  );
  const inePage = (attrs: string) => `<!doctype html>${style}<script type="module" src="bundle/ine-elements.js"></script>
    <ine-player ${attrs}></ine-player>${measureFrame(INE_VIDEO)}`;
  writeFileSync(join(site, 'ine-hlsjs.html'), inePage(`src="${master}" engine="hls.js" muted autoplay`));
  writeFileSync(join(site, 'ine-native.html'), inePage(`src="${master}" engine="native" muted autoplay`));
  // The same element bundled into one file by esbuild (hls.js light inlined), as an npm user's bundler
  // would: separates the script-tag loader's chain of chunks from the element's own cost.
  esbuild(`import { InePlayer } from '${join(root, 'src/elements/player/ine-player.ts')}'; window.InePlayer = InePlayer;`, 'ine-one-file');
  writeFileSync(join(site, 'ine-one-file.js'), readFileSync(join(tmp, 'anchors', 'ine-one-file.js')));
  writeFileSync(
    join(site, 'ine-one-file.html'),
    `<!doctype html>${style}<script type="module" src="ine-one-file.js"></script><ine-player src="${master}" engine="hls.js" muted autoplay></ine-player>${measureFrame(INE_VIDEO)}`,
  );
  writeFileSync(
    join(site, 'ine-one-file-native.html'),
    `<!doctype html>${style}<script type="module" src="ine-one-file.js"></script><ine-player src="${master}" engine="native" muted autoplay></ine-player>${measureFrame(INE_VIDEO)}`,
  );
  writeFileSync(join(site, 'ine-idle.html'), inePage(`video-id="${CLIP_ID}" cdn-base-url="${cdn.url}" preload="none" muted engine="hls.js"`));
  const web = await staticServer(site);

  const browser: Browser = await launchPlaybackChromium();
  try {
    // ---- first download and hls.js-path total ------------------------------------------------
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${web.url}/ine-idle.html`);
    await page.waitForFunction(() => customElements.get('ine-player') && document.querySelector('ine-player')?.shadowRoot);
    await page.waitForTimeout(1000);
    const scripts = async () =>
      (await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))).filter(
        (u) => u.endsWith('.js') && u.startsWith(web.url),
      );
    const sizeOf = (urls: string[]) => urls.reduce((n, u) => n + gz(readFileSync(join(site, new URL(u).pathname))), 0);
    const first = await scripts();
    const firstBytes = sizeOf(first);
    await page.evaluate(() => (document.querySelector('ine-player') as unknown as { play(): Promise<void> }).play());
    await page.waitForFunction(() => ((document.querySelector('ine-player') as unknown as { currentTime: number }).currentTime ?? 0) > 0.5, null, {
      timeout: 60_000,
    });
    const all = await scripts();
    const totalBytes = sizeOf(all);
    await ctx.close();

    // ---- anchors -------------------------------------------------------------------------------
    const anchors: Array<[string, number]> = [
      ['@mux/mux-player', esbuild(`import '@mux/mux-player';`, 'mux')],
      ['media-chrome + hls-video-element', esbuild(`import 'media-chrome'; import 'hls-video-element';`, 'media-chrome')],
      ['video.js', esbuild(`import videojs from 'video.js'; window.videojs = videojs;`, 'videojs')],
      ['vidstack player (fetches hls.js from a CDN at run time)', esbuild(`import 'vidstack/player';`, 'vidstack')],
      ['hls.js', gz(readFileSync(join(tmp, 'anchors', 'hls-bare.js')))],
      ['hls.js light', esbuild(`import Hls from 'hls.js/light'; window.Hls = Hls;`, 'hls-light')],
      [
        '<ine-player> bundled the same way (hls.js light inlined)',
        esbuild(`import { InePlayer } from '${join(root, 'src/elements/player/ine-player.ts')}'; window.InePlayer = InePlayer;`, 'ine-player'),
      ],
    ];
    const mc = anchors[1][1];
    console.log('\nSize (gzip -9, minified JavaScript)');
    console.log(`  <ine-player> first download (script tag, page with only <ine-player>): ${kb(firstBytes)}  [goal ≤ 25 KB]`);
    for (const u of first)
      console.log(`      ${new URL(u).pathname.replace('/bundle/', '')}  ${kb(gz(readFileSync(join(site, new URL(u).pathname))))}`);
    console.log(
      `  <ine-player> total once playing on the hls.js path: ${kb(totalBytes)}  [goal ≤ 140 KB] = ${(totalBytes / mc).toFixed(2)} × media-chrome + hls-video-element`,
    );
    for (const [name, bytes] of anchors)
      console.log(`  ${name.padEnd(58)} ${kb(bytes).padStart(9)}  (${(bytes / totalBytes).toFixed(2)} × ine-player total)`);

    // ---- time to first frame -------------------------------------------------------------------
    const pages = ['bare.html', 'ine-hlsjs.html', 'ine-native.html', 'ine-one-file.html', 'ine-one-file-native.html', 'bare-native.html'];
    const times: Record<string, number[]> = Object.fromEntries(pages.map((p) => [p, []]));
    // Where the time goes: when the master playlist was requested, when the first segment arrived,
    // and (players) when the control bar was on screen.
    const marks: Record<string, Array<[number, number, number]>> = Object.fromEntries(pages.map((p) => [p, []]));
    for (let run = 0; run < RUNS; run++) {
      const order = run % 2 ? [...pages].reverse() : pages;
      for (const p of order) {
        const c = await browser.newContext();
        const pg = await c.newPage();
        if (process.env.BENCH_DEBUG) {
          await pg.addInitScript(() => ((window as unknown as { __debug: boolean }).__debug = true));
          pg.on('console', (m) => console.log(`[${p}] ${m.text()}`));
        }
        await pg.goto(`${web.url}/${p}`);
        const ms = await pg
          .waitForFunction(() => (window as unknown as { __ttff?: number }).__ttff, null, { timeout: 60_000 })
          .then((h) => h.jsonValue());
        times[p].push(ms as number);
        if (p.startsWith('ine-'))
          await pg.waitForFunction(() => (window as unknown as { __controls?: number }).__controls, null, { timeout: 60_000 });
        marks[p].push(
          await pg.evaluate(() => {
            const r = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
            const m = r.find((e) => e.name.endsWith('master.m3u8'));
            const seg = r.find((e) => e.name.endsWith('.m4s'));
            const w = window as unknown as Record<string, number>;
            if (w.__debug)
              console.log(
                r.map((e) => `${e.name.split('/').pop()} ${e.startTime.toFixed(0)}-${e.responseEnd.toFixed(0)}`).join('\n') +
                  `\nfound ${w.__found?.toFixed(0)} loadstart ${w.__loadstart?.toFixed(0)} meta ${w.__loadedmetadata?.toFixed(0)} frame ${w.__ttff?.toFixed(0)}`,
              );
            return [m?.startTime ?? NaN, seg?.responseEnd ?? NaN, w.__controls ?? NaN] as [number, number, number];
          }),
        );
        await c.close();
      }
    }
    const base = median(times['bare.html']);
    console.log(`\nTime to first frame, headless Chromium, local origin, 3-rendition 2 s fMP4 ladder (median of ${RUNS})`);
    console.log(`  bare <video> + hls.js (baseline)     ${base.toFixed(0)} ms   1.00`);
    console.log(
      `  <ine-player engine="hls.js">         ${median(times['ine-hlsjs.html']).toFixed(0)} ms   ${(median(times['ine-hlsjs.html']) / base).toFixed(2)} × baseline  [goal ≤ 1.0; anchors 1.2–2.3]`,
    );
    console.log(
      `  <ine-player engine="native">         ${median(times['ine-native.html']).toFixed(0)} ms   ${(median(times['ine-native.html']) / base).toFixed(2)} × baseline  [goal ≤ 0.7]`,
    );
    console.log(
      `  <ine-player> one esbuild file, hls.js  ${median(times['ine-one-file.html']).toFixed(0)} ms   ${(median(times['ine-one-file.html']) / base).toFixed(2)} × baseline  (npm users' bundlers; no loader chain)`,
    );
    console.log(
      `  <ine-player> one esbuild file, native  ${median(times['ine-one-file-native.html']).toFixed(0)} ms   ${(median(times['ine-one-file-native.html']) / base).toFixed(2)} × baseline`,
    );
    console.log(
      `  bare <video src> (Chromium's HLS)     ${median(times['bare-native.html']).toFixed(0)} ms   ${(median(times['bare-native.html']) / base).toFixed(2)} × baseline  (reference; no script)`,
    );
    for (const p of pages) {
      const controls = p.startsWith('ine-') ? `, controls on screen at ${median(marks[p].map((x) => x[2])).toFixed(0)} ms` : '';
      console.log(
        `  ${p.padEnd(25)} master requested at ${median(marks[p].map((x) => x[0])).toFixed(0)} ms, first segment in at ${median(marks[p].map((x) => x[1])).toFixed(0)} ms${controls} (medians)`,
      );
    }
    console.log(`  (runs: ${pages.map((p) => `${p} ${times[p].map((x) => x.toFixed(0)).join('/')}`).join('; ')})`);
  } finally {
    await browser.close();
    web.server.close();
    await cdn.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`\nplayer bench done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

await main();
