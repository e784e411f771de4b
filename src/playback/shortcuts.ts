/**
 * Keyboard shortcuts, as on the big video sites. The element maps a key to an action and
 * performs it; the help dialog (`?`) lists `SHORTCUTS` (shortcut-list.ts, loaded with the dialog).
 */
export type PlayerAction =
  | { type: 'toggle-play' }
  | { type: 'seek-by'; seconds: number }
  | { type: 'seek-fraction'; fraction: number }
  | { type: 'volume-by'; delta: number }
  | { type: 'toggle-mute' }
  | { type: 'toggle-fullscreen' }
  | { type: 'toggle-captions' }
  | { type: 'help' };

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** The action for a key press, or `undefined` (the key is left to the page). */
export function actionForKey(e: KeyLike): PlayerAction | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey) return undefined;
  const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  switch (k) {
    case ' ':
    case 'k':
      return { type: 'toggle-play' };
    case 'j':
      return { type: 'seek-by', seconds: -10 };
    case 'l':
      return { type: 'seek-by', seconds: 10 };
    case 'ArrowLeft':
      return { type: 'seek-by', seconds: -5 };
    case 'ArrowRight':
      return { type: 'seek-by', seconds: 5 };
    case 'ArrowUp':
      return { type: 'volume-by', delta: 0.1 };
    case 'ArrowDown':
      return { type: 'volume-by', delta: -0.1 };
    case 'm':
      return { type: 'toggle-mute' };
    case 'f':
      return { type: 'toggle-fullscreen' };
    case 'c':
      return { type: 'toggle-captions' };
    case '?':
      return { type: 'help' };
  }
  if (/^[0-9]$/.test(k)) return { type: 'seek-fraction', fraction: parseInt(k, 10) / 10 };
  return undefined;
}

/**
 * Whether a key pressed inside the player is the player's to act on: not one typed into a field
 * (volume, selects) or a dialog, and not Space/Enter on a focused button or link (they activate it).
 */
export function keyIsPlayers(key: string, targetTag: string | undefined, inDialog: boolean): boolean {
  if (targetTag === 'input' || targetTag === 'select' || targetTag === 'textarea' || inDialog) return false;
  return !((targetTag === 'button' || targetTag === 'a') && (key === ' ' || key === 'Enter'));
}

/**
 * The seek slider's own keys: the time they go to (arrows ±5 s, Page keys ±10 s, Home / End the
 * range's ends), or undefined for a key that is not the slider's.
 */
export function sliderTarget(key: string, now: number, from: number, to: number): number | undefined {
  return key === 'Home' ? from : key === 'End' ? to : Object.hasOwn(SLIDER_STEPS, key) ? now + SLIDER_STEPS[key] : undefined;
}

const SLIDER_STEPS: Record<string, number> = { ArrowUp: 5, ArrowRight: 5, ArrowDown: -5, ArrowLeft: -5, PageUp: 10, PageDown: -10 };
