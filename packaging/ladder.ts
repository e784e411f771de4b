/**
 * The rendition ladder: which sizes to make from a source of a given size. The same table feeds
 * the local ffmpeg packager and the AWS MediaConvert job (infra/packaging), so both write the same
 * contract. Rungs are named by their short side ("720p" is 1280x720 landscape or 720x1280 portrait).
 */
export interface LadderRung {
  /** Folder name of the rendition, e.g. `720p`. */
  name: string;
  width: number;
  height: number;
  /** Peak video bitrate the encoder is held to (bits per second). */
  maxVideoBitrate: number;
}

/** Short side → peak video bitrate. Like AWS's VOD 1080p template, minus its 270p rung. */
export const LADDER: readonly { shortSide: number; maxVideoBitrate: number }[] = [
  { shortSide: 360, maxVideoBitrate: 800_000 },
  { shortSide: 540, maxVideoBitrate: 2_000_000 },
  { shortSide: 720, maxVideoBitrate: 3_500_000 },
  { shortSide: 1080, maxVideoBitrate: 6_000_000 },
];

export const AUDIO_BITRATE = 128_000;
/** Segment (and GOP) length in seconds. */
export const SEGMENT_SECONDS = 2;

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

/**
 * Rungs no taller (no larger on the short side) than the source, keeping its aspect ratio with even
 * dimensions. A source smaller than the lowest rung gets one rendition at its own (even) size.
 */
export function planLadder(srcWidth: number, srcHeight: number): LadderRung[] {
  const portrait = srcHeight > srcWidth;
  const short = Math.min(srcWidth, srcHeight);
  const long = Math.max(srcWidth, srcHeight);
  const size = (s: number): [number, number] => {
    const l = even((long * s) / short);
    return portrait ? [s, l] : [l, s];
  };
  // A source within 2 % of a rung counts as that rung (e.g. 1916x1076 crops).
  const rungs = LADDER.filter((r) => r.shortSide <= short * 1.02);
  if (rungs.length === 0) {
    const [w, h] = [even(srcWidth), even(srcHeight)];
    return [{ name: `${Math.min(w, h)}p`, width: w, height: h, maxVideoBitrate: LADDER[0].maxVideoBitrate }];
  }
  return rungs.map((r) => {
    const s = Math.min(r.shortSide, even(short));
    const [width, height] = size(s);
    return { name: `${r.shortSide}p`, width, height, maxVideoBitrate: r.maxVideoBitrate };
  });
}
