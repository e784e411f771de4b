/**
 * Part of the script-tag loader (dist/ine-elements.js): starts the players' media before the
 * player's own code (and Lit) has arrived, so the first frame does not wait for them.
 *
 * For each `<ine-player>` on the page that will load at once (not `preload="none"` without
 * autoplay), it plans the source with the element's own rule (`planSource`), creates the `<video>`
 * the element will use, and starts it: native HLS or mp4 right away, hls.js as soon as its chunk
 * arrives (fetched in parallel with the element's). The video goes straight into the element's
 * shadow root (which Lit reuses), sized as the element will be, so its first frame shows even
 * before the element's code has arrived. When the element upgrades it takes the video over
 * (`takeEarlyStart`) if it still wants the same source, replaying the media events that fired in
 * between; if not, it stops it and loads its own.
 */
import { splitMediaFragment } from '../../playback/clip-range.js';
import { detectCapabilities } from '../../playback/engine.js';
import { MEDIA_EVENTS } from '../../playback/media-events.js';
import { planSource } from '../../playback/source-plan.js';
import { startSource, whenFirstFrame, type StartedSource } from './source-start.js';

export interface EarlyStart extends StartedSource {
  /** Media events of the `<video>` before the element took it, in order. */
  readonly events: Event[];
}

interface Pending {
  source: StartedSource;
  events: Event[];
  record: (e: Event) => void;
  /** The box of the element until its own styles arrive. */
  style: HTMLStyleElement;
}

// The element's own :host box and video rules (player.styles.ts), the minimum to hold their place.
const EARLY_CSS =
  ':host{display:block;position:relative;aspect-ratio:16/9;min-width:0;overflow:hidden;background:var(--ine-player-bg,#000);border-radius:var(--ine-player-radius,4px)}video{width:100%;height:100%;display:block}';

const pending = new Map<Element, Pending>();

/**
 * Start the media of every `<ine-player>` under `root` that is not defined yet. `cdnBaseUrl`: the
 * page configuration's (an element's `cdn-base-url` wins). Returns how many were started.
 */
export function startEarly(cdnBaseUrl: string, root: ParentNode = document): number {
  if (customElements.get('ine-player')) return 0; // The element is here: it starts its own.
  let count = 0;
  let caps: ReturnType<typeof detectCapabilities> | undefined;
  for (const el of Array.from(root.querySelectorAll('ine-player'))) {
    // A shadow root already there (declarative shadow DOM) is not ours to fill.
    if (pending.has(el) || el.shadowRoot) continue;
    const attr = (name: string) => el.getAttribute(name) ?? '';
    const autoplay = el.hasAttribute('autoplay');
    const preload = attr('preload') || 'metadata';
    if (preload === 'none' && !autoplay) continue;
    const video = document.createElement('video');
    caps ??= detectCapabilities(video);
    const plan = planSource(
      {
        src: attr('src'),
        videoId: attr('video-id'),
        cdnBaseUrl: attr('cdn-base-url') || cdnBaseUrl,
        engine: attr('engine') || 'auto',
        start: attr('start'),
        end: attr('end'),
        preload,
        autoplay,
        crossorigin: attr('crossorigin'),
        baseUrl: document.baseURI,
        integrity: attr('integrity'),
        integrityKeys: attr('integrity-keys'),
        // As the element does: the page's own #t= applies to its first player.
        pageRange: document.querySelector('ine-player') === el ? splitMediaFragment(location.href).range : undefined,
      },
      caps,
    );
    if (plan.kind !== 'play' || plan.defer || plan.engine === 'unsupported') continue;
    // The attributes that matter for loading; the element sets the rest when it takes over.
    video.muted = el.hasAttribute('muted');
    video.autoplay = autoplay;
    video.playsInline = true;
    video.setAttribute('preload', preload);
    if (el.hasAttribute('poster')) video.poster = attr('poster');
    const events: Event[] = [];
    const record = (e: Event) => events.push(e);
    for (const type of MEDIA_EVENTS) video.addEventListener(type, record);
    const style = document.createElement('style');
    style.textContent = EARLY_CSS;
    // Lit renders in front of a shadow root's first child: the comment keeps the video behind Lit's
    // part, so that the first render moves it into its place (never out of the document, which
    // would pause it) without disturbing the part.
    el.attachShadow({ mode: 'open' }).append(document.createComment(''), style, video);
    pending.set(el, { source: startSource(video, plan), events, record, style });
    count++;
  }
  return count;
}

/**
 * Resolves once every source started here is under way, `timeoutMs` at most (or at the viewer's
 * first key or pointer press): hls.js ones once hls.js has arrived and runs, native and progressive
 * ones of autoplaying players once they show their first frame (or fail). The loader fetches the
 * player's code only then: until that moment its download and parsing would compete with the media's.
 */
export function sourcesLoading(timeoutMs: number): Promise<void> {
  // Only "settled" matters here: a chunk that failed is reported by the element that takes the source.
  return atMost(
    [...pending.values()].map(({ source }) => source.engine?.then(noop, noop) ?? (source.video.autoplay ? frameOrStop(source.video) : undefined)),
    timeoutMs,
  );
}

/**
 * Resolves once every autoplaying player started here shows its first frame (or failed), after
 * `timeoutMs` at most, or at the viewer's first key or pointer press. The loader runs the
 * player's code (Lit, the controls) only then: until the first frame that work would compete
 * with the media pipeline and hls.js for the main thread. Click-to-play players do not wait.
 */
export function firstFrames(timeoutMs: number): Promise<void> {
  return atMost(
    [...pending.values()].filter((p) => p.source.video.autoplay).map((p) => frameOrStop(p.source.video)),
    timeoutMs,
  );
}

const noop = () => {};

/** The first frame of `video`, or the sign that none is coming: it failed, or it was paused (a player taken out of the page is). */
const frameOrStop = (video: HTMLVideoElement) =>
  new Promise<void>((resolve) => {
    void whenFirstFrame(video).then(resolve);
    for (const type of ['error', 'pause', 'emptied']) video.addEventListener(type, () => resolve(), { once: true });
  });

/** Once all of `waits` have settled, `timeoutMs` at most, or at the viewer's first key or pointer press. */
function atMost(waits: Array<Promise<void> | undefined>, timeoutMs: number): Promise<void> {
  if (!waits.some(Boolean)) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      for (const type of ['pointerdown', 'keydown']) removeEventListener(type, done, true);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    for (const type of ['pointerdown', 'keydown']) addEventListener(type, done, true);
    void Promise.all(waits).then(done);
  });
}

/** The media started for this element, if any (once: the element now owns it). */
export function takeEarlyStart(el: Element): EarlyStart | undefined {
  const p = pending.get(el);
  if (!p) return undefined;
  release(el, p); // The element's own styles apply from its first connection on.
  return { ...p.source, events: p.events };
}

/** No longer the loader's: stop recording its media events, drop the stand-in styles. */
function release(el: Element, p: Pending): void {
  pending.delete(el);
  for (const type of MEDIA_EVENTS) p.source.video.removeEventListener(type, p.record);
  p.style.remove();
}

/**
 * Stop what no element took: once the element is defined every player in the document has taken
 * its start, so what is left belongs to players removed before that (not to load for nothing).
 */
export function stopUnclaimed(): void {
  for (const [el, p] of pending) {
    if (el.isConnected && !customElements.get('ine-player')) continue;
    release(el, p);
    p.source.stop();
    // Should the element come back, Lit renders into this shadow root: leave it empty.
    p.source.video.remove();
  }
}
