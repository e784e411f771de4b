import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { preloadDepsPlugin } from './scripts/lib/vite-preload-deps.ts';

/**
 * Builds the script-tag bundle `dist/ine-elements.js` (dependencies included, split into lazy
 * chunks under `dist/chunks/`). The npm ES modules are emitted by `tsc -p tsconfig.build.json`.
 */
export default defineConfig({
  base: './',
  plugins: [preloadDepsPlugin(fileURLToPath(new URL('.', import.meta.url)))],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    // Vite's own preload helper is for apps; the plugin above does it for this library bundle.
    modulePreload: false,
    lib: {
      entry: { 'ine-elements': 'src/autoloader.ts' },
      formats: ['es'],
    },
    rollupOptions: {
      // Modules the loader shares with lazy chunks (configuration, the players' early start) stay in
      // the loader, which then exports a few more names, instead of becoming extra chunks the
      // loader has to fetch before it can run.
      preserveEntrySignatures: 'allow-extension',
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        // Vite keeps whitespace in ES library builds (for re-bundlers); this bundle is loaded as is.
        minify: true,
        // Name the heavy engines' chunks so tests and benches can tell what a page downloaded.
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [
            // The full build (alternate audio) only for clips with several audio tracks: never in the light chunk.
            { name: 'hls-full', test: /node_modules[\\/]hls\.js[\\/]dist[\\/]hls\.m?js/ },
            { name: 'hls', test: /node_modules[\\/]hls\.js/ },
            { name: 'aws-sdk', test: /node_modules[\\/](@aws-sdk|@smithy|@aws-crypto|@aws)[\\/]/ },
            // Lit's directives and decorators are for the uploader, the catalog and the approvals: kept
            // out of the core chunk, which is in the player's first download.
            {
              name: 'lit-extras',
              test: /node_modules[\\/](lit[\\/](directives|decorators)|lit-html[\\/]direct|@lit[\\/]reactive-element[\\/]decorators)/,
            },
            { name: 'lit', test: /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]/ },
          ],
        },
      },
    },
  },
});
