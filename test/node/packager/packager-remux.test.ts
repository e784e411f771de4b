/**
 * The pure-Node fallback (no ffmpeg on the machine; forced here with mode 'remux', as
 * INE_PACKAGER_FORCE_REMUX=1 does): one remuxed rendition, no poster or storyboard, said in the log
 * and the record. ffmpeg is used only to make the test sources.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeSource, makeTextFile } from '../../fixtures/media/make.ts';
import { assertPlayableClip, assertValidRecord } from './contract-check.ts';
import { recordFor, startHarness, uploadSource, type Harness } from './harness.ts';

let h: Harness;
let dir: string;
const keys: Record<string, string> = {};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ine-remux-'));
  await makeSource(join(dir, 'h264.mp4'), { width: 1280, height: 720, seconds: 5 });
  await makeSource(join(dir, 'mpeg4.mp4'), { width: 640, height: 360, seconds: 3, videoCodec: 'mpeg4' });
  await makeTextFile(join(dir, 'text.mp4'));
  h = await startHarness({ mode: 'remux' });
  for (const n of ['h264', 'mpeg4', 'text']) keys[n] = await uploadSource(h, join(dir, `${n}.mp4`));
  await h.packager.idle();
});

after(async () => {
  await h?.close();
  await rm(dir, { recursive: true, force: true });
});

test('H.264/AAC source: a single remuxed fMP4 rendition, ready, with packager "remux" and a note', async () => {
  const rec = (await recordFor(h, keys.h264))!;
  await assertPlayableClip(h, rec, { source: { width: 1280, height: 720 }, audio: true, packager: 'remux' });
  assert.equal(rec.renditions.length, 1);
  assert.equal(rec.renditions[0].uri, 'source/index.m3u8');
  assert.match(rec.packagerNote!, /remux/i);
  assert.ok(
    h.logs.some((l) => /remux/.test(l) && /ready/.test(l)),
    'the log says the clip was remuxed',
  );
  assert.ok(
    h.logs.some((l) => /remux forced|ffmpeg\/ffprobe not found/.test(l)),
    'the fallback is announced at start',
  );
});

test('a codec that cannot be remuxed (MPEG-4 Part 2) fails with "codec" in the reason', async () => {
  const rec = (await recordFor(h, keys.mpeg4))!;
  assertValidRecord(rec);
  assert.equal(rec.status, 'failed');
  assert.match(rec.failureReason!, /codec/i);
  assert.equal(rec.packager, 'remux');
});

test('not an mp4: failed the same way as with ffmpeg', async () => {
  const rec = (await recordFor(h, keys.text))!;
  assert.equal(rec.status, 'failed');
  assert.match(rec.failureReason!, /not an MP4/i);
});
