/**
 * The demo as INE's pages get it: the script-tag bundle built as for production (the same Vite
 * config as `npm run build`) and the demo pages built against it, so `npm start` shows what a viewer
 * downloads, not the development server's unbundled modules.
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'vite';

const repo = resolve(new URL('../..', import.meta.url).pathname);
/** Where the pages load the bundle from, relative to the site root. */
const BUNDLE_PATH = '/lib/ine-elements.js';

/** Builds the bundle and the pages into `<outDir>/site` and returns that folder. */
export async function buildDemo(outDir: string): Promise<string> {
  const publicDir = join(outDir, 'public');
  const site = join(outDir, 'site');
  rmSync(outDir, { recursive: true, force: true });
  await build({
    configFile: join(repo, 'vite.config.ts'),
    root: repo,
    logLevel: 'warn',
    build: { outDir: join(publicDir, 'lib'), emptyOutDir: true, sourcemap: false },
  });
  // In development the pages load `/src/autoloader.ts`; built, they load the bundle, as an INE page does.
  const useBundle: Plugin = {
    name: 'ine-demo-bundle',
    transformIndexHtml: { order: 'pre', handler: (html) => html.replaceAll('/src/autoloader.ts', BUNDLE_PATH) },
  };
  await build({
    configFile: join(repo, 'demo/vite.config.ts'),
    logLevel: 'warn',
    publicDir,
    plugins: [useBundle],
    build: { outDir: site, emptyOutDir: true },
  });
  return site;
}
