/**
 * Lighthouse (the npm package) against a page, in Debian's Chromium (headless, no sandbox), with
 * Lighthouse's defaults: mobile emulation and simulated throttling (a mid-range phone on slow 4G,
 * computed from the trace rather than by slowing this machine, so a loaded machine changes the
 * figures little; on a host slower than Lighthouse expects, `calibratedSlowdown` keeps the simulated
 * phone the same). Used by test/node/demo-lighthouse.test.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';

export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';

export interface PageAudit {
  /** 0–100 per category: performance, accessibility, best-practices. */
  scores: Record<string, number>;
  /** Audits of those categories that did not pass, with their titles: what to fix. */
  failing: string[];
  /** The largest contentful paint: its time (simulated, ms) and element (a selector and an HTML snippet). */
  lcp: { ms: number; selector?: string; snippet?: string; nodeLabel?: string };
  /** Lighthouse's measure of this machine's CPU at the start of the run (it expects ≥ 1000), and the CPU slowdown used. */
  benchmarkIndex: number;
  cpuSlowdownMultiplier: number;
}

/** Lighthouse's default CPU slowdown for mobile, and the host speed it assumes for it (below it, Lighthouse warns). */
const DEFAULT_SLOWDOWN = 4;
const EXPECTED_BENCHMARK_INDEX = 1000;

/**
 * The CPU slowdown that simulates the same phone on a host slower than Lighthouse expects, as its
 * "slower CPU than Lighthouse expects" warning asks (docs/throttling.md, "calibrating multipliers"):
 * the default scaled by how much slower the host measured, never below 1 and never above the default.
 */
export function calibratedSlowdown(benchmarkIndex: number): number {
  if (!(benchmarkIndex > 0)) return DEFAULT_SLOWDOWN;
  return Math.max(1, Math.min(DEFAULT_SLOWDOWN, (DEFAULT_SLOWDOWN * benchmarkIndex) / EXPECTED_BENCHMARK_INDEX));
}

/** A headless Chromium listening for DevTools on a free port; `close()` ends it and removes its profile. */
async function startChromium(): Promise<{ port: number; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'ine-lighthouse-'));
  const child: ChildProcess = spawn(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    child.kill();
    // Chromium writes its profile until it has exited.
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  };
  const port = await new Promise<number>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d;
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`Chromium exited (${code}) before listening: ${err.slice(-500)}`)));
  }).catch(async (e) => {
    await close();
    throw e;
  });
  return { port, close };
}

/** Audit `url` once (performance, accessibility, best practices); `cpuSlowdownMultiplier` defaults to Lighthouse's. */
export async function auditPage(url: string, cpuSlowdownMultiplier = DEFAULT_SLOWDOWN): Promise<PageAudit> {
  const chromium = await startChromium();
  try {
    const result = await lighthouse(url, {
      port: chromium.port,
      logLevel: 'error',
      output: 'json',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
      // Only the CPU slowdown changes; the rest of the throttling (slow 4G, simulated) stays Lighthouse's.
      throttling: { cpuSlowdownMultiplier } as NonNullable<Parameters<typeof lighthouse>[1]>['throttling'],
    });
    if (!result) throw new Error('Lighthouse gave no result');
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const scores: Record<string, number> = {};
    const failing: string[] = [];
    for (const [id, cat] of Object.entries(lhr.categories)) {
      scores[id] = Math.round((cat.score ?? 0) * 100);
      for (const ref of cat.auditRefs) {
        const a = lhr.audits[ref.id];
        if (ref.weight > 0 && a.score !== null && a.score < 1) failing.push(`${id}: ${a.id} (${a.displayValue ?? a.score}) ${a.title}`);
      }
    }
    const lcpItems = (
      lhr.audits['largest-contentful-paint-element']?.details as { items?: Array<{ items?: Array<{ node?: Record<string, string> }> }> }
    )?.items;
    const node = lcpItems?.[0]?.items?.[0]?.node;
    return {
      scores,
      failing,
      benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
      cpuSlowdownMultiplier: lhr.configSettings.throttling.cpuSlowdownMultiplier,
      lcp: {
        ms: Math.round(lhr.audits['largest-contentful-paint'].numericValue ?? NaN),
        selector: node?.selector,
        snippet: node?.snippet,
        nodeLabel: node?.nodeLabel,
      },
    };
  } finally {
    await chromium.close();
  }
}
