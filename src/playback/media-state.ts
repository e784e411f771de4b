/**
 * The player's media state, kept apart from the controls (as media-chrome does): the element
 * reads it from the `<video>` on media events and the controls only render it.
 */
export interface MediaState {
  paused: boolean;
  ended: boolean;
  currentTime: number;
  duration: number;
  /** Buffered ranges as [start, end] pairs, in seconds. */
  buffered: Array<[number, number]>;
  volume: number;
  muted: boolean;
  playbackRate: number;
  /** Waiting for data (show the loading indicator). */
  waiting: boolean;
  seeking: boolean;
  /** At least one frame can be shown. */
  hasFrame: boolean;
  /** Playback started at least once (hide the poster-style big play button). */
  started: boolean;
}

export const INITIAL_MEDIA_STATE: MediaState = Object.freeze({
  paused: true,
  ended: false,
  currentTime: 0,
  duration: NaN,
  buffered: [],
  volume: 1,
  muted: false,
  playbackRate: 1,
  waiting: false,
  seeking: false,
  hasFrame: false,
  started: false,
}) as MediaState;

/** What `readMediaState` needs of an HTMLMediaElement (so it runs in Node tests too). */
export interface MediaLike {
  paused: boolean;
  ended: boolean;
  currentTime: number;
  duration: number;
  buffered: { length: number; start(i: number): number; end(i: number): number };
  volume: number;
  muted: boolean;
  playbackRate: number;
  readyState: number;
  seeking: boolean;
}

export { MEDIA_EVENTS } from './media-events.js';

/** A new state from the media element after `event` (the previous state carries `started`, `waiting`). */
export function readMediaState(m: MediaLike, prev: MediaState, event?: string): MediaState {
  const buffered: Array<[number, number]> = [];
  for (let i = 0; i < m.buffered.length; i++) buffered.push([m.buffered.start(i), m.buffered.end(i)]);
  let waiting = prev.waiting;
  if (event === 'waiting' || event === 'loadstart') waiting = true;
  else if (event === 'playing' || event === 'canplay' || event === 'pause' || event === 'error' || event === 'emptied') waiting = false;
  if (m.readyState >= 3 && event !== 'waiting') waiting = false;
  return {
    paused: m.paused,
    ended: m.ended,
    currentTime: m.currentTime,
    duration: m.duration,
    buffered,
    volume: m.volume,
    muted: m.muted,
    playbackRate: m.playbackRate,
    waiting: waiting || (m.seeking && m.readyState < 3),
    seeking: m.seeking,
    hasFrame: m.readyState >= 2,
    started: prev.started || event === 'playing' || !m.paused,
  };
}

/** Fraction [0, 1] of `t` within [from, to]. */
export function fractionOf(t: number, from: number, to: number): number {
  return to > from ? Math.max(0, Math.min(1, (t - from) / (to - from))) : 0;
}
