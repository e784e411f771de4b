import { css } from 'lit';

/** Styles of the lazy parts (settings panel fields, copy field, keyboard help), adopted with them. */
export const extrasStyles = css`
.panel { position: absolute; right: 8px; bottom: 64px; display: grid; gap: 8px; padding: 12px; min-width: 200px; max-width: calc(100% - 16px); box-sizing: border-box; background: var(--ine-player-bar-bg); border-radius: var(--ine-player-radius); }
.panel label { display: grid; grid-template-columns: 1fr auto; align-items: center; gap: 8px; }
.panel select { background: #222; border: 1px solid #888; border-radius: 3px; padding: 4px; }
.panel input { width: 100%; background: #222; border: 1px solid #888; }
dialog { background: #111; color: var(--ine-player-fg); border: 1px solid #555; border-radius: 6px; max-width: min(420px, 90vw); }
dialog h2 { font-size: 1.1em; margin: 0 0 8px; }
dialog dl { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; margin: 0 0 12px; }
dialog dt { text-align: right; }
kbd { border: 1px solid #888; border-radius: 3px; padding: 0 4px; }
`;
