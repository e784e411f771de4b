/**
 * A one-audio-track clip as MediaConvert packages it (infra/packaging/job-settings.ts: MPEG-2 TS
 * renditions with the audio muxed in, no audio group in the master; made by ffmpeg in
 * test/browser/plugins/player.mjs, since MediaConvert cannot run here): the player plays it on
 * hls.js light, never fetching the full build, and offers no audio menu.
 */
import { expect } from '@open-wc/testing';
import type { InePlayer } from '../../../src/elements/player/ine-player.js';
import { media, mount, waitFor } from './helpers.js';

/** URLs this page fetched so far (resource timing, hls.js' requests included). */
const fetched = (part: string) =>
  performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((u) => u.includes(part));

describe('<ine-player> on a MediaConvert one-track layout (TS, audio muxed)', () => {
  let el: InePlayer | undefined;
  afterEach(() => {
    el?.remove();
    el = undefined;
  });

  it('plays on hls.js light: the full build is not fetched, no audio menu', async () => {
    const m = await media();
    const master = await (await fetch(m.muxedTs)).text();
    expect(master, 'no audio rendition of its own').to.not.match(/TYPE=AUDIO/);
    el = await mount({ src: m.muxedTs, engine: 'hls.js', muted: true, autoplay: true });
    await waitFor(() => el!.currentTime > 1, 'playback past 1 s');
    expect(el.currentEngine).to.equal('hls.js');
    expect(fetched('.ts').length, 'TS segments').to.be.greaterThan(0);
    // First (and only) player of this page: hls.js light was fetched, the full build (dist/hls.mjs) was not.
    expect(fetched('hls.light')).to.not.deep.equal([]);
    expect(fetched('/dist/hls.mjs')).to.deep.equal([]);
    expect(el.audioTrackList).to.deep.equal([]);
  });
});
