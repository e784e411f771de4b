/**
 * No single upload holds the packager: uploader A's long clip (within the limits, but slow to
 * encode: two minutes of black 1080p, under a megabyte) is encoding when uploader B's short clip
 * arrives; B's clip is packaged meanwhile (two jobs at once, a slot kept for other uploaders), and
 * A's job, past the per-job time limit, is killed and recorded as failed.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { makeSource } from '../../fixtures/media/make.ts';
import { assertValidRecord } from './contract-check.ts';
import { clipIdFor, recordFor, recordingFfmpeg, startHarness, uploadSource, waitFor, type Harness } from './harness.ts';

const exec = promisify(execFile);
/** Long enough for B's whole job on a loaded machine, far shorter than encoding A. */
const JOB_TIMEOUT_SECONDS = 10;

let h: Harness;
let dir: string;
let ffmpegRuns: Awaited<ReturnType<typeof recordingFfmpeg>>['runs'];

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ine-fair-'));
  const ffmpeg = (...args: string[]) => exec(process.env.INE_FFMPEG_PATH || 'ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  await Promise.all([
    // The attack's shape: long, large and nearly free to store (black frames, no audio). Two
    // seconds are encoded, then repeated without re-encoding: cheap to make, slow to package.
    ffmpeg(
      '-f',
      'lavfi',
      '-i',
      'color=c=black:size=1920x1080:rate=25:duration=2',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-g',
      '50',
      join(dir, 'black-2s.mp4'),
    ),
    makeSource(join(dir, 'short.mp4'), { width: 160, height: 120, seconds: 1, fps: 10 }),
  ]);
  await ffmpeg('-stream_loop', '59', '-i', join(dir, 'black-2s.mp4'), '-c', 'copy', join(dir, 'long.mp4'));
  const recording = await recordingFfmpeg(dir);
  ffmpegRuns = recording.runs;
  process.env.INE_FFMPEG_PATH = recording.path;
  h = await startHarness({ limits: { jobTimeoutSeconds: JOB_TIMEOUT_SECONDS } }); // and the default concurrency
});

after(async () => {
  await h?.close();
  await rm(dir, { recursive: true, force: true });
});

test("uploader B's short clip is packaged while uploader A's long one encodes; A's job is stopped at the time limit", async () => {
  const a = `us-east-1:${randomUUID()}`;
  const b = `us-east-1:${randomUUID()}`;
  // A queues a long clip and then a short one: with one queue both would go before B's.
  const longKey = await uploadSource(h, join(dir, 'long.mp4'), { identityId: a, title: 'Largo A' });
  const secondKey = await uploadSource(h, join(dir, 'short.mp4'), { identityId: a, title: 'Corto A' });
  const longId = await waitFor('the claim of A’s clip', () => clipIdFor(h, longKey));
  // The encoding run, not the short interlace check (`idet`) that reads the same source first.
  const encodingA = await waitFor('ffmpeg encoding A’s clip', async () =>
    (await ffmpegRuns()).find((r) => r.args.includes(`/packager/work/${longId}/`) && !r.args.includes('idet')),
  );

  const shortKey = await uploadSource(h, join(dir, 'short.mp4'), { identityId: b, title: 'Corto B' });
  const shortRec = await waitFor('B’s clip ready', async () => {
    const r = await recordFor(h, shortKey);
    return r && r.status !== 'processing' && r;
  });
  assert.equal(shortRec.status, 'ready', shortRec.failureReason);
  assert.equal((await recordFor(h, longKey))!.status, 'processing', 'A’s clip is still being packaged');
  assert.ok(alive(encodingA.pid), 'A’s ffmpeg is still running when B’s clip is ready');
  assert.equal(await clipIdFor(h, secondKey), undefined, 'A’s second clip waits: A has one slot, the other is kept for other uploaders');

  await h.packager.idle();
  const longRec = (await recordFor(h, longKey))!;
  assertValidRecord(longRec);
  assert.equal(longRec.status, 'failed');
  assert.equal(longRec.failureCode, 'timed-out');
  assert.match(longRec.failureReason!, new RegExp(`longer than the ${JOB_TIMEOUT_SECONDS} s a job may take`));
  assert.equal(alive(encodingA.pid), false, 'A’s ffmpeg was killed');
  assert.equal((await recordFor(h, secondKey))!.status, 'ready', 'A’s next clip ran after the stopped one');
  assert.deepEqual(
    (await readdir(join(h.dataDir, 'packager', 'jobs'))).filter((n) => n.endsWith('.json')),
    [],
    'a timed-out job is finished, not resumed',
  );
});
