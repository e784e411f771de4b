/**
 * A clip packaged by the stand-in's packager (real ffmpeg, via the ine-packager-make-clip server
 * command) plays in Chromium from the CDN: through hls.js (MSE) and natively when Chromium offers
 * native HLS. Time must advance; the ladder must be the one the record lists.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import Hls from 'hls.js';
import type { VideoRecord } from '../../../src/contract/index.js';
import { waitFor } from '../support/wait.js';

interface Env {
  config: { region: string; bucket: string; s3Endpoint: string; cdnBaseUrl: string };
  staticCredentials: { accessKeyId: string; secretAccessKey: string };
}

describe('packaged clips play in Chromium', function () {
  this.timeout(600_000);
  let env: Env;
  let clip: { id: string; record: VideoRecord };
  let master: string;

  before(async () => {
    env = await (await fetch('/__ine__/env.json')).json();
    clip = await executeServerCommand('ine-packager-make-clip', {
      s3Endpoint: env.config.s3Endpoint,
      region: env.config.region,
      bucket: env.config.bucket,
      credentials: env.staticCredentials,
      width: 1280,
      height: 720,
      seconds: 6,
    });
    master = `${env.config.cdnBaseUrl}/media/${clip.id}/master.m3u8`;
  });

  const newVideo = () => {
    const v = document.createElement('video');
    v.muted = true;
    v.playsInline = true;
    document.body.append(v);
    return v;
  };

  it('through hls.js: the ladder of the record, time advances', async () => {
    expect(Hls.isSupported()).to.equal(true);
    expect(clip.record.published).to.equal(true);
    const video = newVideo();
    const hls = new Hls({ startLevel: 0 });
    const errors: string[] = [];
    hls.on(Hls.Events.ERROR, (_e, d) => d.fatal && errors.push(`${d.type}: ${d.details}`));
    try {
      const parsed = new Promise<void>((resolve) => hls.on(Hls.Events.MANIFEST_PARSED, () => resolve()));
      hls.loadSource(master);
      hls.attachMedia(video);
      await parsed;
      expect(hls.levels.map((l) => l.height)).to.deep.equal(clip.record.renditions.map((r) => r.height));
      expect(hls.levels.map((l) => l.height)).to.deep.equal([360, 540, 720]);
      await video.play();
      await waitFor(() => video.currentTime > 1.5 || errors.length > 0, 'playback to pass 1.5 s');
      expect(errors).to.deep.equal([]);
      expect(video.currentTime).to.be.greaterThan(1.5);
      expect(video.videoWidth).to.be.greaterThan(0);
    } finally {
      hls.destroy();
      video.remove();
    }
  });

  it('natively, when Chromium plays HLS itself', async function () {
    const video = newVideo();
    try {
      if (!video.canPlayType('application/vnd.apple.mpegurl')) this.skip();
      video.src = master;
      await video.play();
      await waitFor(() => video.currentTime > 1.5 || !!video.error, 'native playback to pass 1.5 s');
      expect(video.error).to.equal(null);
      expect(video.currentTime).to.be.greaterThan(1.5);
    } finally {
      video.removeAttribute('src');
      video.load();
      video.remove();
    }
  });

  it('a clip with two audio languages (demuxed): full hls.js lists both tracks and switches between them while playing', async () => {
    const multi = (await executeServerCommand('ine-packager-make-clip', {
      s3Endpoint: env.config.s3Endpoint,
      region: env.config.region,
      bucket: env.config.bucket,
      credentials: env.staticCredentials,
      seconds: 8,
      languages: true,
    })) as { id: string; record: VideoRecord };
    const url = `${env.config.cdnBaseUrl}/media/${multi.id}/master.m3u8`;
    const video = newVideo();
    const hls = new Hls({ startLevel: 0 });
    const errors: string[] = [];
    hls.on(Hls.Events.ERROR, (_e, d) => d.fatal && errors.push(`${d.type}: ${d.details}`));
    try {
      const parsed = new Promise<void>((resolve) => hls.on(Hls.Events.MANIFEST_PARSED, () => resolve()));
      hls.loadSource(url);
      hls.attachMedia(video);
      await parsed;
      await video.play();
      expect(hls.audioTracks.map((t) => [t.lang, t.name, t.default])).to.deep.equal([
        ['es', 'Español', true],
        ['en', 'English', false],
      ]);
      await waitFor(() => video.currentTime > 1 || errors.length > 0, 'playback to pass 1 s');
      // Switching from one separate rendition to another (what muxed audio made fail: bufferAppendError).
      const switched = new Promise<void>((resolve) => hls.on(Hls.Events.AUDIO_TRACK_SWITCHED, () => resolve()));
      hls.audioTrack = 1;
      await switched;
      const at = video.currentTime;
      await waitFor(() => video.currentTime > at + 1.5 || errors.length > 0, 'playback to go on in English');
      expect(errors).to.deep.equal([]);
      expect(hls.audioTrack).to.equal(1);
    } finally {
      hls.destroy();
      video.remove();
    }
  });

  it('a new clip is a draft: ready, unpublished, and the CDN does not serve it', async () => {
    const draft = (await executeServerCommand('ine-packager-make-clip', {
      s3Endpoint: env.config.s3Endpoint,
      region: env.config.region,
      bucket: env.config.bucket,
      credentials: env.staticCredentials,
      width: 640,
      height: 360,
      seconds: 4,
      publish: false,
    })) as { id: string; record: VideoRecord };
    expect(draft.record.status).to.equal('ready');
    expect(draft.record.published).to.equal(false);
    const res = await fetch(`${env.config.cdnBaseUrl}/media/${draft.id}/master.m3u8`);
    expect(res.ok).to.equal(false);
  });
});
