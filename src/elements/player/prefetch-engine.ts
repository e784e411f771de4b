/**
 * Loaded by the script-tag bundle's autoloader in parallel with the player's own code (which needs
 * Lit first): when a player on the page will play HLS through hls.js right away, start fetching
 * hls.js now instead of after the element has been defined, so the first frame comes sooner.
 * The same rule as the element's (`decideEngine`); nothing is fetched for `preload="none"`, for
 * native HLS or for mp4.
 */
import { getConfig } from '../../config/config.js';
import { decideEngine, detectCapabilities } from '../../playback/engine.js';
import { clipUrls } from '../../playback/source.js';

export function prefetchEngine(root: ParentNode = document): boolean {
  let video: HTMLVideoElement | undefined;
  for (const el of Array.from(root.querySelectorAll('ine-player'))) {
    const attr = (n: string) => el.getAttribute(n) ?? '';
    if (attr('preload') === 'none' && !el.hasAttribute('autoplay')) continue;
    const cdn = attr('cdn-base-url') || getConfig().cdnBaseUrl;
    const url = attr('src') || (attr('video-id') && cdn ? clipUrls(cdn, attr('video-id')).master : '');
    video ??= document.createElement('video');
    if (url && decideEngine(url, attr('engine') || 'auto', detectCapabilities(video)) === 'hls.js') {
      void import('./hls-engine.js').catch(() => {}); // The element reports failures; this only warms the cache.
      return true;
    }
  }
  return false;
}

if (typeof document !== 'undefined') prefetchEngine();
