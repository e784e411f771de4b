import { expect } from '@open-wc/testing';
import { configure, resetConfig } from '../../../src/config/config.js';
import { media, mount, waitFor, playsPast, setFaults, hits, q, axeViolations } from './helpers.js';
import type { InePlayer } from '../../../src/elements/player/ine-player.js';

type ErrDetail = { code: string; message: string };

/** Collect the player's `ine-error` events. */
function errorsOf(el: InePlayer): ErrDetail[] {
  const list: ErrDetail[] = [];
  el.addEventListener('ine-error', (e) => list.push((e as CustomEvent<ErrDetail>).detail));
  return list;
}

async function mountCollecting(attrs: Record<string, string | boolean>): Promise<{ el: InePlayer; errors: ErrDetail[] }> {
  // Listen before the element loads anything: collect from the document (ine-error bubbles, composed).
  const errors: ErrDetail[] = [];
  const on = (e: Event) => errors.push((e as CustomEvent<ErrDetail>).detail);
  document.addEventListener('ine-error', on);
  const el = await mount(attrs);
  return { el, errors };
}

describe('<ine-player> error states', () => {
  let el: InePlayer | undefined;
  afterEach(async () => {
    el?.remove();
    el = undefined;
    await setFaults([]);
  });

  it('a clip that does not exist: translated message, ine-error NotFound, retry button, no axe violations', async () => {
    const m = await media();
    const r = await mountCollecting({ 'video-id': m.missingId, 'cdn-base-url': m.cdnBaseUrl, muted: true });
    el = r.el;
    const panel = await waitFor(() => q(el!, '[part="error"]'), 'the error panel');
    expect(panel.getAttribute('role')).to.equal('alert');
    // es-MX error messages load with the first error.
    await waitFor(() => panel.textContent!.includes('No encontramos este video'), 'the message');
    await waitFor(() => r.errors.length, 'ine-error');
    expect(r.errors[0].code).to.equal('NotFound');
    expect(r.errors[0].message).to.contain('No encontramos este video');
    expect(panel.querySelector('button')!.textContent).to.equal('Reintentar');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('an unpublished clip: the CDN answers 404 and the player says so (in English when lang=en)', async () => {
    const m = await media();
    const r = await mountCollecting({ 'video-id': m.unpublishedId, 'cdn-base-url': m.cdnBaseUrl, muted: true, lang: 'en' });
    el = r.el;
    const panel = await waitFor(() => q(el!, '[part="error"]'), 'the error panel');
    await waitFor(() => panel.textContent!.includes('We could not find this video'), 'the English message');
    await waitFor(() => r.errors.length, 'ine-error');
    expect(r.errors.map((e) => e.code)).to.include('NotFound');
    expect(r.errors[0].message).to.contain('We could not find this video');
    // The files exist on the origin but were never served: every media request got 404.
    expect((await hits()).some((p) => p.includes(m.unpublishedId))).to.equal(true);
  });

  it('a missing playlist on the native path is told apart from an unsupported codec', async () => {
    const m = await media();
    let r = await mountCollecting({ src: `${m.cdnBaseUrl}/media/${m.missingId}/master.m3u8`, engine: 'native', muted: true, autoplay: true });
    el = r.el;
    await waitFor(() => r.errors.length, 'ine-error');
    expect(r.errors[0].code).to.equal('NotFound');
    el.remove();
    r = await mountCollecting({ src: m.badCodec, muted: true, autoplay: true });
    el = r.el;
    await waitFor(() => r.errors.length, 'ine-error');
    expect(r.errors[0].code).to.equal('Unsupported');
    await waitFor(() => q(el!, '[part="error"]')!.textContent!.includes('no puede reproducir el formato'), 'the message');
    expect(q(el, '[part="error"] button'), 'no retry for a codec').to.equal(null);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('a codec the browser cannot decode on the hls.js path (an HEVC ladder) says so, without a retry', async () => {
    const m = await media();
    const r = await mountCollecting({ src: m.hevcHls, engine: 'hls.js', muted: true, autoplay: true });
    el = r.el;
    await waitFor(() => r.errors.length, 'ine-error');
    expect(r.errors[0].code).to.equal('Unsupported');
    expect(el.currentEngine).to.equal('hls.js');
    await waitFor(() => q(el!, '[part="error"]')!.textContent!.includes('no puede reproducir el formato'), 'the message');
    expect(q(el, '[part="error"] button'), 'no retry for a codec').to.equal(null);
    expect(el.paused).to.equal(true);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('a segment failing twice is retried by hls.js and playback goes on with no error shown', async () => {
    const m = await media();
    await setFaults([{ match: 'seg_002.m4s', status: 503, times: 2 }]);
    el = await mount({ src: m.master, muted: true, engine: 'hls.js' });
    const errors = errorsOf(el);
    await el.play();
    await playsPast(el, 6.5, 'playback past the failing segment');
    expect(errors).to.deep.equal([]);
    expect(q(el, '[part="error"]')).to.equal(null);
    expect((await hits()).filter((p) => p.endsWith('seg_002.m4s')).length).to.be.at.least(3);
  });

  it('the network going away mid-stream shows a retry button; the button resumes playback once it is back', async () => {
    const m = await media();
    await setFaults([{ match: 'seg_002.m4s', status: 0, times: -1 }]);
    el = await mount({ src: m.master, muted: true, engine: 'hls.js' });
    const errors = errorsOf(el);
    await el.play();
    const panel = await waitFor(() => q(el!, '[part="error"]'), 'the error panel', 45_000);
    expect(errors.map((e) => e.code)).to.deep.equal(['Network']);
    await waitFor(() => panel.textContent!.includes('Se perdió la conexión'), 'the message');
    const at = el.currentTime;
    expect(at).to.be.below(4.2);
    expect(await axeViolations(el)).to.deep.equal([]);
    await setFaults([]);
    panel.querySelector('button')!.click();
    await playsPast(el, 6.5, 'playback after retry');
    expect(q(el, '[part="error"]')).to.equal(null);
  });

  it('a master playlist the CDN cannot serve (503) gets a retry that loads the source again', async () => {
    const m = await media();
    await setFaults([{ match: 'master.m3u8', status: 503, times: -1 }]);
    el = await mount({ src: m.master, muted: true, engine: 'hls.js' });
    const errors = errorsOf(el);
    const panel = await waitFor(() => q(el!, '[part="error"]'), 'the error panel', 45_000);
    expect(errors.map((e) => e.code)).to.deep.equal(['ServerError']);
    await waitFor(() => panel.textContent!.includes('El servidor de video respondió con un error'), 'the message');
    await setFaults([]);
    panel.querySelector('button')!.click();
    await el.play();
    await playsPast(el, 1, 'playback after retry');
    expect(q(el, '[part="error"]')).to.equal(null);
  });

  it('video-id without a CDN says configuration is missing, and plays once configure() gives one', async () => {
    const m = await media();
    el = await mount({ 'video-id': m.videoId, muted: true });
    const panel = await waitFor(() => q(el!, '[part="error"]'), 'the error panel');
    expect(panel.textContent).to.contain('Falta configuración');
    configure({ cdnBaseUrl: m.cdnBaseUrl });
    await waitFor(() => !q(el!, '[part="error"]'), 'the error cleared');
    await el.play();
    await playsPast(el, 0.5);
    resetConfig();
  });

  it('recovers by itself when the network comes back', async () => {
    const m = await media();
    await setFaults([{ match: 'seg_003.m4s', status: 0, times: -1 }]);
    el = await mount({ src: m.master, muted: true, engine: 'hls.js' });
    await el.play();
    await waitFor(() => q(el!, '[part="error"]'), 'the error panel', 45_000);
    await setFaults([]);
    await playsPast(el, 8, 'playback after the automatic retry');
    expect(q(el, '[part="error"]')).to.equal(null);
  });
});
