import { html, nothing } from 'lit';
import { broadcastLink, broadcastMoment } from '../../../playback/broadcast-clock.js';
import { timecodeAt } from '../../../playback/source-timecode.js';
import type { ClipAssets } from '../../../playback/source.js';

type T = (key: string, ...args: unknown[]) => string;
type OnAir = Pick<ClipAssets, 'broadcastAt' | 'timecode'>;

/**
 * The broadcast clock on the control bar ("21:03:12 h", the time of day on air): a button, so it is
 * reachable and read by keyboard and screen reader, that copies a link to this moment citing it.
 * A clip with a source timecode but no `broadcastAt` shows the timecode instead ("TC 10:00:12;05"):
 * what a newsroom's edit list cites. Nothing when the clip has neither.
 */
export function broadcastClockButton(t: T, onAir: OnAir, now: number, copy: () => unknown) {
  const m = broadcastMoment(onAir.broadcastAt, now, onAir.timecode);
  const tc = timecodeAt(onAir.timecode, now);
  if (!m && !tc) return nothing;
  const label = m ? t('broadcastClock', m.clock, m.zone, tc) : t('sourceTimecode', tc);
  const text = m ? `${m.clock} h` : `TC ${tc}`;
  return html`<button part="button broadcast-clock" class="time" aria-label=${label} title=${label} @click=${copy}>${text}</button>`;
}

/** The moment link with the broadcast time added (`&at=`), or undefined without a `broadcastAt`. */
export function citeBroadcast(url: string, onAir: OnAir, now: number): string | undefined {
  const m = broadcastMoment(onAir.broadcastAt, now, onAir.timecode);
  return m && broadcastLink(url, m);
}
