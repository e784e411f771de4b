// What a viewer who cannot see the video, or has not chosen one yet, gets from <ine-player>: the
// "choose a clip" state (no spinner, no play button), screen-reader announcements (volume, mute,
// seeking, captions, a caption key on a clip without captions) and the broadcast clock.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { media, mount, waitFor, q, axeViolations } from './helpers.js';
import type { InePlayer } from '../../../src/elements/player/ine-player.js';

const press = (key: string) => sendKeys({ press: key });
const said = (el: InePlayer) => q(el, '[role="status"][aria-live="polite"]')?.textContent?.trim() ?? '';
/** Until the live region says exactly `text`. */
const saysExactly = (el: InePlayer, text: string | RegExp) =>
  waitFor(() => (typeof text === 'string' ? said(el) === text : text.test(said(el))), `the announcement ${text} (now: "${said(el)}")`);

describe('<ine-player> for viewers: choose state, announcements, broadcast clock', () => {
  let el: InePlayer | undefined;
  afterEach(() => {
    el?.remove();
    el = undefined;
  });

  for (const [lang, text] of [
    ['es-MX', 'Elige un clip para verlo aquí.'],
    ['en', 'Choose a clip to watch it here.'],
  ] as const) {
    it(`${lang}: with no clip it says so, with no spinner, play button or controls, even when asked to play`, async () => {
      el = await mount({ lang });
      await waitFor(() => q(el!, '[part="empty"]')?.textContent?.includes(text), 'the choose state');
      await el.play();
      q(el, '[part="base"]')!.focus();
      await press(' ');
      await el.updateComplete;
      expect(q(el, '[part="spinner"]'), 'no spinner').to.equal(null);
      expect(q(el, '[part="big-play"]'), 'no play button').to.equal(null);
      expect(q(el, '[part="controls"]'), 'no controls').to.equal(null);
      expect(el.paused).to.equal(true);
      expect(await axeViolations(el)).to.deep.equal([]);
      // Choosing a clip ends the state.
      const m = await media();
      el.setAttribute('cdn-base-url', m.cdnBaseUrl);
      el.videoId = m.videoId;
      await waitFor(() => q(el!, '[part~="big-play"]') && !q(el!, '[part="empty"]'), 'the clip ready to play');
    });
  }

  it('announces volume (the last of a burst), mute, seeking and captions; a caption key without captions says so', async () => {
    const m = await media();
    el = await mount({ 'video-id': m.videoId, 'cdn-base-url': m.cdnBaseUrl, lang: 'es-MX' });
    await waitFor(() => q(el!, 'track') && el!.duration > 9, 'captions and duration');
    el.volume = 0.5;
    q(el, '[part="base"]')!.focus();
    await press('ArrowUp');
    await press('ArrowUp');
    await saysExactly(el, 'Volumen 70 %');
    await press('m');
    await saysExactly(el, 'Sonido silenciado');
    await press('m');
    await saysExactly(el, 'Sonido activado');
    await press('5');
    await saysExactly(el, /^5 segundos de \d+ segundos$/);
    await press('c');
    await saysExactly(el, 'Subtítulos: Español');
    await press('c');
    await saysExactly(el, 'Subtítulos desactivados');
    el.remove();
    // A progressive mp4 has no record, so no captions: the key says so instead of doing nothing.
    el = await mount({ src: m.mp4, lang: 'en' });
    await waitFor(() => el!.duration > 0, 'the mp4 loaded');
    q(el, '[part="base"]')!.focus();
    await press('c');
    await saysExactly(el, 'This clip has no captions');
    expect(q(el, '[part~="captions"]'), 'no captions button').to.equal(null);
  });

  for (const lang of ['es-MX', 'en'] as const) {
    it(`${lang}: the broadcast clock shows the time on air next to the elapsed time, and copies a link citing it`, async () => {
      const m = await media();
      el = await mount({
        'video-id': m.videoId,
        'cdn-base-url': m.cdnBaseUrl,
        'broadcast-clock': true,
        muted: true,
        lang,
        'share-url': 'https://monitoreo.ine.mx/?v=1',
      });
      const clock = await waitFor(() => q<HTMLButtonElement>(el!, '[part~="broadcast-clock"]'), 'the broadcast clock');
      expect(clock.textContent!.trim()).to.equal('21:00:00 h');
      expect(clock.getAttribute('aria-label')).to.match(
        lang === 'en' ? /^Broadcast time: 21:00:00 h \(UTC−06:00\)/ : /^Hora de transmisión: 21:00:00 h \(UTC−06:00\)/,
      );
      el.currentTime = 3.4;
      await waitFor(() => clock.textContent!.trim() === '21:00:03 h', 'the clock follows the media time');
      let copied = '';
      el.addEventListener('ine-link-copied', (e) => (copied = (e as CustomEvent<{ url: string }>).detail.url));
      clock.click();
      const expected = /^https:\/\/monitoreo\.ine\.mx\/\?v=1#t=3\.4&at=2026-03-01T21%3A00%3A03-06%3A00$/;
      // Clipboard may be denied in headless Chromium: then the field to copy by hand holds the link.
      await waitFor(() => copied || q<HTMLInputElement>(el!, '.panel input')?.value, 'the link copied or offered');
      expect(copied || q<HTMLInputElement>(el, '.panel input')!.value).to.match(expected);
      expect(await el.copyLink()).to.match(/#t=3\.4$/);
      expect(await axeViolations(el)).to.deep.equal([]);
    });
  }

  it('no broadcast clock without the attribute, or for a clip without broadcastAt', async () => {
    const m = await media();
    el = await mount({ 'video-id': m.videoId, 'cdn-base-url': m.cdnBaseUrl, muted: true });
    await waitFor(() => q(el!, 'track'), 'the record');
    el.dispatchEvent(new Event('pointerenter'));
    await el.updateComplete;
    expect(q(el, '[part~="broadcast-clock"]')).to.equal(null);
    el.remove();
    el = await mount({ src: m.mp4, 'broadcast-clock': true, muted: true });
    await waitFor(() => el!.duration > 0, 'the mp4 loaded');
    expect(q(el, '[part~="broadcast-clock"]')).to.equal(null);
  });
});
