/**
 * The script-tag bundle's early start (src/elements/player/early-start.ts), through the real built
 * `dist/ine-elements.js` (the `build` step of `npm test` comes first) on plain pages in iframes,
 * playing the ffmpeg-made ladder from the stand-in's CDN.
 */
import { expect } from '@open-wc/testing';
import { media, hits, waitFor } from './helpers.js';
import type { InePlayer } from '../../../src/elements/player/ine-player.js';

type PageWindow = Window & typeof globalThis & { log: Array<[string, number]> };

/** A page with the bundle and `body`; its inline script logs events on the players (before they are defined). */
async function page(body: string, afterLoader = ''): Promise<{ frame: HTMLIFrameElement; win: PageWindow }> {
  const frame = document.createElement('iframe');
  frame.style.width = '700px';
  frame.style.height = '420px';
  frame.srcdoc = `<!doctype html><html lang="es-MX"><head><meta charset="utf-8">
    <script>
      window.log = [];
      addEventListener('DOMContentLoaded', () => {
        for (const el of document.querySelectorAll('ine-player'))
          for (const t of ['loadstart', 'loadedmetadata', 'playing']) el.addEventListener(t, () => log.push([el.id + ':' + t, performance.now()]));
        customElements.whenDefined('ine-player').then(() => log.push(['defined', performance.now()]));
      });
    </script>
    <script type="module" src="/dist/ine-elements.js"></script>
    ${afterLoader ? `<script type="module">${afterLoader}</script>` : ''}
    </head><body>${body}</body></html>`;
  document.body.append(frame);
  await new Promise((r) => frame.addEventListener('load', r, { once: true }));
  return { frame, win: frame.contentWindow as PageWindow };
}

const masterRequests = async () => (await hits()).filter((p) => p.endsWith('master.m3u8')).length;

describe('<ine-player> early start from the script-tag bundle', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => {
    frame?.remove();
    frame = undefined;
  });

  /** A page with one autoplaying player `#p`: the player, and the <video> the loader put in its shadow root. */
  async function autoplayPage(attrs: string) {
    const p = await page(`<ine-player id="p" ${attrs} muted autoplay></ine-player>`);
    frame = p.frame;
    const el = p.win.document.getElementById('p') as InePlayer;
    return { ...p, el, early: el.shadowRoot?.querySelector('video') };
  }

  it('hls.js path: the playlist loads before the element is defined, the element takes the same <video> over, and nothing loads twice', async () => {
    const m = await media();
    const { el, early, ...p } = await autoplayPage(`src="${m.master}" engine="hls.js"`);
    // The loader put the video in the element's shadow root at once.
    expect(early, 'the early <video>').to.be.instanceOf(p.win.HTMLVideoElement);
    await p.win.customElements.whenDefined('ine-player');
    expect(el.video, 'the element plays the video the loader started').to.equal(early);
    await waitFor(() => el.currentTime > 1, 'playback past 1 s');
    const master = p.win.performance.getEntriesByType('resource').find((e) => e.name.endsWith('master.m3u8'))!;
    const defined = p.win.log.find(([n]) => n === 'defined')![1];
    expect(master.startTime, 'playlist requested before the element was defined').to.be.lessThan(defined);
    expect(await masterRequests(), 'master playlist fetched once').to.equal(1);
    expect(el.shadowRoot!.querySelectorAll('video')).to.have.length(1);
    expect(el.currentEngine).to.equal('hls.js');
    // What hls.js reported before the element listened (the renditions) reached it.
    expect(el.renditionList.map((r) => r.height).sort((a, b) => a - b)).to.deep.equal([144, 240, 360]);
    // Media events that fired before the element existed were dispatched on it, in order.
    const names = p.win.log.map(([n]) => n);
    expect(names).to.include.members(['p:loadstart', 'p:loadedmetadata', 'p:playing']);
    expect(names.indexOf('p:loadstart')).to.be.lessThan(names.indexOf('p:loadedmetadata'));
    // The control bar is there once the first frame is, labelled as usual (axe runs on the same
    // element in playback.test.ts; it cannot reach into this iframe).
    await waitFor(() => el.shadowRoot!.querySelector('[part~="controls"]'), 'the control bar');
    expect(el.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('Reproductor de video');
    expect(el.video!.getAttribute('aria-label')).to.equal('Video');
    expect(el.shadowRoot!.querySelector('[part~="play"]')!.getAttribute('aria-label')).to.match(/Pausar|Reproducir/);
  });

  it('native path: the <video> gets the playlist from the loader, once', async () => {
    const m = await media();
    const { el, early, ...p } = await autoplayPage(`src="${m.master}" engine="native"`);
    expect(early?.getAttribute('src')).to.equal(m.master);
    await p.win.customElements.whenDefined('ine-player');
    expect(el.video).to.equal(early);
    await waitFor(() => el.currentTime > 1, 'playback past 1 s');
    expect(el.currentEngine).to.equal('native');
    expect(await masterRequests()).to.equal(1);
    // Nothing else competes with the first frame: every chunk (the player's code, the integrity
    // checks') is requested only once the first segment is coming in, or once the loader's
    // one-second wait for the first frame is over (a slow machine).
    const entries = p.win.performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const loader = entries.find((e) => e.name.endsWith('/ine-elements.js'))!;
    const segment = entries.filter((e) => /\.m4s(\?|$)/.test(e.name)).sort((a, b) => a.responseStart - b.responseStart)[0]!;
    const earliest = Math.min(segment.responseStart, loader.responseEnd + 1000);
    const chunks = entries.filter((e) => e.name.includes('/chunks/'));
    expect(
      chunks.some((e) => e.name.includes('/chunks/ine-player-')),
      "the player's chunk",
    ).to.equal(true);
    for (const c of chunks) expect(c.startTime, `${c.name.split('/').pop()} after the first segment`).to.be.at.least(earliest);
  });

  it('a source changed before the element is defined is loaded instead; a player removed by then loads nothing', async () => {
    const m = await media();
    // Runs right after the loader, before the player's code: one player gets another source, one goes away.
    const p = await page(
      `<ine-player id="c" src="${m.master}" engine="hls.js" muted autoplay></ine-player><ine-player id="gone" src="${m.master}" engine="native" muted autoplay></ine-player>`,
      `const gone = document.getElementById('gone'); window.gone = gone; gone.remove(); document.getElementById('c').setAttribute('src', ${JSON.stringify(m.mp4)});`,
    );
    frame = p.frame;
    const el = p.win.document.getElementById('c') as InePlayer;
    await p.win.customElements.whenDefined('ine-player');
    await waitFor(() => el.currentTime > 0.5, 'the mp4 plays');
    expect(el.currentEngine).to.equal('progressive');
    expect(el.video!.currentSrc).to.equal(m.mp4);
    expect(el.shadowRoot!.querySelectorAll('video')).to.have.length(1);
    const gone = (p.win as unknown as { gone: InePlayer }).gone;
    expect(gone.isConnected).to.equal(false);
    // Its early video was stopped and taken out: an element coming back renders into an empty root.
    expect(gone.shadowRoot!.querySelector('video'), 'the removed player keeps no video').to.equal(null);
  });

  it('preload="none" without autoplay starts nothing before play()', async () => {
    const m = await media();
    const p = await page(`<ine-player id="z" src="${m.master}" engine="hls.js" preload="none"></ine-player>`);
    frame = p.frame;
    const el = p.win.document.getElementById('z') as InePlayer;
    await p.win.customElements.whenDefined('ine-player');
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 300));
    expect(await masterRequests(), 'no playlist before play()').to.equal(0);
    expect(
      p.win.performance.getEntriesByType('resource').some((e) => /\/chunks\/hls-/.test(e.name)),
      'no hls.js before play()',
    ).to.equal(false);
    el.muted = true;
    await el.play();
    await waitFor(() => el.currentTime > 0.5, 'plays after play()');
    expect(await masterRequests()).to.equal(1);
  });
});
