/**
 * Part of the script-tag loader (dist/ine-elements.js): starts the players' media before the
 * player's own code (and Lit) has arrived, so the first frame does not wait for them.
 *
 * For each `<ine-player>` on the page that will load at once (not `preload="none"` without
 * autoplay), it plans the source with the element's own rule (`planSource`), creates the `<video>`
 * the element will use, and starts it: native HLS or mp4 right away, hls.js as soon as its chunk
 * arrives (fetched in parallel with the element's). When the element upgrades it takes the video
 * over (`takeEarlyStart`) if it still wants the same source, replaying the media events that fired
 * in between; if not, it stops it and loads its own.
 */
import { splitMediaFragment } from '../../playback/clip-range.js';
import { detectCapabilities } from '../../playback/engine.js';
import { MEDIA_EVENTS } from '../../playback/media-state.js';
import { planSource } from '../../playback/source-plan.js';
import { startSource, type StartedSource } from './source-start.js';

export interface EarlyStart extends StartedSource {
  /** Media events of the `<video>` before the element took it, in order. */
  readonly events: Event[];
}

interface Pending {
  source: StartedSource;
  events: Event[];
  record: (e: Event) => void;
}

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
    if (pending.has(el)) continue;
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
    pending.set(el, { source: startSource(video, plan), events, record });
    count++;
  }
  return count;
}

/** The media started for this element, if any (once: the element now owns it). */
export function takeEarlyStart(el: Element): EarlyStart | undefined {
  const p = pending.get(el);
  if (!p) return undefined;
  pending.delete(el);
  for (const type of MEDIA_EVENTS) p.source.video.removeEventListener(type, p.record);
  return { ...p.source, events: p.events };
}

/**
 * Stop what no element took: once the element is defined every player in the document has taken
 * its start, so what is left belongs to players removed before that (not to load for nothing).
 */
export function stopUnclaimed(): void {
  for (const [el, p] of pending) {
    if (el.isConnected && !customElements.get('ine-player')) continue;
    pending.delete(el);
    for (const type of MEDIA_EVENTS) p.source.video.removeEventListener(type, p.record);
    p.source.stop();
  }
}
