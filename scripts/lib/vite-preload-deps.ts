/**
 * Vite plugin for the script-tag bundle: lets the loader fetch a lazy chunk's own imports at the
 * same time as the chunk, instead of one after the other (the browser learns a chunk's imports
 * only once it has the chunk). Vite does this itself for apps but not in library mode.
 *
 * It writes, as the first line of the entry chunk, a table from each lazily imported module to
 * its chunk's file and the files of the chunks it imports (transitively, minus what the entry
 * already holds):
 *   globalThis[Symbol.for('ine-video-elements.chunk-deps')] =
 *     { base: import.meta.url, deps: { "src/elements/player/ine-player.ts": ["./chunks/lit-….js", …] } }
 * which `src/internal/preload.ts` reads. Outside this bundle (npm ES modules, the dev server)
 * there is no table and nothing is preloaded. The entry's source map is shifted by the line.
 */
import { posix, relative } from 'node:path';
import type { Plugin } from 'vite';

export const CHUNK_DEPS_KEY = 'ine-video-elements.chunk-deps';

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  imports: string[];
  dynamicImports: string[];
  code: string;
  map: { mappings: string } | null;
}

export function preloadDepsPlugin(root: string): Plugin {
  return {
    name: 'ine-preload-deps',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c): c is typeof c & ChunkLike => c.type === 'chunk') as unknown as ChunkLike[];
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const staticDeps = (file: string, seen = new Set<string>()): Set<string> => {
        for (const dep of byFile.get(file)?.imports ?? []) {
          if (seen.has(dep)) continue;
          seen.add(dep);
          staticDeps(dep, seen);
        }
        return seen;
      };
      for (const entry of chunks.filter((c) => c.isEntry)) {
        const loaded = staticDeps(entry.fileName).add(entry.fileName);
        const table: Record<string, string[]> = {};
        for (const lazy of chunks) {
          if (lazy.isEntry || !lazy.facadeModuleId) continue;
          const deps = [...staticDeps(lazy.fileName)].filter((f) => !loaded.has(f));
          const id = relative(root, lazy.facadeModuleId).split('\\').join('/');
          // Only modules some code asks for by name (`preloadImportsOf('src/…')`): a small table.
          if (!deps.length || !chunks.some((c) => c.code.includes(id))) continue;
          // The chunk itself too: a caller may fetch it now and run it later.
          table[id] = [lazy.fileName, ...deps].map((f) => `./${posix.relative(posix.dirname(entry.fileName), f)}`);
        }
        entry.code = `globalThis[Symbol.for(${JSON.stringify(CHUNK_DEPS_KEY)})]={base:import.meta.url,deps:${JSON.stringify(table)}};\n${entry.code}`;
        if (entry.map) entry.map.mappings = `;${entry.map.mappings}`;
        const mapAsset = bundle[`${entry.fileName}.map`];
        if (mapAsset?.type === 'asset' && typeof mapAsset.source === 'string') {
          const map = JSON.parse(mapAsset.source) as { mappings: string };
          map.mappings = `;${map.mappings}`;
          mapAsset.source = JSON.stringify(map);
        }
      }
    },
  };
}
