// custom-elements.json must be what `npm run analyze` generates from the current source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

test('custom-elements.json is fresh and lists the elements', () => {
  const root = new URL('../../', import.meta.url).pathname;
  // The analyzer resolves --outdir against its working directory, so keep it inside the repo.
  const outdir = join('test', '.tmp', `cem-${process.pid}`);
  try {
    execFileSync(join(root, 'node_modules/.bin/cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', outdir], {
      cwd: root,
      stdio: 'pipe',
    });
    const fresh = readFileSync(join(root, outdir, 'custom-elements.json'), 'utf8');
    const committed = readFileSync(join(root, 'custom-elements.json'), 'utf8');
    assert.equal(committed, fresh, 'custom-elements.json is stale: run `npm run analyze` and commit it');
    const manifest = JSON.parse(committed);
    const tags = manifest.modules
      .flatMap((m: { declarations?: Array<{ tagName?: string }> }) => (m.declarations ?? []).map((d) => d.tagName))
      .filter(Boolean);
    assert.deepEqual([...tags].sort(), ['ine-approvals', 'ine-catalog', 'ine-player', 'ine-uploader']);
  } finally {
    rmSync(join(root, outdir), { recursive: true, force: true });
  }
});
