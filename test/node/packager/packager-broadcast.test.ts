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
import type { MasterPlaylist, MediaPlaylist } from 'hls-parser/types.js';
import {
  CEA608_CUES,
  channelRmsDb,
  countFrames,
  cutAfterIndex,
  cutFile,
  idetCounts,
  makeCaptioned608Mov,
  makeCentreOnly51,
  makeInterlaced,
  makeTwoLanguages,
  makeTx3g,
  makeVfr,
  probeStreams,
} from '../../fixtures/media/broadcast.ts';
import { vttCues } from '../../../packaging/captions.ts';
import { makeSource } from '../../fixtures/media/make.ts';
import { assertValidRecord } from './contract-check.ts';
import { parityOfIdet } from '../../../packaging/scan.ts';
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
    makeTwoLanguages(f('two-languages.mp4')),
    makeTwoLanguages(f('two-languages-radio.mp4'), { video: false }),
    makeCentreOnly51(f('surround.mp4')),
    makeCaptioned608Mov(f('cc608.mov')),
    makeTx3g(f('tx3g.mp4')),
    makeSource(f('recording.mp4'), { width: 320, height: 240, seconds: 5, faststart: true }),
  ]);
  // A recorder that crashed at 70 %, and one that crashed just after writing the index.
  await cutFile(f('recording.mp4'), f('cut70.mp4'), 0.7);
  await cutAfterIndex(f('recording.mp4'), f('cut-at-start.mp4'), 300);
  h = await startHarness();
  for (const name of [
    'i25-flagged',
    'i25-unflagged',
    'i2997-flagged',
    'progressive',
    'vfr',
    'two-languages',
    'two-languages-radio',
    'surround',
    'tx3g',
    'cut70',
    'cut-at-start',
  ]) {
    keys[name] = await uploadSource(h, f(`${name}.mp4`), { title: name });
  }
  keys.cc608 = await uploadSource(h, f('cc608.mov'), { title: 'cc608' });
  await h.packager.idle();
});

after(async () => {
  await h?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function readyClip(name: string, opts: { audio?: boolean; video?: boolean } = {}): Promise<VideoRecord> {
  const rec = (await recordFor(h, keys[name]))!;
  await assertPlayableClip(h, rec, {
    source: opts.video === false ? null : { width: 320, height: 240 },
    audio: opts.audio ?? false,
    packager: 'ffmpeg',
  });
  return rec;
}

/** The top rendition as a local file. */
async function topRendition(rec: VideoRecord, name: string): Promise<string> {
  const dest = f(`${name}-out.mp4`);
  await renditionFile(h, rec.id, rec.renditions[rec.renditions.length - 1].uri, dest);
  return dest;
}

const frameRateOf = async (rec: VideoRecord) =>
  (HLS.parse((await getText(h, `media/${rec.id}/master.m3u8`))!) as MasterPlaylist).variants[0].frameRate;

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
  const expected = Math.round((rec.durationSeconds! * 30000) / 1001);
  const frames = await countFrames(out);
  assert.ok(Math.abs(frames - expected) <= expected * 0.01, `${frames} frames, expected ${expected} ± 1 %`);
});

const master = async (rec: VideoRecord) => HLS.parse((await getText(h, `media/${rec.id}/master.m3u8`))!) as MasterPlaylist;

test('video with Spanish and English audio: demuxed, every track its own rendition in one audio group with its language, Spanish default', async () => {
  const name = 'two-languages';
  const rec = await readyClip(name, { audio: true });
  assert.deepEqual(rec.audioTracks, [
    { lang: 'es', label: 'Español', default: true, channels: 1, uri: 'audio_es/index.m3u8' },
    { lang: 'en', label: 'English', default: false, channels: 1, uri: 'audio_en/index.m3u8' },
  ]);
  const m = await master(rec);
  for (const v of m.variants) {
    assert.deepEqual(
      v.audio.map((a) => [a.language, a.name, a.isDefault, a.autoselect, a.uri]),
      [
        ['es', 'Español', true, true, 'audio_es/index.m3u8'],
        ['en', 'English', false, true, 'audio_en/index.m3u8'],
      ],
      'every variant refers to the group; every track has a playlist of its own',
    );
    assert.match(v.codecs!, /^avc1\.[0-9a-f]+,mp4a\.40\.2$/, "CODECS lists the group's audio codec too");
  }
  // The video renditions carry no audio; each language is its own rendition, tagged, as long as the clip.
  const main = f(`${name}-main.mp4`);
  await renditionFile(h, rec.id, rec.renditions[0].uri, main);
  assert.deepEqual(
    (await probeStreams(main)).map((s) => s.codec_type),
    ['video'],
  );
  for (const [folder, iso] of [
    ['audio_es', 'spa'],
    ['audio_en', 'eng'],
  ]) {
    const file = f(`${name}-${folder}.mp4`);
    await renditionFile(h, rec.id, `${folder}/index.m3u8`, file);
    assert.deepEqual(
      (await probeStreams(file)).map((s) => [s.codec_type, s.tags?.language, s.channels]),
      [['audio', iso, 2]],
    );
    const playlist = (await getText(h, `media/${rec.id}/${folder}/index.m3u8`))!;
    const seconds = [...playlist.matchAll(/#EXTINF:([\d.]+)/g)].reduce((a, x) => a + Number(x[1]), 0);
    assert.ok(Math.abs(seconds - rec.durationSeconds!) < 0.1, `${folder} lasts ${seconds} s like the clip (${rec.durationSeconds} s)`);
  }
});

test('audio-only source with Spanish and English audio: the Spanish track is the variant itself, English its own rendition', async () => {
  const name = 'two-languages-radio';
  const rec = await readyClip(name, { audio: true, video: false });
  assert.deepEqual(rec.audioTracks, [
    { lang: 'es', label: 'Español', default: true, channels: 1 },
    { lang: 'en', label: 'English', default: false, channels: 1, uri: 'audio_en/index.m3u8' },
  ]);
  const m = await master(rec);
  for (const v of m.variants) {
    assert.deepEqual(
      v.audio.map((a) => [a.language, a.name, a.isDefault, a.autoselect, a.uri]),
      [
        ['es', 'Español', true, true, undefined],
        ['en', 'English', false, true, 'audio_en/index.m3u8'],
      ],
    );
  }
  const main = f(`${name}-main.mp4`);
  await renditionFile(h, rec.id, rec.renditions[0].uri, main);
  assert.deepEqual(
    (await probeStreams(main)).filter((s) => s.codec_type === 'audio').map((s) => s.tags?.language),
    ['spa'],
  );
  const english = f(`${name}-en.mp4`);
  await renditionFile(h, rec.id, 'audio_en/index.m3u8', english);
  assert.deepEqual(
    (await probeStreams(english)).map((s) => [s.codec_type, s.tags?.language, s.channels]),
    [['audio', 'eng', 2]],
  );
});

test('5.1 source: downmixed to stereo with the centre channel at -3 dB in each side (ITU-R BS.775)', async () => {
  const rec = await readyClip('surround', { audio: true });
  assert.deepEqual(rec.audioTracks, [{ lang: 'es', label: 'Español', default: true, channels: 6 }]);
  const [centre] = (await channelRmsDb(f('surround.mp4'))).filter(Number.isFinite);
  const out = f('surround-out.mp4');
  await renditionFile(h, rec.id, rec.renditions[0].uri, out);
  const [left, right, ...more] = await channelRmsDb(out);
  assert.equal(more.length, 0, 'stereo');
  for (const side of [left, right])
    assert.ok(Math.abs(side - (centre - 3.01)) < 0.5, `centre ${centre} dB → ${side} dB in each side, expected ${centre - 3.01}`);
});

/** The record's captions, each with its cues (read back through S3), and the master's subtitle group. */
async function captionsOf(rec: VideoRecord) {
  const m = await master(rec);
  const group = m.variants[0].subtitles.map((t) => [t.language, t.name, t.isDefault, t.uri]);
  for (const v of m.variants) assert.equal(v.subtitles.length, group.length, 'every variant refers to the subtitle group');
  const tracks = [];
  for (const c of rec.captions ?? []) {
    const vtt = (await getText(h, `media/${rec.id}/${c.uri}`))!;
    assert.match(vtt, /^WEBVTT/);
    const playlist = HLS.parse((await getText(h, `media/${rec.id}/${c.uri.replace(/\.vtt$/, '.m3u8')}`))!) as MediaPlaylist;
    assert.equal(playlist.endlist, true);
    assert.equal(`captions/${playlist.segments[0].uri}`, c.uri, "the subtitle playlist's one segment is the WebVTT file");
    tracks.push({ ...c, cues: vttCues(vtt) });
  }
  return { group, tracks };
}

test('.mov with CEA-608 captions (c608 track) and a timecode track: captions to WebVTT in the programme language, timed; timecode kept', async () => {
  const rec = await readyClip('cc608', { audio: true });
  assert.deepEqual(rec.timecode, { start: '10:00:00:00', frameRate: 29.97 });
  const { group, tracks } = await captionsOf(rec);
  assert.deepEqual(group, [['es', 'Español (CC)', false, 'captions/es.m3u8']]);
  assert.deepEqual(
    tracks.map((t) => [t.lang, t.label, t.uri]),
    [['es', 'Español (CC)', 'captions/es.vtt']],
  );
  const cues = tracks[0].cues;
  assert.deepEqual(
    cues.map((c) => c.text),
    CEA608_CUES.map((c) => c.text),
  );
  cues.forEach((c, i) =>
    assert.ok(Math.abs(c.start - CEA608_CUES[i].at) < 0.1, `cue ${i} at ${c.start} s, sent at ${CEA608_CUES[i].at.toFixed(3)} s`),
  );
  assert.ok(cues.every((c) => c.end > c.start && c.end <= rec.durationSeconds! + 0.1));
});

test('tx3g (mov_text) subtitles in Spanish and English: both converted to WebVTT with their cue times', async () => {
  const rec = await readyClip('tx3g');
  assert.equal(rec.timecode, undefined);
  const { group, tracks } = await captionsOf(rec);
  assert.deepEqual(group, [
    ['es', 'Español', false, 'captions/es.m3u8'],
    ['en', 'English', false, 'captions/en.m3u8'],
  ]);
  assert.deepEqual(
    tracks.map((t) => [t.lang, t.cues.map((c) => [c.start, c.end, c.text])]),
    [
      [
        'es',
        [
          [0.5, 1.5, 'Buenas noches'],
          [1.8, 2.6, 'Comenzamos'],
        ],
      ],
      [
        'en',
        [
          [0.5, 1.5, 'Good evening'],
          [1.8, 2.6, 'We begin'],
        ],
      ],
    ],
  );
});

test('recording cut at 70 % (index first): packaged up to the last complete sample, every kept frame there, marked incomplete with the seconds lost', async () => {
  const rec = await readyClip('cut70', { audio: true });
  assert.ok(rec.incomplete);
  const kept = rec.durationSeconds!;
  assert.ok(kept > 2.5 && kept < 4.5, `about 70 % of 5 s plays (${kept} s)`);
  assert.ok(Math.abs(kept + rec.incomplete.lostSeconds - 5) < 0.05, `${kept} s + ${rec.incomplete.lostSeconds} s lost = 5 s`);
  assert.match(rec.packagerNote!, /cut short: packaged up to its last complete sample/);
  const out = await topRendition(rec, 'cut70');
  const frames = await countFrames(out);
  assert.ok(Math.abs(frames - kept * 25) <= kept * 25 * 0.01 + 1, `${frames} frames for ${kept} s at 25 fps`);
});

test('recording cut right after its index: nothing plays, failed "truncated" with the figures', async () => {
  const rec = (await recordFor(h, keys['cut-at-start']))!;
  assertValidRecord(rec);
  assert.equal(rec.status, 'failed');
  assert.equal(rec.failureCode, 'truncated');
  assert.match(rec.failureReason!, /only 0 s are complete/);
  assert.deepEqual(rec.failureParams, { durationSeconds: 5, playableSeconds: 0 });
});
