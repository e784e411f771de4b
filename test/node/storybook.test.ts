// Storybook build smoke test: builds offline into a temporary folder and checks that every
// element has stories in Spanish and English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

test('storybook builds with no network and has stories for each element in both languages', { timeout: 600_000 }, () => {
  const root = new URL('../../', import.meta.url).pathname;
  const out = mkdtempSync(join(tmpdir(), 'sb-'));
  try {
    execFileSync(join(root, 'node_modules/.bin/storybook'), ['build', '--disable-telemetry', '--quiet', '-o', out], {
      cwd: root,
      stdio: 'pipe',
      env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', CI: 'true' },
    });
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as { entries: Record<string, { title: string; name: string }> };
    const entries = Object.values(index.entries);
    for (const tag of ['ine-player', 'ine-uploader', 'ine-catalog', 'ine-approvals']) {
      const mine = entries.filter((e) => e.title.endsWith(tag));
      assert.ok(mine.length >= 2, `${tag} has stories`);
      assert.ok(
        mine.some((e) => /english/i.test(e.name)),
        `${tag} has an English story`,
      );
      assert.ok(
        mine.some((e) => /espa/i.test(e.name)),
        `${tag} has a Spanish story`,
      );
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
