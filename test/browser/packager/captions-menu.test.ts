/**
 * The player's captions menu on a real captioned clip: a QuickTime export with CEA-608 captions
 * (made by ffmpeg), packaged by the stand-in (the captions extracted to WebVTT), plus an attached
 * English caption file, played from the CDN in Chromium on the hls.js light path and natively. Both
 * caption tracks are offered by name; choosing one shows its cues and only its cues.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { VideoRecord } from '../../../src/contract/index.js';
import type { InePlayer } from '../../../src/elements/player/ine-player.js';
import { axeViolations, mount, q, waitFor } from '../player/helpers.js';

interface Env {
  config: { region: string; bucket: string; s3Endpoint: string; cdnBaseUrl: string };
  staticCredentials: { accessKeyId: string; secretAccessKey: string };
}

const ATTACHED = 'WEBVTT\n\n00:00:00.000 --> 00:00:05.000\nGood evening\n';

describe('<ine-player> captions menu (CEA-608 extracted at packaging + an attached file)', function () {
  this.timeout(600_000);
  let env: Env;
  let id: string;
  let el: InePlayer | undefined;

  before(async () => {
    env = await (await fetch('/__ine__/env.json')).json();
    const s3 = { s3Endpoint: env.config.s3Endpoint, region: env.config.region, bucket: env.config.bucket, credentials: env.staticCredentials };
    const clip = (await executeServerCommand('ine-packager-make-clip', { ...s3, seconds: 6, captions: true })) as { id: string; record: VideoRecord };
    id = clip.id;
    expect(clip.record.captions?.map((c) => [c.lang, c.label])).to.deep.equal([['es', 'Español (CC)']]);
    const { record } = (await executeServerCommand('ine-packager-attach-caption', { ...s3, id, lang: 'en', label: 'English', vtt: ATTACHED })) as {
      record: VideoRecord;
    };
    expect(record.captions).to.have.length(2);
  });

  afterEach(() => {
    el?.remove();
    el = undefined;
  });

  for (const engine of ['hls.js', 'native'] as const) {
    it(`${engine}: both tracks in the menu; each shows its own cues, and only it`, async function () {
      if (engine === 'native' && !document.createElement('video').canPlayType('application/vnd.apple.mpegurl')) this.skip();
      el = await mount({ 'video-id': id, 'cdn-base-url': env.config.cdnBaseUrl, muted: true, engine });
      await waitFor(() => el!.shadowRoot!.querySelector('[part~="captions"]'), 'the captions button');
      expect(el.currentEngine).to.equal(engine);
      const video = el.video!;
      expect([...video.querySelectorAll('track')].map((t) => [t.srclang, t.label])).to.deep.equal([
        ['es', 'Español (CC)'],
        ['en', 'English'],
      ]);

      q(el, '[part~="settings"]')!.click();
      const select = await waitFor(() => q<HTMLSelectElement>(el!, 'select[name="captions"]'), 'the captions menu');
      expect([...select.options].map((o) => [o.textContent!.trim(), o.lang])).to.deep.equal([
        ['Desactivados', ''],
        ['Español (CC)', 'es'],
        ['English', 'en'],
      ]);
      expect(await axeViolations(el)).to.deep.equal([]);

      const showing = () => [...video.textTracks].filter((t) => t.mode === 'showing').map((t) => t.label);
      const cueTexts = (i: number) => [...(video.textTracks[i].cues ?? [])].map((c) => (c as VTTCue).text);
      select.value = '0';
      select.dispatchEvent(new Event('change'));
      expect(el.captionTrack).to.equal(0);
      await waitFor(() => cueTexts(0).length, 'the CEA-608 cues');
      expect(cueTexts(0)).to.deep.equal(['HOLA MUNDO', 'SEGUNDA LINEA']);
      expect(showing()).to.deep.equal(['Español (CC)']);
      await el.play();
      await waitFor(() => [...(video.textTracks[0].activeCues ?? [])].length, 'a caption on screen while playing');

      select.value = '1';
      select.dispatchEvent(new Event('change'));
      await waitFor(() => cueTexts(1).length, 'the attached cues');
      expect(cueTexts(1)).to.deep.equal(['Good evening']);
      expect(showing()).to.deep.equal(['English']);
    });
  }
});
