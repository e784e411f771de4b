/**
 * How long a short clip waits behind a long one. Uploader A uploads a long, tiny-but-slow clip
 * (black 1080p60 frames: what one hostile or careless upload looks like), then uploader B uploads a
 * short one. Measured: B's time from its upload to its `ready` record,
 *  - baseline: one job at a time in arrival order (the packager before per-uploader fairness; it is
 *    what `concurrency: 1` still does), so B waits for A's whole encoding;
 *  - now: the default packager (2 jobs at once, one slot kept for other uploaders);
 *  - reference: B's clip alone, on an idle packager.
 * Env PACKAGER_FAIRNESS_SECONDS sets the long clip's length (default 30 s; the report that found
 * the problem used 10 minutes, which waits proportionally longer in the baseline).
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startStandIn } from '../server/index.ts';
import { serviceS3Client, startPackager } from '../server/packager/index.ts';
import { makeSource } from '../test/fixtures/media/make.ts';
import { recordFor, uploadSource, waitFor } from '../test/node/packager/harness.ts';

const exec = promisify(execFile);
const LONG_SECONDS = Number(process.env.PACKAGER_FAIRNESS_SECONDS) || 30;

interface Run {
  /** B's upload → B's ready record. */
  shortSeconds: number;
  /** Whether A's long clip was still being packaged when B's was ready. */
  longStillRunning: boolean;
}

async function run(concurrency: number | undefined, files: { long?: string; short: string }): Promise<Run> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ine-bench-fair-'));
  const standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir, packager: false });
  const s3 = serviceS3Client(standIn);
  const h = { s3, bucket: standIn.config.bucket };
  const packager = await startPackager({ standIn, log: () => {}, ...(concurrency ? { concurrency } : {}) });
  try {
    const longKey = files.long ? await uploadSource(h, files.long, { identityId: `us-east-1:${randomUUID()}`, title: 'Largo' }) : undefined;
    const t0 = performance.now();
    const shortKey = await uploadSource(h, files.short, { identityId: `us-east-1:${randomUUID()}`, title: 'Corto' });
    const rec = await waitFor(
      'the short clip',
      async () => {
        const r = await recordFor(h, shortKey);
        return r && r.status !== 'processing' && r;
      },
      3600_000,
    );
    const shortSeconds = (performance.now() - t0) / 1000;
    if (rec.status !== 'ready') throw new Error(`short clip not ready: ${rec.failureReason}`);
    const longStillRunning = longKey ? (await recordFor(h, longKey))?.status !== 'ready' : false;
    return { shortSeconds, longStillRunning };
  } finally {
    await packager.close(); // aborts A's job if it is still encoding
    s3.destroy();
    await standIn.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const dir = await mkdtemp(join(tmpdir(), 'ine-bench-fair-src-'));
try {
  const ffmpeg = (...args: string[]) => exec(process.env.INE_FFMPEG_PATH || 'ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  const long = join(dir, 'long.mp4');
  const short = join(dir, 'short.mp4');
  console.log(`making a ${LONG_SECONDS} s black 1080p60 clip (uploader A) and a 4 s 640x360 clip (uploader B)…`);
  await ffmpeg(
    '-f',
    'lavfi',
    '-i',
    'color=c=black:size=1920x1080:rate=60:duration=2',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-g',
    '120',
    join(dir, 'black-2s.mp4'),
  );
  await ffmpeg('-stream_loop', String(Math.max(0, Math.ceil(LONG_SECONDS / 2) - 1)), '-i', join(dir, 'black-2s.mp4'), '-c', 'copy', long);
  await makeSource(short, { width: 640, height: 360, seconds: 4 });
  console.log(
    `long clip: ${LONG_SECONDS} s, ${((await stat(long)).size / 1e6).toFixed(2)} MB; short clip: ${((await stat(short)).size / 1e6).toFixed(2)} MB`,
  );

  const alone = await run(undefined, { short });
  const now = await run(undefined, { long, short });
  const baseline = await run(1, { long, short });
  const row = (name: string, r: Run) =>
    `${name.padEnd(44)} ${r.shortSeconds.toFixed(1).padStart(7)} s   ${(r.shortSeconds / alone.shortSeconds).toFixed(1).padStart(6)}x alone${r.longStillRunning ? '   (long clip still encoding)' : ''}`;
  console.log(row('short clip alone (reference)', alone));
  console.log(row('behind the long clip, one queue (baseline)', baseline));
  console.log(row('behind the long clip, fair queue (now)', now));
  console.log(
    `ratio now / baseline: ${(now.shortSeconds / baseline.shortSeconds).toFixed(3)} (${(baseline.shortSeconds / now.shortSeconds).toFixed(1)}x sooner)`,
  );
  console.log(`load average (1 min) at the end: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
