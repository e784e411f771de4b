// Importing the package in Node (server-side rendering, tests) must not throw (README "Use without the UI").
// Runs against the built npm modules in dist/esm (the `build` step of `npm test` comes first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';

const entries = ['index.js', 'elements/player/ine-player.js', 'elements/uploader/ine-uploader.js', 'elements/catalog/ine-catalog.js'];

for (const entry of entries) {
  test(`import dist/esm/${entry} in Node`, async () => {
    const url = new URL(`../../dist/esm/${entry}`, import.meta.url);
    assert.ok(existsSync(url), `dist/esm/${entry} exists (run npm run build)`);
    const mod = await import(url.href);
    assert.ok(Object.keys(mod).length > 0, 'module exports something');
  });
}

test('the package entry exposes the plain API', async () => {
  const mod = await import(new URL('../../dist/esm/index.js', import.meta.url).href);
  for (const name of ['configure', 'getConfig', 'sharedCredentials', 'sharedS3Client', 'loginWithPassword', 'registerTranslation']) {
    assert.equal(typeof mod[name], 'function', name);
  }
});
