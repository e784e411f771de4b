/** A seek-preview storyboard's cues (storyboard.ts parses them) and the lookup the seek bar makes. */
export interface StoryboardCue {
  start: number;
  end: number;
  /** Absolute image URL, without the fragment. */
  url: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The cue showing time `t` (binary search; cues are in time order). */
export function findCue(cues: StoryboardCue[], t: number): StoryboardCue | undefined {
  let lo = 0;
  let hi = cues.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = cues[mid];
    if (t < c.start) hi = mid - 1;
    else if (t >= c.end) lo = mid + 1;
    else return c;
  }
  // Past the last cue's end (rounding), show the last picture.
  return cues.length && t >= cues[cues.length - 1].end ? cues[cues.length - 1] : undefined;
}
