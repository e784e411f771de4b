/**
 * Lighthouse against `npm start`'s public page (the demo built as for production, the stand-in
 * seeded with its sample clip, which the page opens on), in Debian's Chromium with Lighthouse's
 * defaults: mobile emulation, simulated throttling. Accessibility and best practices must be 100 on
 * every run; performance ≥ 90 on the best of up to RUNS runs (Lighthouse's own advice is to look at
 * several runs: on a loaded 2-core machine the main-thread times it measures, and multiplies by its
 * CPU slowdown, swing from run to run). The first run uses Lighthouse's CPU slowdown (4×); the next
 * ones calibrate it to this machine as Lighthouse's "slower CPU than expected" warning asks (4× at
 * its expected benchmark index of 1000, proportionally less on a slower or busier host; at least 1×),
 * so the simulated phone stays the same phone. The largest contentful paint must not be text waiting for
 * JavaScript: it is an image (the clip's poster) or text that is in the served HTML.
 *
 * Heavy (a production build, a packaged sample clip, several Lighthouse runs): it runs alone, after
 * the other node tests (`node scripts/test.mjs lighthouse`, part of `npm test`), not beside them.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { auditPage, calibratedSlowdown, type PageAudit } from '../../scripts/lib/lighthouse.ts';
import { startDemoProcess, type DemoProcess } from '../../scripts/lib/demo-process.ts';

const RUNS = Number(process.env.INE_LIGHTHOUSE_RUNS) || 3;
const tmp = mkdtempSync(join(tmpdir(), 'ine-lighthouse-'));
let demo: DemoProcess;

describe('Lighthouse on the public demo page (mobile, simulated throttling)', { timeout: 900_000 }, () => {
  before(async () => {
    demo = await startDemoProcess(join(tmp, 'data'), { INE_SEED_SECONDS: '6' });
  });
  after(async () => {
    await demo?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('performance ≥ 90 (best run), accessibility 100, best practices 100; the LCP is not text waiting for JavaScript', async () => {
    const html = await (await fetch(`${demo.url}/`)).text();
    const runs: PageAudit[] = [];
    while (runs.length < RUNS) {
      // The first run with Lighthouse's default CPU slowdown; the next ones calibrated to this machine
      // as the last run measured it, when it is slower than Lighthouse expects.
      const prev = runs.at(-1);
      const run = await auditPage(`${demo.url}/`, prev ? calibratedSlowdown(prev.benchmarkIndex) : undefined);
      runs.push(run);
      console.log(
        `lighthouse run ${runs.length}: ${JSON.stringify(run.scores)}, LCP ${run.lcp.ms} ms on ${run.lcp.selector}; CPU ×${run.cpuSlowdownMultiplier.toFixed(2)}, benchmark index ${run.benchmarkIndex}`,
      );
      assert.equal(run.scores.accessibility, 100, `accessibility: ${run.failing.filter((f) => f.startsWith('accessibility')).join('; ')}`);
      assert.equal(run.scores['best-practices'], 100, `best practices: ${run.failing.filter((f) => f.startsWith('best')).join('; ')}`);
      const lcp = run.lcp;
      const isMedia = /^<(img|video|svg|image)\b/i.test(lcp.snippet ?? '') || /\b(img|video)\b[^ ]*$/.test(lcp.selector ?? '');
      assert.ok(isMedia || (lcp.nodeLabel && html.includes(lcp.nodeLabel)), `the LCP element (${lcp.snippet}) is media or text served in the HTML`);
      if (run.scores.performance >= 90) break;
    }
    const best = Math.max(...runs.map((r) => r.scores.performance));
    assert.ok(best >= 90, `performance ${runs.map((r) => r.scores.performance).join(', ')}; to fix: ${runs.at(-1)!.failing.join('; ')}`);
  });
});
