/**
 * Start fetching a lazy module and its own imports, all at once (`<link rel="modulepreload">`:
 * fetched and parsed, not run; the `import()` that follows finds them ready). In the script-tag bundle the build
 * (scripts/lib/vite-preload-deps.ts) leaves a table of each lazy chunk's imports; without it (npm
 * ES modules, the dev server) this does nothing and the browser fetches imports as it finds them.
 */
const CHUNK_DEPS = Symbol.for('ine-video-elements.chunk-deps');
const preloaded = new Set<string>();

/** `module`: its path from the project root, e.g. `src/elements/player/ine-player.ts`. */
export function preloadImportsOf(module: string): void {
  const table = (globalThis as { [CHUNK_DEPS]?: { base: string; deps: Record<string, string[]> } })[CHUNK_DEPS];
  if (!table || typeof document === 'undefined') return;
  for (const file of table.deps[module] ?? []) {
    const href = new URL(file, table.base).href;
    if (preloaded.has(href)) continue;
    preloaded.add(href);
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    document.head.append(link);
  }
}
