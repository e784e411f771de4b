/**
 * Packaging speed and size: a 60 s 1280x720 25 fps H.264/AAC source (ffmpeg test pattern + tone)
 * goes through the stand-in's packager end to end (upload manifest → source streamed and hashed →
 * package → outputs uploaded → ready record), once with the ffmpeg ladder (360p/540p/720p, poster,
 * storyboard, one ffmpeg run) and once with the pure-Node remux fallback (the baseline: copying
 * without re-encoding is the least work a packager can do).
 * Reported: seconds of packaging per minute of source, speed as a multiple of real time, the ratio
 * ffmpeg / remux, and the storage ratio output / source for each.
 * Env PACKAGER_BENCH_SECONDS changes the source length (default 60).
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { startStandIn } from '../server/index.ts';
import { serviceS3Client, startPackager } from '../server/packager/index.ts';
import { makeSource } from '../test/fixtures/media/make.ts';
import { recordFor, uploadSource } from '../test/node/packager/harness.ts';

const SECONDS = Number(process.env.PACKAGER_BENCH_SECONDS) || 60;

async function run(mode: 'auto' | 'remux', src: string): Promise<{ seconds: number; outputBytes: number; renditions: string; packager: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ine-bench-packager-'));
  const standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir, packager: false });
  const s3 = serviceS3Client(standIn);
  const bucket = standIn.config.bucket;
  const packager = await startPackager({ standIn, mode, log: () => {} });
  try {
    const t0 = performance.now();
    const manifestKey = await uploadSource({ s3, bucket }, src, { title: `Bench ${mode}` });
    await packager.idle();
    const seconds = (performance.now() - t0) / 1000;
    const rec = await recordFor({ s3, bucket }, manifestKey);
    if (rec?.status !== 'ready') throw new Error(`bench clip not ready: ${rec?.failureReason}`);
    let outputBytes = 0;
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `media/${rec.id}/`, ContinuationToken: token }));
      for (const o of page.Contents ?? []) if (!o.Key!.endsWith('video.json')) outputBytes += o.Size ?? 0;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return {
      seconds,
      outputBytes,
      renditions: rec.renditions.map((r) => `${r.height}p ${((r.averageBandwidth ?? r.bandwidth) / 1e6).toFixed(2)} Mbit/s`).join(', '),
      packager: rec.packager!,
    };
  } finally {
    await packager.close();
    s3.destroy();
    await standIn.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const dir = await mkdtemp(join(tmpdir(), 'ine-bench-src-'));
try {
  const src = join(dir, 'source.mp4');
  console.log(`making a ${SECONDS} s 1280x720 25 fps H.264/AAC source…`);
  await makeSource(src, { width: 1280, height: 720, seconds: SECONDS, preset: 'superfast', text: 'Bench' });
  const srcBytes = (await stat(src)).size;
  const remux = await run('remux', src);
  const ladder = await run('auto', src);
  const perMinute = (s: number) => (s * 60) / SECONDS;
  const row = (name: string, r: typeof ladder) =>
    `${name.padEnd(22)} ${r.seconds.toFixed(2).padStart(7)} s   ${perMinute(r.seconds).toFixed(2).padStart(7)} s/min of source   ${(SECONDS / r.seconds).toFixed(1).padStart(6)}x real time   output/source ${(r.outputBytes / srcBytes).toFixed(2)} (${(r.outputBytes / 1e6).toFixed(1)} MB)   ${r.renditions}`;
  console.log(`source: ${SECONDS} s, ${(srcBytes / 1e6).toFixed(1)} MB (${((srcBytes * 8) / SECONDS / 1e6).toFixed(2)} Mbit/s)`);
  console.log(row('remux (baseline)', remux));
  console.log(row('ffmpeg ladder', ladder));
  console.log(`ratio ffmpeg ladder / remux: ${(ladder.seconds / remux.seconds).toFixed(1)}x the time`);
  // Wall-clock figures on a shared 2-core machine: read them with the load they ran under.
  console.log(`load average (1 min) at the end: ${loadavg()[0].toFixed(1)} on ${(await import('node:os')).cpus().length} cores`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
