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
