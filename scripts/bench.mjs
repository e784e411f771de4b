#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) in turn.
// Each bench prints its figures as ratios against a baseline measured in the same run.
import { readdirSync } from 'node:fs';
import { run } from './lib/run.mjs';

const names = process.argv.slice(2);
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => names.length === 0 || names.some((n) => f.includes(n)))
  .sort();
for (const f of files) {
  console.log(`\n=== bench/${f} ===`);
  await run(process.execPath, ['--import', 'tsx', `bench/${f}`]);
}
