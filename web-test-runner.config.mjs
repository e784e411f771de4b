// Element tests in real, headless Debian Chromium (never a downloaded browser).
// Plugins in test/browser/plugins/*.mjs are loaded automatically: each test area adds its own
// server-side commands or fixtures there (e.g. starting the local stand-in) without editing this file.
import { readdirSync, existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { createServer } from 'node:net';

/** A free port, so that several test runs (developers, helpers, CI) never collide on 8000. */
async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const pluginDir = new URL('./test/browser/plugins/', import.meta.url);
const extraPlugins = [];
if (existsSync(pluginDir)) {
  for (const f of readdirSync(pluginDir)
    .filter((n) => n.endsWith('.mjs'))
    .sort()) {
    const mod = await import(pathToFileURL(new URL(f, pluginDir).pathname).href);
    extraPlugins.push(...[].concat(mod.default ?? []));
  }
}

export default {
  files: process.env.WTR_FILES ? process.env.WTR_FILES.split(',') : ['test/browser/**/*.test.ts'],
  port: Number(process.env.WTR_PORT) || (await freePort()),
  nodeResolve: { exportConditions: ['browser'], browser: true },
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 120_000,
  testsFinishTimeout: 600_000,
  testFramework: { config: { timeout: 60_000 } },
  plugins: [
    esbuildPlugin({
      ts: true,
      tsconfig: new URL('./tsconfig.base.json', import.meta.url).pathname /* no "extends": the plugin reads it raw */,
      target: 'es2022',
    }),
    ...extraPlugins,
  ],
  reporters: [defaultReporter(), summaryReporter({ flatten: false })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: chromePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--autoplay-policy=no-user-gesture-required',
        ],
      },
    }),
  ],
};
