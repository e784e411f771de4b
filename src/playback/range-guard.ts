/**
 * Keeping playback inside a clip range (clip-range.ts), as plain decisions the element applies to
 * its `<video>` on media events. (Its own module: the script-tag loader, which carries
 * clip-range.ts, has no use for it.)
 */
import { clampToRange, type ClipRange } from './clip-range.js';

/** What keeping playback inside the range asks of the `<video>` after a media event. */
export interface RangeStep {
  /** Set `currentTime` to this. */
  seek?: number;
  /** The range's end was reached: pause first (and report `ended`). */
  end?: boolean;
}

/**
 * Keep playback inside `range` after the media event `type`: start at its start (the hls.js
 * engine starts there by itself), no seeking out of it, and stop (or loop) at its end.
 */
export function rangeStep(
  type: string,
  m: { currentTime: number; duration: number; paused: boolean },
  range: ClipRange,
  loop: boolean,
  /** hls.js plays the source: it starts at the range's start by itself. */
  hlsJs: boolean,
): RangeStep | undefined {
  const t = m.currentTime;
  if (type === 'loadedmetadata' && !hlsJs && range.start > 0 && t < range.start) return { seek: range.start };
  if (type === 'seeking') {
    const to = clampToRange(t, range, m.duration);
    return Math.abs(to - t) > 0.01 ? { seek: to } : undefined;
  }
  if ((type === 'timeupdate' || type === 'seeked') && range.end !== undefined && !m.paused && t >= range.end - 0.05) {
    return loop ? { seek: range.start } : { seek: range.end, end: true };
  }
  return undefined;
}
