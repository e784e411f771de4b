import { expect } from '@open-wc/testing';
import { media, mount, waitFor, playsPast, hits, q, axeViolations } from './helpers.js';
import type { InePlayer } from '../../../src/elements/player/ine-player.js';

describe('<ine-player> playback (real HLS made with ffmpeg)', () => {
  let el: InePlayer | undefined;
  afterEach(() => {
    el?.remove();
    el = undefined;
  });

  it('plays a clip by video-id on the hls.js path, loading hls.js only then, and re-dispatches media events', async () => {
    const m = await media();
    expect(m.source, 'media published to the stand-in and played from its CDN').to.equal('stand-in');
    const events: string[] = [];
    el = await mount({ 'video-id': m.videoId, 'cdn-base-url': m.cdnBaseUrl, muted: true, engine: 'hls.js' });
    for (const t of ['play', 'playing', 'timeupdate', 'loadedmetadata']) el.addEventListener(t, () => events.push(t));
    await waitFor(() => el!.currentEngine, 'engine');
    expect(el.currentEngine).to.equal('hls.js');
    await el.play();
    await playsPast(el, 1.5);
    expect(el.paused).to.equal(false);
    expect(el.duration).to.be.closeTo(10, 0.3);
    expect(events).to.include.members(['play', 'playing', 'timeupdate', 'loadedmetadata']);
    expect(el.renditionList.map((r) => r.height).sort((a, b) => a - b)).to.deep.equal([144, 240, 360]);
    // The record's poster, storyboard and captions arrived.
    await waitFor(() => q(el!, 'track'), 'caption tracks');
    expect(q<HTMLVideoElement>(el, 'video')!.poster).to.match(/poster\.jpg$/);
    // One engine: the master playlist was fetched once (no native pipeline racing hls.js).
    expect((await hits()).filter((p) => p.endsWith('master.m3u8'))).to.have.length(1);
    const loaded = performance.getEntriesByType('resource').map((e) => e.name);
    expect(
      loaded.some((n) => /hls\.light/.test(n) || /hls\.js/.test(n)),
      'hls.js fetched',
    ).to.equal(true);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it("plays on Chromium's native HLS path (engine=native) with no hls.js instance", async () => {
    const m = await media();
    el = await mount({ src: m.master, muted: true, engine: 'native' });
    await el.play();
    await playsPast(el, 1.5);
    expect(el.currentEngine).to.equal('native');
    expect(q<HTMLVideoElement>(el, 'video')!.src).to.equal(m.master);
    expect(el.renditionList).to.deep.equal([]);
    expect((await hits()).filter((p) => p.endsWith('master.m3u8')).length).to.be.greaterThan(0);
    // Native path: no quality menu (native HLS exposes no renditions); speed is still there.
    q<HTMLButtonElement>(el, '[part~="settings"]')!.click();
    await waitFor(() => q(el!, 'select[name="rate"]'), 'the settings panel');
    expect(q(el, 'select[name="quality"]')).to.equal(null);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('auto engine in Chromium picks hls.js (rendition control), progressive for mp4', async () => {
    const m = await media();
    el = await mount({ src: m.master, muted: true });
    await waitFor(() => el!.currentEngine, 'engine');
    expect(el.currentEngine).to.equal('hls.js');
    el.remove();
    el = await mount({ src: m.mp4, muted: true });
    await el.play();
    await playsPast(el, 0.5);
    expect(el.currentEngine).to.equal('progressive');
  });

  it('switches quality from the settings menu and shows the current rendition in Auto', async () => {
    const m = await media();
    el = await mount({ src: m.master, muted: true, engine: 'hls.js' });
    await el.play();
    await playsPast(el, 0.5);
    const video = q<HTMLVideoElement>(el, 'video')!;
    q<HTMLButtonElement>(el, '[part~="settings"]')!.click();
    await el.updateComplete;
    const select = await waitFor(() => q<HTMLSelectElement>(el!, 'select[name="quality"]'), 'quality menu');
    expect(select.options[0].textContent).to.match(/Automática \(\d+p\)/);
    const low = [...select.options].find((o) => o.textContent === '144p')!;
    select.value = low.value;
    select.dispatchEvent(new Event('change'));
    expect(el.rendition).to.equal(Number(low.value));
    await waitFor(() => video.videoHeight === 144, 'the 144p rendition on screen');
    const high = [...select.options].find((o) => o.textContent === '360p')!;
    el.rendition = Number(high.value);
    await waitFor(() => video.videoHeight === 360, 'the 360p rendition on screen');
    el.rendition = -1;
    expect(el.rendition).to.equal(-1);
  });

  it('turns captions on and off (button, menu and c key)', async () => {
    const m = await media();
    el = await mount({ 'video-id': m.videoId, 'cdn-base-url': m.cdnBaseUrl, muted: true });
    const video = q<HTMLVideoElement>(el, 'video')!;
    const cc = await waitFor(() => q<HTMLButtonElement>(el!, '[part~="captions"]'), 'captions button');
    expect(cc.getAttribute('aria-pressed')).to.equal('false');
    cc.click();
    await el.updateComplete;
    expect(el.captionTrack).to.equal(0);
    expect(video.textTracks[0].mode).to.equal('showing');
    expect(cc.getAttribute('aria-pressed')).to.equal('true');
    await el.play();
    await waitFor(() => (video.textTracks[0].activeCues?.length ?? 0) > 0, 'a caption cue shown');
    expect((video.textTracks[0].activeCues![0] as VTTCue).text).to.be.oneOf(['Uno', 'Dos', 'Tres']);
    q<HTMLButtonElement>(el, '[part~="settings"]')!.click();
    const sel = await waitFor(() => q<HTMLSelectElement>(el!, 'select[name="captions"]'), 'the captions menu');
    sel.value = '1';
    sel.dispatchEvent(new Event('change'));
    expect(video.textTracks[1].mode).to.equal('showing');
    expect(video.textTracks[0].mode).to.equal('disabled');
    cc.click();
    await el.updateComplete;
    expect(el.captionTrack).to.equal(-1);
    expect([...video.textTracks].every((t) => t.mode === 'disabled')).to.equal(true);
  });

  for (const engine of ['hls.js', 'native']) {
    it(`keeps playback inside a clip range (#t= in src, ${engine})`, async () => {
      const m = await media();
      const p = (el = await mount({ src: `${m.master}#t=2,5`, muted: true, engine }));
      const times: number[] = [];
      let ended = false;
      el.addEventListener('timeupdate', () => times.push(p.currentTime));
      el.addEventListener('ended', () => (ended = true));
      await el.play();
      await waitFor(() => ended, 'the end of the range');
      expect(el.paused).to.equal(true);
      expect(el.currentTime).to.be.closeTo(5, 0.35);
      expect(Math.min(...times)).to.be.at.least(1.9);
      expect(Math.max(...times)).to.be.at.most(5.35);
      // The timeline is the range: the slider runs from 2 to 5.
      const slider = q(el, '[role="slider"]')!;
      expect(slider.getAttribute('aria-valuemin')).to.equal('2');
      expect(slider.getAttribute('aria-valuemax')).to.equal('5');
      expect(slider.getAttribute('aria-label')).to.match(/Fragmento de 0:02 a 0:05/);
      // Seeking outside is brought back inside.
      el.currentTime = 0;
      expect(el.currentTime).to.be.closeTo(2, 0.01);
      el.currentTime = 9;
      expect(el.currentTime).to.be.closeTo(5, 0.01);
      // Play again from the range start.
      await el.play();
      await waitFor(() => el!.currentTime >= 2 && el!.currentTime < 4 && !el!.paused, 'replay from the start of the range');
    });
  }

  it('start/end attributes win over the fragment, and the copied link carries the moment and the range end', async () => {
    const m = await media();
    el = await mount({ src: `${m.master}#t=1,9`, start: '0:03', end: '6', muted: true, 'share-url': 'https://monitoreo.ine.mx/clip?id=7' });
    expect(el.clipRange).to.deep.equal({ start: 3, end: 6 });
    await el.play();
    await playsPast(el, 3.2);
    el.pause();
    let copied = '';
    el.addEventListener('ine-link-copied', (e) => (copied = (e as CustomEvent<{ url: string }>).detail.url));
    const url = await el.copyLink();
    expect(url).to.match(/^https:\/\/monitoreo\.ine\.mx\/clip\?id=7#t=\d+(\.\d)?,6$/);
    const [from] = url.split('#t=')[1].split(',').map(Number);
    expect(from).to.be.within(3, 6);
    // Clipboard may be denied in headless Chromium: then the fallback shows the link to copy by hand.
    if (!copied) expect(q<HTMLInputElement>(el, '.panel input')!.value).to.equal(url);
    else expect(copied).to.equal(url);
  });

  it('preload="none" loads nothing from the CDN but the record until play() (hls.js path)', async () => {
    const m = await media();
    el = await mount({ 'video-id': m.videoId, 'cdn-base-url': m.cdnBaseUrl, muted: true, preload: 'none', engine: 'hls.js' });
    await waitFor(() => q(el!, 'track'), 'the record (captions) loaded');
    await new Promise((r) => setTimeout(r, 500));
    expect((await hits()).filter((p) => !p.endsWith('.json') && !p.endsWith('.vtt') && !p.endsWith('.jpg'))).to.deep.equal([]);
    await el.play();
    await playsPast(el, 0.5);
    expect((await hits()).some((p) => p.endsWith('master.m3u8'))).to.equal(true);
  });

  it('HTMLMediaElement-like API: volume, muted, playbackRate', async () => {
    const m = await media();
    el = await mount({ src: m.master, muted: true });
    const seen: string[] = [];
    el.addEventListener('volumechange', () => seen.push('volumechange'));
    el.addEventListener('ratechange', () => seen.push('ratechange'));
    el.volume = 0.4;
    el.muted = false;
    el.playbackRate = 1.5;
    el.playbackRate = 9;
    await waitFor(() => seen.includes('ratechange') && seen.includes('volumechange'), 'events');
    expect(el.volume).to.be.closeTo(0.4, 0.001);
    expect(el.muted).to.equal(false);
    expect(el.playbackRate).to.equal(2);
  });
});
