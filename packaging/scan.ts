/**
 * How the picture is timed: interlaced or progressive, constant or variable frame rate, and the
 * rate the ladder is encoded at. Decided once from the probe (plus two cheap looks at the source:
 * packet timestamps, and ffmpeg's `idet` on a few seconds when the flags may lie), and used by both
 * the local ffmpeg ladder and the MediaConvert job settings, so both make the same output.
 */
import { run, type Tools } from './tools.js';

export interface FrameRate {
  num: number;
  den: number;
}

/** Rates a ladder is encoded at when the source has no constant rate of its own. */
export const STANDARD_RATES: readonly FrameRate[] = [
  { num: 10, den: 1 },
  { num: 12, den: 1 },
  { num: 15, den: 1 },
  { num: 24000, den: 1001 },
  { num: 24, den: 1 },
  { num: 25, den: 1 },
  { num: 30000, den: 1001 },
  { num: 30, den: 1 },
  { num: 48, den: 1 },
  { num: 50, den: 1 },
  { num: 60000, den: 1001 },
  { num: 60, den: 1 },
];

export const rateValue = (r: FrameRate): number => r.num / r.den;
/** `30000/1001`: what ffmpeg's fps filter and MediaConvert's numerator/denominator take. */
export const rateString = (r: FrameRate): string => `${r.num}/${r.den}`;

/** The standard rate closest to `fps` (by ratio, so 29.97 and 30 are told apart). */
export function nearestStandardRate(fps: number): FrameRate {
  let best = STANDARD_RATES[0];
  for (const r of STANDARD_RATES) if (Math.abs(Math.log(rateValue(r) / fps)) < Math.abs(Math.log(rateValue(best) / fps))) best = r;
  return best;
}

/**
 * A constant source rate as an exact fraction: a standard rate when within 0.1 % of one (so a
 * probed 29.97 becomes 30000/1001, not 2997/100), else the rate to 3 decimals.
 */
export function exactRate(fps: number): FrameRate {
  const std = nearestStandardRate(fps);
  if (Math.abs(rateValue(std) / fps - 1) < 0.001) return std;
  return { num: Math.round(fps * 1000), den: 1000 };
}

/** Packet timing of the first minute: its typical frame interval, and whether the rate varies. */
export interface PacketTiming {
  /** 1 / the typical interval between consecutive frames (presentation order): the mean of the middle half. */
  nominalFps: number;
  /** Intervals differ a lot (10th and 90th percentile more than 20 % apart). */
  irregular: boolean;
}

/** From presentation timestamps in seconds (any order). Exported for tests. */
export function packetTimingOf(pts: number[]): PacketTiming | null {
  const sorted = pts.filter(Number.isFinite).sort((a, b) => a - b);
  const gaps = sorted
    .slice(1)
    .map((t, i) => t - sorted[i])
    .filter((d) => d > 1e-6)
    .sort((a, b) => a - b);
  if (gaps.length < 3) return null;
  const at = (q: number) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))];
  // The middle half: long gaps (dropped frames) and jitter either side do not move it.
  const middle = gaps.slice(Math.floor(gaps.length / 4), Math.max(Math.floor(gaps.length / 4) + 1, Math.ceil((gaps.length * 3) / 4)));
  const typical = middle.reduce((a, b) => a + b, 0) / middle.length;
  return { nominalFps: 1 / typical, irregular: at(0.9) / at(0.1) > 1.2 };
}

/** Reads the first `seconds` of video packet timestamps (demuxing only, no decoding). */
export async function probePacketTiming(tools: Tools, src: string, seconds = 60, signal?: AbortSignal): Promise<PacketTiming | null> {
  const r = await run(
    tools.ffprobe,
    ['-v', 'error', '-select_streams', 'v:0', '-read_intervals', `%+${seconds}`, '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', src],
    { signal },
  );
  if (r.code !== 0) return null;
  return packetTimingOf(r.stdout.split('\n').map((l) => parseFloat(l)));
}

/**
 * The rate the ladder is encoded at. A constant-rate source keeps its own rate. A variable-rate
 * source (its average rate more than 1 % away from its typical frame interval, or irregular
 * intervals) is converted to the standard rate nearest its typical interval: a 30 fps phone clip
 * that dropped frames in a dark stretch is coded at 30 fps (frames repeated only where the phone
 * left gaps), not at its 18 fps average (which drops frames everywhere else).
 */
export function decideFrameRate(averageFps: number, timing: PacketTiming | null): { rate: FrameRate; variable: boolean } {
  if (timing && timing.nominalFps > 1) {
    const variable = timing.irregular || !(averageFps > 0) || Math.abs(averageFps / timing.nominalFps - 1) > 0.01;
    if (variable) return { rate: nearestStandardRate(Math.min(60, timing.nominalFps)), variable };
  }
  if (!(averageFps > 1)) return { rate: { num: 25, den: 1 }, variable: false };
  return { rate: exactRate(Math.min(60, averageFps)), variable: false };
}

// ---------------------------------------------------------------------------------------------
// Interlacing.

/** Field order as ffprobe reports it (`field_order`). */
export type FieldOrderFlag = 'progressive' | 'tt' | 'bb' | 'tb' | 'bt' | 'unknown';
export type Parity = 'tff' | 'bff';

export interface ScanDecision {
  interlaced: boolean;
  /** Which field comes first (for the deinterlacer), when interlaced. */
  parity?: Parity;
  /** What decided it: the stream's own field-order flag, or `idet` on the pictures. */
  by: 'flags' | 'idet' | 'none';
}

/** Parity from ffprobe's field_order, or null when the flag says progressive or nothing. */
export function parityOfFlag(flag: string | undefined): Parity | null {
  if (flag === 'tt' || flag === 'tb') return 'tff';
  if (flag === 'bb' || flag === 'bt') return 'bff';
  return null;
}

export interface IdetCounts {
  tff: number;
  bff: number;
  progressive: number;
  undetermined: number;
}

/** The "Multi frame detection" line of ffmpeg's idet filter. Exported for tests. */
export function parseIdet(stderr: string): IdetCounts | null {
  const m = /Multi frame detection:\s*TFF:\s*(\d+)\s*BFF:\s*(\d+)\s*Progressive:\s*(\d+)\s*Undetermined:\s*(\d+)/.exec(stderr);
  return m ? { tff: +m[1], bff: +m[2], progressive: +m[3], undetermined: +m[4] } : null;
}

/**
 * Interlaced when one field order clearly dominates: at least 2/3 of the classified frames, and
 * at least 4 times the other order. Fine progressive detail in motion (test patterns, tickers)
 * fools idet frame by frame, but then it calls frames TFF and BFF about equally often; real
 * interlaced video is one order throughout.
 */
export function parityOfIdet(c: IdetCounts): Parity | null {
  const classified = c.tff + c.bff + c.progressive;
  if (classified < 10) return null;
  const [parity, top, other] = c.tff >= c.bff ? (['tff', c.tff, c.bff] as const) : (['bff', c.bff, c.tff] as const);
  return top * 3 >= classified * 2 && top >= other * 4 ? parity : null;
}

/** How much of the source idet looks at, and the highest frame rate that can be interlaced. */
export const IDET_SECONDS = 4;
export const MAX_INTERLACED_FPS = 30.5;

/** Runs idet on IDET_SECONDS of the source, from 10 % in (past any static title card). */
export async function runIdet(tools: Tools, src: string, durationSeconds: number, signal?: AbortSignal): Promise<IdetCounts | null> {
  const start = Math.max(0, Math.min(durationSeconds * 0.1, durationSeconds - IDET_SECONDS));
  const r = await run(
    tools.ffmpeg,
    [
      '-hide_banner',
      '-nostdin',
      '-ss',
      start.toFixed(3),
      '-t',
      String(IDET_SECONDS),
      '-i',
      src,
      '-map',
      '0:v:0',
      '-an',
      '-sn',
      '-dn',
      '-vf',
      'idet',
      '-f',
      'null',
      '-',
    ],
    { signal },
  );
  return parseIdet(r.stderr);
}

/**
 * Interlaced or not: a field-order flag saying interlaced is believed; a flag saying progressive
 * (or nothing) is checked with idet, because recorders and editors re-wrap 1080i as "progressive".
 * Only sources at ≤ 30 frames per second are checked: 50 or 60 fields per second make at most
 * 30 frames, so a faster source is progressive.
 */
export async function decideScan(
  tools: Tools,
  src: string,
  flag: string | undefined,
  fps: number,
  durationSeconds: number,
  signal?: AbortSignal,
): Promise<ScanDecision> {
  const flagged = parityOfFlag(flag);
  if (flagged) return { interlaced: true, parity: flagged, by: 'flags' };
  if (fps > MAX_INTERLACED_FPS) return { interlaced: false, by: 'none' };
  const counts = await runIdet(tools, src, durationSeconds, signal);
  const parity = counts ? parityOfIdet(counts) : null;
  return parity ? { interlaced: true, parity, by: 'idet' } : { interlaced: false, by: counts ? 'idet' : 'none' };
}

/**
 * The deinterlacer: bwdif (motion-adaptive, better than yadif on diagonals and text), one output
 * frame per source frame (25i → 25p, 29.97i → 29.97p: the frame rate, frame count and encoding
 * cost are the source's), every frame processed whatever its flag says (the flags may lie), and
 * the field order given explicitly for the same reason.
 */
export const deinterlaceFilter = (parity: Parity): string => `bwdif=mode=send_frame:parity=${parity}:deint=all`;
