/**
 * The broadcast clock: the time of day a moment of a clip went on air, from the record's
 * `broadcastAt` (when the clip's media time 0 was broadcast, ISO 8601 with offset) plus the media
 * time. Shown in the offset `broadcastAt` was written with — the source's own wall clock (Mexico's
 * `-06:00` for INE's sources) — so "21:03:12 h" is what the newscast's own clock said, whatever the
 * viewer's time zone. A value in UTC (`Z`) is shown in UTC.
 *
 * A source timecode (the record's `timecode`) refines it: `broadcastAt` is often typed to the
 * minute, while an off-air recorder's timecode is its clock to the frame. The timecode is taken as
 * the time of day only when its start lies within `TIMECODE_AGREES_WITHIN_S` of `broadcastAt`'s;
 * further off it is an edit suite's programme timecode (`10:00:00:00`), not a clock, and is left out.
 */
import type { SourceTimecode } from '../contract/video-record.js';
import { DAY_SECONDS, timecodeSecondsOfDay } from './source-timecode.js';

export interface BroadcastMoment {
  /** `21:03:12` (24-hour clock, in the offset of `broadcastAt`). */
  clock: string;
  /** `UTC−06:00`, `UTC` */
  zone: string;
  /** The instant as ISO 8601 in the same offset, whole seconds: `2027-03-01T21:03:12-06:00`. */
  iso: string;
}

const OFFSET = /(Z|([+-])(\d{2}):?(\d{2}))$/i;
/** How close (either way, across midnight) a timecode's start must be to `broadcastAt`'s time of day to be read as the recorder's clock. */
export const TIMECODE_AGREES_WITHIN_S = 15 * 60;
const p2 = (n: number) => String(n).padStart(2, '0');

/**
 * The broadcast moment `seconds` into the clip, or undefined when `broadcastAt` is not a date with an
 * offset; `timecode` (the source's) sets the seconds when it agrees with `broadcastAt` (see above).
 */
export function broadcastMoment(broadcastAt: string | undefined, seconds: number, timecode?: SourceTimecode): BroadcastMoment | undefined {
  const at = broadcastAt?.trim() ?? '';
  const m = OFFSET.exec(at);
  const parsed = Date.parse(at);
  if (!m || Number.isNaN(parsed)) return undefined;
  const minutes = m[2] ? (m[2] === '-' ? -1 : 1) * (Number(m[3]) * 60 + Number(m[4])) : 0;
  const base = parsed + recorderCorrectionMs(parsed + minutes * 60_000, timecode);
  const wall = new Date(base + Math.floor(Math.max(0, seconds) + 1e-6) * 1000 + minutes * 60_000);
  const clock = `${p2(wall.getUTCHours())}:${p2(wall.getUTCMinutes())}:${p2(wall.getUTCSeconds())}`;
  const date = `${wall.getUTCFullYear()}-${p2(wall.getUTCMonth() + 1)}-${p2(wall.getUTCDate())}`;
  const off = m[2] ? `${m[2]}${m[3]}:${m[4]}` : '';
  return {
    clock,
    zone: off ? `UTC${off.replace('-', '−')}` : 'UTC',
    iso: `${date}T${clock}${off || 'Z'}`,
  };
}

/** How far (ms) the recorder's clock puts media time 0 from `broadcastAt` (its local wall time `localMs`); 0 when it does not agree. */
function recorderCorrectionMs(localMs: number, timecode: SourceTimecode | undefined): number {
  const tc = timecodeSecondsOfDay(timecode);
  if (tc === undefined) return 0;
  const typed = (((localMs / 1000) % DAY_SECONDS) + DAY_SECONDS) % DAY_SECONDS;
  const diff = ((((tc - typed + DAY_SECONDS / 2) % DAY_SECONDS) + DAY_SECONDS) % DAY_SECONDS) - DAY_SECONDS / 2;
  return Math.abs(diff) <= TIMECODE_AGREES_WITHIN_S ? Math.round(diff * 1000) : 0;
}

/** A moment link (`…#t=192`) that also cites the broadcast clock: `…#t=192&at=2027-03-01T21%3A03%3A12-06%3A00`. */
export function broadcastLink(momentUrl: string, moment: BroadcastMoment): string {
  return `${momentUrl}&at=${encodeURIComponent(moment.iso)}`;
}
