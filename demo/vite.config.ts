import { defineConfig } from 'vite';
import { resolve } from 'node:path';

const root = new URL('.', import.meta.url).pathname;
const standIn = `http://127.0.0.1:${process.env.INE_LOCAL_PORT ?? 4566}`;
const cdn = `http://127.0.0.1:${process.env.INE_CDN_PORT ?? 4567}`;

/** The demo pages, served by Vite in development: they load the elements as an INE page would. */
export default defineConfig({
  root,
  server: { fs: { allow: [resolve(root, '..')] } },
  plugins: [
    {
      name: 'ine-demo-config-url',
      // The pages find the stand-in through its /_local/config.json, wherever INE_LOCAL_PORT put it
      // (and connect early to the CDN, wherever INE_CDN_PORT put it).
      transformIndexHtml: (html) => html.replaceAll('%INE_STAND_IN%', standIn).replaceAll('%INE_CDN%', cdn),
    },
    {
      name: 'ine-demo-src',
      // The pages load the library as `/src/autoloader.ts` (as an INE page loads one script); serve the repo's src/.
      configureServer(server) {
        server.middlewares.use((req, _res, next) => {
          if (req.url?.startsWith('/src/')) req.url = `/@fs${resolve(root, '..')}${req.url}`;
          next();
        });
      },
    },
  ],
  build: { rollupOptions: { input: { index: resolve(root, 'index.html'), admin: resolve(root, 'admin.html') } } },
});
