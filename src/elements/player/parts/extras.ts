// The parts a viewer opens rather than sees at once (settings panel, keyboard help): one lazy
// chunk, fetched when the pointer or focus first reaches the player, so it is there by the click.
export { settingsPanel } from './settings-panel.js';
export { helpDialog } from './help-dialog.js';
export { copyFallbackPanel, copyText } from './copy-fallback.js';
export { extrasStyles } from './extras-styles.js';
export { broadcastClockButton, citeBroadcast } from './broadcast-clock.js';
export { momentLink } from '../../../playback/moment-link.js';
