/**
 * The script-tag bundle (`dist/ine-elements.js`). Loading it:
 *  - applies any `<script type="application/json" data-ine-config>` block on the page;
 *  - registers `<ine-player>`, `<ine-uploader>` and `<ine-catalog>` lazily: each element's code is
 *    fetched the first time its tag appears in the document (as Shoelace's autoloader does), so a
 *    page with only a player downloads only the player; heavy engines (hls.js, the AWS SDK) are
 *    separate chunks the elements import only when they need them.
 *
 * It also re-exports the plain API (`configure`, ...) for pages that script:
 *   <script type="module">import { configure } from '/ine-elements.js'; configure({...})</script>
 */
export * from './config/index.js';
import type { LoginToken } from './config/types.js';
import { getConfig } from './config/index.js';
import { preloadImportsOf } from './internal/preload.js';
import { firstFrames, sourcesLoading, startEarly, stopUnclaimed } from './elements/player/early-start.js';
import { FIRST_FRAME_WAIT_MS } from './elements/player/source-start.js';

// Sign-in helpers for pages that script, loaded on first call so a viewer's first download stays
// free of credential code.
/** Log in against an auth broker (`POST <authUrl>/login`); see `src/auth/login-token.ts`. */
export async function loginWithPassword(authUrl: string, username: string, password: string): Promise<LoginToken> {
  return (await import('./auth/login-token.js')).loginWithPassword(authUrl, username, password);
}

/** Sign out everywhere on the page: forget the shared credentials. */
export async function resetSharedCredentials(): Promise<void> {
  (await import('./auth/credentials.js')).resetSharedCredentials();
}

// Each element's chunk and the chunks it imports (Lit, the element base) are fetched together.
const loaders: Record<string, () => Promise<unknown>> = {
  'ine-player': () => {
    // The players' media starts first (early-start.ts). The player's code is fetched once that is
    // under way (hls.js running: its own download and start come first; a native stream showing its
    // first frame), and run once autoplaying players show their first frame (at most a second later).
    startEarly(getConfig().cdnBaseUrl);
    void sourcesLoading(FIRST_FRAME_WAIT_MS).then(() => preloadImportsOf('src/elements/player/ine-player.ts'));
    return firstFrames(FIRST_FRAME_WAIT_MS)
      .then(() => import('./elements/player/ine-player.js'))
      .then((m) => (stopUnclaimed(), m));
  },
  'ine-uploader': () => (preloadImportsOf('src/elements/uploader/ine-uploader.ts'), import('./elements/uploader/ine-uploader.js')),
  'ine-catalog': () => (preloadImportsOf('src/elements/catalog/ine-catalog.ts'), import('./elements/catalog/ine-catalog.js')),
};

const started = new Map<string, Promise<unknown>>();

/** Load and register one element now, whether or not its tag is on the page. */
export function loadElement(tag: keyof typeof loaders | string): Promise<unknown> {
  const loader = loaders[tag];
  if (!loader) return Promise.reject(new Error(`Unknown element <${tag}>`));
  let p = started.get(tag);
  if (!p) {
    p = loader();
    started.set(tag, p);
  }
  return p;
}

/** Load every element whose tag appears under `root` (including inside open shadow roots of ours). */
export function discover(root: ParentNode): void {
  for (const tag of Object.keys(loaders)) {
    if (started.has(tag)) continue;
    if ((root as Element).localName === tag || root.querySelector(tag)) void loadElement(tag);
  }
}

if (typeof document !== 'undefined' && typeof MutationObserver !== 'undefined') {
  const start = () => {
    discover(document);
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1) discover(n as Element);
    }).observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
