/**
 * What a player loads, decided from its attributes and the page configuration alone. The element
 * uses it, and so does the script-tag loader (`elements/player/early-start.ts`), which starts the
 * very same source before the element's code has arrived: one rule, so the two always agree, and
 * the element can tell by `key` whether what the loader started is what it wants.
 */
import { resolveClipRange, splitMediaFragment, type ClipRange } from './clip-range.js';
import { decideEngine, type EngineCapabilities, type EngineChoice } from './engine.js';
import { clipUrls, type ClipUrls } from './clip-urls.js';
import { parseIntegrityMode, type IntegrityPlan } from '../integrity/integrity-plan.js';

export interface SourceRequest {
  src: string;
  videoId: string;
  /** The effective CDN base: the element's `cdn-base-url`, else the page configuration's. */
  cdnBaseUrl: string;
  engine: string;
  start: string;
  end: string;
  preload: string;
  autoplay: boolean;
  crossorigin: string;
  /** What a relative `src` is relative to (`document.baseURI`). */
  baseUrl: string;
  /** A `#t=` range from the page's own URL (the page's first player only). */
  pageRange?: ClipRange;
  /** The `integrity` attribute (`auto`, `required`, `off`; docs/integrity-provenance.md). */
  integrity?: string;
  /** The `integrity-keys` attribute: where the provenance JWKS is (default: the CDN's). */
  integrityKeys?: string;
  /** Signed-URL parameters for every URL of the clip's folder (an admin's draft preview; clip-urls.ts). */
  signedQuery?: string;
}

export interface PlayPlan {
  kind: 'play';
  /** Equal keys, same source: nothing to load again. */
  key: string;
  /** The URL to load, without its `#t=` fragment. */
  url: string;
  range: ClipRange;
  engine: EngineChoice;
  /** Clip URLs when playing by `video-id` (the record carries poster, storyboard, captions). */
  urls?: ClipUrls;
  /** Load nothing until play(): hls.js with `preload="none"` and no autoplay. */
  defer: boolean;
  /** The `<video>`'s CORS mode: the attribute, else `anonymous` for CDN clips (cross-origin captions). */
  crossOrigin: string | null;
  /** What the integrity gate checks (HLS only); undefined: nothing. */
  integrity?: IntegrityPlan;
}

export interface NoPlan {
  kind: 'none';
  key: string;
  /** `NoCdn`: a video-id but no CDN (yet); `NoSource`: a `src` that is empty or not a URL; `Empty`: nothing asked. */
  reason: 'NoCdn' | 'NoSource' | 'Empty';
}

/** Everything that, when it changes, means a different source (the range included). */
export function sourceKey(
  r: Pick<SourceRequest, 'src' | 'videoId' | 'cdnBaseUrl' | 'engine' | 'start' | 'end' | 'integrity' | 'integrityKeys' | 'signedQuery'>,
): string {
  return [r.src, r.videoId, r.cdnBaseUrl, r.engine, r.start, r.end, parseIntegrityMode(r.integrity), r.integrityKeys ?? '', r.signedQuery ?? ''].join(
    '\n',
  );
}

export function planSource(r: SourceRequest, caps: EngineCapabilities): PlayPlan | NoPlan {
  const key = sourceKey(r);
  const urls = !r.src && r.videoId && r.cdnBaseUrl ? clipUrls(r.cdnBaseUrl, r.videoId, r.signedQuery) : undefined;
  const raw = r.src || urls?.master || '';
  if (!raw) return { kind: 'none', key, reason: r.videoId ? 'NoCdn' : 'Empty' };
  let absolute: string;
  try {
    absolute = new URL(raw, r.baseUrl).href;
  } catch {
    return { kind: 'none', key, reason: 'NoSource' };
  }
  const { url, range: fragment } = splitMediaFragment(absolute);
  const engine = decideEngine(url, r.engine || 'auto', caps);
  return {
    kind: 'play',
    key,
    url,
    range: resolveClipRange(fragment ?? r.pageRange, r.start, r.end),
    engine,
    urls,
    // preload=none: not even hls.js until the viewer presses play.
    defer: engine === 'hls.js' && r.preload === 'none' && !r.autoplay,
    crossOrigin: r.crossorigin || (urls ? 'anonymous' : null),
    integrity:
      parseIntegrityMode(r.integrity) === 'off' || (engine !== 'hls.js' && engine !== 'native')
        ? undefined
        : {
            mode: parseIntegrityMode(r.integrity) as 'auto',
            master: url,
            keys: r.integrityKeys ?? '',
            cdnBaseUrl: urls ? r.cdnBaseUrl : '',
            baseUrl: r.baseUrl,
            videoId: urls ? r.videoId : '',
          },
  };
}
