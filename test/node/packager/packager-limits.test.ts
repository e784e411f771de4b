/**
 * The local packager's limits (packaging/limits.ts), set low here: a source over any of them
 * fails with its code and a readable reason BEFORE ffmpeg encodes anything (seen through an ffmpeg
 * that notes its runs). And only the exact manifest key shape starts packaging: other `.json` files
 * in an uploader's folder make no clip record.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { claimKey } from '../../../packaging/clip-store.ts';
import { makeSource } from '../../fixtures/media/make.ts';
import { assertValidRecord, assertValidUploadStatus } from './contract-check.ts';
import { clipIdFor, getText, recordFor, recordingFfmpeg, startHarness, uploadSource, type Harness } from './harness.ts';

let h: Harness;
let dir: string;
let ffmpegRuns: Awaited<ReturnType<typeof recordingFfmpeg>>['runs'];
const keys: Record<string, string> = {};
const f = (n: string) => join(dir, `${n}.mp4`);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ine-limits-'));
  await Promise.all([
    makeSource(f('within'), { width: 160, height: 120, seconds: 1, fps: 10, audio: false }),
    makeSource(f('too-long'), { width: 160, height: 120, seconds: 5, fps: 10, audio: false }),
    makeSource(f('too-wide'), { width: 640, height: 360, seconds: 1, fps: 10, audio: false }),
    makeSource(f('too-tall'), { width: 120, height: 400, seconds: 1, fps: 10, audio: false }),
    makeSource(f('too-fast'), { width: 160, height: 120, seconds: 1, fps: 50, audio: false }),
    makeSource(f('too-big'), { width: 320, height: 240, seconds: 2.5, fps: 25 }),
  ]);
  // The size limit sits just under the largest source, which every other one stays below.
  const sizes = Object.fromEntries(
    await Promise.all(['within', 'too-long', 'too-wide', 'too-tall', 'too-fast', 'too-big'].map(async (n) => [n, (await stat(f(n))).size])),
  ) as Record<string, number>;
  const maxBytes = sizes['too-big'] - 1;
  for (const [n, size] of Object.entries(sizes))
    if (n !== 'too-big') assert.ok(size < maxBytes, `test setup: ${n} (${size} B) must be under ${maxBytes} B`);

  const recording = await recordingFfmpeg(dir);
  ffmpegRuns = recording.runs;
  process.env.INE_FFMPEG_PATH = recording.path;
  h = await startHarness({ limits: { maxDurationSeconds: 3, maxLongSide: 320, maxShortSide: 240, maxFps: 30, maxBytes } });
  for (const n of Object.keys(sizes)) keys[n] = await uploadSource(h, f(n), { title: `Límite ${n}` });
  await h.packager.idle();
});

after(async () => {
  await h?.close();
  await rm(dir, { recursive: true, force: true });
});

/** ffmpeg runs that read this clip's source (the packager's work folder is named after the clip). */
const encodesOf = async (manifestKey: string) => {
  const id = (await clipIdFor(h, manifestKey))!;
  return (await ffmpegRuns()).filter((r) => r.args.includes(`/packager/work/${id}/`));
};

test('a source within the limits is packaged (and the recording ffmpeg sees its encoding)', async () => {
  const rec = (await recordFor(h, keys.within))!;
  assert.equal(rec.status, 'ready', rec.failureReason);
  assert.ok((await encodesOf(keys.within)).length >= 1);
  // The uploader's view, next to its manifest.
  const status = JSON.parse((await getText(h, keys.within.replace(/\.json$/, '.status.json')))!);
  assert.deepEqual(status, {
    schemaVersion: 1,
    videoId: rec.id,
    status: 'ready',
    stage: 'review',
    published: false,
    title: 'Límite within',
    updatedAt: rec.updatedAt,
  });
  assertValidUploadStatus(status);
});

for (const [name, code, reason] of [
  ['too-long', 'too-long', /lasts 5 s; the packager accepts at most 3 s/],
  ['too-wide', 'resolution-too-high', /640x360; the packager accepts at most 320x240/],
  ['too-tall', 'resolution-too-high', /120x400; the packager accepts at most 320x240/],
  ['too-fast', 'frame-rate-too-high', /50 frames per second; the packager accepts at most 30/],
  ['too-big', 'file-too-large', /bytes; the packager accepts at most \d+ bytes/],
] as const) {
  test(`over a limit (${name}): failed with code ${code} and a readable reason, before any encoding`, async () => {
    const rec = (await recordFor(h, keys[name]))!;
    assertValidRecord(rec);
    assert.equal(rec.status, 'failed');
    assert.equal(rec.failureCode, code);
    assert.match(rec.failureReason!, reason);
    assert.deepEqual(await encodesOf(keys[name]), [], 'ffmpeg never ran for it');
    // The uploader's view: the code and its figures, no prose; of the metadata only its own title.
    const status = JSON.parse((await getText(h, keys[name].replace(/\.json$/, '.status.json')))!);
    assert.deepEqual(status, {
      schemaVersion: 1,
      videoId: rec.id,
      status: 'failed',
      stage: 'failed',
      published: false,
      title: `Límite ${name}`,
      failureCode: code,
      ...(rec.failureParams ? { failureParams: rec.failureParams } : {}),
      updatedAt: rec.updatedAt,
    });
    assertValidUploadStatus(status);
    assert.ok(
      h.logs.some((l) => l.includes(rec.id) && l.includes('failed')),
      'the failure is logged',
    );
  });
}

test('only uploads/<identity id>/<upload id>.json is a manifest: other .json files make no clip record', async () => {
  const identity = `us-east-1:${randomUUID()}`;
  const upload = randomBytes(16).toString('hex');
  const body = JSON.stringify({ schemaVersion: 1, key: `uploads/${identity}/${upload}.mp4`, sha256: '0'.repeat(64), size: 1 });
  const records = async () => {
    const page = await h.s3.send(new ListObjectsV2Command({ Bucket: h.bucket, Prefix: 'media/' }));
    return (page.Contents ?? []).filter((o) => o.Key!.endsWith('/video.json')).length;
  };
  const before = await records();
  const notManifests = [
    `uploads/${identity}/${upload}\\x.json`, // a backslash
    `uploads/${identity}/notes.json`, // not an upload id
    `uploads/${identity}/${upload.toUpperCase()}.json`,
    `uploads/${identity}/${upload}/${upload}.json`, // a sub-folder
    `uploads/${identity}/${upload}.JSON`,
    `uploads/not-an-identity/${upload}.json`,
    `uploads/${identity}:x/${upload}.json`,
  ];
  for (const Key of notManifests) await h.s3.send(new PutObjectCommand({ Bucket: h.bucket, Key, Body: body, ContentType: 'application/json' }));
  await h.packager.idle();
  for (const key of notManifests) assert.equal(await getText(h, claimKey(key)), undefined, `no clip claimed for ${key}`);
  assert.equal(await records(), before, 'no clip record was made');
});
