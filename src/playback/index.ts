// Plain, DOM-free playback logic used by <ine-player>, for hosts that integrate without UI too.
export * from './clip-range.js';
export * from './moment-link.js';
export * from './time-format.js';
export { parseStoryboardVtt, parseVttTimestamp } from './storyboard.js';
export * from './storyboard-cue.js';
export * from './engine.js';
export * from './shortcuts.js';
export * from './shortcut-list.js';
export * from './source.js';
export * from './media-state.js';
export * from './source-plan.js';
export * from './audio-tracks.js';
export * from './alternate-audio.js';
