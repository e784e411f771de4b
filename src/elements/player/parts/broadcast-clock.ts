import { html, nothing } from 'lit';
import { broadcastLink, broadcastMoment } from '../../../playback/broadcast-clock.js';

type T = (key: string, ...args: unknown[]) => string;

/**
 * The broadcast clock on the control bar ("21:03:12 h", the time of day on air): a button, so it is
 * reachable and read by keyboard and screen reader, that copies a link to this moment citing it.
 * Nothing when the clip has no (valid) `broadcastAt`.
 */
export function broadcastClockButton(t: T, broadcastAt: string | undefined, now: number, copy: () => unknown) {
  const m = broadcastMoment(broadcastAt, now);
  if (!m) return nothing;
  const label = t('broadcastClock', m.clock, m.zone);
  return html`<button part="button broadcast-clock" class="time" aria-label=${label} title=${label} @click=${copy}>${m.clock} h</button>`;
}

/** The moment link with the broadcast time added (`&at=`), or undefined without a `broadcastAt`. */
export function citeBroadcast(url: string, broadcastAt: string | undefined, now: number): string | undefined {
  const m = broadcastMoment(broadcastAt, now);
  return m && broadcastLink(url, m);
}
