import { css } from 'lit';

/**
 * Styles of `<ine-player>`; the custom properties and parts are documented on the element.
 * One rule per line: this text ships as is in the first download. The container query lets
 * narrow players (320 px and up) keep what matters and drop what keys and the panel also do.
 * What only the lazy parts show (the settings panel's fields, the help dialog) is styled by
 * parts/extras-styles.ts, adopted when those parts arrive.
 */
export const playerStyles = css`
:host { --ine-player-accent: #d5007f; --ine-player-fg: #fff; --ine-player-bg: #000; --ine-player-bar-bg: rgba(0, 0, 0, 0.72); --ine-player-focus: #ffd400; --ine-player-radius: 4px; --ine-player-font: system-ui, sans-serif; display: block; position: relative; aspect-ratio: 16 / 9; min-width: 0; background: var(--ine-player-bg); color: var(--ine-player-fg); font: 14px/1.3 var(--ine-player-font); border-radius: var(--ine-player-radius); overflow: hidden; }
[hidden] { display: none !important; }
.base { position: absolute; inset: 0; container-type: inline-size; outline: none; }
.base.idle { cursor: none; }
video { width: 100%; height: 100%; display: block; background: var(--ine-player-bg); }
video::cue { font-size: clamp(14px, 4cqw, 28px); }
button, select, input, a { font: inherit; color: inherit; }
button { background: none; border: 0; padding: 0; margin: 0; min-width: 40px; min-height: 40px; display: inline-grid; place-items: center; cursor: pointer; border-radius: var(--ine-player-radius); }
button:hover { background: rgba(255, 255, 255, 0.14); }
:focus-visible { outline: 3px solid var(--ine-player-focus); outline-offset: 2px; }
.base:focus-visible { outline-offset: -3px; }
svg { width: 24px; height: 24px; fill: currentColor; pointer-events: none; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.big { position: absolute; left: 50%; top: 50%; translate: -50% -50%; width: 72px; height: 72px; border-radius: 50%; background: var(--ine-player-accent); }
.big svg { width: 40px; height: 40px; }
.spinner { position: absolute; left: 50%; top: 50%; width: 48px; height: 48px; margin: -24px 0 0 -24px; border: 4px solid rgba(255, 255, 255, 0.3); border-top-color: var(--ine-player-fg); border-radius: 50%; animation: spin 0.9s linear infinite; }
@keyframes spin { to { rotate: 360deg; } }
.error { position: absolute; inset: 0; display: grid; place-content: center; gap: 12px; padding: 16px; text-align: center; background: rgba(0, 0, 0, 0.85); }
.error button, .text-button { justify-self: center; padding: 6px 16px; background: var(--ine-player-accent); color: #fff; font-weight: 600; }
.controls { position: absolute; left: 0; right: 0; bottom: 0; padding: 0 8px 4px; background: linear-gradient(transparent, var(--ine-player-bar-bg) 40%); transition: opacity 0.25s; }
.controls.hidden { opacity: 0; pointer-events: none; }
.row { display: flex; align-items: center; gap: 2px; min-width: 0; }
.spacer { flex: 1; }
.time { padding: 0 6px; white-space: nowrap; font-variant-numeric: tabular-nums; min-width: auto; }
.volume { width: 80px; accent-color: var(--ine-player-accent); }
.seek { position: relative; height: 24px; margin: 0 6px; touch-action: none; cursor: pointer; }
.track, .buffered, .played { position: absolute; top: 10px; height: 4px; border-radius: 2px; }
.track { left: 0; right: 0; background: rgba(255, 255, 255, 0.3); }
.buffered { background: rgba(255, 255, 255, 0.55); }
.played { left: 0; background: var(--ine-player-accent); }
.thumb { position: absolute; top: 6px; width: 12px; height: 12px; margin-left: -6px; border-radius: 50%; background: var(--ine-player-accent); }
.seek:hover .track, .seek:hover .buffered, .seek:hover .played { top: 9px; height: 6px; }
.preview { position: absolute; bottom: 28px; translate: -50% 0; display: grid; justify-items: center; gap: 2px; pointer-events: none; font-variant-numeric: tabular-nums; text-shadow: 0 0 2px #000; }
.preview .frame { border: 2px solid var(--ine-player-fg); border-radius: 2px; background-repeat: no-repeat; }
@container (max-width: 480px) { .volume, .skip { display: none; }
.time { padding: 0 2px; font-size: 12px; }
button { min-width: 36px; } }
@media (prefers-reduced-motion: reduce) { .controls { transition: none; }
.spinner { animation: none; border-top-color: rgba(255, 255, 255, 0.3); border-left-color: var(--ine-player-fg); } }
`;
