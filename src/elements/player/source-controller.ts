/**
 * The player's source, as a Lit reactive controller: plans it from the element's attributes
 * (playback/source-plan.ts), takes over what the script-tag loader started for the element
 * (early-start.ts) or starts it (source-start.ts), connects the hls.js engine, loads the clip
 * record, and fails and retries by the rules of playback/load-policy.ts. It touches nothing of
 * the DOM but the element's `<video>`; the element renders what it holds (`error`, `range`,
 * `renditions`, `assets`, ...) and forwards requests to it (`load`, `retry`, `ready`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { configReady } from '../../config/config.js';
import { emit } from '../../internal/events.js';
import type { IneErrorCode } from '../../internal/error-codes.js';
import { splitMediaFragment, type ClipRange } from '../../playback/clip-range.js';
import { detectCapabilities, type EngineChoice } from '../../playback/engine.js';
import {
  autoRetryDelay,
  clearsOnRecovery,
  loadStep,
  mediaErrorCode,
  networkFailureCode,
  noPlanCode,
  retriesWhenOnline,
  retryResumes,
  unplayableCode,
} from '../../playback/load-policy.js';
import { planSource, sourceKey, type NoPlan, type PlayPlan, type SourceRequest } from '../../playback/source-plan.js';
import { fetchClipRecord, type ClipAssets } from '../../playback/source.js';
import type { AudioTrackInfo } from '../../playback/audio-tracks.js';
import type { StoryboardCue } from '../../playback/storyboard-cue.js';
import { takeEarlyStart, type EarlyStart } from './early-start.js';
import type { HlsEngine, Rendition } from './hls-engine.js';
import { startSource, type StartedSource } from './source-start.js';

export interface SourceHost extends ReactiveControllerHost, HTMLElement {
  readonly video: HTMLVideoElement | null;
  readonly autoplay: boolean;
}

/** What the element does at each step (callbacks, so that none of it becomes public API). */
export interface SourceHooks {
  /** The attributes and configuration the source is planned from (`pageRange` is added here). */
  request(): SourceRequest;
  /**
   * A new source is planned (`range`, `engine` set when it plays), before anything starts on the
   * `<video>`: forget what was shown of the previous one.
   */
  planned(plan: PlayPlan | NoPlan): void;
  /** A media event of the loader's start that fired before the element listened. */
  replay(e: Event): void;
  /** Playback failed (`error` is set): stop, show and report it. */
  failed(code: IneErrorCode, detail?: string): void;
}

/** What the element renders of the source (changing any of it re-renders the element). */
export interface SourceState {
  /** Why playback stopped; undefined while all is well. */
  error?: IneErrorCode;
  range: ClipRange;
  engine?: EngineChoice;
  renditions: Rendition[];
  /** Chosen rendition, -1 automatic. */
  chosen: number;
  /** Rendition playing now, -1 unknown. */
  playing: number;
  /** Poster, captions, storyboard, title from the clip record. */
  assets: ClipAssets;
  storyboard: StoryboardCue[];
  /** The clip's audio tracks, as the engine playing it lists them (empty: one track, or not known). */
  audioTracks: AudioTrackInfo[];
  /** The audio track playing (an index of `audioTracks`), -1 unknown. */
  audioTrack: number;
}

const NO_ASSETS: ClipAssets = { captions: [] };

export class SourceController implements ReactiveController, SourceState {
  error?: IneErrorCode;
  range: ClipRange = { start: 0 };
  engine?: EngineChoice;
  renditions: Rendition[] = [];
  chosen = -1;
  playing = -1;
  assets = NO_ASSETS;
  storyboard: StoryboardCue[] = [];
  audioTracks: AudioTrackInfo[] = [];
  audioTrack = -1;
  /** The hls.js engine of the current source, once running. */
  hls?: HlsEngine;

  /** Media the script-tag loader started for the element before its code arrived. */
  #early?: EarlyStart;
  /** What is loaded on the `<video>` now. */
  #started?: StartedSource;
  #key = '';
  /** Bumped by every load: what an older one finds out late is dropped. */
  #loadId = 0;
  #loading: Promise<void> = Promise.resolve();
  /** `preload="none"` on the hls.js path: what play() runs first. */
  #deferred?: () => Promise<void>;
  #autoRetries = 0;
  #retryTimer?: ReturnType<typeof setTimeout>;
  /** The viewer has reached the player: seek previews load with each record. */
  #previewsWanted = false;
  /** The storyboard whose previews are loaded or loading. */
  #previewsOf?: string;
  /** Stops following the `<video>`'s own audio tracks (native path). */
  #unwatchAudio?: () => void;
  readonly #onOnline = () => retriesWhenOnline(this.error) && this.retry();

  readonly #host: SourceHost;
  readonly #on: SourceHooks;

  constructor(host: SourceHost, on: SourceHooks) {
    this.#host = host;
    this.#on = on;
    host.addController(this);
    this.#early = typeof document === 'undefined' ? undefined : takeEarlyStart(host);
  }

  /** The `<video>` the loader started, if any: the element uses it instead of making one. */
  get earlyVideo(): HTMLVideoElement | undefined {
    return this.#early?.video;
  }

  hostConnected(): void {
    addEventListener('online', this.#onOnline);
  }

  hostDisconnected(): void {
    removeEventListener('online', this.#onOnline);
    clearTimeout(this.#retryTimer);
    this.#teardown();
    this.#key = '';
  }

  /** Resolves once the source is set up, attaching a deferred one first (what play() waits for). */
  async ready(): Promise<void> {
    await this.#loading;
    const attach = this.#deferred;
    this.#deferred = undefined;
    await attach?.();
  }

  /** Load what the attributes now ask for; the same source is not loaded again unless `force`d. */
  load(force = false): Promise<void> {
    const p = this.#loadSource(force);
    // ready() only waits for the setup; a failed load is shown and reported by fail().
    this.#loading = p.catch(() => {});
    return p;
  }

  /** Try again (the retry button, the automatic retries). */
  retry(): void {
    clearTimeout(this.#retryTimer);
    const resume = retryResumes(this.error, this.hls);
    this.#set({ error: undefined });
    if (resume) {
      this.hls!.retry();
      // A refused play() leaves the player paused, which it shows; media errors come as events.
      void this.#host.video?.play().catch(() => {});
    } else void this.load(true);
  }

  choose(rendition: number): void {
    this.#set({ chosen: rendition });
    this.hls?.setRendition(rendition);
  }

  /** Play another audio track (an index of `audioTracks`). */
  chooseAudio(index: number): void {
    if (this.hls) return this.hls.setAudioTrack(index);
    const v = this.#host.video;
    if (v) void import('./native-audio.js').then((m) => m.enableNativeAudio(v, index));
  }

  /** The media events the source cares about. */
  mediaEvent(type: string, v: HTMLVideoElement): void {
    if (type === 'playing') this.#autoRetries = 0;
    if (type === 'error' && v.error && !this.hls) void this.#mediaError(v, v.error);
  }

  fail(code: IneErrorCode, detail?: string): void {
    if (this.error === code) return;
    this.#set({ error: code });
    this.#on.failed(code, detail);
    const wait = autoRetryDelay(code, this.#autoRetries);
    if (wait === undefined) return;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      if (!this.error || !navigator.onLine) return; // Offline: the `online` event retries.
      this.#autoRetries++;
      this.retry();
    }, wait);
  }

  #set(s: Partial<SourceState>): void {
    Object.assign(this, s);
    this.#host.requestUpdate();
  }

  #teardown(): void {
    this.#unwatchAudio?.();
    this.#unwatchAudio = undefined;
    this.#started?.stop();
    this.#started = this.hls = undefined;
  }

  async #loadSource(force: boolean): Promise<void> {
    const host = this.#host;
    const v = host.video;
    if (!v || !host.isConnected) return;
    const request = this.#on.request();
    const key = sourceKey(request);
    const early = this.#early;
    const step = loadStep(key, this.#key, force, early?.plan.key);
    if (step === 'keep') return;
    this.#key = key;
    const id = ++this.#loadId;
    this.#deferred = undefined;
    // What the loader started is kept when it is this very source; anything else starts over.
    this.#early = undefined;
    const adopt = step === 'adopt' ? early : undefined;
    if (early && !adopt) early.stop();
    if (!adopt) this.#teardown();
    const plan = planSource({ ...request, pageRange: this.#pageRange() }, detectCapabilities(v));
    const plays = plan.kind === 'play';
    this.#previewsOf = undefined;
    this.#set({
      error: undefined,
      renditions: [],
      chosen: -1,
      playing: -1,
      assets: NO_ASSETS,
      storyboard: [],
      audioTracks: [],
      audioTrack: -1,
      ...(plays && { range: plan.range, engine: plan.engine }),
    });
    this.#on.planned(plan);
    if (!plays) {
      const code = noPlanCode(plan.reason, host.hasAttribute('src'));
      // A page's `configUrl` may still be on its way; when it brings a CDN, the change loads again.
      if (code === 'Config') await configReady();
      if (code && id === this.#loadId && !(code === 'Config' && this.#on.request().cdnBaseUrl)) this.fail(code);
      return;
    }
    if (plan.engine === 'unsupported') return this.fail('Unsupported');
    // Before any source: cross-origin caption tracks need it even while loading is deferred.
    v.crossOrigin = plan.crossOrigin;
    // The record (poster, storyboard, captions) loads alongside the stream, never before it.
    if (plan.urls) void this.#loadRecord(plan.urls.record, plan.urls.folder, id, plan.urls.query);
    emit(host, 'ine-engine', { engine: plan.engine, url: plan.url });
    // The media events of the loader's start, as if the element had been listening.
    if (adopt) for (const e of adopt.events) this.#on.replay(e);
    if (plan.defer) this.#deferred = () => this.#attach(v, plan, id);
    else await this.#attach(v, plan, id, adopt);
  }

  async #attach(v: HTMLVideoElement, plan: PlayPlan, id: number, started?: StartedSource): Promise<void> {
    const source = (this.#started = started ?? startSource(v, plan));
    if (source.engine) {
      let eng: HlsEngine;
      try {
        eng = await source.engine;
      } catch (e) {
        // The hls.js chunk could not be fetched (offline, blocked): say so, offer to retry.
        if (id === this.#loadId) this.fail('Network', String(e));
        return;
      }
      if (id !== this.#loadId) return; // A newer load stopped this source (and its engine).
      this.hls = eng;
      source.connect({
        renditions: (list) => this.#set({ renditions: list }),
        switched: (i) => this.#set({ playing: i }),
        fatal: (code, detail) => this.fail(code, detail),
        networkFailure: (status, onManifest, detail) => this.fail(networkFailureCode(status, onManifest), detail),
        recovered: () => clearsOnRecovery(this.error) && this.#set({ error: undefined }),
        audio: (list, current) => this.#set({ audioTracks: list, audioTrack: current }),
      });
    } else if ('audioTracks' in v)
      // Native HLS where the browser has `video.audioTracks` (Safari): its tracks make the menu.
      void import('./native-audio.js').then(
        (m) => id === this.#loadId && (this.#unwatchAudio = m.watchNativeAudio(v, (list, on) => this.#set({ audioTracks: list, audioTrack: on }))),
      );
    // Autoplay refused (no user gesture, not muted): the player shows it is paused, with its play button.
    if (this.#host.autoplay) v.play().catch(() => {});
  }

  /** A `#t=` in the page's own URL applies to the first player of the page (shared moment links). */
  #pageRange(): ClipRange | undefined {
    if (typeof location === 'undefined' || document.querySelector('ine-player') !== this.#host) return undefined;
    return splitMediaFragment(location.href).range;
  }

  async #loadRecord(recordUrl: string, folder: string, id: number, query: string): Promise<void> {
    const found = await fetchClipRecord(recordUrl, folder, fetch, query);
    if (id !== this.#loadId || !found) return;
    if (typeof found === 'string') return this.fail(found);
    this.#set({ assets: found });
    if (this.#previewsWanted) this.loadPreviews();
  }

  /**
   * The seek previews (storyboard file and its parser, a small chunk): fetched once the viewer
   * reaches the player (pointer or focus), since only the seek bar under the pointer shows them;
   * from then on, with each record. Previews are a nicety: the seek bar works without them.
   */
  loadPreviews(): void {
    this.#previewsWanted = true;
    const sb = this.assets.storyboard;
    const id = this.#loadId;
    if (!sb || this.#previewsOf === sb) return;
    this.#previewsOf = sb;
    Promise.all([
      fetch(sb, { credentials: 'omit' }).then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status))))),
      import('../../playback/storyboard.js'),
    ])
      .then(([text, { parseStoryboardVtt }]) => id === this.#loadId && this.#set({ storyboard: parseStoryboardVtt(text, sb) }))
      .catch(() => {});
  }

  /** The `<video>`'s own errors (native and progressive paths; hls.js reports through its engine). */
  async #mediaError(v: HTMLVideoElement, err: MediaError): Promise<void> {
    const code = mediaErrorCode(err.code);
    if (code) return this.fail(code, err.message);
    // No answer to the HEAD is status 0, which the rule maps like any other status.
    const status = await fetch(v.currentSrc || v.src, { method: 'HEAD', credentials: 'omit' }).then(
      (r) => r.status,
      () => 0,
    );
    this.fail(unplayableCode(status), err.message);
  }
}
