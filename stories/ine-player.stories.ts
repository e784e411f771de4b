import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import '../src/elements/player/ine-player.js';
import type { InePlayer } from '../src/elements/player/ine-player.js';

/**
 * Stories that play media use the local stand-in started by `npm start`: they read its
 * `/_local/config.json` (on `INE_LOCAL_PORT`, as `npm start`, default 4566; or `?standin=` in the story URL) and play the newest published
 * clip of its public catalog. Without it they say so, and show the player without a source.
 * The error and loading stories need no server at all (Storybook builds and runs offline).
 */
/** The stand-in's URL, from `INE_LOCAL_PORT` when Storybook started (.storybook/vite.config.ts). */
declare const __INE_STAND_IN__: string;

interface DemoClip {
  cdnBaseUrl: string;
  id: string;
}

async function findDemoClip(): Promise<DemoClip | null> {
  const standIn = new URLSearchParams(location.search).get('standin') || __INE_STAND_IN__;
  const get = async (url: string) => {
    const res = await fetch(url, { signal: AbortSignal.timeout(1500) });
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    return res.json();
  };
  try {
    const config = (await get(`${standIn}/_local/config.json`)) as { cdnBaseUrl: string };
    const root = (await get(`${config.cdnBaseUrl.replace(/\/$/, '')}/catalog/root.json`)) as { first?: { entries?: Array<{ id: string }> } };
    const id = root.first?.entries?.[0]?.id;
    return id ? { cdnBaseUrl: config.cdnBaseUrl, id } : null;
  } catch {
    return null;
  }
}

interface Args {
  lang: string;
  start: string;
  end: string;
  autoplay: boolean;
}

const notice = (lang: string) =>
  html`<p style="font: 14px system-ui; background: #fff3cd; color: #222; padding: 8px 12px; border-radius: 4px">
    ${
      lang === 'en'
        ? html`This story plays a clip from the local stand-in: run <code>npm start</code>, publish a clip, then reload.`
        : html`Esta historia reproduce un clip del stand-in local: ejecuta <code>npm start</code>, publica un clip y recarga.`
    }
  </p>`;

const withClip = (a: Args, clip: DemoClip | null, extra: Record<string, string | boolean> = {}) => html`
  ${clip ? nothing : notice(a.lang)}
  <div style="max-width: 720px">
    <ine-player
      lang=${a.lang}
      video-id=${clip?.id ?? nothing}
      cdn-base-url=${clip?.cdnBaseUrl ?? nothing}
      start=${a.start || nothing}
      end=${a.end || nothing}
      ?autoplay=${a.autoplay}
      muted
      class=${(extra.class as string) ?? nothing}
    ></ine-player>
  </div>`;

const meta: Meta<Args> = {
  title: 'Elementos/ine-player',
  component: 'ine-player',
  args: { lang: 'es-MX', start: '', end: '', autoplay: false },
  argTypes: { lang: { control: 'select', options: ['es-MX', 'en'] } },
  loaders: [async () => ({ clip: await findDemoClip() })],
  render: (a, { loaded }) => withClip(a, loaded.clip as DemoClip | null),
};
export default meta;

type Story = StoryObj<Args>;

/** Before playing: poster, big play button, controls. */
export const Espanol: Story = { name: 'Español: en reposo', args: { lang: 'es-MX' } };
export const English: Story = { name: 'English: idle', args: { lang: 'en' } };

/** Playing (muted autoplay); controls hide after 2.5 s without the pointer. */
export const Reproduciendo: Story = { name: 'Español: reproduciendo', args: { lang: 'es-MX', autoplay: true } };
export const Playing: Story = { name: 'English: playing', args: { lang: 'en', autoplay: true } };

/** A citable clip range: only 0:02–0:06 plays, the timeline shows just that part. */
export const Fragmento: Story = { name: 'Español: fragmento (0:02–0:06)', args: { lang: 'es-MX', start: '2', end: '6' } };
export const ClipRange: Story = { name: 'English: clip range (0:02–0:06)', args: { lang: 'en', start: '2', end: '6' } };

const errorStory = (lang: string): Story => ({
  name: lang === 'en' ? 'English: clip not found' : 'Español: clip no encontrado',
  args: { lang },
  // Storybook's own server answers 404 for this clip's video.json, as the CDN does for a
  // clip that does not exist or is not published.
  render: (a) =>
    html`<div style="max-width: 720px"><ine-player lang=${a.lang} video-id="no-existe" cdn-base-url=${`${location.origin}/__no-cdn__`}></ine-player></div>`,
});
export const ErrorEs = errorStory('es-MX');
export const ErrorEn = errorStory('en');

const loadingStory = (lang: string): Story => ({
  name: lang === 'en' ? 'English: loading' : 'Español: cargando',
  args: { lang },
  // A non-routable address: the request hangs, so the loading indicator shows until hls.js gives
  // up (about 10 s) and the network error with its retry button appears.
  render: (a) =>
    html`<div style="max-width: 720px"><ine-player lang=${a.lang} src="http://10.255.255.1/media/x/master.m3u8" engine="hls.js" autoplay muted></ine-player></div>`,
});
export const Cargando = loadingStory('es-MX');
export const Loading = loadingStory('en');

/** Theming with the documented CSS custom properties and parts. */
export const Tema: Story = {
  name: 'Español: tema propio (CSS custom properties y ::part)',
  args: { lang: 'es-MX' },
  render: (a, { loaded }) => html`
    <style>
      ine-player.ine-tema {
        --ine-player-accent: #00843d;
        --ine-player-focus: #ff8200;
        --ine-player-radius: 12px;
        --ine-player-bar-bg: rgba(0, 40, 20, 0.8);
        --ine-player-font: Georgia, serif;
      }
      ine-player.ine-tema::part(big-play) { border-radius: 12px; }
      ine-player.ine-tema::part(time) { font-weight: 700; }
    </style>
    ${withClip(a, loaded.clip as DemoClip | null, { class: 'ine-tema' })}`,
};

/**
 * The audio-track and captions menus, offline: a 4 s clip with Spanish and English audio and
 * subtitles, packaged by the packaging core (demuxed audio renditions, WebVTT captions) and served
 * by Storybook itself from stories/static/ (`npx tsx scripts/make-story-media.ts` remakes it). The
 * settings panel opens by itself once the player knows the clip's tracks.
 */
const storyMedia = () => new URL('static', location.href).href;

const openMenu = (menu: 'audio' | 'captions') => (el?: Element) => {
  const player = el as InePlayer | undefined;
  if (!player) return;
  const ready = () => (menu === 'audio' ? (player.audioTrackList?.length ?? 0) > 1 : !!player.shadowRoot?.querySelector('[part~="captions"]'));
  const open = () => {
    if (!player.isConnected) return;
    const settings = player.shadowRoot?.querySelector<HTMLElement>('[part~="settings"]');
    if (!ready() || !settings) return void setTimeout(open, 200);
    if (menu === 'captions') player.captionTrack = 0;
    if (settings.getAttribute('aria-expanded') !== 'true') settings.click();
  };
  // The ref runs as the template renders, possibly before the element is upgraded.
  void customElements.whenDefined('ine-player').then(() => setTimeout(open, 0));
};

const tracksStory = (lang: string, menu: 'audio' | 'captions'): Story => ({
  name:
    menu === 'audio'
      ? lang === 'en'
        ? 'English: audio track menu (Spanish and English)'
        : 'Español: menú de pista de audio (español e inglés)'
      : lang === 'en'
        ? 'English: captions menu'
        : 'Español: menú de subtítulos',
  args: { lang },
  render: (a) =>
    html`<div style="max-width: 720px">
      <ine-player lang=${a.lang} video-id="pistas" cdn-base-url=${storyMedia()} muted ${ref(openMenu(menu))}></ine-player>
    </div>`,
});
export const AudioEs = tracksStory('es-MX', 'audio');
export const AudioEn = tracksStory('en', 'audio');
export const SubtitulosEs = tracksStory('es-MX', 'captions');
export const CaptionsEn = tracksStory('en', 'captions');

/** No clip chosen yet (e.g. a page whose catalog is still empty): it says so, with no play button and no spinner. */
const emptyStory = (lang: string): Story => ({
  name: lang === 'en' ? 'English: no clip chosen yet' : 'Español: sin clip elegido',
  args: { lang },
  render: (a) => html`<div style="max-width: 720px"><ine-player lang=${a.lang}></ine-player></div>`,
});
export const SinClip = emptyStory('es-MX');
export const NoClip = emptyStory('en');

/**
 * The broadcast clock (`broadcast-clock`), offline: the clip went on air at 21:03:12 (its record's
 * `broadcastAt`, shown in that value's own offset, Mexico City's −06:00); activating the clock copies
 * a link to this moment that cites it (`#t=…&at=…`).
 */
const broadcastStory = (lang: string): Story => ({
  name: lang === 'en' ? 'English: broadcast clock' : 'Español: hora de transmisión',
  args: { lang },
  render: (a) =>
    html`<div style="max-width: 720px">
      <ine-player lang=${a.lang} video-id="pistas" cdn-base-url=${storyMedia()} broadcast-clock muted></ine-player>
    </div>`,
});
export const HoraDeTransmision = broadcastStory('es-MX');
export const BroadcastClock = broadcastStory('en');
