/**
 * Media events the player's state depends on, and that the element re-dispatches. (Its own module:
 * the script-tag loader records them for a player whose code has not arrived yet.)
 */
export const MEDIA_EVENTS = [
  'loadstart',
  'progress',
  'suspend',
  'abort',
  'error',
  'emptied',
  'stalled',
  'loadedmetadata',
  'loadeddata',
  'canplay',
  'canplaythrough',
  'playing',
  'waiting',
  'seeking',
  'seeked',
  'ended',
  'durationchange',
  'timeupdate',
  'play',
  'pause',
  'ratechange',
  'resize',
  'volumechange',
] as const;
