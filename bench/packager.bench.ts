/**
 * Packaging speed and size: a 60 s 1280x720 25 fps H.264/AAC source (ffmpeg test pattern + tone)
 * goes through the stand-in's packager end to end (upload manifest → source streamed and hashed →
 * package → outputs uploaded → ready record), once with the ffmpeg ladder (360p/540p/720p, poster,
 * storyboard, one ffmpeg run) and once with the pure-Node remux fallback (the baseline: copying
 * without re-encoding is the least work a packager can do). Then broadcast material: a 60 s
 * 1920x1080 29.97 fps interlaced source (flagged top field first, as off-air recorders write it)
 * through the same end-to-end path (deinterlaced once, before the scale split, into a 4-rung
 * ladder), and the cost of the two broadcast steps on their own: the deinterlacer (decoding with
 * and without bwdif) and caption extraction (a caption track of a QuickTime export, and the full
 * decode the CEA-608-in-SEI path needs).
 * Reported: time as a ratio of real time (packaging seconds / source seconds; goals: 1080i ≤ 1.5,
 * 720p ≤ 0.7), the ffmpeg CPU seconds behind it (CPU / 2 is what the two cores take when nothing
 * else runs), the ratio ffmpeg / remux, and the storage ratio output / source.
 * Env PACKAGER_BENCH_SECONDS changes the source length (default 60).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { startStandIn } from '../server/index.ts';
import { serviceS3Client, startPackager } from '../server/packager/index.ts';
import { makeSource } from '../test/fixtures/media/make.ts';
import { makeCaptioned608Mov, makeInterlaced } from '../test/fixtures/media/broadcast.ts';
import { captionExtractArgs } from '../packaging/captions.ts';
import { deinterlaceFilter } from '../packaging/scan.ts';
import { detectFfmpeg, run as runTool } from '../packaging/tools.ts';
import { recordFor, uploadSource } from '../test/node/packager/harness.ts';

const SECONDS = Number(process.env.PACKAGER_BENCH_SECONDS) || 60;

/**
 * CPU seconds used so far by this process's finished children (ffmpeg and ffprobe runs), from
 * /proc (Linux): what the work costs whatever else the shared machine is doing. 0 elsewhere.
 */
function childCpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, in USER_HZ (100)
  } catch {
    return 0;
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; cpu: number }> {
  const cpu0 = childCpuSeconds();
  const t0 = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - t0) / 1000, cpu: childCpuSeconds() - cpu0 };
}

async function run(
  mode: 'auto' | 'remux',
  src: string,
): Promise<{ seconds: number; cpu: number; outputBytes: number; renditions: string; packager: string; note?: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ine-bench-packager-'));
  const standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir, packager: false });
  const s3 = serviceS3Client(standIn);
  const bucket = standIn.config.bucket;
  const packager = await startPackager({ standIn, mode, log: () => {} });
  try {
    const {
      value: manifestKey,
      seconds,
      cpu,
    } = await timed(async () => {
      const key = await uploadSource({ s3, bucket }, src, { title: `Bench ${mode}` });
      await packager.idle();
      return key;
    });
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
      cpu,
      note: rec.packagerNote,
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
const tools = await detectFfmpeg();
if (!tools) throw new Error('the packager bench needs ffmpeg and ffprobe');
try {
  const src = join(dir, 'source.mp4');
  console.log(`making a ${SECONDS} s 1280x720 25 fps H.264/AAC source…`);
  await makeSource(src, { width: 1280, height: 720, seconds: SECONDS, preset: 'superfast', text: 'Bench' });
  const srcBytes = (await stat(src)).size;
  const remux = await run('remux', src);
  const ladder = await run('auto', src);
  const perMinute = (s: number) => (s * 60) / SECONDS;
  const row = (name: string, r: typeof ladder, bytes = srcBytes) =>
    `${name.padEnd(26)} ${r.seconds.toFixed(2).padStart(7)} s   ${(r.seconds / SECONDS).toFixed(2).padStart(5)}x real time   ffmpeg CPU ${r.cpu.toFixed(1).padStart(6)} s (${(r.cpu / 2 / SECONDS).toFixed(2)}x on 2 idle cores)   ${perMinute(r.seconds).toFixed(1).padStart(6)} s/min   output/source ${(r.outputBytes / bytes).toFixed(2)} (${(r.outputBytes / 1e6).toFixed(1)} MB)   ${r.renditions}`;
  console.log(`source: ${SECONDS} s, ${(srcBytes / 1e6).toFixed(1)} MB (${((srcBytes * 8) / SECONDS / 1e6).toFixed(2)} Mbit/s)`);
  console.log(row('remux (baseline)', remux));
  console.log(row('ffmpeg ladder 720p25', ladder));
  console.log(`ratio ffmpeg ladder / remux: ${(ladder.seconds / remux.seconds).toFixed(1)}x the time`);
  console.log(`  goal 720p: ≤ 0.70x real time → ${ladder.seconds / SECONDS <= 0.7 ? 'met' : 'missed'} (${(ladder.seconds / SECONDS).toFixed(2)}x)`);

  // Broadcast: 1080i 29.97, flagged interlaced (top field first).
  const interlaced = join(dir, 'source-1080i.mp4');
  console.log(`\nmaking a ${SECONDS} s 1920x1080 29.97 fps interlaced (tff, flagged) source…`);
  await makeInterlaced(interlaced, { width: 1920, height: 1080, rate: '30000/1001', seconds: SECONDS, flagged: true });
  const iBytes = (await stat(interlaced)).size;
  console.log(`source: ${(iBytes / 1e6).toFixed(1)} MB (${((iBytes * 8) / SECONDS / 1e6).toFixed(2)} Mbit/s)`);
  const broadcast = await run('auto', interlaced);
  console.log(row('ffmpeg ladder 1080i29.97', broadcast, iBytes));
  console.log(`  packager note: ${broadcast.note ?? '(none)'}`);
  console.log(
    `  goal 1080i: ≤ 1.50x real time → ${broadcast.seconds / SECONDS <= 1.5 ? 'met' : 'missed'} (${(broadcast.seconds / SECONDS).toFixed(2)}x)`,
  );

  // The deinterlacer's cost: decoding the source alone, then decoding it through bwdif (as the ladder does, once, before the split).
  const ff = (args: string[]) => timed(() => runTool(tools.ffmpeg, ['-hide_banner', '-nostdin', '-loglevel', 'error', ...args]));
  const decode = await ff(['-i', interlaced, '-map', '0:v:0', '-f', 'null', '-']);
  const deint = await ff(['-i', interlaced, '-map', '0:v:0', '-vf', deinterlaceFilter('tff'), '-f', 'null', '-']);
  const step = (name: string, wall: number, cpu: number) =>
    `${name.padEnd(40)} ${wall.toFixed(2).padStart(6)} s   CPU ${cpu.toFixed(1).padStart(5)} s   ${((100 * cpu) / broadcast.cpu).toFixed(1).padStart(4)} % of the 1080i ladder's CPU`;
  console.log('\nbroadcast steps (1080i source):');
  console.log(step('decode alone', decode.seconds, decode.cpu));
  console.log(step('deinterlace (bwdif), over the decode', Math.max(0, deint.seconds - decode.seconds), Math.max(0, deint.cpu - decode.cpu)));
  // Captions: CEA-608 in the pictures (SEI) is read through a second full decode (lavfi movie,
  // `subcc`); a caption track (QuickTime c608, tx3g) is read by demuxing only.
  const sei = await ff(['-f', 'lavfi', '-i', `movie=${interlaced}`, '-f', 'null', '-']);
  console.log(step('captions from SEI (a second full decode)', sei.seconds, sei.cpu));
  const mov = join(dir, 'captioned.mov');
  await makeCaptioned608Mov(mov, { seconds: SECONDS });
  const track = await timed(() =>
    runTool(tools.ffmpeg, captionExtractArgs(mov, { kind: 'stream', index: 0, codec: 'eia_608' }, join(dir, 'cc.vtt'))),
  );
  console.log(step('captions from a c608 track (demux only)', track.seconds, track.cpu));
  // Wall-clock figures on a shared 2-core machine: read them with the load they ran under.
  console.log(`\nload average (1 min) at the end: ${loadavg()[0].toFixed(1)} on ${(await import('node:os')).cpus().length} cores`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
