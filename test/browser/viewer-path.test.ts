// The viewer's path on the public demo page, against the local stand-in: arrive (the page opens on
// the catalog's newest clip, or on the player's "choose a clip" state; never a spinner), choose a
// clip from the catalog, play it (a frame decodes), hear what the controls do (announcements), read
// the broadcast clock; axe-clean, in Spanish and in English. The page is demo/index.html's own
// markup and demo/index.ts, with the configuration the stand-in serves.
import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { configure, resetConfig } from '../../src/config/config.js';
import '../../src/elements/catalog/ine-catalog.js';
import '../../src/elements/player/ine-player.js';
import type { IneCatalog } from '../../src/elements/catalog/ine-catalog.js';
import type { InePlayer } from '../../src/elements/player/ine-player.js';
import { waitFor } from './support/wait.js';
import { axeViolations } from './support/axe.js';

interface Env {
  config: Parameters<typeof configure>[0];
}
const TEST_CLIP = 'Clip de prueba: barras y tono';

const $ = <T extends Element>(root: ParentNode, sel: string) => root.querySelector<T>(sel);
const said = (p: InePlayer) => $(p.shadowRoot!, '[aria-live="polite"]')?.textContent?.trim() ?? '';

describe('the viewer path on the public page', function () {
  this.timeout(180_000);
  let catalog: IneCatalog;
  let player: InePlayer;

  before(async () => {
    // The player's test clip (published with broadcastAt) and the catalog entry the indexer makes of it.
    const m = await executeServerCommand<{ videoId: string }, undefined>('ine-player-media');
    await executeServerCommand('ine-stand-in-indexed');
    const env = (await (await fetch('/__ine__/env.json')).json()) as Env;
    resetConfig();
    // A viewer: the CDN only, no login.
    configure({ cdnBaseUrl: env.config.cdnBaseUrl! });
    localStorage.removeItem('ine-demo-lang');
    const page = new DOMParser().parseFromString(await (await fetch('/demo/index.html')).text(), 'text/html');
    const css = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: '/demo/demo.css' });
    document.head.append(css);
    document.body.replaceChildren(...[...page.body.children].map((n) => document.adoptNode(n)));
    catalog = $<IneCatalog>(document, 'ine-catalog')!;
    player = $<InePlayer>(document, 'ine-player')!;
    await import('../../demo/index.ts');
    expect(m.videoId).to.match(/^[0-9a-f]{32}$/);
  });

  after(() => localStorage.removeItem('ine-demo-lang'));

  it('arrives on the newest clip (or the choose state), never on a spinner', async () => {
    await catalog.loaded;
    const newest = catalog.visibleEntries[0];
    if (newest) await waitFor(() => player.videoId === newest.id, 'the player on the newest clip');
    else await waitFor(() => $(player.shadowRoot!, '[part="empty"]'), 'the choose state');
    // Settled: ready to play, or telling why not; no spinner either way.
    await waitFor(() => $(player.shadowRoot!, '[part~="big-play"], [part="error"], [part="empty"]'), 'the player settled');
    expect($(player.shadowRoot!, '[part="spinner"]')).to.equal(null);
    expect(location.search).to.contain(newest ? `v=${newest.id}` : '');
    expect(await axeViolations(document.body)).to.deep.equal([]);
  });

  it('chooses a clip in the catalog, plays it (a frame decodes), announces and shows the broadcast clock', async () => {
    const search = $<HTMLInputElement>(catalog.shadowRoot!, 'input[name="search"]')!;
    search.focus();
    await sendKeys({ type: 'barras y tono' });
    const option = await waitFor(
      () => [...catalog.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')].find((o) => o.textContent?.includes(TEST_CLIP)),
      'the test clip listed',
    );
    option.click();
    await waitFor(() => $(player.shadowRoot!, '[part~="big-play"]') && player.currentEngine, 'the chosen clip ready');
    expect(location.search).to.contain(`v=${player.videoId}`);
    $<HTMLButtonElement>(player.shadowRoot!, '[part~="big-play"]')!.click();
    const video = player.video!;
    await new Promise<void>((resolve) => video.requestVideoFrameCallback(() => resolve()));
    await waitFor(() => video.getVideoPlaybackQuality().totalVideoFrames > 0 && player.currentTime > 0.2, 'frames decoded');
    expect($(player.shadowRoot!, '[part="spinner"]'), 'no spinner once playing').to.equal(null);
    const clock = await waitFor(() => $<HTMLButtonElement>(player.shadowRoot!, '[part~="broadcast-clock"]'), 'the broadcast clock');
    expect(clock.textContent).to.match(/^21:00:\d\d h$/);
    $<HTMLElement>(player.shadowRoot!, '[part="base"]')!.focus();
    await sendKeys({ press: 'm' });
    await waitFor(() => said(player) === (player.muted ? 'Sonido silenciado' : 'Sonido activado'), 'the mute announcement');
    player.pause();
    expect(await axeViolations(document.body)).to.deep.equal([]);
  });

  it('in English: the page, the catalog and the player switch, still axe-clean', async () => {
    $<HTMLButtonElement>(document, '.lang button[value="en"]')!.click();
    expect(document.documentElement.lang).to.equal('en');
    await waitFor(() => $(document, 'h1')?.textContent === 'Newscast clips', 'the page in English');
    const clock = await waitFor(
      () => $<HTMLButtonElement>(player.shadowRoot!, '[part~="broadcast-clock"]')?.getAttribute('aria-label')?.startsWith('Broadcast time'),
      'the player in English',
    );
    expect(clock).to.equal(true);
    $<HTMLElement>(player.shadowRoot!, '[part="base"]')!.focus();
    await sendKeys({ press: 'm' });
    await waitFor(() => said(player) === (player.muted ? 'Sound muted' : 'Sound on'), 'the mute announcement in English');
    expect(await axeViolations(document.body)).to.deep.equal([]);
    player.videoId = '';
    await waitFor(() => $(player.shadowRoot!, '[part="empty"]')?.textContent === 'Choose a clip to watch it here.', 'the choose state in English');
    expect(await axeViolations(document.body)).to.deep.equal([]);
  });
});
