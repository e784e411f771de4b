/**
 * The local packager end to end with real ffmpeg: sources made by ffmpeg, uploaded with the real
 * SDK to a real stand-in, packaged on the 'object-created' event, and checked against the contract.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { makeEmptyMp4, makeUnknownCodecMp4, makeSource, makeTextFile, truncateFile } from '../../fixtures/media/make.ts';
import { assertPlayableClip, assertValidRecord } from './contract-check.ts';
import { getText, recordFor, startHarness, uploadSource, type Harness } from './harness.ts';
import { s3FragmentSource } from '../../../src/catalog/fragments/source.ts';

let h: Harness;
let dir: string;
const keys: Record<string, string> = {};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ine-src-'));
  const f = (n: string) => join(dir, n);
  await Promise.all([
    makeSource(f('landscape.mp4'), { width: 1920, height: 1080, seconds: 5 }),
    makeSource(f('portrait.mp4'), { width: 720, height: 1280, seconds: 4 }),
    makeSource(f('audio-only.mp4'), { video: false, seconds: 4 }),
    makeSource(f('silent-360.mp4'), { width: 640, height: 360, seconds: 4, audio: false }),
    makeSource(f('faststart.mp4'), { width: 640, height: 360, seconds: 4, faststart: true }),
  ]);
  await truncateFile(f('landscape.mp4'), f('truncated.mp4'));
  await truncateFile(f('faststart.mp4'), f('truncated-faststart.mp4'));
  await makeTextFile(f('text.mp4'));
  await makeEmptyMp4(f('zero.mp4'));
  await makeUnknownCodecMp4(f('silent-360.mp4'), f('codec.mp4'));
  await copyFile(f('silent-360.mp4'), f('mismatch.mp4'));

  h = await startHarness();
  for (const name of ['landscape', 'portrait', 'audio-only', 'silent-360', 'truncated', 'truncated-faststart', 'text', 'zero', 'codec']) {
    keys[name] = await uploadSource(h, f(`${name}.mp4`), { title: `Prueba ${name}` });
  }
  keys.mismatch = await uploadSource(h, f('mismatch.mp4'), { sha256: 'a'.repeat(64) });
  await h.packager.idle();
});

after(async () => {
  await h?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('landscape 1080p: 360p, 540p, 720p and 1080p renditions with poster and storyboard', async () => {
  const rec = (await recordFor(h, keys.landscape))!;
  await assertPlayableClip(h, rec, { source: { width: 1920, height: 1080 }, audio: true, packager: 'ffmpeg' });
  assert.deepEqual(
    rec.renditions.map((r) => `${r.width}x${r.height}`),
    ['640x360', '960x540', '1280x720', '1920x1080'],
  );
  assert.equal(rec.metadata.title, 'Prueba landscape');
  assert.deepEqual(rec.metadata.tags, ['prueba', 'empaquetado']);
  assert.equal(rec.width, 1920);
  assert.ok(Math.abs(rec.durationSeconds! - 5) < 0.2);
});

test('portrait 720x1280: scaled by the short side, never taller than the source', async () => {
  const rec = (await recordFor(h, keys.portrait))!;
  await assertPlayableClip(h, rec, { source: { width: 720, height: 1280 }, audio: true, packager: 'ffmpeg' });
  assert.deepEqual(
    rec.renditions.map((r) => `${r.width}x${r.height}`),
    ['360x640', '540x960', '720x1280'],
  );
});

test('audio-only source: one audio-only rendition, no poster or storyboard, and a note', async () => {
  const rec = (await recordFor(h, keys['audio-only']))!;
  await assertPlayableClip(h, rec, { source: null, audio: true, packager: 'ffmpeg' });
  assert.deepEqual(
    rec.renditions.map((r) => [r.width, r.height, r.uri]),
    [[0, 0, 'audio/index.m3u8']],
  );
  assert.match(rec.packagerNote!, /audio-only/i);
});

test('640x360 without audio: one video-only rendition (CODECS without mp4a)', async () => {
  const rec = (await recordFor(h, keys['silent-360']))!;
  await assertPlayableClip(h, rec, { source: { width: 640, height: 360 }, audio: false, packager: 'ffmpeg' });
  assert.equal(rec.renditions.length, 1);
});

async function assertFailed(name: string, reason: RegExp) {
  const rec = (await recordFor(h, keys[name]))!;
  assert.ok(rec, `a record exists for ${name}, so the admin sees the failure`);
  assertValidRecord(rec);
  assert.equal(rec.status, 'failed');
  assert.match(rec.failureReason!, reason);
  assert.equal(rec.master, undefined);
  const listed = await h.s3.send(new ListObjectsV2Command({ Bucket: h.bucket, Prefix: `media/${rec.id}/` }));
  assert.deepEqual(
    listed.Contents?.map((o) => o.Key),
    [`media/${rec.id}/video.json`],
    'a failed clip leaves nothing but its record',
  );
}

test('truncated file (moov lost): failed, "truncated": nothing can play without the index', () =>
  assertFailed('truncated', /truncated.*index \(moov\)/i));

test('truncated file (moov first, media cut at half): salvaged up to the last complete sample, marked incomplete with the lost duration', async () => {
  const rec = (await recordFor(h, keys['truncated-faststart']))!;
  await assertPlayableClip(h, rec, { source: { width: 640, height: 360 }, audio: true, packager: 'ffmpeg' });
  assert.ok(rec.incomplete, 'marked incomplete');
  assert.ok(rec.durationSeconds! >= 1 && rec.durationSeconds! < 3.5, `plays ${rec.durationSeconds} s of 4`);
  assert.ok(
    Math.abs(rec.durationSeconds! + rec.incomplete.lostSeconds - 4) < 0.1,
    `${rec.durationSeconds} s kept + ${rec.incomplete.lostSeconds} s lost = 4 s`,
  );
  assert.match(rec.packagerNote!, /cut short/);
});
test('text file renamed .mp4: failed, "not an MP4"', () => assertFailed('text', /not an MP4/i));
test('mp4 without frames: failed, "zero duration"', () => assertFailed('zero', /zero duration/i));
test('a codec no decoder knows: failed, "codec"', () => assertFailed('codec', /codec this packager cannot decode/i));
test('SHA-256 mismatch: failed with that reason', () => assertFailed('mismatch', /SHA-256.*does not match/i));

test('the admin index lists every clip (drafts and failures); the public catalog lists none of them', async () => {
  await h.standIn.indexed();
  const open = (c: 'index' | 'catalog') =>
    s3FragmentSource({ read: async (key) => (await getText(h, key).then((t) => (t ? JSON.parse(t) : undefined))) as never }, c).open();
  const index = (await open('index'))!;
  const pub = await open('catalog');
  for (const [name, status] of [
    ['landscape', 'ready'],
    ['text', 'failed'],
  ] as const) {
    const rec = (await recordFor(h, keys[name]))!;
    const a = await index.query({ text: rec.metadata.title });
    const entry = (await index.entries(a, 0, a.total)).find((e) => e.id === rec.id);
    assert.ok(entry, `${name} is in the admin index`);
    assert.equal(entry.status, status);
    if (pub) {
      const b = await pub.query({ text: rec.metadata.title });
      assert.ok(!(await pub.entries(b, 0, b.total)).some((e) => e.id === rec.id), 'drafts are not public');
    }
  }
});

test('every job was logged and nothing is left queued', async () => {
  assert.equal(h.logs.filter((l) => /clip [0-9a-f]{32} ready \(ffmpeg/.test(l)).length, 5);
  assert.equal(h.logs.filter((l) => /clip [0-9a-f]{32} .*failed:/.test(l)).length, 5);
  const jobs = await readdir(join(h.dataDir, 'packager', 'jobs'));
  assert.deepEqual(
    jobs.filter((n) => n.endsWith('.json')),
    [],
  );
});
