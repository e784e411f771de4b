/**
 * The player's audio-track menu on a real two-language clip: made by ffmpeg (Spanish default +
 * English), packaged by the stand-in's packager (demuxed: every track its own rendition), published
 * and played from the stand-in's CDN in Chromium. The menu lists both languages by name (es-MX and
 * English pages), is keyboard operable and axe-clean; choosing English makes the player fetch the
 * English rendition's segments, and playback goes on. A one-track clip stays on hls.js light.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { VideoRecord } from '../../../src/contract/index.js';
import type { InePlayer } from '../../../src/elements/player/ine-player.js';
import { axeViolations, mount, q, waitFor } from '../player/helpers.js';

interface Env {
  config: { region: string; bucket: string; s3Endpoint: string; cdnBaseUrl: string };
  staticCredentials: { accessKeyId: string; secretAccessKey: string };
}

/** URLs the page fetched so far (resource timing: what the network saw, hls.js' XHRs included). */
const fetched = (part: string) =>
  performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((u) => u.includes(part));

describe('<ine-player> audio-track menu (a packaged two-language clip)', function () {
  this.timeout(600_000);
  let env: Env;
  let clip: { id: string; record: VideoRecord };
  let el: InePlayer | undefined;

  before(async () => {
    env = await (await fetch('/__ine__/env.json')).json();
    clip = await executeServerCommand('ine-packager-make-clip', {
      s3Endpoint: env.config.s3Endpoint,
      region: env.config.region,
      bucket: env.config.bucket,
      credentials: env.staticCredentials,
      seconds: 12,
      languages: true,
    });
  });

  afterEach(() => {
    el?.remove();
    el = undefined;
  });

  const openSettings = async (player: InePlayer) => {
    // (An autoplaying player shows its control bar once the first frame is up.)
    (await waitFor(() => q(player, '[part~="settings"]'), 'the settings button')).click();
    return waitFor(() => q<HTMLSelectElement>(player, 'select[name="audio"]'), 'the audio menu');
  };

  it('a one-track clip plays on hls.js light: no audio menu, the full build is not fetched', async () => {
    const single = (await executeServerCommand('ine-packager-make-clip', {
      s3Endpoint: env.config.s3Endpoint,
      region: env.config.region,
      bucket: env.config.bucket,
      credentials: env.staticCredentials,
      width: 640,
      height: 360,
      seconds: 4,
    })) as { id: string; record: VideoRecord };
    expect(single.record.audioTracks?.map((t) => [t.lang, t.default, t.uri])).to.deep.equal([['und', true, undefined]]);
    el = await mount({ 'video-id': single.id, 'cdn-base-url': env.config.cdnBaseUrl, muted: true, autoplay: true });
    await waitFor(() => el!.currentTime > 1, 'playback');
    expect(el.audioTrackList).to.deep.equal([]);
    q(el, '[part~="settings"]')!.click();
    await waitFor(() => q(el!, 'select[name="rate"]'), 'the settings panel');
    expect(q(el, 'select[name="audio"]')).to.equal(null);
    // First in this file (page): hls.js light was fetched, the full build (dist/hls.mjs) was not.
    expect(fetched('hls.light')).to.not.deep.equal([]);
    expect(fetched('/dist/hls.mjs')).to.deep.equal([]);
  });

  it('lists Español and English (es-MX), switches by keyboard to the English rendition, and playback goes on', async () => {
    expect(clip.record.audioTracks?.map((t) => [t.lang, t.label, t.default, !!t.uri])).to.deep.equal([
      ['es', 'Español', true, true],
      ['en', 'English', false, true],
    ]);
    performance.clearResourceTimings();
    el = await mount({ 'video-id': clip.id, 'cdn-base-url': env.config.cdnBaseUrl, muted: true, autoplay: true });
    await waitFor(() => el!.audioTrackList.length === 2 && el!.audioTrack === 0, 'two audio tracks, Spanish playing');
    await waitFor(() => el!.currentTime > 0.5, 'playback');
    expect(el.currentEngine).to.equal('hls.js');
    expect(fetched('/audio_es/seg_').length, 'Spanish segments').to.be.greaterThan(0);
    expect(fetched('/audio_en/seg_')).to.deep.equal([]);

    const select = await openSettings(el);
    const label = select.closest('label')!;
    expect(label.textContent).to.contain('Pista de audio');
    expect([...select.options].map((o) => [o.textContent!.trim(), o.lang])).to.deep.equal([
      ['Español', 'es'],
      ['English', 'en'],
    ]);
    expect(select.value).to.equal('0');
    expect(await axeViolations(el)).to.deep.equal([]);

    // Keyboard: focus the menu, move to the next option (Chromium changes a closed select's value with the arrow keys).
    select.focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitFor(() => el!.audioTrack === 1, 'English playing');
    const switchedAt = el.currentTime;
    await waitFor(() => fetched('/audio_en/seg_').length > 0, 'English segments fetched');
    await waitFor(() => el!.currentTime > switchedAt + 1.5, 'playback to go on after the switch');
    expect(el.paused).to.equal(false);
    expect(q(el, '[part="error"]')).to.equal(null);
    expect(q<HTMLSelectElement>(el, 'select[name="audio"]')!.value).to.equal('1');
  });

  it('English page: "Audio track", the same names; the property API switches back', async () => {
    el = await mount({ 'video-id': clip.id, 'cdn-base-url': env.config.cdnBaseUrl, muted: true, autoplay: true, lang: 'en' });
    await waitFor(() => el!.audioTrackList.length === 2, 'two audio tracks');
    const select = await openSettings(el);
    await waitFor(() => select.closest('label')!.textContent!.includes('Audio track'), 'the English label');
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(['Español', 'English']);
    expect(await axeViolations(el)).to.deep.equal([]);
    el.audioTrack = 1;
    await waitFor(() => el!.audioTrack === 1, 'English');
    el.audioTrack = 0;
    await waitFor(() => el!.audioTrack === 0, 'Spanish again');
    const at = el.currentTime;
    await waitFor(() => el!.currentTime > at + 1, 'playback goes on');
  });

  it('native HLS (engine="native", Chromium): plays with the default rendition; no menu, as Chromium has no video.audioTracks', async function () {
    if (!document.createElement('video').canPlayType('application/vnd.apple.mpegurl')) this.skip();
    performance.clearResourceTimings();
    el = await mount({ 'video-id': clip.id, 'cdn-base-url': env.config.cdnBaseUrl, muted: true, autoplay: true, engine: 'native' });
    await waitFor(() => el!.currentTime > 1, 'native playback');
    expect(el.currentEngine).to.equal('native');
    expect(fetched('/audio_es/seg_').length, 'the default (Spanish) rendition').to.be.greaterThan(0);
    // No English audio is played (its playlist may be read: the provenance check hashes every playlist).
    expect(fetched('/audio_en/seg_')).to.deep.equal([]);
    expect('audioTracks' in el.video!).to.equal(false);
    expect(el.audioTrackList).to.deep.equal([]);
  });

  it("native HLS where the browser has video.audioTracks (Safari's API, given to Chromium's video here): the menu lists and switches them", async function () {
    if (!document.createElement('video').canPlayType('application/vnd.apple.mpegurl')) this.skip();
    // The shape of WebKit's AudioTrackList: indexed tracks whose `enabled` fires `change` on the list.
    const list = new EventTarget() as EventTarget & Record<number, { label: string; language: string; enabled: boolean }> & { length: number };
    const track = (label: string, language: string, on: boolean) => {
      let enabled = on;
      return {
        label,
        language,
        get enabled() {
          return enabled;
        },
        set enabled(x: boolean) {
          if (x === enabled) return;
          enabled = x;
          list.dispatchEvent(new Event('change'));
        },
      };
    };
    list.length = 0;
    const player = document.createElement('ine-player');
    Object.defineProperty(player.video!, 'audioTracks', { value: list });
    el = player;
    for (const [k, v] of Object.entries({ 'video-id': clip.id, 'cdn-base-url': env.config.cdnBaseUrl, engine: 'native' })) player.setAttribute(k, v);
    player.muted = true;
    player.style.width = '640px';
    document.body.append(player);
    await player.updateComplete;
    // The tracks arrive with the playlist, as in Safari.
    Object.assign(list, { 0: track('Español', 'es', true), 1: track('English', 'en', false), length: 2 });
    list.dispatchEvent(new Event('addtrack'));
    await waitFor(() => player.audioTrackList.length === 2, 'the native tracks');
    expect(player.audioTrack).to.equal(0);
    const select = await openSettings(player);
    expect([...select.options].map((o) => [o.textContent!.trim(), o.lang])).to.deep.equal([
      ['Español', 'es'],
      ['English', 'en'],
    ]);
    select.value = '1';
    select.dispatchEvent(new Event('change'));
    await waitFor(() => player.audioTrack === 1, 'English enabled');
    expect([list[0].enabled, list[1].enabled]).to.deep.equal([false, true]);
  });
});
