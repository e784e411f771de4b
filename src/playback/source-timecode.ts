/**
 * The source's own timecode (the record's `timecode`: SMPTE `HH:MM:SS:FF` of the first frame, `;`
 * before the frames when drop-frame, and the rate it counts at) read at a media time. Off-air
 * recorders stamp the time of day they recorded, so the timecode is the recorder's clock; edit suites
 * stamp a programme start (`10:00:00:00`, `01:00:00:00`) instead, which is not a time of day.
 */
import type { SourceTimecode } from '../contract/video-record.js';

const TIMECODE = /^(\d{2}):([0-5]\d):([0-5]\d)([:;.,])(\d{2,3})$/;
/** Seconds in a day: timecodes and wall clocks wrap at it. */
export const DAY_SECONDS = 24 * 3600;

interface Counting {
  /** Frames per timecode second (30 for 29.97, 25 for 25). */
  nominal: number;
  /** Frame numbers skipped at each minute but every tenth (drop-frame: 2 at 29.97, 4 at 59.94). */
  drop: number;
}

function counting(tc: SourceTimecode): Counting | undefined {
  if (!(tc.frameRate > 0 && tc.frameRate <= 300)) return undefined;
  const nominal = Math.round(tc.frameRate);
  const dropFrame = /[;,]/.test(tc.start);
  // Drop-frame is defined only for the NTSC rates (29.97 and its multiples).
  return { nominal, drop: dropFrame && nominal % 30 === 0 ? (nominal / 30) * 2 : 0 };
}

/** Frames counted since 00:00:00:00 for a label, or undefined when it is not a timecode. */
function labelToFrames(label: string, c: Counting): number | undefined {
  const m = TIMECODE.exec(label.trim());
  if (!m) return undefined;
  const [h, min, s, f] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[5])];
  if (h > 23 || f >= c.nominal) return undefined;
  const minutes = h * 60 + min;
  return (h * 3600 + min * 60 + s) * c.nominal + f - c.drop * (minutes - Math.floor(minutes / 10));
}

/** The label of a frame count (wrapping at 24 h, as recorders do). */
function framesToLabel(frames: number, c: Counting, separator: string): string {
  const perTenMinutes = 600 * c.nominal - 9 * c.drop;
  const perMinute = 60 * c.nominal - c.drop;
  let n = frames % (perTenMinutes * 144);
  if (c.drop) {
    // Put back the frame numbers drop-frame skips, so the label reads as the counter shows it.
    const tens = Math.floor(n / perTenMinutes);
    const rest = n % perTenMinutes;
    n += 9 * c.drop * tens + (rest > c.drop ? c.drop * Math.floor((rest - c.drop) / perMinute) : 0);
  }
  const f = n % c.nominal;
  const total = Math.floor(n / c.nominal);
  const p2 = (x: number) => String(x).padStart(2, '0');
  return `${p2(Math.floor(total / 3600) % 24)}:${p2(Math.floor(total / 60) % 60)}:${p2(total % 60)}${separator}${p2(f)}`;
}

/** The source timecode `seconds` into the clip (`10:00:12;05`), or undefined when the record's is not valid. */
export function timecodeAt(tc: SourceTimecode | undefined, seconds: number): string | undefined {
  const c = tc && counting(tc);
  const start = c && labelToFrames(tc.start, c);
  if (!c || start === undefined) return undefined;
  const elapsed = Math.floor(Math.max(0, seconds) * tc.frameRate + 1e-6);
  return framesToLabel(start + elapsed, c, c.drop ? ';' : ':');
}

/** The timecode's start as seconds into its day (the recorder's clock reading), or undefined. */
export function timecodeSecondsOfDay(tc: SourceTimecode | undefined): number | undefined {
  const c = tc && counting(tc);
  const m = c && TIMECODE.exec(tc.start.trim());
  if (!c || !m || labelToFrames(tc.start, c) === undefined) return undefined;
  return (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[5]) / c.nominal) % DAY_SECONDS;
}
