/**
 * Which engine plays a source. Decided ONCE, before the `<video>` sees any source, so that
 * Chromium's native HLS pipeline never starts on a playlist that hls.js also loads.
 *
 * Rule for `engine="auto"` (the default):
 *  - not an HLS URL (mp4, webm...)                        -> `progressive` (the `<video>` plays it)
 *  - HLS, Apple WebKit (Safari, iOS) that plays HLS       -> `native`: Apple's HLS is first-class
 *    (ABR, AirPlay, battery), and hls.js would add 117 KB for nothing
 *  - HLS, the browser plays HLS but has no MediaSource    -> `native` (iPhone before iOS 17.1)
 *  - HLS, MediaSource available (Chromium, Firefox, ...)  -> `hls.js`. Chromium plays HLS natively
 *    too, but its native pipeline exposes no renditions: no quality menu, no current-quality
 *    display, no control over recovery. `engine="native"` opts into it (the fastest start and
 *    no hls.js download, without the quality menu).
 *  - nothing fits                                         -> `unsupported` (a translated error)
 * `engine="native"` / `engine="hls.js"` force a path (tests, benches, hosts that know better);
 * a forced path the browser cannot take falls back to the other one rather than failing.
 */
export type EngineChoice = 'native' | 'hls.js' | 'progressive' | 'unsupported';
export type EnginePreference = 'auto' | 'native' | 'hls.js';

export interface EngineCapabilities {
  /** `video.canPlayType('application/vnd.apple.mpegurl') !== ''` */
  nativeHls: boolean;
  /** MediaSource or ManagedMediaSource exists (hls.js can run). */
  mse: boolean;
  /** Apple's WebKit (Safari, any iOS browser). */
  appleWebKit: boolean;
}

/** Whether a URL is an HLS playlist (by its path; query and fragment ignored). */
export function isHlsUrl(url: string): boolean {
  const path = url.split(/[?#]/)[0].toLowerCase();
  return path.endsWith('.m3u8') || path.endsWith('.m3u');
}

export function decideEngine(url: string, pref: EnginePreference | string, caps: EngineCapabilities): EngineChoice {
  if (!url) return 'unsupported';
  if (!isHlsUrl(url)) return 'progressive';
  const { nativeHls, mse, appleWebKit } = caps;
  if (pref === 'native') return nativeHls ? 'native' : mse ? 'hls.js' : 'unsupported';
  if (pref === 'hls.js') return mse ? 'hls.js' : nativeHls ? 'native' : 'unsupported';
  if (nativeHls && (appleWebKit || !mse)) return 'native';
  if (mse) return 'hls.js';
  return nativeHls ? 'native' : 'unsupported';
}

/** The capabilities of this browser (call only where a DOM exists). */
export function detectCapabilities(video: HTMLVideoElement): EngineCapabilities {
  const w = globalThis as unknown as Record<string, unknown>;
  return {
    nativeHls: video.canPlayType('application/vnd.apple.mpegurl') !== '',
    mse: typeof w.ManagedMediaSource === 'function' || typeof w.MediaSource === 'function',
    // AirPlay's event exists only in Apple's WebKit; no user-agent sniffing.
    appleWebKit: typeof w.WebKitPlaybackTargetAvailabilityEvent === 'function',
  };
}
