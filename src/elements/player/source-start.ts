/**
 * Starts a planned source on a `<video>`: the URL itself (native HLS, mp4), or hls.js (a lazy
 * chunk) attached to the video. The same steps whether the element runs them or the script-tag
 * loader does (early-start.ts, before the element's code has arrived). What the hls.js engine
 * reports before anyone listens is kept and handed over by `connect()`.
 *
 * The `<video>` may still be outside the document: media loading, MediaSource included, does not
 * need it to be in one, only showing a frame does.
 */
import type { PlayPlan } from '../../playback/source-plan.js';
import { preloadImportsOf } from '../../internal/preload.js';
import type { HlsEngine, HlsEngineEvents } from './hls-engine.js';
import { attachIntegrityGate, clearIntegrity } from '../../integrity/integrity-registry.js';
import type { IntegrityGate } from '../../integrity/integrity-plan.js';

let hlsEngineModule: Promise<typeof import('./hls-engine.js')> | undefined;
/** The hls.js path (engine adapter + hls.js light, fetched together): once per page. */
export const loadHlsEngine = () => (hlsEngineModule ??= (preloadImportsOf('src/elements/player/hls-engine.ts'), import('./hls-engine.js')));

export interface StartedSource {
  readonly plan: PlayPlan;
  readonly video: HTMLVideoElement;
  /** hls.js path: the engine once hls.js has loaded; rejects when its chunk cannot be fetched. */
  readonly engine?: Promise<HlsEngine>;
  /** Receive the engine's reports from now on, after those that came before. */
  connect(listener: HlsEngineEvents): void;
  /** Unload: destroys the engine (now, or when it arrives) and empties the `<video>`. */
  stop(): void;
}

export function startSource(video: HTMLVideoElement, plan: PlayPlan): StartedSource {
  video.crossOrigin = plan.crossOrigin;
  let stopped = false;
  let listener: HlsEngineEvents | undefined;
  const held: Array<() => void> = [];
  // Calls the listener, or keeps the call for when one connects.
  const relay: HlsEngineEvents = {
    renditions: (list) => (listener ? listener.renditions(list) : held.push(() => listener!.renditions(list))),
    switched: (i) => (listener ? listener.switched(i) : held.push(() => listener!.switched(i))),
    fatal: (code, detail) => (listener ? listener.fatal(code, detail) : held.push(() => listener!.fatal(code, detail))),
    networkFailure: (status, onManifest, detail) =>
      listener ? listener.networkFailure(status, onManifest, detail) : held.push(() => listener!.networkFailure(status, onManifest, detail)),
    recovered: () => (listener ? listener.recovered() : held.push(() => listener!.recovered())),
    audio: (list, current) => (listener ? listener.audio(list, current) : held.push(() => listener!.audio(list, current))),
  };
  let engine: Promise<HlsEngine> | undefined;
  let running: HlsEngine | undefined;
  // The provenance checks (docs/integrity-provenance.md): the hls.js engine runs them on what it
  // loads; on the native path a chunk of their own checks what it can.
  clearIntegrity(video);
  let gate: IntegrityGate | undefined;
  if (plan.engine === 'hls.js') {
    // The playlist is fetched now, while hls.js is on its way and starting; hls.js's own request
    // for it (same URL and CORS mode) is then answered from this preload.
    const beforeHls = !hlsEngineModule;
    if (beforeHls) preloadPlaylist(plan.url);
    // The MediaSource opens while hls.js is on its way (opening it starts the media pipeline, tens
    // of milliseconds). Not where hls.js would choose ManagedMediaSource (Safari) instead.
    const mediaSource = beforeHls && typeof MediaSource === 'function' && !('ManagedMediaSource' in globalThis) ? new MediaSource() : undefined;
    if (mediaSource) video.src = URL.createObjectURL(mediaSource);
    engine = loadHlsEngine().then(({ HlsEngine: Engine }) => {
      const eng = new Engine(video, relay);
      if (stopped) eng.destroy();
      else {
        running = eng;
        void eng.load(plan.url, plan.range.start, mediaSource, plan.integrity);
      }
      return eng;
    });
    engine.catch(() => {}); // Whoever connects reports it; nobody may, if the source is dropped.
  } else {
    video.src = plan.url;
    if (plan.integrity) {
      const integrity = plan.integrity;
      // The browser loads this stream itself, so the checks can only follow it (they never hold a
      // segment back; docs/integrity-provenance.md): they start once the first frame is on screen
      // (a second at most), so that their chunk and fetches do not compete with that frame's.
      void Promise.race([whenFirstFrame(video), new Promise((r) => setTimeout(r, FIRST_FRAME_WAIT_MS))])
        .then(() => (stopped ? undefined : import('../../integrity/integrity-gate.js')))
        .then((m) => {
          if (!m || stopped) return;
          const { createIntegrityGate } = m;
          gate = createIntegrityGate(integrity);
          attachIntegrityGate(video, gate);
          gate.checkNative();
        });
    }
  }
  return {
    plan,
    video,
    engine,
    connect(l) {
      listener = l;
      for (const call of held.splice(0)) call();
    },
    stop() {
      stopped = true;
      gate?.stop();
      listener = undefined;
      held.length = 0;
      // An engine still on its way is destroyed by the lines above when it arrives.
      running?.destroy();
      running = undefined;
      const src = video.getAttribute('src');
      if (src?.startsWith('blob:')) URL.revokeObjectURL(src);
      if (src || video.srcObject) {
        video.removeAttribute('src');
        video.load();
      }
    },
  };
}

/** The longest the player's code and controls wait for a first frame before they show anyway. */
export const FIRST_FRAME_WAIT_MS = 1000;

/**
 * Once `video` has a frame to show: its first presented frame (requestVideoFrameCallback), else
 * the paint after `loadeddata`. What waits for the first frame (the loader, the control bar) uses it.
 */
export function whenFirstFrame(video: HTMLVideoElement): Promise<void> {
  return new Promise((resolve) => {
    if (typeof video.requestVideoFrameCallback === 'function') video.requestVideoFrameCallback(() => resolve());
    else video.addEventListener('loadeddata', () => requestAnimationFrame(() => resolve()), { once: true });
  });
}

function preloadPlaylist(url: string): void {
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous'; // hls.js loads without credentials: the same CORS mode.
  link.href = url;
  document.head.append(link);
}
