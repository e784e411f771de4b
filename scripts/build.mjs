#!/usr/bin/env node
// `npm run build`: (a) ES modules + declarations for npm users (tsc, dependencies external),
// (b) the script-tag bundle dist/ine-elements.js with lazy chunks (vite).
import { rmSync } from 'node:fs';
import { run } from './lib/run.mjs';

rmSync('dist', { recursive: true, force: true });
await run('npx', ['tsc', '-p', 'tsconfig.build.json']);
await run('npx', ['vite', 'build', '--logLevel', 'warn']);
console.log('build: dist/esm (npm) and dist/ine-elements.js (script tag) written');
