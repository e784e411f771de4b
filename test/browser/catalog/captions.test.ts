/**
 * Captions end to end in Chromium against the stand-in: a clip packaged from a CEA-608-captioned
 * recording is found by a word said only in its captions, the hit shows the quote and its time, and
 * choosing it starts the player there; an admin attaches an SRT in the editor's "Subtítulos" section
 * (a bad one is refused with a translated reason), the player's captions menu offers it and shows
 * its cue, and a word said only in it finds the clip.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../../src/elements/catalog/ine-catalog.js';
import '../../../src/elements/player/ine-player.js';
import type { IneCatalog } from '../../../src/elements/catalog/ine-catalog.js';
import type { InePlayer } from '../../../src/elements/player/ine-player.js';
import type { VideoRecord } from '../../../src/contract/video-record.js';
import { webVttCues } from '../../../src/catalog/caption-words.js';
import { axe, indexed, ready, shadow, signIn, titles, typeSearch, uniqueWord, type Env } from './helpers.js';

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => shadow(el).querySelector<T & Element>(sel) as T | null;

describe('captions: attached files and caption hits', function () {
  this.timeout(600_000);
  let env: Env;
  let word: string;
  let clip: { id: string; record: VideoRecord };
  const mounted: HTMLElement[] = [];

  before(async () => {
    env = await signIn('admin');
    word = uniqueWord();
    clip = (await executeServerCommand('ine-packager-make-clip', {
      s3Endpoint: env.config.s3Endpoint,
      region: env.config.region,
      bucket: env.config.bucket,
      credentials: env.staticCredentials,
      seconds: 6,
      captions: true,
      title: `Subtitulado ${word}`,
    })) as { id: string; record: VideoRecord };
    expect(clip.record.captions?.map((c) => c.lang)).to.deep.equal(['es']);
    await indexed();
  });

  afterEach(() => {
    for (const el of mounted.splice(0)) el.remove();
  });

  /** A viewer's catalog linked to a player, both on the page. */
  async function viewerPage(): Promise<{ catalog: IneCatalog; player: InePlayer }> {
    const player = document.createElement('ine-player') as InePlayer;
    player.id = 'captions-player';
    player.setAttribute('cdn-base-url', env.config.cdnBaseUrl);
    player.setAttribute('muted', '');
    const catalog = document.createElement('ine-catalog') as IneCatalog;
    catalog.setAttribute('for', 'captions-player');
    catalog.setAttribute('cdn-base-url', env.config.cdnBaseUrl);
    mounted.push(player, catalog);
    document.body.append(player, catalog);
    await ready(catalog);
    return { catalog, player };
  }

  const momentText = (catalog: IneCatalog) => q(catalog, '[role="option"] .moment')?.textContent?.replace(/\s+/g, ' ').trim();

  it('finds a clip by words said in its captions; the hit quotes them with their time; choosing it plays from there', async () => {
    const vtt = await (await fetch(`${env.config.cdnBaseUrl}/media/${clip.id}/${clip.record.captions![0]!.uri}`)).text();
    const cue = webVttCues(vtt).find((c) => /segunda/i.test(c.text))!;
    expect(cue, 'the packaged captions say SEGUNDA').to.not.equal(undefined);
    const { catalog, player } = await viewerPage();
    // The title has `word`; "segunda" is said only in the captions.
    await typeSearch(catalog, `${word} segunda`);
    await waitUntil(() => titles(catalog).length === 1, 'the captioned clip found', { timeout: 20_000 });
    await waitUntil(() => momentText(catalog), 'the quote of the caption hit', { timeout: 20_000 });
    const label = `${Math.floor(cue.start / 60)}:${String(Math.floor(cue.start) % 60).padStart(2, '0')}`;
    expect(momentText(catalog)).to.equal(`Se dice en el clip: «${cue.text}» ${label}`);
    expect((await axe(catalog)).violations).to.deep.equal([]);

    const selected = new Promise<CustomEvent>((resolve) => catalog.addEventListener('ine-select', (e) => resolve(e as CustomEvent), { once: true }));
    q(catalog, '[role="option"]')!.click();
    const detail = (await selected).detail as { videoId: string; startSeconds?: number };
    expect(detail.videoId).to.equal(clip.id);
    expect(detail.startSeconds).to.equal(cue.start);
    await waitUntil(() => player.getAttribute('video-id') === clip.id && player.currentTime >= cue.start, 'the player at the quote', {
      timeout: 60_000,
    });

    // A metadata hit shows no quote.
    await typeSearch(catalog, word);
    await waitUntil(() => titles(catalog).length === 1, 'found by title');
    expect(q(catalog, '[role="option"] .moment')).to.equal(null);
  });

  it('an admin attaches an SRT in the editor; the player offers it and shows its cue; its words find the clip', async () => {
    await signIn('admin');
    const catalog = document.createElement('ine-catalog') as IneCatalog;
    catalog.setAttribute('admin', '');
    mounted.push(catalog);
    document.body.append(catalog);
    await ready(catalog);
    await typeSearch(catalog, word);
    await waitUntil(() => titles(catalog).length === 1, 'the clip listed', { timeout: 20_000 });
    q(catalog, '[role="option"]')!.click();
    const section = await waitUntil(() => q(catalog, 'dialog.edit section.captions li[data-lang="es"]'), 'the Subtítulos section', {
      timeout: 30_000,
    }).then(() => q(catalog, 'dialog.edit section.captions')!);
    expect(section.querySelector('h3')!.textContent).to.equal('Subtítulos');
    expect(section.querySelector('li[data-lang="es"]')!.textContent).to.contain('extraídos del video');

    const attach = async (name: string, text: string, lang: string) => {
      const input = section.querySelector<HTMLInputElement>('input[name="caption-file"]')!;
      const files = new DataTransfer();
      files.items.add(new File([text], name, { type: '' }));
      input.files = files.files;
      const select = section.querySelector<HTMLSelectElement>('select[name="caption-lang"]')!;
      select.value = lang;
      section.querySelector<HTMLButtonElement>('button[name="attach-captions"]')!.click();
    };

    // Refused: a cue after the clip's end. Translated, with the line; nothing listed.
    await attach('malo.srt', '1\n00:00:01,000 --> 00:00:02,000\nbien\n\n2\n00:01:00,000 --> 00:01:02,000\nfuera\n', 'en');
    await waitUntil(() => section.querySelector('.notice.error'), 'the refusal', { timeout: 20_000 });
    expect(section.querySelector('.notice.error')!.textContent!.trim()).to.equal('Un subtítulo queda fuera de la duración del clip. (línea 6)');
    expect(section.querySelector('li[data-lang="en"]')).to.equal(null);

    const said = uniqueWord();
    await attach('english.srt', `1\n00:00:00,500 --> 00:00:04,000\nGood evening, ${said} <font color="red">tonight</font>\n`, 'en');
    await waitUntil(() => section.querySelector('li[data-lang="en"]'), 'the attached track listed', { timeout: 20_000 });
    expect(section.querySelector('li[data-lang="en"]')!.textContent).to.contain('archivo adjunto');
    expect(section.querySelector('.notice.error')).to.equal(null);
    expect((await axe(catalog)).violations).to.deep.equal([]);
    // …and in English.
    catalog.setAttribute('lang', 'en');
    await waitUntil(() => section.querySelector('h3')!.textContent === 'Captions', 'the section in English', { timeout: 20_000 });
    expect(section.querySelector('li[data-lang="en"]')!.textContent).to.contain('attached file');
    expect(section.querySelector('button[name="attach-captions"]')!.textContent!.trim()).to.equal('Attach captions');

    // The player's captions menu offers it and shows its cue. (This page read the record before the
    // attach: its HTTP cache keeps that copy for the record's max-age, as a viewer's would; reload it.)
    await fetch(`${env.config.cdnBaseUrl}/media/${clip.id}/video.json`, { cache: 'reload' });
    const player = document.createElement('ine-player') as InePlayer;
    player.setAttribute('video-id', clip.id);
    player.setAttribute('cdn-base-url', env.config.cdnBaseUrl);
    player.setAttribute('muted', '');
    mounted.push(player);
    document.body.append(player);
    await waitUntil(() => q(player, '[part~="captions"]'), 'the captions button', { timeout: 60_000 });
    q(player, '[part~="settings"]')!.click();
    const menu = await waitUntil(() => q(player, 'select[name="captions"]'), 'the captions menu', { timeout: 20_000 }).then(() =>
      q<HTMLSelectElement>(player, 'select[name="captions"]')!,
    );
    const options = [...menu.options].map((o) => o.lang);
    expect(options).to.include('en');
    menu.value = String(options.indexOf('en') - 1);
    menu.dispatchEvent(new Event('change'));
    const video = player.video!;
    const track = () => [...video.textTracks].find((t) => t.language === 'en');
    await waitUntil(() => (track()?.cues?.length ?? 0) > 0, 'the attached cue', { timeout: 30_000 });
    expect((track()!.cues![0] as VTTCue).text).to.equal(`Good evening, ${said} tonight`);

    // Its words find the clip (the indexer read the attached file).
    await indexed();
    await signIn('viewer');
    const viewer = await viewerPage();
    await typeSearch(viewer.catalog, said);
    await waitUntil(() => titles(viewer.catalog).length === 1, 'found by a word said in the attached captions', { timeout: 20_000 });
    await waitUntil(() => momentText(viewer.catalog), 'its quote', { timeout: 20_000 });
    expect(momentText(viewer.catalog)).to.equal(`Se dice en el clip: «Good evening, ${said} tonight» 0:00`);
  });
});
