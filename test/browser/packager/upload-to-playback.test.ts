/**
 * Done-when of packaging: a file uploaded by the real upload code (uploader role, Cognito
 * credentials from the stand-in, multipart, manifest with the SHA-256 computed in the browser)
 * becomes, through the stand-in's packager, an adaptive draft clip; once published it plays from
 * the CDN through hls.js.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import Hls from 'hls.js';
import { createUploadQueue } from '../../../src/upload/index.js';
import { memoryStore } from '../../../src/upload/resume-store.js';
import { manifestKeyFor } from '../../../src/contract/upload-manifest.js';
import type { VideoRecord } from '../../../src/contract/index.js';
import { configFor, login, sharedEnv, waitFor } from '../uploader/helpers.js';

describe('upload → packaging → playback', function () {
  this.timeout(600_000);

  it('an mp4 uploaded as the uploader role becomes a playable, adaptive clip', async () => {
    const env = await sharedEnv();
    const token = await login(env, 'uploader');
    const cfg = configFor(env, token);
    const { base64 } = (await executeServerCommand('ine-packager-source-mp4', { width: 1280, height: 720, seconds: 4 })) as { base64: string };
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const file = new File([bytes], 'nota-informativa.mp4', { type: 'video/mp4' });

    const q = createUploadQueue({ config: () => cfg, resumeStore: memoryStore() });
    try {
      const [item] = await q.addFiles([file], { title: 'Nota informativa subida', state: 'Yucatán', tags: 'prueba' });
      q.start(item.id);
      const done = await waitFor(() => (['complete', 'error'].includes(q.get(item.id)!.state) ? q.get(item.id) : undefined), 'upload to finish');
      expect(done.state, JSON.stringify(done.error)).to.equal('complete');

      const draft = (await executeServerCommand('ine-packager-wait-clip', {
        s3Endpoint: env.config.s3Endpoint,
        region: env.config.region,
        bucket: env.config.bucket,
        credentials: env.staticCredentials,
        manifestKey: manifestKeyFor(done.key!),
        publish: false,
      })) as { id: string; record: VideoRecord };
      expect(draft.record.status).to.equal('ready');
      expect(draft.record.published).to.equal(false);
      expect(draft.record.metadata.title).to.equal('Nota informativa subida');
      expect(draft.record.source.sha256).to.equal(done.sha256);
      expect(draft.record.renditions.map((r) => r.height)).to.deep.equal([360, 540, 720]);
      // The uploader learns it too, with its own credentials (the upload's status document).
      const packaged = await waitFor(
        () => (q.get(item.id)!.packaging?.status === 'ready' ? q.get(item.id)!.packaging : undefined),
        'the queue to see the clip ready',
      );
      expect(packaged).to.deep.equal({ status: 'ready', videoId: draft.id, title: 'Nota informativa subida' });

      const { id } = (await executeServerCommand('ine-packager-wait-clip', {
        s3Endpoint: env.config.s3Endpoint,
        region: env.config.region,
        bucket: env.config.bucket,
        credentials: env.staticCredentials,
        manifestKey: manifestKeyFor(done.key!),
      })) as { id: string };
      expect(id).to.equal(draft.id);

      const video = document.createElement('video');
      video.muted = true;
      document.body.append(video);
      const hls = new Hls();
      try {
        const parsed = new Promise<void>((resolve) => hls.on(Hls.Events.MANIFEST_PARSED, () => resolve()));
        hls.loadSource(`${env.config.cdnBaseUrl}/media/${id}/master.m3u8`);
        hls.attachMedia(video);
        await parsed;
        expect(hls.levels.length).to.equal(3);
        await video.play();
        await waitFor(() => (video.currentTime > 1 ? true : undefined), 'playback to pass 1 s');
      } finally {
        hls.destroy();
        video.remove();
      }
    } finally {
      q.dispose();
    }
  });
});
