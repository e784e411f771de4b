import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { IneElement } from '../../internal/ine-element.js';
import { ConfigController } from '../../internal/config-controller.js';
import { LocalizeController } from '../../i18n/localize.js';
import { defineElement } from '../../internal/define.js';
import { clampToRange, rangeEnd } from '../../playback/clip-range.js';
import { rangeStep } from '../../playback/range-guard.js';
import type { EngineChoice } from '../../playback/engine.js';
import { INITIAL_MEDIA_STATE, MEDIA_EVENTS, readMediaState, type MediaState } from '../../playback/media-state.js';
import { actionForKey, keyIsPlayers, sliderTarget, type PlayerAction } from '../../playback/shortcuts.js';
import { formatClock, timeInWords } from '../../playback/time-format.js';
import type { Rendition } from './hls-engine.js';
import type { AudioTrackInfo } from '../../playback/audio-tracks.js';
import type { ClipAssets } from '../../playback/source.js';
import { playerStyles } from './player.styles.js';
import { icon } from './parts/icons.js';
import { seekBar } from './parts/seek-bar.js';
import { loadPlayerMore } from './lang/index.js';
import { FIRST_FRAME_WAIT_MS, whenFirstFrame } from './source-start.js';
import { SourceController } from './source-controller.js';
import { Announcer } from './announcer.js';
import { IntegrityOnDemand } from './integrity-on-demand.js';
import { retryRule, type IneErrorCode } from '../../internal/error-codes.js';

const HIDE_AFTER_MS = 2500;

type Extras = typeof import('./parts/extras.js');
let extrasModule: Promise<Extras> | undefined;

/**
 * @tagname ine-player
 * @summary Plays a published clip's HLS from the CDN (native HLS or hls.js, loaded on demand), with Spanish-first accessible controls and citable clip ranges.
 *
 * @event ine-error - Playback failed; `detail: { code, message, detail }` (`code`: an `IneErrorCode`, listed in docs/errors.md; `message` translated).
 * @event ine-engine - The engine was chosen, before the `<video>` gets a source; `detail: { engine: 'native' | 'hls.js' | 'progressive', url }`.
 * @event ine-integrity-error - The clip's provenance check failed and playback stopped; `detail: { code, target, message, path?, kid?, expected?, actual? }` (docs/integrity-provenance.md).
 * @event ine-link-copied - "Copy link to this moment" put a link on the clipboard; `detail: { url }`.
 * @event play - Re-dispatched from the `<video>`, like every media event: play, pause, playing, waiting, timeupdate, durationchange, loadedmetadata, loadeddata, canplay, seeking, seeked, ended (also at the end of a clip range), volumechange, ratechange, progress, error...
 *
 * @csspart base - The area holding the video and the controls (focusable; keyboard shortcuts work when it has focus).
 * @csspart video - The `<video>` element.
 * @csspart big-play - The large play button over the video.
 * @csspart spinner - The loading indicator.
 * @csspart integrity - The integrity badge ("Verificado", "Verificación fallida") and its details.
 * @csspart error - The error panel (message and retry button).
 * @csspart empty - What a player with no clip shows instead of controls ("Elige un clip para verlo aquí.").
 * @csspart broadcast-clock - The broadcast clock button (with `broadcast-clock`, for clips whose record has `broadcastAt` or a source `timecode`).
 * @csspart controls - The control bar.
 * @csspart seek-bar - The seek bar (`role="slider"`).
 * @csspart buffered - Each buffered range on the seek bar.
 * @csspart played - The played part of the seek bar.
 * @csspart thumb - The seek bar's handle.
 * @csspart preview - Storyboard thumbnail and time shown over the seek bar on hover or drag.
 * @csspart button - Every control bar button.
 * @csspart time - Elapsed or remaining time.
 * @csspart volume - The volume slider.
 * @csspart settings - The settings panel (speed, quality, audio track, captions).
 * @csspart help - The keyboard shortcuts dialog.
 *
 * @cssproperty --ine-player-accent - Accent colour: played bar, handle, big play button, retry button. Default `#d5007f`.
 * @cssproperty --ine-player-fg - Text and icon colour. Default `#fff`.
 * @cssproperty --ine-player-bg - Background behind the video. Default `#000`.
 * @cssproperty --ine-player-bar-bg - Background of the control bar and the settings panel. Default `rgba(0,0,0,.72)`.
 * @cssproperty --ine-player-focus - Focus ring colour (always visible on keyboard focus). Default `#ffd400`.
 * @cssproperty --ine-player-radius - Corner radius. Default `4px`.
 * @cssproperty --ine-player-font - Font family. Default `system-ui, sans-serif`.
 */
export class InePlayer extends IneElement {
  static override styles = playerStyles;
  /**
   * The reactive properties (attributes) and internal state, declared here rather than with
   * decorators: Lit's decorator code then stays out of the player's first download. (`attribute:
   * false` on state, which Lit implies, keeps the manifest analyzer from listing it as attributes.)
   */
  static override properties: PropertyDeclarations = {
    videoId: { attribute: 'video-id', reflect: true },
    src: {},
    poster: {},
    autoplay: { type: Boolean },
    defaultMuted: { type: Boolean, attribute: 'muted' },
    loop: { type: Boolean },
    preload: {},
    playsinline: { type: Boolean },
    crossorigin: {},
    start: {},
    end: {},
    cdnBaseUrl: { attribute: 'cdn-base-url' },
    engine: {},
    shareUrl: { attribute: 'share-url' },
    broadcastClock: { type: Boolean, attribute: 'broadcast-clock' },
    integrity: {},
    integrityKeys: { attribute: 'integrity-keys' },
    signedQuery: { attribute: false },
    media: { state: true, attribute: false },
    caption: { state: true, attribute: false },
    panelOpen: { state: true, attribute: false },
    extras: { state: true, attribute: false },
    showRemaining: { state: true, attribute: false },
    hoverTime: { state: true, attribute: false },
    userActive: { state: true, attribute: false },
    focusInside: { state: true, attribute: false },
    pointerOnControls: { state: true, attribute: false },
    fullscreen: { state: true, attribute: false },
    pip: { state: true, attribute: false },
    copyFallback: { state: true, attribute: false },
    controlsDeferred: { state: true, attribute: false },
  };

  protected readonly i18n = new LocalizeController(this, 'player');
  readonly #cfg = new ConfigController(this, () => ({ cdnBaseUrl: this.cdnBaseUrl }));

  /** Id of a published clip: plays `<cdn-base-url>/media/<id>/master.m3u8`, with the poster, storyboard and captions of its `video.json`. */
  videoId = '';
  /** Any HLS (`.m3u8`) or mp4 URL, optionally with a `#t=start,end` clip range; wins over `video-id`. */
  src = '';
  /** Poster image URL (default: the clip record's poster). */
  poster = '';
  /** Start playing as soon as possible (browsers may require `muted` for that). */
  autoplay = false;
  /** Start muted (the `muted` attribute, like `<video>`'s; the `muted` property is the current state). */
  defaultMuted = false;
  /** Play again from the start (of the clip range) when the end is reached. */
  loop = false;
  /** `none`, `metadata` or `auto`, as on `<video>`. */
  preload = 'metadata';
  /** Play inline on iPhone instead of going full screen. Default on. */
  playsinline = true;
  /** CORS mode of the `<video>` (`anonymous` by default with `video-id`, so cross-origin captions load). */
  crossorigin = '';
  /** Clip range start (seconds or `mm:ss`); overrides `#t=` in `src`. */
  start = '';
  /** Clip range end (seconds or `mm:ss`); overrides `#t=` in `src`. */
  end = '';
  /** CDN base URL for this element, overriding the page configuration. */
  cdnBaseUrl = '';
  /** `auto` (default), `native` or `hls.js`: forces an engine (see docs/player.md for the `auto` rule). */
  engine = 'auto';
  /** Base of the links "copy link to this moment" builds (default: this page's URL). */
  shareUrl = '';
  /** Show the broadcast clock (the time of day on air, from the record's `broadcastAt`, to the second by the source timecode when they agree; the timecode alone when there is no `broadcastAt`) next to the elapsed time; it copies a link citing it. */
  broadcastClock = false;
  /** Provenance checks (docs/integrity-provenance.md): `auto` (default: verify when the clip has a signed manifest), `required` (no manifest is a failure) or `off`. */
  integrity = 'auto';
  /** URL of the provenance keys (JWKS); default: `<cdn-base-url>/keys/provenance-jwks.json`. */
  integrityKeys = '';

  /**
   * Signed-URL parameters (CloudFront `Policy`, `Signature`, `Key-Pair-Id`) added to every URL of the
   * clip's folder: an admin's draft preview, with `cdn-base-url` set to the grant's preview base
   * (`POST /v1/clips/{id}/preview`). Not an attribute: a grant is short-lived and not for markup.
   */
  signedQuery = '';

  /**
   * The source: planning, loading, the hls.js engine, the clip record, errors and retries. The
   * element renders what it holds and forwards requests to it.
   */
  readonly #source = new SourceController(this, {
    request: () => ({
      src: this.src,
      videoId: this.videoId,
      cdnBaseUrl: this.#cfg.value.cdnBaseUrl,
      engine: this.engine,
      start: this.start,
      end: this.end,
      preload: this.preload,
      autoplay: this.autoplay,
      crossorigin: this.crossorigin,
      baseUrl: document.baseURI,
      integrity: this.integrity,
      integrityKeys: this.integrityKeys,
      signedQuery: this.signedQuery,
    }),
    planned: (plan) => {
      const v = this.video!;
      if (!this.hasUpdated) {
        // First load runs before the first render: give the <video> its attributes now (muted autoplay).
        v.muted = this.defaultMuted;
        this.#syncVideo(v);
        // (Not when the loader's start already shows a frame: it waited for that before defining us.)
        if (this.autoplay && plan.kind === 'play' && !plan.defer && v.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) this.#deferControls(v);
      }
      this.media = { ...INITIAL_MEDIA_STATE, muted: v.muted, volume: v.volume };
    },
    replay: (e) => this.#onMediaEvent(e.type, e),
    failed: (code, detail) => this.#failed(code, detail),
  });
  /** The provenance checks' state and badge (their code comes with an outcome to show); a failed check stops the source. */
  readonly #integrity = new IntegrityOnDemand(this, (f) => this.#source.fail('Integrity', f.message));

  /** The media state (media-state.ts): read from the `<video>` on media events, rendered by the controls. */
  private media: MediaState = INITIAL_MEDIA_STATE;
  private caption = -1;
  private panelOpen = false;
  private extras?: Extras;
  private showRemaining = false;
  private hoverTime?: number;
  private userActive = true;
  private focusInside = false;
  private pointerOnControls = false;
  private fullscreen = false;
  private pip = false;
  private copyFallback = '';
  /**
   * An autoplaying player renders its control bar once the first frame is on screen (or on the
   * first interaction, an error, or after a second), not before: the bar is most of the first
   * render's work, and on the hls.js path that work would hold up hls.js on the same thread.
   */
  private controlsDeferred = false;

  /** The polite live region: volume, mute, seeking, captions, copied links. */
  readonly #announcer = new Announcer(this);
  #hideTimer?: ReturnType<typeof setTimeout>;
  #dragging = false;
  #trackKey = '';
  #lastCaption = 0;
  readonly #onFullscreen = () => (this.fullscreen = document.fullscreenElement === this);
  readonly #showDeferredControls = () => {
    if (!this.controlsDeferred) return;
    this.controlsDeferred = false;
    for (const type of ['pointerdown', 'pointermove', 'focusin', 'keydown']) this.removeEventListener(type, this.#showDeferredControls);
  };

  // ---- HTMLMediaElement-like API -------------------------------------------------------------

  /**
   * The `<video>` inside (for advanced uses; prefer the API below). Created with the element (or
   * before it, by the script-tag loader), not by the first render, so that the playlist loads
   * while Lit renders.
   */
  readonly video: HTMLVideoElement | null;
  /** Start playback (within the clip range); waits for a source being loaded (e.g. after `retry()`). */
  async play(): Promise<void> {
    const v = this.video;
    if (!v) throw new Error('No <video> outside a browser');
    // No clip chosen: nothing to play (and no spinner waiting for a source that is not coming).
    if (this.#empty) return;
    await this.#source.ready();
    const { range } = this.#source;
    if (range.end !== undefined && v.currentTime >= rangeEnd(range, v.duration) - 0.05) v.currentTime = range.start;
    return v.play();
  }
  pause(): void {
    this.video?.pause();
  }
  get paused(): boolean {
    return this.video?.paused ?? true;
  }
  get ended(): boolean {
    return this.media.ended;
  }
  /** Media time in seconds (absolute, not relative to the clip range); kept inside the range. */
  get currentTime(): number {
    return this.video?.currentTime ?? 0;
  }
  set currentTime(t: number) {
    const v = this.video;
    if (v) v.currentTime = clampToRange(t, this.#source.range, v.duration);
  }
  get duration(): number {
    return this.video?.duration ?? NaN;
  }
  get volume(): number {
    return this.video?.volume ?? 1;
  }
  set volume(x: number) {
    if (this.video) this.video.volume = Math.max(0, Math.min(1, x));
  }
  get muted(): boolean {
    return this.video?.muted ?? this.defaultMuted;
  }
  set muted(m: boolean) {
    if (this.video) this.video.muted = m;
  }
  get playbackRate(): number {
    return this.video?.playbackRate ?? 1;
  }
  set playbackRate(r: number) {
    if (this.video) this.video.playbackRate = Math.max(0.5, Math.min(2, r));
  }
  /** The clip range being played, in seconds. */
  get clipRange(): { start: number; end?: number } {
    return { ...this.#source.range };
  }
  /** The engine playing the current source (`native`, `hls.js`, `progressive`), once chosen. */
  get currentEngine(): EngineChoice | undefined {
    return this.#source.engine;
  }
  /** Renditions (hls.js path) and the chosen one, -1 for automatic. */
  get renditionList(): ReadonlyArray<Rendition> {
    return this.#source.renditions;
  }
  get rendition(): number {
    return this.#source.chosen;
  }
  set rendition(i: number) {
    this.#source.choose(i);
  }
  /** The clip's audio tracks (`{ lang, name }`; choose one by its position), when it has several; empty otherwise. */
  get audioTrackList(): ReadonlyArray<AudioTrackInfo> {
    return this.#source.audioTracks;
  }
  /** The audio track playing (a position in `audioTrackList`), -1 unknown; setting it switches. */
  get audioTrack(): number {
    return this.#source.audioTrack;
  }
  set audioTrack(i: number) {
    this.#source.chooseAudio(i);
  }
  /** Caption track shown (index into the record's captions), -1 for none. */
  get captionTrack(): number {
    return this.caption;
  }
  set captionTrack(i: number) {
    this.caption = i;
    this.#applyCaption();
  }
  /** Load the source again (what the retry button does). */
  retry(): void {
    this.#source.retry();
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('fullscreenchange', this.#onFullscreen);
    this.addEventListener('keydown', this.#onKeydown);
    // Start loading now, before the first render (first frame sooner); same sources load once.
    void this.#source.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('fullscreenchange', this.#onFullscreen);
    this.removeEventListener('keydown', this.#onKeydown);
    clearTimeout(this.#hideTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Lit reflects `lang` only after render(); the translations read the attribute, so set it first.
    if (changed.has('lang')) {
      if (this.lang) this.setAttribute('lang', this.lang);
      else if (changed.get('lang')) this.removeAttribute('lang');
    }
  }

  constructor() {
    super();
    this.video = typeof document === 'undefined' ? null : (this.#source.earlyVideo ?? document.createElement('video'));
    const v = this.video;
    if (!v) return;
    v.setAttribute('part', 'video');
    for (const type of MEDIA_EVENTS) v.addEventListener(type, (e) => this.#onMediaEvent(type, e));
    v.addEventListener('enterpictureinpicture', () => (this.pip = true));
    v.addEventListener('leavepictureinpicture', () => (this.pip = false));
    v.addEventListener('click', this.#togglePlay);
  }

  protected override updated(changed: PropertyValues<this>): void {
    const v = this.video;
    if (!v) return;
    if (changed.has('defaultMuted')) v.muted = this.defaultMuted;
    if (this.broadcastClock && (this.#onAir.broadcastAt || this.#onAir.timecode) && !this.extras) void this.#loadExtras().catch(() => {});
    this.#syncVideo(v);
    void this.#source.load();
  }

  /** Attributes and caption tracks of the `<video>` (ours, not rendered by Lit). */
  #syncVideo(v: HTMLVideoElement): void {
    // Only real changes: setting `poster` again, even to the same URL, restarts its fetch.
    const set = (name: string, value: string | boolean | undefined) => {
      const want = value === false || value === undefined || value === '' ? null : value === true ? '' : value;
      if (v.getAttribute(name) === want) return;
      if (want === null) v.removeAttribute(name);
      else v.setAttribute(name, want);
    };
    set('aria-label', this.i18n.t('videoLabel'));
    const { assets, range } = this.#source;
    set('poster', this.poster || assets.poster);
    set('preload', this.preload);
    set('loop', this.loop && range.end === undefined);
    set('playsinline', this.playsinline);
    set('autoplay', this.autoplay);
    const tracks = assets.captions.map((c) => `${c.lang}|${c.label}|${c.src}`).join('\n');
    if (tracks !== this.#trackKey) {
      this.#trackKey = tracks;
      v.querySelectorAll('track').forEach((t) => t.remove());
      for (const c of assets.captions) {
        const t = document.createElement('track');
        Object.assign(t, { kind: 'subtitles', srclang: c.lang, label: c.label, src: c.src });
        v.append(t);
      }
      this.#applyCaption();
    }
  }

  // ---- loading (the source controller) and failing ---------------------------------------------

  #deferControls(v: HTMLVideoElement): void {
    this.controlsDeferred = true;
    const show = this.#showDeferredControls;
    void whenFirstFrame(v).then(show);
    for (const type of ['pointerdown', 'pointermove', 'focusin', 'keydown']) this.addEventListener(type, show);
    setTimeout(show, FIRST_FRAME_WAIT_MS);
  }

  /** The source failed with `code` (now `source.error`, shown by render): stop and report it. */
  #failed(code: IneErrorCode, detail?: string): void {
    this.#showDeferredControls();
    this.video?.pause();
    // The message in the element's language (its strings may still be on their way; without the
    // extra strings the common message is used).
    void Promise.all([this.i18n.ready, this.common.ready, loadPlayerMore().catch(() => {})]).then(() =>
      this.emit('ine-error', { code, message: this.errorMessage(code), detail }),
    );
  }

  // ---- media events --------------------------------------------------------------------------

  #onMediaEvent(type: string, e: Event): void {
    const v = this.video!;
    // Inside the clip range (clip-range.ts decides, the <video> is told).
    const step = rangeStep(type, v, this.#source.range, this.loop, this.#source.engine === 'hls.js');
    if (step?.end) v.pause();
    if (step?.seek !== undefined) v.currentTime = step.seek;
    if (e.target === v) this.#source.mediaEvent(type, v);
    if (type === 'loadedmetadata') this.#applyCaption();
    this.media = readMediaState(v, this.media, type);
    if (step?.end) this.media = { ...this.media, ended: true, paused: true };
    if (type === 'play' || type === 'pause') this.#poke();
    this.dispatchEvent(new Event(type));
    if (step?.end) this.dispatchEvent(new Event('ended'));
  }

  #applyCaption(): void {
    const tracks = this.video?.textTracks;
    if (!tracks) return;
    for (let i = 0; i < tracks.length; i++) tracks[i].mode = i === this.caption ? 'showing' : 'disabled';
  }

  // ---- actions -------------------------------------------------------------------------------

  #togglePlay = (): void => {
    // A refused play() (autoplay rules, a source that failed) leaves the player paused, as it shows.
    if (this.paused) void this.play().catch(() => {});
    else this.pause();
  };

  #seekBy(seconds: number): void {
    this.currentTime = this.currentTime + seconds;
    this.#sayTime();
  }

  /** Where a seek (by key or button) ended up, in words. */
  #sayTime(): void {
    this.#announcer.say(() => this.i18n.t('seekText', this.#spoken(this.currentTime), this.#spoken(this.#rangeTo)));
  }

  #toggleMute = (): void => {
    this.muted = !this.muted;
    this.#say(this.muted ? 'say.muted' : 'say.unmuted');
  };

  get #rangeTo(): number {
    // Before the media says (`preload="none"`), the record's duration: "0:00 / 0:06", not "0:00 / 0:00".
    return rangeEnd(this.#source.range, this.media.duration || (this.#source.assets.durationSeconds ?? NaN));
  }

  get #rangeFrom(): number {
    return this.#source.range.start;
  }

  async #toggleFullscreen(): Promise<void> {
    const v = this.video as (HTMLVideoElement & { webkitEnterFullscreen?: () => void }) | null;
    // Refused (no user gesture, a frame without allowfullscreen): nothing changes, as the button shows.
    if (document.fullscreenElement) await document.exitFullscreen().catch(() => {});
    else if (this.requestFullscreen) await this.requestFullscreen().catch(() => {});
    else v?.webkitEnterFullscreen?.(); // iPhone: only the video itself goes full screen.
  }

  async #togglePip(): Promise<void> {
    // Refused (no user gesture, no frame yet): nothing changes, as the button shows.
    if (document.pictureInPictureElement) await document.exitPictureInPicture().catch(() => {});
    else await this.video?.requestPictureInPicture().catch(() => {});
  }

  #toggleCaptions(): void {
    const n = this.#source.assets.captions.length;
    if (!n) return this.#say('say.noCaptions');
    if (this.caption >= 0) {
      this.#lastCaption = this.caption;
      this.captionTrack = -1;
    } else this.captionTrack = Math.min(this.#lastCaption, n - 1);
    this.#sayCaption();
  }

  #sayCaption(): void {
    const c = this.#source.assets.captions[this.caption];
    this.#say(c ? 'say.captions' : 'say.captionsOff', () => c?.label);
  }

  /** Announce a message of the later strings (they arrive with the first focus or pointer on the player). */
  #say(key: string, arg?: () => string | undefined): void {
    this.#announcer.say(() => loadPlayerMore().then(() => this.i18n.t(key, arg?.())));
  }

  get #empty(): boolean {
    return !this.src && !this.videoId;
  }

  /**
   * Put a link to this moment (and the clip range's end) on the clipboard, citing the elapsed time
   * (`#t=`) or also the broadcast clock (`&at=`, when the clip has `broadcastAt`). When copying is
   * refused, a field shows the link to copy by hand.
   */
  async copyLink(cite: 'elapsed' | 'broadcast' = 'elapsed'): Promise<string> {
    const t = this.currentTime;
    // The link and the copying (and its fallbacks) are in the lazy chunk, there already once the pointer or focus reached the player.
    await this.#loadExtras();
    const x = this.extras!;
    const moment = x.momentLink(this.shareUrl || location.href, t, this.#source.range.end);
    const url = (cite === 'broadcast' && x.citeBroadcast(moment, this.#onAir, t)) || moment;
    const ok = await x.copyText(this.renderRoot, url);
    this.copyFallback = ok ? '' : url;
    if (ok) {
      this.#announcer.say(() => this.i18n.t('linkCopied'), 0);
      this.emit('ine-link-copied', { url });
    }
    return url;
  }

  /** What the broadcast clock reads: `broadcastAt` and the source timecode. */
  get #onAir(): ClipAssets {
    return this.#source.assets;
  }

  /** Settings panel and help dialog (a lazy chunk); resolves once they can render. */
  async #loadExtras(): Promise<void> {
    if (!this.extras) {
      // Shown only with their strings: no moment of untranslated keys.
      const [extras] = await Promise.all([(extrasModule ??= import('./parts/extras.js')), loadPlayerMore()]);
      const root = this.shadowRoot;
      const sheet = extras.extrasStyles.styleSheet;
      if (root && sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      this.extras = extras;
    }
    await loadPlayerMore();
    await this.updateComplete;
  }

  #perform(a: PlayerAction): void {
    switch (a.type) {
      case 'toggle-play':
        return this.#togglePlay();
      case 'seek-by':
        return this.#seekBy(a.seconds);
      case 'seek-fraction':
        this.currentTime = this.#rangeFrom + a.fraction * (this.#rangeTo - this.#rangeFrom);
        return this.#sayTime();
      case 'volume-by':
        this.muted = false;
        this.volume = Math.round((this.volume + a.delta) * 10) / 10;
        return this.#say('say.volume', () => String(Math.round(this.volume * 100)));
      case 'toggle-mute':
        return this.#toggleMute();
      case 'toggle-fullscreen':
        void this.#toggleFullscreen();
        return;
      case 'toggle-captions':
        return this.#toggleCaptions();
      case 'help':
        void this.#loadExtras().then(() => this.renderRoot.querySelector('dialog')?.showModal());
    }
  }

  #onKeydown = (e: KeyboardEvent): void => {
    const target = e.composedPath()[0] as HTMLElement;
    if (!keyIsPlayers(e.key, target?.localName, !!target?.closest?.('dialog'))) return;
    if (e.key === 'Escape' && this.panelOpen) {
      this.panelOpen = false;
      (this.renderRoot.querySelector('[aria-controls="settings"]') as HTMLElement | null)?.focus();
      return;
    }
    const action = actionForKey(e);
    if (!action) return;
    e.preventDefault();
    this.#poke();
    this.#perform(action);
  };

  #onSeekKey = (e: KeyboardEvent): void => {
    const t = sliderTarget(e.key, this.currentTime, this.#rangeFrom, this.#rangeTo);
    if (t === undefined) return;
    this.currentTime = t;
    e.preventDefault();
    e.stopPropagation();
  };

  #timeAt(e: PointerEvent): number {
    const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const f = r.width ? Math.max(0, Math.min(1, (e.clientX - r.left) / r.width)) : 0;
    return this.#rangeFrom + f * (this.#rangeTo - this.#rangeFrom);
  }

  #onSeekPointer = (e: PointerEvent): void => {
    const t = this.#timeAt(e);
    if (e.type === 'pointerdown') {
      this.#dragging = true;
      (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    }
    if (e.type === 'pointerup' || e.type === 'pointercancel') this.#dragging = false;
    if (e.type === 'pointerleave' && !this.#dragging) this.hoverTime = undefined;
    else this.hoverTime = t;
    if (this.#dragging || e.type === 'pointerup') this.currentTime = t;
    if (e.type === 'pointerup' && e.pointerType !== 'mouse') this.hoverTime = undefined;
  };

  // Only a head start: should the chunk not arrive, the click that needs it loads it again and fails visibly.
  #warmExtras = (): void => {
    this.#source.loadPreviews();
    void this.#loadExtras().catch(() => {});
  };

  /** Show the controls and restart the auto-hide timer. */
  #poke = (): void => {
    this.userActive = true;
    clearTimeout(this.#hideTimer);
    this.#hideTimer = setTimeout(() => (this.userActive = false), HIDE_AFTER_MS);
  };

  #spoken(t: number): string {
    const u = (a: string, b: string): [string, string] => [this.i18n.t(a), this.i18n.t(b)];
    return timeInWords(t, { h: u('hour', 'hours'), m: u('minute', 'minutes'), s: u('second', 'seconds') });
  }

  // ---- rendering -----------------------------------------------------------------------------

  #button(part: string, label: string, on: () => unknown, content: unknown, extra: { pressed?: boolean; expanded?: boolean; cls?: string } = {}) {
    return html`<button
      part="button ${part}"
      class=${extra.cls ?? nothing}
      aria-label=${label}
      title=${label}
      aria-pressed=${extra.pressed === undefined ? nothing : String(extra.pressed)}
      aria-expanded=${extra.expanded === undefined ? nothing : String(extra.expanded)}
      aria-controls=${extra.expanded === undefined ? nothing : 'settings'}
      @click=${on}
    >${content}</button>`;
  }

  override render() {
    const { t } = this.i18n;
    const m = this.media;
    const { error } = this.#source;
    const empty = this.#empty;
    const showControls = !error && (m.paused || this.userActive || this.focusInside || this.pointerOnControls || this.panelOpen);
    return html`<div
      class="base ${showControls || m.paused ? '' : 'idle'}"
      part="base"
      role="region"
      tabindex="0"
      aria-label=${t('player', this.#source.assets.title)}
      @pointermove=${this.#poke}
      @pointerdown=${this.#poke}
      @pointerenter=${this.#warmExtras}
      @focusin=${this.#warmExtras}
    >
      ${this.video} ${this.#integrity.badge(this.i18n)}
      ${m.waiting && !error && !empty ? html`<div class="spinner" part="spinner" role="status" aria-label=${t('loading')}></div>` : nothing}
      ${
        m.paused && !m.waiting && !error && !m.started && !empty
          ? html`<button class="big" part="big-play" aria-label=${t('play')} @click=${this.#togglePlay}>${icon('play')}</button>`
          : nothing
      }
      ${
        error
          ? html`<div class="error" part="error" role="alert">
            <p>${this.errorMessage(error)}</p>
            ${retryRule(error) !== 'never' ? html`<button @click=${() => this.retry()}>${t('retry')}</button>` : nothing}
          </div>`
          : nothing
      }
      ${empty ? html`<div class="error" part="empty"><p>${t('chooseClip')}</p></div>` : nothing}
      ${this.controlsDeferred || empty ? nothing : this.#controlBar(showControls)}
      ${this.extras?.helpDialog(t)}
      <div class="sr" role="status" aria-live="polite">${this.#announcer.text}</div>
    </div>`;
  }

  #controlBar(showControls: boolean) {
    const { t } = this.i18n;
    const m = this.media;
    const { range, renditions, chosen, playing, assets, storyboard } = this.#source;
    const from = range.start;
    const to = this.#rangeTo;
    const now = Math.max(from, Math.min(m.currentTime, to || m.currentTime));
    const ended = m.ended || (range.end !== undefined && m.paused && now >= to - 0.05 && m.started);
    const hasRange = from > 0 || range.end !== undefined;
    const v = this.video;
    const canPip = typeof document !== 'undefined' && document.pictureInPictureEnabled && !v?.disablePictureInPicture;
    const playLabel = m.paused ? (ended ? t('replay') : t('play')) : t('pause');
    return html`<div
        class="controls ${showControls ? '' : 'hidden'}"
        part="controls"
        role="group"
        aria-label=${t('controls')}
        ?inert=${!!this.#source.error}
        @pointerenter=${() => (this.pointerOnControls = true)}
        @pointerleave=${() => (this.pointerOnControls = false)}
        @focusin=${() => (this.focusInside = true)}
        @focusout=${(e: FocusEvent) => (this.focusInside = !!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node))}
      >
        ${
          this.panelOpen
            ? html`${this.extras?.settingsPanel({
                t,
                rate: m.playbackRate,
                renditions,
                chosen,
                playing,
                captions: assets.captions,
                caption: this.caption,
                audioTracks: this.#source.audioTracks,
                audioTrack: this.#source.audioTrack,
                onRate: (r) => (this.playbackRate = r),
                onQuality: (i) => (this.rendition = i),
                onAudio: (i) => (this.audioTrack = i),
                onCaption: (i) => ((this.captionTrack = i), this.#sayCaption()),
              })}`
            : nothing
        }
        ${this.copyFallback ? this.extras?.copyFallbackPanel(t, this.copyFallback) : nothing}
        <div
          @keydown=${this.#onSeekKey}
          @pointerdown=${this.#onSeekPointer}
          @pointermove=${this.#onSeekPointer}
          @pointerup=${this.#onSeekPointer}
          @pointercancel=${this.#onSeekPointer}
          @pointerleave=${this.#onSeekPointer}
        >
          ${seekBar({
            from,
            to,
            now,
            buffered: m.buffered,
            label: hasRange ? `${t('seek')}. ${t('clipRange', formatClock(from, to), formatClock(to))}` : t('seek'),
            valueText: t('seekText', this.#spoken(now), this.#spoken(to)),
            hoverTime: this.hoverTime,
            storyboard,
          })}
        </div>
        <div class="row">
          ${this.#button('play', playLabel, this.#togglePlay, icon(m.paused ? (ended ? 'replay' : 'play') : 'pause'))}
          ${this.#button('back', t('back10'), () => this.#seekBy(-10), icon('back'), { cls: 'skip' })}
          ${this.#button('forward', t('forward10'), () => this.#seekBy(10), icon('fwd'), { cls: 'skip' })}
          ${this.#button('mute', m.muted || m.volume === 0 ? t('unmute') : t('mute'), this.#toggleMute, icon(m.muted || m.volume === 0 ? 'muted' : 'vol'))}
          <input
            class="volume"
            part="volume"
            type="range"
            min="0"
            max="1"
            step="0.05"
            aria-label=${t('volume')}
            aria-valuetext=${`${Math.round((m.muted ? 0 : m.volume) * 100)} %`}
            .value=${String(m.muted ? 0 : m.volume)}
            @input=${(e: Event) => {
              const x = Number((e.target as HTMLInputElement).value);
              this.volume = x;
              this.muted = x === 0;
            }}
          />
          <button part="button time" class="time" @click=${() => (this.showRemaining = !this.showRemaining)}>
            ${this.showRemaining ? `-${formatClock(to - now, to)}` : formatClock(now, to)} / ${formatClock(to)}<span class="sr">. ${this.showRemaining ? t('remaining') : t('elapsed')}</span>
          </button>
          ${this.broadcastClock ? this.extras?.broadcastClockButton(t, this.#onAir, now, () => this.copyLink('broadcast')) : nothing}
          <span class="spacer"></span>
          ${this.#button('copy-link', t('copyLink'), () => this.copyLink(), icon('link'))}
          ${assets.captions.length ? this.#button('captions', t('captions'), () => this.#toggleCaptions(), icon('cc'), { pressed: this.caption >= 0 }) : nothing}
          ${this.#button('settings', t('settings'), () => ((this.panelOpen = !this.panelOpen), (this.copyFallback = ''), this.#loadExtras()), icon('gear'), { expanded: this.panelOpen })}
          ${this.#button('help', t('help'), () => this.#perform({ type: 'help' }), html`<b aria-hidden="true">?</b>`, { cls: 'skip' })}
          ${canPip ? this.#button('pip', this.pip ? t('exitPip') : t('pip'), () => this.#togglePip(), icon('pip'), { cls: 'skip' }) : nothing}
          ${this.#button('fullscreen', this.fullscreen ? t('exitFullscreen') : t('fullscreen'), () => this.#toggleFullscreen(), icon(this.fullscreen ? 'unfull' : 'full'))}
        </div>
      </div>`;
  }
}

defineElement('ine-player', InePlayer);

declare global {
  interface HTMLElementTagNameMap {
    'ine-player': InePlayer;
  }
}
