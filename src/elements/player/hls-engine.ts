/**
 * The hls.js path, with hls.js itself: this module is loaded with a dynamic import the first time a
 * player needs it (its own small chunk plus hls.js', never in the first download). The light build
 * plays most clips: captions come from the clip record as sidecar WebVTT `<track>`s, and a clip
 * with one audio track has it muxed into its video. A clip with several audio tracks has them as
 * renditions of their own (docs/packaging.md "Audio tracks"), which only the full build plays: the
 * master playlist says so before any segment loads, and the engine then starts over with the full
 * build (a chunk of its own, fetched only for such clips).
 */
import HlsLight from 'hls.js/light';
import type Hls from 'hls.js';
import type { ErrorData, Level, ManifestLoadedData } from 'hls.js';
import type { IneErrorCode } from '../../internal/error-codes.js';
import { needsAlternateAudio } from '../../playback/alternate-audio.js';
import type { AudioTrackInfo } from '../../playback/audio-tracks.js';
import type { IntegrityGate, IntegrityPlan } from '../../integrity/integrity-plan.js';
import { createIntegrityGate } from '../../integrity/integrity-gate.js';
import { attachIntegrityGate } from '../../integrity/integrity-registry.js';
import { gatedLoader } from './integrity-loader.js';

export interface Rendition {
  index: number;
  height: number;
  bitrate: number;
}

export interface HlsEngineEvents {
  renditions(list: Rendition[]): void;
  /** The rendition now playing (-1 unknown). */
  switched(index: number): void;
  /** Playback cannot go on without help: `code` is an IneError code. */
  fatal(code: IneErrorCode, detail: string): void;
  /**
   * A fatal network error after hls.js' own retries, with the HTTP status (0: no answer). The player
   * turns it into a code with the shared status rule (keeping that rule out of this chunk, which
   * would otherwise share it with the player's through one more request).
   */
  networkFailure(status: number, onManifest: boolean, detail: string): void;
  /** Loading again after a fatal network error worked. */
  recovered(): void;
  /** The clip's audio tracks (only when they are renditions of their own) and the one playing (-1 unknown). */
  audio(list: AudioTrackInfo[], current: number): void;
}

let fullBuild: Promise<typeof Hls> | undefined;
/** hls.js with alternate audio (its own chunk): only for clips whose audio tracks are renditions of their own. */
const loadFullBuild = () => (fullBuild ??= import('hls.js').then((m) => m.default));

/** The folder and signed parameters of a master playlist URL that carries CloudFront's signature. */
function signedFolder(url: string): { folder: string; query: string } | undefined {
  const at = url.indexOf('?');
  if (at < 0 || !/(^|&)Signature=/.test(url.slice(at + 1))) return undefined;
  return { folder: url.slice(0, url.lastIndexOf('/', at) + 1), query: url.slice(at + 1) };
}

export class HlsEngine {
  private hls?: Hls;
  private mediaErrors = 0;
  private failed = false;
  private destroyed = false;
  /** The last fatal error was on the master playlist: only loading the source again helps. */
  needsReload = false;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly on: HlsEngineEvents,
  ) {}

  /**
   * `mediaSource`: one already given to the `<video>` (source-start.ts opens it before hls.js has
   * arrived, so the media pipeline starts meanwhile); hls.js takes it over instead of making its own.
   */
  async load(url: string, startPosition: number, mediaSource?: MediaSource, integrity?: IntegrityPlan): Promise<void> {
    if (integrity) {
      // The manifest and keys load from now on, alongside the master playlist.
      const gate = (this.gate = createIntegrityGate(integrity));
      attachIntegrityGate(this.video, gate);
      // A failed check stops loading for good (the element shows why); nothing more is fetched.
      gate.subscribe((s) => s.status === 'failed' && this.hls?.stopLoad());
    }
    this.start(HlsLight as unknown as typeof Hls, false, url, startPosition, mediaSource);
  }

  /** Checks every playlist and segment before hls.js uses it (integrity-loader.ts). */
  private gate?: IntegrityGate;

  private start(HlsCtor: typeof Hls, full: boolean, url: string, startPosition: number, mediaSource?: MediaSource): void {
    const retry = { maxNumRetry: 4, retryDelayMs: 500, maxRetryDelayMs: 4000 };
    const signed = signedFolder(url);
    const hls = new HlsCtor({
      // A signed master playlist (an admin's draft preview): its child playlists and segments are
      // relative URLs, which lose the query, so each request under its folder gets the same parameters.
      ...(signed && {
        xhrSetup: (xhr: XMLHttpRequest, u: string) => {
          if (u.startsWith(signed.folder) && !u.includes('?')) xhr.open('GET', `${u}?${signed.query}`, true);
        },
      }),
      startPosition: startPosition > 0 ? startPosition : -1,
      // Off until the first fragment is buffered, then on (below): capping from the start makes
      // hls.js measure the player and re-pick the level while the first segment is due, which cost
      // ~60-80 ms of time to first frame in bench/player.bench.ts.
      capLevelToPlayerSize: false,
      // Load the first segment while the MediaSource is still opening (the media pipeline's start
      // takes tens of milliseconds), not after.
      startFragPrefetch: true,
      backBufferLength: 30,
      // Fewer, quicker retries than the defaults: after ~8 s the viewer sees why, with a button.
      fragLoadPolicy: { default: { maxTimeToFirstByteMs: 10_000, maxLoadTimeMs: 60_000, timeoutRetry: retry, errorRetry: retry } },
      // The full build only for its audio: captions stay the record's sidecar `<track>`s, as on the
      // light build (no second copy of them from the SUBTITLES group or the pictures' CEA-608).
      ...(full && { subtitleStreamController: undefined, subtitleTrackController: undefined, timelineController: undefined }),
      ...(this.gate && { loader: gatedLoader(HlsCtor.DefaultConfig.loader, this.gate) }),
    });
    this.hls = hls;
    hls.once(HlsCtor.Events.FRAG_BUFFERED, () => (hls.capLevelToPlayerSize = true));
    hls.on(HlsCtor.Events.MANIFEST_PARSED, (_e, d) => this.on.renditions(d.levels.map(toRendition)));
    hls.on(HlsCtor.Events.LEVEL_SWITCHED, (_e, d) => this.on.switched(d.level));
    hls.on(HlsCtor.Events.FRAG_BUFFERED, () => {
      this.mediaErrors = 0;
      if (this.failed) {
        this.failed = false;
        this.on.recovered();
      }
    });
    hls.on(HlsCtor.Events.ERROR, (_e, d) => this.onError(HlsCtor, d));
    if (full) {
      const audio = () =>
        this.on.audio(
          hls.audioTracks.map((t) => ({ lang: t.lang ?? '', name: t.name ?? '' })),
          hls.audioTrack,
        );
      hls.on(HlsCtor.Events.AUDIO_TRACKS_UPDATED, audio);
      hls.on(HlsCtor.Events.AUDIO_TRACK_SWITCHED, audio);
    } else {
      hls.once(HlsCtor.Events.MANIFEST_LOADED, (_e, d: ManifestLoadedData) => {
        if (!needsAlternateAudio(d.audioTracks ?? [])) return;
        // After this event's other listeners (never destroy hls.js inside its own dispatch).
        void Promise.resolve().then(() => this.upgrade(url, startPosition));
      });
    }
    hls.loadSource(url);
    hls.attachMedia(mediaSource ? { media: this.video, mediaSource } : this.video);
  }

  /** Start over with the full build: this clip's audio is in renditions the light build cannot play. */
  private async upgrade(url: string, startPosition: number): Promise<void> {
    this.hls?.destroy();
    this.hls = undefined;
    let Full: typeof Hls;
    try {
      Full = await loadFullBuild();
    } catch (e) {
      fullBuild = undefined; // The next try fetches it again.
      this.needsReload = true;
      this.failed = true;
      if (!this.destroyed) this.on.networkFailure(0, true, `hls.js (full build) could not be loaded: ${String(e)}`);
      return;
    }
    if (!this.destroyed) this.start(Full, true, url, startPosition);
  }

  private onError(H: typeof Hls, d: ErrorData): void {
    const D = H.ErrorDetails;
    if (
      d.details === D.MANIFEST_INCOMPATIBLE_CODECS_ERROR ||
      d.details === D.BUFFER_INCOMPATIBLE_CODECS_ERROR ||
      d.details === D.BUFFER_ADD_CODEC_ERROR
    ) {
      return this.fail('Unsupported', d.details);
    }
    if (!d.fatal) return;
    if (d.type === H.ErrorTypes.NETWORK_ERROR) {
      const status = d.response?.code ?? 0;
      const onManifest = d.details === D.MANIFEST_LOAD_ERROR || d.details === D.MANIFEST_LOAD_TIMEOUT || d.details === D.MANIFEST_PARSING_ERROR;
      this.needsReload = onManifest;
      this.failed = true;
      return this.on.networkFailure(status, onManifest, d.details);
    }
    if (d.type === H.ErrorTypes.MEDIA_ERROR && this.mediaErrors < 2) {
      // hls.js' documented recovery: recover, then swap the audio codec and recover again.
      if (this.mediaErrors++ === 1) this.hls?.swapAudioCodec();
      this.hls?.recoverMediaError();
      return;
    }
    this.fail(d.type === H.ErrorTypes.MEDIA_ERROR ? 'Decode' : 'Unknown', d.details);
  }

  private fail(code: IneErrorCode, detail: string): void {
    this.failed = true;
    this.on.fatal(code, detail);
  }

  /** Load again from where playback stopped (after a network error), keeping the buffer. */
  retry(): void {
    if (!this.hls) return;
    this.hls.startLoad(this.video.currentTime || -1);
  }

  /** Choose a rendition (-1: automatic). Switches now, flushing what was buffered of another one. */
  setRendition(index: number): void {
    if (this.hls) this.hls.currentLevel = index;
  }

  get autoSelected(): boolean {
    return this.hls?.autoLevelEnabled ?? true;
  }

  /** Choose an audio track (an index of the `audio` report's list). */
  setAudioTrack(index: number): void {
    if (this.hls && index >= 0 && index < this.hls.audioTracks.length) this.hls.audioTrack = index;
  }

  destroy(): void {
    this.destroyed = true;
    this.gate?.stop();
    this.hls?.destroy();
    this.hls = undefined;
  }
}

const toRendition = (l: Level, index: number): Rendition => ({ index, height: l.height, bitrate: l.bitrate });
