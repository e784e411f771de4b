import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { media, mount, waitFor, playsPast, q, axeViolations } from './helpers.js';
import type { InePlayer } from '../../../src/elements/player/ine-player.js';

const press = (key: string) => sendKeys({ press: key });

describe('<ine-player> controls', () => {
  let el: InePlayer | undefined;
  afterEach(() => {
    el?.remove();
    el = undefined;
  });

  it('keyboard shortcuts: k/space, j/l, arrows, m, digits, c, ? (real key presses)', async () => {
    const m = await media();
    el = await mount({ 'video-id': m.videoId, 'cdn-base-url': m.cdnBaseUrl, muted: true });
    await waitFor(() => q(el!, 'track'), 'captions');
    q(el, '[part="base"]')!.focus();
    await press('k');
    await playsPast(el, 0.3);
    await press('k');
    await waitFor(() => el!.paused, 'paused by k');
    await press(' ');
    await waitFor(() => !el!.paused, 'playing by space');
    await press(' ');
    await waitFor(() => el!.paused, 'paused by space');
    await waitFor(() => el!.duration > 9, 'duration');
    await press('5');
    expect(el.currentTime).to.be.closeTo(5, 0.1);
    await press('l');
    expect(el.currentTime).to.be.closeTo(el.duration, 0.05);
    await press('j');
    expect(el.currentTime).to.be.closeTo(el.duration - 10, 0.1);
    await press('ArrowRight');
    expect(el.currentTime).to.be.closeTo(el.duration - 5, 0.1);
    await press('ArrowLeft');
    expect(el.currentTime).to.be.closeTo(el.duration - 10, 0.1);
    el.volume = 0.5;
    await press('ArrowUp');
    expect(el.volume).to.be.closeTo(0.6, 0.001);
    expect(el.muted, 'volume keys unmute').to.equal(false);
    await press('ArrowDown');
    await press('ArrowDown');
    expect(el.volume).to.be.closeTo(0.4, 0.001);
    await press('m');
    expect(el.muted).to.equal(true);
    await press('m');
    expect(el.muted).to.equal(false);
    await press('c');
    expect(el.captionTrack).to.equal(0);
    await press('c');
    expect(el.captionTrack).to.equal(-1);
    await press('Shift+Slash');
    const dialog = q<HTMLDialogElement>(el, 'dialog')!;
    await waitFor(() => dialog.open, 'the help dialog');
    expect(dialog.textContent).to.contain('Atajos de teclado');
    expect(dialog.textContent).to.contain('Reproducir o pausar');
    expect(await axeViolations(el)).to.deep.equal([]);
    await press('Escape');
    await waitFor(() => !dialog.open, 'the help dialog closed');
  });

  it('f toggles full screen', async () => {
    const m = await media();
    el = await mount({ src: m.master, muted: true });
    q(el, '[part="base"]')!.focus();
    await press('f');
    await waitFor(() => document.fullscreenElement === el, 'full screen');
    // The button follows the document's fullscreenchange event, which fires after fullscreenElement
    // is set: wait for the label to change, then check it says how to leave.
    const label = await waitFor(() => {
      const l = q(el!, '[part~="fullscreen"]')!.getAttribute('aria-label');
      return l !== 'Pantalla completa' && l;
    }, 'the full-screen button to update');
    expect(label).to.equal('Salir de pantalla completa');
    await press('f');
    await waitFor(() => !document.fullscreenElement, 'out of full screen');
  });

  it('seek slider: role, value in words, keys, storyboard thumbnail on hover', async () => {
    const m = await media();
    el = await mount({ 'video-id': m.videoId, 'cdn-base-url': m.cdnBaseUrl, muted: true });
    await waitFor(() => el!.duration > 9, 'duration');
    const slider = q(el, '[role="slider"]')!;
    slider.focus();
    await press('ArrowRight');
    expect(el.currentTime).to.be.closeTo(5, 0.1);
    await el.updateComplete;
    await waitFor(() => slider.getAttribute('aria-valuenow') === '5', 'aria-valuenow');
    expect(slider.getAttribute('aria-valuetext')).to.equal('5 segundos de 10 segundos');
    await press('End');
    expect(el.currentTime).to.be.closeTo(el.duration, 0.05);
    await press('Home');
    expect(el.currentTime).to.equal(0);
    // Hover at 75 %: the storyboard picture of second 7 (column 2, row 1 of the sprite), shown as
    // soon as the storyboard has arrived.
    const r = slider.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(r.left + r.width * 0.75), Math.round(r.top + r.height / 2)] });
    const frame = await waitFor(() => q(el!, '[part="preview"] .frame'), 'preview');
    expect(frame.style.backgroundImage).to.contain('storyboard.jpg');
    expect(frame.style.backgroundPosition).to.equal('-320px -90px');
    expect(q(el, '[part="preview"]')!.textContent).to.contain('0:07');
    await sendMouse({ type: 'move', position: [0, 0] });
  });

  it('auto-hides the controls while playing, not while paused or focused inside', async () => {
    const m = await media();
    el = await mount({ src: m.master, muted: true, loop: true });
    const controls = q(el, '[part="controls"]')!;
    expect(controls.classList.contains('hidden')).to.equal(false);
    // Focus on the player area itself (as after clicking the video) does not keep them up.
    q(el, '[part="base"]')!.focus();
    await el.play();
    await waitFor(() => controls.classList.contains('hidden'), 'controls hidden', 20_000);
    q<HTMLButtonElement>(el, '[part~="play"]')!.focus();
    await el.updateComplete;
    expect(controls.classList.contains('hidden')).to.equal(false);
    q<HTMLButtonElement>(el, '[part~="play"]')!.blur();
    el.pause();
    await new Promise((r) => setTimeout(r, 3000));
    expect(controls.classList.contains('hidden')).to.equal(false);
  });

  it('labels controls in es-MX by default and in English with lang=en; axe clean while playing and with the menu open', async () => {
    const m = await media();
    el = await mount({ 'video-id': m.videoId, 'cdn-base-url': m.cdnBaseUrl, muted: true });
    expect(q(el, '[part~="play"]')!.getAttribute('aria-label')).to.equal('Reproducir');
    expect(q(el, '[part="big-play"]')!.getAttribute('aria-label')).to.equal('Reproducir');
    expect(await axeViolations(el)).to.deep.equal([]);
    await el.play();
    await playsPast(el, 0.3);
    await el.updateComplete;
    expect(q(el, '[part~="play"]')!.getAttribute('aria-label')).to.equal('Pausar');
    expect(await axeViolations(el)).to.deep.equal([]);
    q<HTMLButtonElement>(el, '[part~="settings"]')!.click();
    await el.updateComplete;
    await waitFor(() => q(el!, 'select[name="quality"]'), 'quality menu');
    expect(await axeViolations(el)).to.deep.equal([]);
    el.lang = 'en';
    await el.updateComplete;
    expect(el.getAttribute('lang')).to.equal('en');
    // English strings are fetched on first use (Spanish pages never download them).
    await waitFor(() => q(el!, '[part~="settings"]')!.getAttribute('aria-label') === 'Settings', 'English labels');
    expect(q(el, '[part~="play"]')!.getAttribute('aria-label')).to.be.oneOf(['Pause', 'Play', 'Replay']);
    expect(q(el, '[part="settings"]')!.textContent).to.contain('Quality');
  });

  it('is usable at 320 px: nothing overflows, the essential buttons are there', async () => {
    const m = await media();
    el = await mount({ src: m.master, muted: true });
    el.style.width = '320px';
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(r));
    const row = q(el, '.row')!;
    expect(row.scrollWidth).to.be.at.most(row.clientWidth + 1);
    for (const part of ['play', 'mute', 'time', 'settings', 'fullscreen', 'copy-link']) {
      const b = q(el, `[part~="${part}"]`)!.getBoundingClientRect();
      expect(b.width, part).to.be.greaterThan(20);
    }
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});
