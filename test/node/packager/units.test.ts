/** The packager's pure parts: ladder, storyboard, ffmpeg plan, manifest and record rules, mp4 checks. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { planLadder } from '../../../packaging/ladder.ts';
import { planStoryboard, storyboardVtt } from '../../../packaging/storyboard.ts';
import { planFfmpeg } from '../../../packaging/ffmpeg-package.ts';
import { checkMp4Structure } from '../../../packaging/mp4-boxes.ts';
import { PackagingFailure } from '../../../packaging/errors.ts';
import { assertPackageable, sourceInfoFromFfprobe } from '../../../packaging/probe.ts';
import { DEFAULT_LIMITS, assertSizeWithinLimits, assertSourceWithinLimits, resolveLimits } from '../../../packaging/limits.ts';
import { timecodeOf } from '../../../infra/packaging/job-settings.ts';
import { failedRecord, newVideoId, parseUploadManifest, processingRecord, readyRecord, reprocessingRecord } from '../../../packaging/record.ts';
import { makeSource, makeTextFile, truncateFile } from '../../fixtures/media/make.ts';
import { assertValidManifest, assertValidRecord } from './contract-check.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ine-units-'));
});
after(() => rm(dir, { recursive: true, force: true }));

test('ladder: rungs no larger than the source, aspect kept, even sizes, portrait by the short side', () => {
  const sizes = (w: number, h: number) => planLadder(w, h).map((r) => `${r.name}:${r.width}x${r.height}`);
  assert.deepEqual(sizes(1920, 1080), ['360p:640x360', '540p:960x540', '720p:1280x720', '1080p:1920x1080']);
  assert.deepEqual(sizes(3840, 2160), ['360p:640x360', '540p:960x540', '720p:1280x720', '1080p:1920x1080']);
  assert.deepEqual(sizes(1280, 720), ['360p:640x360', '540p:960x540', '720p:1280x720']);
  assert.deepEqual(sizes(720, 1280), ['360p:360x640', '540p:540x960', '720p:720x1280']);
  assert.deepEqual(sizes(640, 360), ['360p:640x360']);
  assert.deepEqual(sizes(640, 480), ['360p:480x360']);
  assert.deepEqual(sizes(320, 240), ['240p:320x240'], 'a tiny source keeps its own size');
  for (const [w, h] of [
    [1918, 1078],
    [1440, 1080],
    [1080, 1920],
    [853, 480],
  ]) {
    for (const r of planLadder(w, h)) {
      assert.equal(r.width % 2, 0);
      assert.equal(r.height % 2, 0);
      assert.ok(Math.min(r.width, r.height) <= Math.min(w, h) + 1);
      assert.ok(Math.abs(r.width / r.height - w / h) < 0.02);
    }
  }
});

test('storyboard: bounded tile count, cues tile the duration and point inside the grid', () => {
  const p = planStoryboard(20, 1280, 720);
  assert.deepEqual([p.interval, p.count, p.columns, p.rows, p.tileWidth, p.tileHeight], [1, 20, 10, 2, 160, 90]);
  const long = planStoryboard(3600, 1920, 1080);
  assert.ok(long.count <= 120 && long.interval === 30);
  const portrait = planStoryboard(10, 720, 1280);
  assert.deepEqual([portrait.tileWidth, portrait.tileHeight], [90, 160]);
  const vtt = storyboardVtt(p, 19.5);
  const cues = vtt.split('\n').filter((l) => l.includes('-->'));
  assert.equal(cues.length, 20);
  assert.equal(cues[0], '00:00:00.000 --> 00:00:01.000');
  assert.equal(cues[19], '00:00:19.000 --> 00:00:19.500');
  assert.match(vtt, /storyboard\.jpg#xywh=1440,90,160,90/);
});

test('ffmpeg plan: one invocation, fixed 2 s GOP, fMP4 HLS, per-rung bitrate caps, poster and sprite outputs', () => {
  const plan = planFfmpeg('/in.mp4', '/out', {
    durationSeconds: 20,
    video: { codec: 'h264', width: 1280, height: 720, fps: 25, sourceFps: 25 },
    audio: { codec: 'aac', channels: 2, sampleRate: 48000 },
  });
  const a = plan.args.join(' ');
  assert.equal(plan.args.filter((x) => x === '-i').length, 1);
  assert.match(a, /split=5/);
  assert.match(a, /-g 50 -keyint_min 50 -sc_threshold 0/);
  assert.match(a, /-hls_time 2 .*-hls_segment_type fmp4/);
  assert.match(a, /-var_stream_map v:0,a:0,name:360p v:1,a:1,name:540p v:2,a:2,name:720p/);
  assert.match(a, /-maxrate:v:2 3500000/);
  assert.match(a, /-preset veryfast/);
  assert.match(a, /select=eq\(n\\,50\)/, 'poster at 10 % of the duration');
  assert.match(a, /poster\.jpg/);
  assert.match(a, /tile=10x2/);
  const silent = planFfmpeg('/in.mp4', '/out', { durationSeconds: 4, video: { codec: 'h264', width: 640, height: 360, fps: 30, sourceFps: 30 } });
  assert.match(silent.args.join(' '), /-var_stream_map v:0,name:360p/);
  assert.match(silent.args.join(' '), /-g 60 /);
  const audio = planFfmpeg('/in.mp4', '/out', { durationSeconds: 4, audio: { codec: 'aac', channels: 1, sampleRate: 44100 } });
  assert.match(audio.args.join(' '), /-var_stream_map a:0,name:audio/);
  assert.equal(audio.poster, null);
});

test('probe rules: display size from SAR and rotation; empty and trackless files fail readably', () => {
  const info = sourceInfoFromFfprobe({
    streams: [{ codec_type: 'video', codec_name: 'h264', width: 1440, height: 1080, sample_aspect_ratio: '4:3', avg_frame_rate: '30000/1001' }],
    format: { duration: '12.5' },
  });
  assert.deepEqual(info.video, { codec: 'h264', width: 1920, height: 1080, fps: 29.97, sourceFps: 30000 / 1001 });
  const fast = sourceInfoFromFfprobe({
    streams: [{ codec_type: 'video', codec_name: 'h264', width: 640, height: 360, avg_frame_rate: '120/1' }],
    format: { duration: '2' },
  });
  assert.deepEqual([fast.video!.fps, fast.video!.sourceFps], [60, 120], 'the encoder caps at 60; the limits see the source’s own rate');
  const rotated = sourceInfoFromFfprobe({
    streams: [{ codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, side_data_list: [{ rotation: -90 }] }],
    format: { duration: '3' },
  });
  assert.deepEqual([rotated.video!.width, rotated.video!.height], [1080, 1920]);
  assert.throws(
    () => assertPackageable({ durationSeconds: 3 }),
    (e: PackagingFailure) => e.code === 'no-media-track' && /no video track/.test(e.reason),
  );
  assert.throws(
    () => assertPackageable({ durationSeconds: 0, video: { codec: 'h264', width: 640, height: 360, fps: 25, sourceFps: 25 } }),
    (e: PackagingFailure) => e.code === 'zero-duration',
  );
  assert.throws(
    () => assertPackageable({ durationSeconds: 3, video: { codec: 'none', width: 640, height: 360, fps: 25, sourceFps: 25 } }),
    (e: PackagingFailure) => e.code === 'unsupported-codec',
  );
});

test('mp4 structure: real mp4s pass; text, empty and truncated files get their own reasons', async () => {
  const ok = join(dir, 'ok.mp4');
  const fast = join(dir, 'fast.mp4');
  await makeSource(ok, { width: 320, height: 240, seconds: 2 });
  await makeSource(fast, { width: 320, height: 240, seconds: 2, faststart: true });
  assert.ok((await checkMp4Structure(ok)).some((b) => b.type === 'moov'));
  await checkMp4Structure(fast);
  const text = join(dir, 'text.mp4');
  await makeTextFile(text);
  await assert.rejects(checkMp4Structure(text), (e: PackagingFailure) => e.code === 'not-mp4');
  const empty = join(dir, 'empty.mp4');
  await writeFile(empty, '');
  await assert.rejects(checkMp4Structure(empty), (e: PackagingFailure) => e.code === 'not-mp4');
  for (const src of [ok, fast]) {
    const cut = join(dir, 'cut.mp4');
    await truncateFile(src, cut);
    await assert.rejects(checkMp4Structure(cut), (e: PackagingFailure) => e.code === 'truncated' && /truncated/.test(e.reason));
    // Allowed to be cut: only after the index (moov first); without the index nothing can play.
    if (src === fast) {
      const boxes = await checkMp4Structure(cut, { allowCutTail: true });
      assert.ok(boxes.some((b) => b.type === 'moov' && !b.cut));
      assert.deepEqual([boxes[boxes.length - 1].type, boxes[boxes.length - 1].cut], ['mdat', true]);
    } else {
      await assert.rejects(
        checkMp4Structure(cut, { allowCutTail: true }),
        (e: PackagingFailure) => e.code === 'truncated' && /index \(moov\)/.test(e.reason) && e.params?.fileBytes !== undefined,
      );
    }
  }
});

const manifestFor = (key: string, extra: object = {}) => ({
  schemaVersion: 1,
  key,
  identityId: 'us-east-1:abc',
  size: 10,
  sha256: 'b'.repeat(64),
  contentType: 'video/mp4',
  fileName: 'nota.mp4',
  metadata: { title: '  Nota  ', tags: ['a', ' b ', ''], state: 'Oaxaca' },
  uploadedAt: '2027-01-01T00:00:00.000Z',
  ...extra,
});

test('upload manifests: schema-valid ones parse; a manifest never points at another upload', () => {
  const key = 'uploads/us-east-1:0a0a0a0a-0000-4000-8000-000000000abc/0123456789abcdef0123456789abcdef.json';
  const raw = manifestFor('uploads/us-east-1:0a0a0a0a-0000-4000-8000-000000000abc/0123456789abcdef0123456789abcdef.mp4');
  assertValidManifest({ ...raw, metadata: { title: 'Nota', tags: ['a'] } });
  assert.throws(() => assertValidManifest(raw), /tags/, 'the schema refuses empty tags…');
  // …but packaging is lenient with what it can clean up: the upload is not lost for a stray blank.
  const m = parseUploadManifest(JSON.stringify(raw), key);
  assert.equal(m.metadata.title, 'Nota');
  assert.deepEqual(m.metadata.tags, ['a', 'b']);
  assert.throws(
    () =>
      parseUploadManifest(
        JSON.stringify(manifestFor('uploads/us-east-1:0a0a0a0a-0000-4000-8000-0000000other/0123456789abcdef0123456789abcdef.mp4')),
        key,
      ),
    /must describe/,
  );
  assert.throws(() => parseUploadManifest('{nope', key), /not valid JSON/);
  assert.throws(() => parseUploadManifest(JSON.stringify({ ...raw, schemaVersion: 2 }), key), /schemaVersion 2/);
  assert.throws(() => parseUploadManifest(JSON.stringify({ ...raw, sha256: 'xyz' }), key), /SHA-256/);
});

test('records: processing → ready → failed stay schema-valid; admin edits survive reprocessing', () => {
  const m = parseUploadManifest(
    JSON.stringify(manifestFor('uploads/us-east-1:0a0a0a0a-0000-4000-8000-000000000abc/0123456789abcdef0123456789abcdef.mp4')),
    'uploads/us-east-1:0a0a0a0a-0000-4000-8000-000000000abc/0123456789abcdef0123456789abcdef.json',
  );
  const id = newVideoId();
  assert.match(id, /^[0-9a-f]{32}$/);
  assert.notEqual(id, newVideoId());
  const p = processingRecord(id, m);
  assertValidRecord(p);
  assert.equal(p.published, false);
  const edited = { ...p, metadata: { ...p.metadata, title: 'Editado' }, published: true, publishedAt: '2027-01-02T00:00:00.000Z' };
  const again = reprocessingRecord(edited, m);
  assert.equal(again.metadata.title, 'Editado');
  assert.equal(again.published, true);
  assert.equal(again.createdAt, p.createdAt);
  const ready = readyRecord(p, {
    packager: 'ffmpeg',
    durationSeconds: 4.0004,
    width: 1280,
    height: 720,
    poster: 'poster.jpg',
    storyboard: 'storyboard.vtt',
    renditions: [
      { width: 1280, height: 720, bandwidth: 3_000_000, averageBandwidth: 2_000_000, codecs: 'avc1.64001f,mp4a.40.2', uri: '720p/index.m3u8' },
      { width: 640, height: 360, bandwidth: 700_000, averageBandwidth: 500_000, codecs: 'avc1.64001e,mp4a.40.2', uri: '360p/index.m3u8' },
    ],
  });
  assertValidRecord(ready);
  assert.deepEqual(
    ready.renditions.map((r) => r.height),
    [360, 720],
  );
  const failed = failedRecord(ready, 'The file is truncated.');
  assertValidRecord(failed);
  assert.equal(failed.master, undefined);
  assert.deepEqual(failed.renditions, []);
  assert.equal(failed.failureCode, undefined, 'a bare reason has no code');
  const timedOut = failedRecord(ready, new PackagingFailure('timed-out', 'Packaging took too long.'));
  assertValidRecord(timedOut);
  assert.deepEqual([timedOut.failureCode, timedOut.failureReason], ['timed-out', 'Packaging took too long.']);
  const readyAgain = readyRecord(timedOut, {
    packager: 'ffmpeg',
    durationSeconds: 3,
    width: 640,
    height: 360,
    poster: null,
    storyboard: null,
    renditions: ready.renditions,
  });
  assertValidRecord(readyAgain);
  assert.deepEqual([readyAgain.failureCode, readyAgain.failureReason], [undefined, undefined], 'a later success clears the failure');
});

test('packaging limits: defaults, environment overrides, bad values refused loudly, checks by long and short side', () => {
  assert.deepEqual(resolveLimits({}, {}), DEFAULT_LIMITS);
  const fromEnv = resolveLimits(
    { maxFps: 25 },
    { INE_PACKAGER_MAX_SECONDS: '90', INE_PACKAGER_JOB_TIMEOUT_SECONDS: '30', INE_PACKAGER_MAX_FPS: '50' },
  );
  assert.deepEqual([fromEnv.maxDurationSeconds, fromEnv.jobTimeoutSeconds, fromEnv.maxFps], [90, 30, 25], 'env over defaults, options over env');
  for (const bad of ['0', '-1', 'abc', 'Infinity'])
    assert.throws(() => resolveLimits({}, { INE_PACKAGER_MAX_BYTES: bad }), /INE_PACKAGER_MAX_BYTES\) must be a positive number/);
  const video = (width: number, height: number, sourceFps = 25) => ({
    durationSeconds: 10,
    video: { codec: 'h264', width, height, fps: Math.min(60, sourceFps), sourceFps },
  });
  const code = (f: () => void) => {
    try {
      f();
      return 'ok';
    } catch (e) {
      return (e as PackagingFailure).code;
    }
  };
  const l = DEFAULT_LIMITS;
  assert.equal(
    code(() => assertSourceWithinLimits(video(3840, 2160), l)),
    'ok',
  );
  assert.equal(
    code(() => assertSourceWithinLimits(video(2160, 3840), l)),
    'ok',
    'portrait 4K too',
  );
  assert.equal(
    code(() => assertSourceWithinLimits(video(4096, 2160), l)),
    'resolution-too-high',
  );
  assert.equal(
    code(() => assertSourceWithinLimits(video(1920, 1080, 60000 / 1001), l)),
    'ok',
  );
  assert.equal(
    code(() => assertSourceWithinLimits(video(1920, 1080, 60.4), l)),
    'ok',
    'half a frame of slack',
  );
  assert.equal(
    code(() => assertSourceWithinLimits(video(1920, 1080, 120), l)),
    'frame-rate-too-high',
  );
  assert.equal(
    code(() => assertSourceWithinLimits({ durationSeconds: 4 * 3600 + 1, audio: { codec: 'aac', channels: 2, sampleRate: 48000 } }, l)),
    'too-long',
  );
  assert.equal(
    code(() => assertSizeWithinLimits(l.maxBytes, l)),
    'ok',
  );
  assert.equal(
    code(() => assertSizeWithinLimits(l.maxBytes + 1, l)),
    'file-too-large',
  );
});

test('MediaConvert input clipping: whole seconds as a zero-based timecode, within one day', () => {
  assert.equal(timecodeOf(4 * 3600), '04:00:00:00');
  assert.equal(timecodeOf(3725.9), '01:02:05:00');
  assert.equal(timecodeOf(30 * 3600), '23:59:59:00');
});
