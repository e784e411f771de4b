/**
 * The admin's path (issue 16) in Chromium against the stand-in: log in as admin, open a draft
 * packaged by the real packager, watch it in the editor's preview (signed CDN URLs: a frame decodes,
 * poster and quality levels as on the public player), publish it, and see the public view: the CDN
 * serves it to anonymous viewers and a public player plays it. Also: Publicar says why it is
 * disabled, a clip dated ahead by its source can be saved, closing with unsaved edits asks first
 * (keyboard), in Spanish and English, axe clean.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/catalog/ine-catalog.js';
import '../../../src/elements/player/ine-player.js';
import type { IneCatalog } from '../../../src/elements/catalog/ine-catalog.js';
import type { InePlayer } from '../../../src/elements/player/ine-player.js';
import type { VideoRecord } from '../../../src/contract/video-record.js';
import { waitFor } from '../support/wait.js';
import { axe, record, seed, shadow, signIn, titles, typeSearch, uniqueWord, type Env } from '../catalog/helpers.js';

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => shadow(el).querySelector<T & Element>(sel) as T | null;

async function openEditor(el: IneCatalog, word: string): Promise<void> {
  await typeSearch(el, word);
  await waitUntil(() => titles(el).length === 1, 'one clip listed', { timeout: 20_000 });
  q(el, '[role="option"]')!.click();
  await waitUntil(() => q(el, 'dialog.edit input[name="title"]'), 'edit form open', { timeout: 30_000 });
}

/** A decoded frame: the `<video>` has current data and its decoder has produced at least one frame. */
async function frameDecoded(player: InePlayer, what: string): Promise<void> {
  await waitUntil(() => player.video && player.video.readyState >= 2 && player.video.getVideoPlaybackQuality().totalVideoFrames > 0, what, {
    timeout: 60_000,
  });
}

describe('admin path: preview a draft, publish, see the public view', function () {
  this.timeout(240_000);
  let env: Env;
  before(async () => {
    env = await signIn('admin');
  });
  afterEach(() => {
    document.documentElement.lang = 'es-MX';
  });

  it('plays a draft in the editor through signed URLs, publishes it, and the public view shows it', async () => {
    const word = uniqueWord();
    const { id } = (await executeServerCommand('ine-packager-make-clip', {
      s3Endpoint: env.config.s3Endpoint,
      region: env.config.region,
      bucket: env.config.bucket,
      credentials: env.staticCredentials,
      width: 640,
      height: 360,
      seconds: 4,
      publish: false,
      title: `Borrador ${word}`,
    })) as { id: string; record: VideoRecord };
    await executeServerCommand('ine-stand-in-indexed');
    const publicMaster = `${env.config.cdnBaseUrl}/media/${id}/master.m3u8`;
    expect((await fetch(publicMaster, { cache: 'no-store' })).status, 'a draft is not public').to.equal(404);

    const el = await fixture<IneCatalog>(html`<ine-catalog admin></ine-catalog>`);
    await el.loaded;
    await openEditor(el, word);
    const player = await waitFor(() => q<InePlayer>(el, 'dialog.edit .preview ine-player'), 'preview player');
    expect(player.cdnBaseUrl).to.equal(`${env.config.cdnBaseUrl}/preview`);
    expect(player.signedQuery).to.match(/^Policy=.+&Signature=.+&Key-Pair-Id=.+$/);
    await frameDecoded(player, 'a frame of the draft decoded');
    // Poster and quality levels as on the public player, each through the signed path.
    await waitUntil(() => player.video!.getAttribute('poster')?.includes('/preview/media/'), 'signed poster', { timeout: 30_000 });
    expect(player.video!.getAttribute('poster')).to.include('Signature=');
    expect(player.currentEngine).to.equal('hls.js');
    await waitUntil(() => player.renditionList.length > 0, 'quality levels from the signed child playlists', { timeout: 30_000 });
    expect((await axe(el)).violations.map((v) => v.id)).to.deep.equal([]);

    q<HTMLButtonElement>(el, 'dialog.edit button[name="publish"]')!.click();
    await waitUntil(() => q(el, 'dialog.edit .notice')?.textContent?.includes('Clip publicado'), 'published notice', { timeout: 60_000 });
    // The public view at once: the CDN serves the clip to anyone, and a public player plays it.
    await waitUntil(async () => (await fetch(publicMaster, { cache: 'no-store' })).status === 200, 'public master', { timeout: 30_000 });
    // The admin's list shows the poster at once (drafts have none there: the public CDN refuses them).
    const img = await waitFor(() => q<HTMLImageElement>(el, `[data-id="${id}"] img`), 'poster in the list');
    await waitFor(() => img.complete && img.naturalWidth > 0, 'poster loaded');
    const pub = await fixture<InePlayer>(html`<ine-player video-id=${id} cdn-base-url=${env.config.cdnBaseUrl} preload="auto" muted></ine-player>`);
    await frameDecoded(pub, 'a frame of the published clip decoded');
    await waitUntil(() => pub.video!.getAttribute('poster')?.endsWith(`/media/${id}/poster.jpg`), 'public poster', { timeout: 30_000 });
    pub.remove();
    el.remove();
  });

  it('refreshes the list by itself when the index changes', async () => {
    const word = uniqueWord();
    const el = await fixture<IneCatalog>(html`<ine-catalog admin></ine-catalog>`);
    await el.loaded;
    await typeSearch(el, word);
    expect(titles(el)).to.deep.equal([]);
    // A clip arrives (as the packager writes it): no refresh() call, no reload of the page.
    await seed([record({ published: false, metadata: { title: `Nuevo ${word}` } })]);
    await waitFor(() => titles(el).length === 1, 'the new clip listed by itself', 30_000);
    expect(titles(el)).to.deep.equal([`Nuevo ${word}`]);
    el.remove();
  });

  it('says why Publicar is disabled while processing', async () => {
    const word = uniqueWord();
    await seed([record({ status: 'processing', published: false, metadata: { title: `Procesando ${word}` } })]);
    const el = await fixture<IneCatalog>(html`<ine-catalog admin></ine-catalog>`);
    await el.loaded;
    await openEditor(el, word);
    const button = q<HTMLButtonElement>(el, 'dialog.edit button[name="publish"]')!;
    expect(button.disabled).to.equal(true);
    const reason = shadow(el).getElementById(button.getAttribute('aria-describedby')!)!;
    expect(reason.textContent).to.include('se está procesando');
    el.remove();
  });

  it('saves a clip dated ahead by its source (the seeded sample) and asks before discarding edits, by keyboard, in both languages', async () => {
    const word = uniqueWord();
    const ahead = new Date(Date.now() + 90 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    await seed([record({ published: false, metadata: { title: `Programado ${word}`, broadcastAt: ahead } })]);
    const el = await fixture<IneCatalog>(html`<ine-catalog admin></ine-catalog>`);
    await el.loaded;
    await openEditor(el, word);
    const title = q<HTMLInputElement>(el, 'dialog.edit input[name="title"]')!;
    title.value = `Programado ${word} (revisado)`;
    title.dispatchEvent(new Event('input'));
    await el.updateComplete;
    q<HTMLButtonElement>(el, 'dialog.edit button[type="submit"]')!.click();
    await waitUntil(() => q(el, 'dialog.edit .notice')?.textContent?.includes('Cambios guardados'), 'saved although dated ahead', {
      timeout: 60_000,
    });

    // A typed date beyond the tolerance is refused with the rule in words.
    const date = q<HTMLInputElement>(el, 'dialog.edit input[name="broadcastAt"]')!;
    date.value = '2999-01-01T10:00';
    date.dispatchEvent(new Event('change'));
    await el.updateComplete;
    q<HTMLButtonElement>(el, 'dialog.edit button[type="submit"]')!.click();
    await waitUntil(() => q(el, '#err-broadcastAt')?.textContent?.includes('7 días'), 'future date refused', { timeout: 10_000 });

    // Unsaved edits: Close asks; Escape keeps editing; Discard closes.
    for (const [lang, heading] of [
      ['es-MX', '¿Descartar los cambios?'],
      ['en', 'Discard the changes?'],
    ] as const) {
      document.documentElement.lang = lang;
      el.requestUpdate();
      await el.updateComplete;
      const close = [...shadow(el).querySelectorAll<HTMLButtonElement>('dialog.edit .actions button')].find(
        (b) => !b.name && b.type === 'button' && !b.classList.contains('danger'),
      )!;
      close.focus();
      await sendKeys({ press: 'Enter' });
      const ask = await waitFor(() => q<HTMLDialogElement>(el, 'dialog.discard'), 'discard prompt');
      await waitUntil(() => q(el, '#discard-heading')?.textContent === heading, `prompt in ${lang}`, { timeout: 10_000 });
      expect(ask.open).to.equal(true);
      expect(shadow(el).activeElement?.getAttribute('name')).to.equal('keep-editing');
      expect((await axe(el)).violations.map((v) => v.id)).to.deep.equal([]);
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !q(el, 'dialog.discard'), 'prompt gone', { timeout: 10_000 });
      expect(q<HTMLDialogElement>(el, 'dialog.edit')!.open, 'still editing').to.equal(true);
    }
    q<HTMLButtonElement>(el, 'dialog.edit .actions button:not([name]):not(.danger):not([type="submit"])')!.click();
    await waitUntil(() => q(el, 'dialog.discard button[name="discard"]'), 'prompt', { timeout: 10_000 });
    q<HTMLButtonElement>(el, 'dialog.discard button[name="discard"]')!.click();
    await waitUntil(() => !q(el, 'dialog.edit'), 'editor closed', { timeout: 10_000 });
    el.remove();
  });
});
