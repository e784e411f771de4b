/**
 * Broadcast material through the local packager with real ffmpeg: sources made by ffmpeg
 * (test/fixtures/media/broadcast.ts), packaged through a real stand-in, outputs read back through
 * S3 and checked with ffprobe and ffmpeg's idet.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import HLS from 'hls-parser';
import type { MasterPlaylist } from 'hls-parser/types.js';
import { countFrames, idetCounts, makeInterlaced, makeVfr } from '../../fixtures/media/broadcast.ts';
import { makeSource } from '../../fixtures/media/make.ts';
import { parityOfIdet } from '../../../server/packager/scan.ts';
import type { VideoRecord } from '../../../src/contract/index.ts';
import { assertPlayableClip } from './contract-check.ts';
import { getText, recordFor, startHarness, uploadSource, type Harness } from './harness.ts';
import { renditionFile } from './media-files.ts';

let h: Harness;
let dir: string;
const keys: Record<string, string> = {};
const f = (n: string) => join(dir, n);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ine-broadcast-'));
  await Promise.all([
    makeInterlaced(f('i25-flagged.mp4'), { rate: '25', flagged: true }),
    makeInterlaced(f('i25-unflagged.mp4'), { rate: '25', flagged: false }),
    makeInterlaced(f('i2997-flagged.mp4'), { rate: '30000/1001', flagged: true, seconds: 2 }),
    makeSource(f('progressive.mp4'), { width: 320, height: 240, seconds: 3, audio: false }),
    makeVfr(f('vfr.mp4'), { seconds: 4 }),
  ]);
  h = await startHarness();
  for (const name of ['i25-flagged', 'i25-unflagged', 'i2997-flagged', 'progressive', 'vfr']) keys[name] = await uploadSource(h, f(`${name}.mp4`), { title: name });
  await h.packager.idle();
});

after(async () => {
  await h?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function readyClip(name: string): Promise<VideoRecord> {
  const rec = (await recordFor(h, keys[name]))!;
  await assertPlayableClip(h, rec, { source: { width: 320, height: 240 }, audio: false, packager: 'ffmpeg' });
  return rec;
}

/** The top rendition as a local file. */
async function topRendition(rec: VideoRecord, name: string): Promise<string> {
  const dest = f(`${name}-out.mp4`);
  await renditionFile(h, rec.id, rec.renditions[rec.renditions.length - 1].uri, dest);
  return dest;
}

const frameRateOf = async (rec: VideoRecord) => (HLS.parse((await getText(h, `media/${rec.id}/master.m3u8`))!) as MasterPlaylist).variants[0].frameRate;

for (const [name, label, fps] of [
  ['i25-flagged', '25i flagged interlaced', 25],
  ['i25-unflagged', '25i re-wrapped as progressive (found by idet)', 25],
  ['i2997-flagged', '29.97i', 29.97],
] as const) {
  test(`${label}: deinterlaced at the source frame rate, every frame kept, no combing left`, async () => {
    const rec = await readyClip(name);
    assert.match(rec.packagerNote ?? '', /Interlaced source \(top field first/);
    if (name === 'i25-unflagged') assert.match(rec.packagerNote!, /detected in the picture/);
    assert.equal(await frameRateOf(rec), fps);
    const src = await idetCounts(f(`${name}.mp4`));
    assert.equal(parityOfIdet(src), 'tff', `the source is interlaced (${JSON.stringify(src)})`);
    const out = await topRendition(rec, name);
    const counts = await idetCounts(out);
    const classified = counts.tff + counts.bff + counts.progressive;
    assert.equal(parityOfIdet(counts), null, `output still interlaced: ${JSON.stringify(counts)}`);
    assert.ok(counts.tff + counts.bff <= classified * 0.2, `at most 20 % of frames look interlaced: ${JSON.stringify(counts)}`);
    const [inFrames, outFrames] = [await countFrames(f(`${name}.mp4`)), await countFrames(out)];
    assert.ok(Math.abs(outFrames - inFrames) <= inFrames * 0.01, `frame count ${outFrames} within 1 % of the source's ${inFrames}`);
  });
}

test('progressive source whose fine moving detail fools idet frame by frame: not deinterlaced', async () => {
  const rec = await readyClip('progressive');
  assert.equal(rec.packagerNote, undefined);
  assert.equal(await frameRateOf(rec), 25);
});

test('variable frame rate (29.97 fps with a stretch at a third of that): coded at 29.97, frames repeated only in the gap', async () => {
  const rec = await readyClip('vfr');
  assert.match(rec.packagerNote ?? '', /Variable frame rate .*constant 29\.97/);
  assert.equal(await frameRateOf(rec), 29.97);
  const out = await topRendition(rec, 'vfr');
  const expected = Math.round(rec.durationSeconds! * 30000 / 1001);
  const frames = await countFrames(out);
  assert.ok(Math.abs(frames - expected) <= expected * 0.01, `${frames} frames, expected ${expected} ± 1 %`);
});
