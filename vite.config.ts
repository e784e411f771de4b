import { defineConfig } from 'vite';

/**
 * Builds the script-tag bundle `dist/ine-elements.js` (dependencies included, split into lazy
 * chunks under `dist/chunks/`). The npm ES modules are emitted by `tsc -p tsconfig.build.json`.
 */
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    modulePreload: false,
    lib: {
      entry: { 'ine-elements': 'src/autoloader.ts' },
      formats: ['es'],
    },
    rollupOptions: {
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        // Vite keeps whitespace in ES library builds (for re-bundlers); this bundle is loaded as is.
        minify: true,
        // Name the heavy engines' chunks so tests and benches can tell what a page downloaded.
        advancedChunks: {
          groups: [
            { name: 'hls', test: /node_modules[\\/]hls\.js/ },
            { name: 'aws-sdk', test: /node_modules[\\/](@aws-sdk|@smithy|@aws-crypto|@aws)[\\/]/ },
            { name: 'lit', test: /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]/ },
          ],
        },
      },
    },
  },
});
