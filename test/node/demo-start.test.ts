/**
 * `npm start`'s demo: the pages are built as for production against the script-tag bundle (what an
 * INE page loads), and a port already in use ends the start with the variable that moves it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildDemo } from '../../scripts/lib/demo-build.ts';

const repo = new URL('../..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'ine-demo-start-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm start', () => {
  it('builds the demo pages against the script-tag bundle, with no development modules', { timeout: 120_000 }, async () => {
    const site = await buildDemo(join(tmp, 'build'));
    for (const page of ['index.html', 'admin.html']) {
      const html = readFileSync(join(site, page), 'utf8');
      assert.match(html, /<script type="module" src="\/lib\/ine-elements\.js"[^>]*><\/script>/, page);
      assert.doesNotMatch(html, /\/src\/|@vite\/client|\.ts"/, `${page} loads no development module`);
      assert.doesNotMatch(html, /%INE_STAND_IN%/, `${page} points at the stand-in`);
    }
    assert.ok(existsSync(join(site, 'lib/ine-elements.js')), 'the loader');
    assert.ok(
      readdirSync(join(site, 'lib/chunks')).some((f) => f.startsWith('ine-player')),
      "the player's lazy chunk",
    );
  });

  it('the README lists every environment variable the stand-in, the packager and the start script read', () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const read = new Set<string>();
    const scan = (dir: string) => {
      for (const e of readdirSync(join(repo, dir), { withFileTypes: true })) {
        const rel = join(dir, e.name);
        if (e.isDirectory()) scan(rel);
        else if (e.name.endsWith('.ts'))
          for (const m of readFileSync(join(repo, rel), 'utf8').matchAll(/\bINE_[A-Z0-9_]*[A-Z0-9]\b/g)) read.add(m[0]);
      }
    };
    for (const dir of ['server', 'packaging', 'scripts/lib']) scan(dir);
    for (const m of readFileSync(join(repo, 'scripts/start.ts'), 'utf8').matchAll(/\bINE_[A-Z0-9_]*[A-Z0-9]\b/g)) read.add(m[0]);
    assert.ok(read.size > 20, 'found the variables');
    const missing = [...read].filter((v) => !readme.includes(`\`${v}\``));
    assert.deepEqual(missing, [], 'variables the README does not name');
  });

  it('a port already in use names the variable to change, without a stack trace', { timeout: 60_000 }, async () => {
    const busy = createServer();
    const port = await new Promise<number>((resolve) => busy.listen(0, '127.0.0.1', () => resolve((busy.address() as { port: number }).port)));
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
        cwd: repo,
        env: { ...process.env, INE_LOCAL_PORT: String(port), INE_CDN_PORT: '0', INE_LOCAL_DATA: join(tmp, 'data') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      assert.equal(code, 1, out);
      assert.match(out, new RegExp(`port ${port} is already in use.*INE_LOCAL_PORT`));
      assert.doesNotMatch(out, /\n\s+at /, 'no stack trace');
    } finally {
      busy.close();
    }
  });
});
