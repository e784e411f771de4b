import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { IneElement } from '../../internal/ine-element.js';
import { ConfigController } from '../../internal/config-controller.js';
import { configReady } from '../../config/config.js';
import { LocalizeController } from '../../i18n/localize.js';
import { defineElement } from '../../internal/define.js';
import { clampToRange, momentLink, rangeEnd, splitMediaFragment, type ClipRange } from '../../playback/clip-range.js';
import { detectCapabilities, type EngineChoice } from '../../playback/engine.js';
import { planSource, sourceKey, type PlayPlan } from '../../playback/source-plan.js';
import { INITIAL_MEDIA_STATE, MEDIA_EVENTS, readMediaState, type MediaState } from '../../playback/media-state.js';
import { actionForKey, type PlayerAction } from '../../playback/shortcuts.js';
import { clipAssets, recordProblem, type ClipAssets } from '../../playback/source.js';
import { parseStoryboardVtt, type StoryboardCue } from '../../playback/storyboard.js';
import { formatClock, timeInWords } from '../../playback/time-format.js';
import type { VideoRecord } from '../../contract/video-record.js';
import type { HlsEngine, Rendition } from './hls-engine.js';
import { playerStyles } from './player.styles.js';
import { icon } from './parts/icons.js';
import { seekBar } from './parts/seek-bar.js';
import { loadPlayerMore } from './lang/index.js';
import { takeEarlyStart, type EarlyStart } from './early-start.js';
import { FIRST_FRAME_WAIT_MS, startSource, whenFirstFrame, type StartedSource } from './source-start.js';
import { codeForStatus, retryRule, type IneErrorCode } from '../../internal/error-codes.js';

const HIDE_AFTER_MS = 2500;

type Extras = typeof import('./parts/extras.js');
let extrasModule: Promise<Extras> | undefined;

/**
 * @tagname ine-player
 * @summary Plays a published clip's HLS from the CDN (native HLS or hls.js, loaded on demand), with Spanish-first accessible controls and citable clip ranges.
 *
 * @event ine-error - Playback failed; `detail: { code, message, detail }` (`code`: an `IneErrorCode`, listed in docs/errors.md; `message` translated).
 * @event ine-engine - The engine was chosen, before the `<video>` gets a source; `detail: { engine: 'native' | 'hls.js' | 'progressive', url }`.
 * @event ine-link-copied - "Copy link to this moment" put a link on the clipboard; `detail: { url }`.
 * @event play - Re-dispatched from the `<video>`, like every media event: play, pause, playing, waiting, timeupdate, durationchange, loadedmetadata, loadeddata, canplay, seeking, seeked, ended (also at the end of a clip range), volumechange, ratechange, progress, error...
 *
 * @csspart base - The area holding the video and the controls (focusable; keyboard shortcuts work when it has focus).
 * @csspart video - The `<video>` element.
 * @csspart big-play - The large play button over the video.
 * @csspart spinner - The loading indicator.
 * @csspart error - The error panel (message and retry button).
 * @csspart controls - The control bar.
 * @csspart seek-bar - The seek bar (`role="slider"`).
 * @csspart buffered - Each buffered range on the seek bar.
 * @csspart played - The played part of the seek bar.
 * @csspart thumb - The seek bar's handle.
 * @csspart preview - Storyboard thumbnail and time shown over the seek bar on hover or drag.
 * @csspart button - Every control bar button.
 * @csspart time - Elapsed or remaining time.
 * @csspart volume - The volume slider.
 * @csspart settings - The settings panel (speed, quality, captions).
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

  protected readonly i18n = new LocalizeController(this, 'player');
  private readonly cfg = new ConfigController(this, () => ({ cdnBaseUrl: this.cdnBaseUrl }));

  /** Id of a published clip: plays `<cdn-base-url>/media/<id>/master.m3u8`, with the poster, storyboard and captions of its `video.json`. */
  @property({ attribute: 'video-id', reflect: true }) videoId = '';
  /** Any HLS (`.m3u8`) or mp4 URL, optionally with a `#t=start,end` clip range; wins over `video-id`. */
  @property() src = '';
  /** Poster image URL (default: the clip record's poster). */
  @property() poster = '';
  /** Start playing as soon as possible (browsers may require `muted` for that). */
  @property({ type: Boolean }) autoplay = false;
  /** Start muted (the `muted` attribute, like `<video>`'s; the `muted` property is the current state). */
  @property({ type: Boolean, attribute: 'muted' }) defaultMuted = false;
  /** Play again from the start (of the clip range) when the end is reached. */
  @property({ type: Boolean }) loop = false;
  /** `none`, `metadata` or `auto`, as on `<video>`. */
  @property() preload = 'metadata';
  /** Play inline on iPhone instead of going full screen. Default on. */
  @property({ type: Boolean }) playsinline = true;
  /** CORS mode of the `<video>` (`anonymous` by default with `video-id`, so cross-origin captions load). */
  @property() crossorigin = '';
  /** Clip range start (seconds or `mm:ss`); overrides `#t=` in `src`. */
  @property() start = '';
  /** Clip range end (seconds or `mm:ss`); overrides `#t=` in `src`. */
  @property() end = '';
  /** CDN base URL for this element, overriding the page configuration. */
  @property({ attribute: 'cdn-base-url' }) cdnBaseUrl = '';
  /** `auto` (default), `native` or `hls.js`: forces an engine (see docs/player.md for the `auto` rule). */
  @property() engine = 'auto';
  /** Base of the links "copy link to this moment" builds (default: this page's URL). */
  @property({ attribute: 'share-url' }) shareUrl = '';

  @state() private media: MediaState = INITIAL_MEDIA_STATE;
  @state() private error: { code: IneErrorCode } | null = null;
  @state() private assets: ClipAssets = { captions: [] };
  @state() private storyboard: StoryboardCue[] = [];
  @state() private renditions: Rendition[] = [];
  @state() private chosenRendition = -1;
  @state() private playingRendition = -1;
  @state() private caption = -1;
  @state() private panelOpen = false;
  @state() private extras?: Extras;
  @state() private showRemaining = false;
  @state() private hoverTime?: number;
  @state() private userActive = true;
  @state() private focusInside = false;
  @state() private pointerOnControls = false;
  @state() private fullscreen = false;
  @state() private pip = false;
  @state() private announcement = '';
  @state() private copyFallback = '';
  /**
   * An autoplaying player renders its control bar once the first frame is on screen (or on the
   * first interaction, an error, or after a second), not before: the bar is most of the first
   * render's work, and on the hls.js path that work would hold up hls.js on the same thread.
   */
  @state() private controlsDeferred = false;

  private range: ClipRange = { start: 0 };
  private chosenEngine: EngineChoice | undefined;
  /** What is loaded on the `<video>` now. */
  private source?: StartedSource;
  /** Media the script-tag loader started for this element before its code arrived (early-start.ts). */
  private early?: EarlyStart;
  private hlsEngine?: HlsEngine;
  private loadId = 0;
  private hideTimer?: ReturnType<typeof setTimeout>;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private dragging = false;
  private deferredAttach?: () => Promise<void>;
  private trackKey = '';
  private loading: Promise<void> = Promise.resolve();
  private sourceKey = '';
  private autoRetries = 0;
  private lastCaption = 0;
  private readonly onOnline = () => this.error?.code === 'Network' && this.retry();
  private readonly onFullscreen = () => (this.fullscreen = document.fullscreenElement === this);
  private readonly showDeferredControls = () => {
    if (!this.controlsDeferred) return;
    this.controlsDeferred = false;
    for (const type of ['pointerdown', 'pointermove', 'focusin', 'keydown']) this.removeEventListener(type, this.showDeferredControls);
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
    await this.loading;
    if (this.deferredAttach) {
      const attach = this.deferredAttach;
      this.deferredAttach = undefined;
      await attach();
    }
    if (this.range.end !== undefined && v.currentTime >= rangeEnd(this.range, v.duration) - 0.05) v.currentTime = this.range.start;
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
    if (v) v.currentTime = clampToRange(t, this.range, v.duration);
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
    return { ...this.range };
  }
  /** The engine playing the current source (`native`, `hls.js`, `progressive`), once chosen. */
  get currentEngine(): EngineChoice | undefined {
    return this.chosenEngine;
  }
  /** Renditions (hls.js path) and the chosen one, -1 for automatic. */
  get renditionList(): ReadonlyArray<Rendition> {
    return this.renditions;
  }
  get rendition(): number {
    return this.chosenRendition;
  }
  set rendition(i: number) {
    this.chosenRendition = i;
    this.hlsEngine?.setRendition(i);
  }
  /** Caption track shown (index into the record's captions), -1 for none. */
  get captionTrack(): number {
    return this.caption;
  }
  set captionTrack(i: number) {
    this.caption = i;
    this.applyCaption();
  }
  /** Load the source again (what the retry button does). */
  retry(): void {
    clearTimeout(this.retryTimer);
    const wasNetwork = this.error?.code === 'Network' || this.error?.code === 'ServerError';
    this.error = null;
    if (wasNetwork && this.hlsEngine && !this.hlsEngine.needsReload) {
      this.hlsEngine.retry();
      void this.video?.play().catch(() => {});
    } else void this.load(true);
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('online', this.onOnline);
    document.addEventListener('fullscreenchange', this.onFullscreen);
    this.addEventListener('keydown', this.onKeydown);
    // Start loading now, before the first render (first frame sooner); same sources load once.
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('online', this.onOnline);
    document.removeEventListener('fullscreenchange', this.onFullscreen);
    this.removeEventListener('keydown', this.onKeydown);
    clearTimeout(this.hideTimer);
    clearTimeout(this.retryTimer);
    this.teardown();
    this.sourceKey = '';
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
    this.early = typeof document === 'undefined' ? undefined : takeEarlyStart(this);
    this.video = typeof document === 'undefined' ? null : (this.early?.video ?? document.createElement('video'));
    const v = this.video;
    if (!v) return;
    v.setAttribute('part', 'video');
    for (const type of MEDIA_EVENTS) v.addEventListener(type, (e) => this.onMediaEvent(type, e));
    v.addEventListener('enterpictureinpicture', () => (this.pip = true));
    v.addEventListener('leavepictureinpicture', () => (this.pip = false));
    v.addEventListener('click', this.togglePlay);
  }

  protected override updated(changed: PropertyValues<this>): void {
    const v = this.video;
    if (!v) return;
    if (changed.has('defaultMuted')) v.muted = this.defaultMuted;
    this.syncVideo(v);
    void this.load();
  }

  /** Attributes and caption tracks of the `<video>` (ours, not rendered by Lit). */
  private syncVideo(v: HTMLVideoElement): void {
    // Only real changes: setting `poster` again, even to the same URL, restarts its fetch.
    const set = (name: string, value: string | boolean | undefined) => {
      const want = value === false || value === undefined || value === '' ? null : value === true ? '' : value;
      if (v.getAttribute(name) === want) return;
      if (want === null) v.removeAttribute(name);
      else v.setAttribute(name, want);
    };
    set('aria-label', this.i18n.t('videoLabel'));
    set('poster', this.poster || this.assets.poster);
    set('preload', this.preload);
    set('loop', this.loop && this.range.end === undefined);
    set('playsinline', this.playsinline);
    set('autoplay', this.autoplay);
    const tracks = this.assets.captions.map((c) => `${c.lang}|${c.label}|${c.src}`).join('\n');
    if (tracks !== this.trackKey) {
      this.trackKey = tracks;
      v.querySelectorAll('track').forEach((t) => t.remove());
      for (const c of this.assets.captions) {
        const t = document.createElement('track');
        Object.assign(t, { kind: 'subtitles', srclang: c.lang, label: c.label, src: c.src });
        v.append(t);
      }
      this.applyCaption();
    }
  }

  // ---- loading -------------------------------------------------------------------------------

  private teardown(): void {
    this.source?.stop();
    this.source = undefined;
    this.hlsEngine = undefined;
  }

  private load(force = false): Promise<void> {
    const p = this.loadSource(force);
    // play() waits for the source being set up; a failed load is reported by the element itself.
    this.loading = p.catch(() => {});
    return p;
  }

  private async loadSource(force: boolean): Promise<void> {
    const v = this.video;
    if (!v || !this.isConnected) return;
    const request = {
      src: this.src,
      videoId: this.videoId,
      cdnBaseUrl: this.cfg.value.cdnBaseUrl,
      engine: this.engine,
      start: this.start,
      end: this.end,
      preload: this.preload,
      autoplay: this.autoplay,
      crossorigin: this.crossorigin,
      baseUrl: document.baseURI,
    };
    const key = sourceKey(request);
    if (key === this.sourceKey && !force) return;
    this.sourceKey = key;
    if (!this.hasUpdated) {
      // First load runs before the first render: give the <video> its attributes now (muted autoplay).
      v.muted = this.defaultMuted;
      this.syncVideo(v);
    }
    const id = ++this.loadId;
    this.deferredAttach = undefined;
    // What the loader started is kept when it is this very source; anything else starts over.
    const early = this.early;
    this.early = undefined;
    const adopt = early && early.plan.key === key && !force ? early : undefined;
    if (early && !adopt) early.stop();
    if (!adopt) this.teardown();
    this.error = null;
    this.renditions = [];
    this.chosenRendition = this.playingRendition = -1;
    this.media = { ...INITIAL_MEDIA_STATE, muted: v.muted, volume: v.volume };
    const plan = planSource({ ...request, pageRange: this.pageFragment() }, detectCapabilities(v));
    if (plan.kind === 'none') {
      this.assets = { captions: [] };
      if (plan.reason === 'NoCdn') {
        // A page's `configUrl` may still be on its way; when it brings a CDN, the change loads again.
        await configReady();
        if (id === this.loadId && !this.cfg.value.cdnBaseUrl) this.fail('Config');
      } else if (plan.reason === 'NoSource' || this.hasAttribute('src')) this.fail('NoSource');
      return;
    }
    this.range = plan.range;
    this.chosenEngine = plan.engine;
    // (Not when the loader's start already shows a frame: it waited for that before defining us.)
    if (!this.hasUpdated && this.autoplay && !plan.defer && v.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) this.deferControls(v);
    if (plan.engine === 'unsupported') return this.fail('Unsupported');
    // Before any source: cross-origin caption tracks need it even while loading is deferred.
    v.crossOrigin = plan.crossOrigin;
    // The record (poster, storyboard, captions) loads alongside the stream, never before it.
    this.assets = { captions: [] };
    this.storyboard = [];
    if (plan.urls) void this.loadRecord(plan.urls.record, plan.urls.folder, id);
    this.emit('ine-engine', { engine: plan.engine, url: plan.url });
    // The media events of the loader's start, as if the element had been listening.
    if (adopt) for (const e of adopt.events) this.onMediaEvent(e.type, e);
    if (plan.defer) this.deferredAttach = () => this.attach(plan, id);
    else await this.attach(plan, id, adopt);
  }

  private async attach(plan: PlayPlan, id: number, started?: StartedSource): Promise<void> {
    const v = this.video!;
    const source = started ?? startSource(v, plan);
    this.source = source;
    if (source.engine) {
      let eng: HlsEngine;
      try {
        eng = await source.engine;
      } catch (e) {
        // The hls.js chunk could not be fetched (offline, blocked): say so, offer to retry.
        if (id === this.loadId) this.fail('Network', String(e));
        return;
      }
      if (id !== this.loadId) return; // A newer load stopped this source (and its engine).
      this.hlsEngine = eng;
      source.connect({
        renditions: (list) => (this.renditions = list),
        switched: (i) => (this.playingRendition = i),
        fatal: (code, detail) => this.fail(code, detail),
        networkFailure: (status, onManifest, detail) => {
          // Only a missing master playlist means the clip is gone (or unpublished); a missing segment is a network fault.
          const code = codeForStatus(status, 'cdn');
          this.fail(onManifest && code === 'NotFound' ? 'NotFound' : code === 'ServerError' ? 'ServerError' : 'Network', detail);
        },
        recovered: () => {
          if (this.error?.code === 'Network' || this.error?.code === 'ServerError') this.error = null;
        },
      });
    }
    if (this.autoplay) v.play().catch(() => {});
  }

  /** A `#t=` in the page's own URL applies to the first player of the page (shared moment links). */
  private pageFragment(): ClipRange | undefined {
    if (typeof location === 'undefined' || document.querySelector('ine-player') !== this) return undefined;
    return splitMediaFragment(location.href).range;
  }

  private async loadRecord(recordUrl: string, folder: string, id: number): Promise<void> {
    let res: Response;
    try {
      res = await fetch(recordUrl, { credentials: 'omit' });
    } catch {
      return; // The stream's own loading reports network trouble.
    }
    if (id !== this.loadId) return;
    const record = res.ok ? ((await res.json().catch(() => undefined)) as VideoRecord | undefined) : undefined;
    if (id !== this.loadId) return;
    const problem = recordProblem(res.status, record);
    if (problem) return this.fail(problem);
    if (!record) return;
    this.assets = clipAssets(record, folder);
    if (this.assets.storyboard) {
      const sb = this.assets.storyboard;
      fetch(sb, { credentials: 'omit' })
        .then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
        .then((text) => id === this.loadId && (this.storyboard = parseStoryboardVtt(text, sb)))
        .catch(() => {}); // Previews are a nicety: the seek bar works without them.
    }
  }

  private deferControls(v: HTMLVideoElement): void {
    this.controlsDeferred = true;
    const show = this.showDeferredControls;
    void whenFirstFrame(v).then(show);
    for (const type of ['pointerdown', 'pointermove', 'focusin', 'keydown']) this.addEventListener(type, show);
    setTimeout(show, FIRST_FRAME_WAIT_MS);
  }

  private fail(code: IneErrorCode, detail?: string): void {
    this.showDeferredControls();
    if (this.error?.code === code) return;
    this.error = { code };
    this.video?.pause();
    // The message in the element's language (its strings may still be on their way).
    void Promise.all([this.i18n.ready, this.common.ready, loadPlayerMore().catch(() => {})]).then(() => this.emit('ine-error', { code, message: this.errorMessage(code), detail }));
    // Network trouble: try again by ourselves a few times, and whenever the browser goes online.
    if (retryRule(code) === 'auto' && this.autoRetries < 6) {
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => {
        if (!this.error || !navigator.onLine) return;
        this.autoRetries++;
        this.retry();
      }, 2000 * (this.autoRetries + 1));
    }
  }

  // ---- media events --------------------------------------------------------------------------

  private onMediaEvent(type: string, e: Event): void {
    const v = this.video!;
    if (type === 'loadedmetadata' && this.chosenEngine !== 'hls.js' && this.range.start > 0 && v.currentTime < this.range.start) {
      v.currentTime = this.range.start;
    }
    if (type === 'seeking') {
      const t = clampToRange(v.currentTime, this.range, v.duration);
      if (Math.abs(t - v.currentTime) > 0.01) v.currentTime = t;
    }
    let clipEnded = false;
    if ((type === 'timeupdate' || type === 'seeked') && this.range.end !== undefined && !v.paused && v.currentTime >= this.range.end - 0.05) {
      if (this.loop) v.currentTime = this.range.start;
      else {
        v.pause();
        v.currentTime = this.range.end;
        clipEnded = true;
      }
    }
    if (type === 'error' && e.target === v && v.error) void this.nativeError(v.error);
    if (type === 'loadedmetadata') this.applyCaption();
    this.media = readMediaState(v, this.media, type);
    if (clipEnded) this.media = { ...this.media, ended: true, paused: true };
    if (type === 'play' || type === 'pause') this.poke();
    if (type === 'playing') this.autoRetries = 0;
    this.dispatchEvent(new Event(type));
    if (clipEnded) this.dispatchEvent(new Event('ended'));
  }

  /** The `<video>`'s own errors (native and progressive paths; hls.js reports through its engine). */
  private async nativeError(err: MediaError): Promise<void> {
    if (this.hlsEngine) return;
    if (err.code === err.MEDIA_ERR_NETWORK) return this.fail('Network', err.message);
    if (err.code === err.MEDIA_ERR_DECODE) return this.fail('Decode', err.message);
    // MEDIA_ERR_SRC_NOT_SUPPORTED covers both "404" and "codec not supported": ask the server.
    const url = this.video?.currentSrc || this.video?.src || '';
    const status = await fetch(url, { method: 'HEAD', credentials: 'omit' }).then((r) => r.status, () => 0);
    this.fail(codeForStatus(status, 'cdn') ?? 'Unsupported', err.message);
  }

  private applyCaption(): void {
    const tracks = this.video?.textTracks;
    if (!tracks) return;
    for (let i = 0; i < tracks.length; i++) tracks[i].mode = i === this.caption ? 'showing' : 'disabled';
  }

  // ---- actions -------------------------------------------------------------------------------

  private togglePlay = (): void => {
    if (this.paused) void this.play().catch(() => {});
    else this.pause();
  };

  private seekBy(seconds: number): void {
    this.currentTime = this.currentTime + seconds;
  }

  private get rangeTo(): number {
    return rangeEnd(this.range, this.media.duration);
  }

  private async toggleFullscreen(): Promise<void> {
    const v = this.video as (HTMLVideoElement & { webkitEnterFullscreen?: () => void }) | null;
    if (document.fullscreenElement) await document.exitFullscreen().catch(() => {});
    else if (this.requestFullscreen) await this.requestFullscreen().catch(() => {});
    else v?.webkitEnterFullscreen?.(); // iPhone: only the video itself goes full screen.
  }

  private async togglePip(): Promise<void> {
    if (document.pictureInPictureElement) await document.exitPictureInPicture().catch(() => {});
    else await this.video?.requestPictureInPicture().catch(() => {});
  }

  private toggleCaptions(): void {
    if (!this.assets.captions.length) return;
    if (this.caption >= 0) {
      this.lastCaption = this.caption;
      this.captionTrack = -1;
    } else this.captionTrack = Math.min(this.lastCaption, this.assets.captions.length - 1);
  }

  /** Put a link to this moment (and the clip range's end) on the clipboard. */
  async copyLink(): Promise<string> {
    const base = this.shareUrl || location.href;
    const url = momentLink(base, this.currentTime, this.range.end);
    let ok: boolean;
    try {
      await navigator.clipboard.writeText(url);
      ok = true;
    } catch {
      // No Clipboard API (insecure page, permission denied): the old way, then a field to copy by hand.
      const ta = document.createElement('textarea');
      ta.value = url;
      this.renderRoot.appendChild(ta);
      ta.select();
      try {
        ok = document.execCommand('copy');
      } catch {
        ok = false;
      }
      ta.remove();
    }
    if (ok) {
      this.copyFallback = '';
      this.announce(this.i18n.t('linkCopied'));
      this.emit('ine-link-copied', { url });
    } else {
      this.copyFallback = url;
    }
    return url;
  }

  private announce(text: string): void {
    // Clear first so that the same message twice is announced twice.
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = text));
  }

  /** Settings panel and help dialog (a lazy chunk); resolves once they can render. */
  private async loadExtras(): Promise<void> {
    this.extras ??= await (extrasModule ??= import('./parts/extras.js'));
    await loadPlayerMore();
    await this.updateComplete;
  }

  private perform(a: PlayerAction): void {
    switch (a.type) {
      case 'toggle-play':
        return this.togglePlay();
      case 'seek-by':
        return this.seekBy(a.seconds);
      case 'seek-fraction':
        this.currentTime = this.range.start + a.fraction * (this.rangeTo - this.range.start);
        return;
      case 'volume-by':
        this.muted = false;
        this.volume = Math.round((this.volume + a.delta) * 10) / 10;
        return;
      case 'toggle-mute':
        this.muted = !this.muted;
        return;
      case 'toggle-fullscreen':
        void this.toggleFullscreen();
        return;
      case 'toggle-captions':
        return this.toggleCaptions();
      case 'help':
        void this.loadExtras().then(() => this.renderRoot.querySelector('dialog')?.showModal());
    }
  }

  private onKeydown = (e: KeyboardEvent): void => {
    const target = e.composedPath()[0] as HTMLElement;
    const tag = target?.localName;
    if (tag === 'input' || tag === 'select' || tag === 'textarea' || target?.closest?.('dialog')) return;
    if (e.key === 'Escape' && this.panelOpen) {
      this.panelOpen = false;
      (this.renderRoot.querySelector('[aria-controls="settings"]') as HTMLElement | null)?.focus();
      return;
    }
    // Space and Enter activate a focused button; the seek slider handles its own arrows.
    if ((tag === 'button' || tag === 'a') && (e.key === ' ' || e.key === 'Enter')) return;
    const action = actionForKey(e);
    if (!action) return;
    e.preventDefault();
    this.poke();
    this.perform(action);
  };

  private onSeekKey = (e: KeyboardEvent): void => {
    const step = { ArrowUp: 5, ArrowRight: 5, ArrowDown: -5, ArrowLeft: -5, PageUp: 10, PageDown: -10 }[e.key];
    if (step !== undefined) this.seekBy(step);
    else if (e.key === 'Home') this.currentTime = this.range.start;
    else if (e.key === 'End') this.currentTime = this.rangeTo;
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  private timeAt(e: PointerEvent): number {
    const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const f = r.width ? Math.max(0, Math.min(1, (e.clientX - r.left) / r.width)) : 0;
    return this.range.start + f * (this.rangeTo - this.range.start);
  }

  private onSeekPointer = (e: PointerEvent): void => {
    const t = this.timeAt(e);
    if (e.type === 'pointerdown') {
      this.dragging = true;
      (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    }
    if (e.type === 'pointerup' || e.type === 'pointercancel') this.dragging = false;
    if (e.type === 'pointerleave' && !this.dragging) this.hoverTime = undefined;
    else this.hoverTime = t;
    if (this.dragging || e.type === 'pointerup') this.currentTime = t;
    if (e.type === 'pointerup' && e.pointerType !== 'mouse') this.hoverTime = undefined;
  };

  private warmExtras = (): void => void this.loadExtras().catch(() => {});

  /** Show the controls and restart the auto-hide timer. */
  private poke = (): void => {
    this.userActive = true;
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => (this.userActive = false), HIDE_AFTER_MS);
  };

  private spoken(t: number): string {
    const u = (a: string, b: string): [string, string] => [this.i18n.t(a), this.i18n.t(b)];
    return timeInWords(t, { h: u('hour', 'hours'), m: u('minute', 'minutes'), s: u('second', 'seconds') });
  }

  // ---- rendering -----------------------------------------------------------------------------

  private button(part: string, label: string, on: () => unknown, content: unknown, extra: { pressed?: boolean; expanded?: boolean; cls?: string } = {}) {
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
    const showControls = !this.error && (m.paused || this.userActive || this.focusInside || this.pointerOnControls || this.panelOpen);
    return html`<div
      class="base ${showControls || m.paused ? '' : 'idle'}"
      part="base"
      role="region"
      tabindex="0"
      aria-label=${t('player', this.assets.title)}
      @pointermove=${this.poke}
      @pointerdown=${this.poke}
      @pointerenter=${this.warmExtras}
      @focusin=${this.warmExtras}
    >
      ${this.video}
      ${m.waiting && !this.error ? html`<div class="spinner" part="spinner" role="status" aria-label=${t('loading')}></div>` : nothing}
      ${m.paused && !m.waiting && !this.error && !m.started
        ? html`<button class="big" part="big-play" aria-label=${t('play')} @click=${this.togglePlay}>${icon('play')}</button>`
        : nothing}
      ${this.error
        ? html`<div class="error" part="error" role="alert">
            <p>${this.errorMessage(this.error.code)}</p>
            ${retryRule(this.error.code) !== 'never' ? html`<button @click=${() => this.retry()}>${t('retry')}</button>` : nothing}
          </div>`
        : nothing}
      ${this.controlsDeferred ? nothing : this.controlBar(showControls)}
      ${this.extras?.helpDialog(t)}
      <div class="sr" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  private controlBar(showControls: boolean) {
    const { t } = this.i18n;
    const m = this.media;
    const from = this.range.start;
    const to = this.rangeTo;
    const now = Math.max(from, Math.min(m.currentTime, to || m.currentTime));
    const ended = m.ended || (this.range.end !== undefined && m.paused && now >= to - 0.05 && m.started);
    const hasRange = from > 0 || this.range.end !== undefined;
    const v = this.video;
    const canPip = typeof document !== 'undefined' && document.pictureInPictureEnabled && !v?.disablePictureInPicture;
    const playLabel = m.paused ? (ended ? t('replay') : t('play')) : t('pause');
    return html`<div
        class="controls ${showControls ? '' : 'hidden'}"
        part="controls"
        role="group"
        aria-label=${t('controls')}
        ?inert=${!!this.error}
        @pointerenter=${() => (this.pointerOnControls = true)}
        @pointerleave=${() => (this.pointerOnControls = false)}
        @focusin=${() => (this.focusInside = true)}
        @focusout=${(e: FocusEvent) => (this.focusInside = !!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node))}
      >
        ${this.panelOpen
          ? html`${this.extras?.settingsPanel({
              t,
              rate: m.playbackRate,
              renditions: this.renditions,
              chosen: this.chosenRendition,
              playing: this.playingRendition,
              captions: this.assets.captions,
              caption: this.caption,
              onRate: (r) => (this.playbackRate = r),
              onQuality: (i) => (this.rendition = i),
              onCaption: (i) => (this.captionTrack = i),
            })}`
          : nothing}
        ${this.copyFallback
          ? html`<div class="panel" part="settings"><label>${t('copyFailed')}<input readonly .value=${this.copyFallback} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} /></label></div>`
          : nothing}
        <div
          @keydown=${this.onSeekKey}
          @pointerdown=${this.onSeekPointer}
          @pointermove=${this.onSeekPointer}
          @pointerup=${this.onSeekPointer}
          @pointercancel=${this.onSeekPointer}
          @pointerleave=${this.onSeekPointer}
        >
          ${seekBar({
            from,
            to,
            now,
            buffered: m.buffered,
            label: hasRange ? `${t('seek')}. ${t('clipRange', formatClock(from, to), formatClock(to))}` : t('seek'),
            valueText: t('seekText', this.spoken(now), this.spoken(to)),
            hoverTime: this.hoverTime,
            storyboard: this.storyboard,
          })}
        </div>
        <div class="row">
          ${this.button('play', playLabel, this.togglePlay, icon(m.paused ? (ended ? 'replay' : 'play') : 'pause'))}
          ${this.button('back', t('back10'), () => this.seekBy(-10), icon('back'), { cls: 'skip' })}
          ${this.button('forward', t('forward10'), () => this.seekBy(10), icon('fwd'), { cls: 'skip' })}
          ${this.button('mute', m.muted || m.volume === 0 ? t('unmute') : t('mute'), () => (this.muted = !this.muted), icon(m.muted || m.volume === 0 ? 'muted' : 'vol'))}
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
          <span class="spacer"></span>
          ${this.button('copy-link', t('copyLink'), () => this.copyLink(), icon('link'))}
          ${this.assets.captions.length ? this.button('captions', t('captions'), () => this.toggleCaptions(), icon('cc'), { pressed: this.caption >= 0 }) : nothing}
          ${this.button('settings', t('settings'), () => ((this.panelOpen = !this.panelOpen), (this.copyFallback = ''), this.loadExtras()), icon('gear'), { expanded: this.panelOpen })}
          ${this.button('help', t('help'), () => this.perform({ type: 'help' }), html`<b aria-hidden="true">?</b>`, { cls: 'skip' })}
          ${canPip ? this.button('pip', this.pip ? t('exitPip') : t('pip'), () => this.togglePip(), icon('pip'), { cls: 'skip' }) : nothing}
          ${this.button('fullscreen', this.fullscreen ? t('exitFullscreen') : t('fullscreen'), () => this.toggleFullscreen(), icon(this.fullscreen ? 'unfull' : 'full'))}
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
