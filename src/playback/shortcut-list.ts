// What the help dialog (`?`) lists; apart from the key map so it loads with the dialog only.
/** Keys (a `key.*` entry is a message key naming the key) and the message key describing each, for the help dialog. */
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; label: string }> = [
  { keys: ['key.space', 'K'], label: 'shortcut.toggle' },
  { keys: ['J'], label: 'shortcut.back10' },
  { keys: ['L'], label: 'shortcut.forward10' },
  { keys: ['←'], label: 'shortcut.back5' },
  { keys: ['→'], label: 'shortcut.forward5' },
  { keys: ['↑'], label: 'shortcut.volumeUp' },
  { keys: ['↓'], label: 'shortcut.volumeDown' },
  { keys: ['M'], label: 'shortcut.mute' },
  { keys: ['F'], label: 'shortcut.fullscreen' },
  { keys: ['C'], label: 'shortcut.captions' },
  { keys: ['0–9'], label: 'shortcut.jump' },
  { keys: ['?'], label: 'shortcut.help' },
];
