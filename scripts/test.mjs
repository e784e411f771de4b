#!/usr/bin/env node
// `npm test`: everything, in order, failing fast with a non-zero exit on the first failure.
//   node scripts/test.mjs [types|lint|node|build|browser|lighthouse ...]  runs only those steps
//   TEST_FILTER=substring                                            narrows node and browser test files
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './lib/run.mjs';

// Node 20: silence the AWS SDK's notice about its 2027 releases for every test process (why, and
// when to remove this: server/node-support.ts and README "Node versions").
if (Number(process.versions.node.split('.')[0]) < 22) process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const only = new Set(process.argv.slice(2));
const want = (step) => only.size === 0 || only.has(step);
const filter = process.env.TEST_FILTER ?? '';

function find(dir, suffix) {
  const out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    const p = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (statSync(p).isDirectory()) out.push(...find(p, suffix));
    else if (p.endsWith(suffix) && p.includes(filter)) out.push(p);
  }
  return out;
}

// Node tests measured against the machine's own speed: each runs alone, after the others.
const SERIAL = ['demo-lighthouse.test.ts'];

const t0 = Date.now();
const step = async (name, fn) => {
  if (!want(name)) return;
  console.log(`\n=== ${name} ===`);
  await fn();
};

try {
  await step('types', () => run('npm', ['run', '--silent', 'typecheck']));
  await step('lint', () => run('npm', ['run', '--silent', 'lint']));
  await step('build', () => run('npm', ['run', '--silent', 'build']));
  await step('node', async () => {
    const files = find('test/node', '.test.ts').filter((f) => !SERIAL.some((s) => f.endsWith(s)));
    if (!files.length) throw new Error('no node test files found');
    // The player's retry test drives its timers with node:test's MockTimers, experimental until
    // Node 23: its one-line notice says nothing about this code, so it is not printed.
    await run(process.execPath, [
      '--disable-warning=ExperimentalWarning',
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=2',
      '--test-reporter=spec',
      ...files,
    ]);
  });
  await step('browser', async () => {
    const files = find('test/browser', '.test.ts');
    if (!files.length) throw new Error('no browser test files found');
    await run('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs'], { env: { ...process.env, WTR_FILES: files.join(',') } });
  });
  await step('lighthouse', async () => {
    const files = find('test/node', '.test.ts').filter((f) => SERIAL.some((s) => f.endsWith(s)));
    if (files.length) await run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files]);
  });
  console.log(`\nAll test steps passed in ${Math.round((Date.now() - t0) / 1000)} s`);
} catch (e) {
  console.error(`\nFAILED: ${e.message}`);
  process.exit(1);
}
