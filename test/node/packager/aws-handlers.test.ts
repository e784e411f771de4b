/**
 * The AWS Lambda handlers (infra/packaging) against the local stand-in's S3 with the real SDK.
 * MediaConvert itself cannot run here: its client is replaced by a test double that records the
 * CreateJob request, and the job's outputs are written the way MediaConvert names them before the
 * "job finished" event is delivered. Everything else (S3, records) is real.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { randomBytes, randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { CreateJobCommand, CreateJobCommandInput } from '@aws-sdk/client-mediaconvert';
import { audioTracksFromMaster, createHandlers, type S3Event, type SubmitResult } from '../../../infra/packaging/handlers.ts';
import { needsAlternateAudio } from '../../../src/playback/alternate-audio.ts';
import { claimKey } from '../../../packaging/clip-store.ts';
import { DEFAULT_LIMITS, type PackagingLimits } from '../../../packaging/limits.ts';
import { makeSource, makeTextFile } from '../../fixtures/media/make.ts';
import { makeCaptioned608Mov, makeCentreOnly51, makeTwoLanguages, makeVfr } from '../../fixtures/media/broadcast.ts';
import { assertValidRecord } from './contract-check.ts';
import { getText, recordFor, startHarness, uploadSource, type Harness } from './harness.ts';

const exec = promisify(execFile);
let h: Harness;
let dir: string;
const submitted: CreateJobCommandInput[] = [];
let handlers: ReturnType<typeof createHandlers>;
const ROLE = 'arn:aws:iam::123456789012:role/ine-mediaconvert';

/** An S3 notification as AWS sends it (keys URL-encoded, ':' as %3A). */
const s3Event = (bucket: string, key: string): S3Event => ({
  Records: [{ s3: { bucket: { name: bucket }, object: { key: encodeURIComponent(key).replace(/%2F/g, '/') } } }],
});

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ine-aws-'));
  await Promise.all([
    makeSource(join(dir, 'landscape.mp4'), { width: 1920, height: 1080, seconds: 3 }),
    makeSource(join(dir, 'portrait.mp4'), { width: 720, height: 1280, seconds: 3, faststart: true }),
    makeSource(join(dir, 'audio.mp4'), { video: false, seconds: 3 }),
    makeTextFile(join(dir, 'text.mp4')),
    makeSource(join(dir, 'long.mp4'), { width: 160, height: 120, seconds: 4, fps: 10, audio: false }),
    makeSource(join(dir, 'wide.mp4'), { width: 640, height: 360, seconds: 1, fps: 10, audio: false }),
    makeSource(join(dir, 'fast.mp4'), { width: 160, height: 120, seconds: 1, fps: 50, audio: false }),
    makeVfr(join(dir, 'vfr.mp4'), { seconds: 4 }),
    makeTwoLanguages(join(dir, 'two-languages.mp4'), { seconds: 2 }),
    makeCentreOnly51(join(dir, 'surround.mp4'), { seconds: 2 }),
    makeCaptioned608Mov(join(dir, 'cc608.mov'), { seconds: 2 }),
  ]);
  h = await startHarness({ startPackager: false });
  handlers = handlersWith();
});

/** Handlers whose MediaConvert is the recording test double. */
const handlersWith = (limits?: PackagingLimits) =>
  createHandlers({
    s3: h.s3,
    roleArn: ROLE,
    log: () => {},
    limits,
    mediaConvert: {
      async send(cmd: CreateJobCommand) {
        submitted.push(cmd.input);
        return { Job: { Id: `job-${submitted.length}` } };
      },
    },
  });

after(async () => {
  await h?.close();
  await rm(dir, { recursive: true, force: true });
});

async function submit(file: string, opts: { sha256?: string } = {}, using = handlers): Promise<SubmitResult> {
  const key = await uploadSource(h, join(dir, file), opts);
  const [r] = await using.onUploadManifestCreated(s3Event(h.bucket, key));
  return r;
}

type Outputs = NonNullable<NonNullable<CreateJobCommandInput['Settings']>['OutputGroups']>;
const cmaf = (job: CreateJobCommandInput) => job.Settings!.OutputGroups!.find((g) => g.OutputGroupSettings?.Type === 'CMAF_GROUP_SETTINGS')!;
/** The group holding the renditions: Apple HLS (TS, audio muxed) for a video clip with one audio track, else CMAF. */
const streams = (job: CreateJobCommandInput) => job.Settings!.OutputGroups!.find((g) => g.OutputGroupSettings?.Type !== 'FILE_GROUP_SETTINGS')!;
const videoSizes = (groups: Outputs[number]) =>
  groups.Outputs!.filter((o) => o.VideoDescription).map((o) => `${o.VideoDescription!.Width}x${o.VideoDescription!.Height}`);

test('upload manifest → processing record, SHA-256 verified, MediaConvert job with the same ladder and 2 s segments, its one audio track muxed into each (TS)', async () => {
  const r = await submit('landscape.mp4');
  assert.equal(r.status, 'submitted', r.reason);
  assert.equal(r.jobId, `job-${submitted.length}`);
  const rec = (await recordFor(h, r.manifestKey))!;
  assertValidRecord(rec);
  assert.equal(rec.status, 'processing');
  assert.equal(rec.id, r.videoId);

  const job = r.job!;
  assert.equal(job.Role, ROLE);
  assert.equal(job.Settings!.Inputs![0].FileInput, `s3://${h.bucket}/${rec.source.key}`);
  // MediaConvert has no job time limit: the input is cut at the duration limit instead.
  assert.deepEqual(job.Settings!.Inputs![0].InputClippings, [{ EndTimecode: '04:00:00:00' }]);
  assert.equal(DEFAULT_LIMITS.maxDurationSeconds, 4 * 3600);
  // One audio track: muxed into every video rendition, as locally (packaging/audio-tracks.ts
  // demuxesAudio): MediaConvert's Apple HLS group (its CMAF groups never mux), no audio group.
  assert.equal(cmaf(job), undefined);
  const group = streams(job);
  const s = group.OutputGroupSettings!.HlsGroupSettings!;
  assert.equal(group.OutputGroupSettings!.Type, 'HLS_GROUP_SETTINGS');
  assert.equal(s.Destination, `s3://${h.bucket}/media/${rec.id}/master`);
  assert.deepEqual([s.SegmentLength, s.SegmentLengthControl, s.SegmentControl], [2, 'GOP_MULTIPLE', 'SEGMENTED_FILES']);
  assert.equal(s.CodecSpecification, 'RFC_6381');
  assert.deepEqual(videoSizes(group), ['640x360', '960x540', '1280x720', '1920x1080']);
  assert.equal(group.Outputs!.length, 4, 'no audio-only rendition');
  for (const o of group.Outputs!) {
    const x264 = o.VideoDescription!.CodecSettings!.H264Settings!;
    assert.equal(o.ContainerSettings!.Container, 'M3U8');
    assert.deepEqual([x264.GopSize, x264.GopSizeUnits, x264.SceneChangeDetect, x264.GopClosedCadence], [2, 'SECONDS', 'DISABLED', 1]);
    assert.ok(x264.MaxBitrate! > 0);
    assert.equal(o.AudioDescriptions?.length, 1, 'one audio description per video rendition');
    assert.equal(o.AudioDescriptions![0].CodecSettings?.Codec, 'AAC');
    assert.equal(o.AudioDescriptions![0].AudioSourceName, 'Audio Selector 1');
  }
  assert.deepEqual(job.Settings!.Inputs![0].AudioSelectors, {
    'Audio Selector 1': { SelectorType: 'TRACK', Tracks: [1], DefaultSelection: 'DEFAULT' },
  });
  assert.equal(job.UserMetadata!.muxedAudioLang, 'und');
  const frames = job.Settings!.OutputGroups!.find((g) => g.OutputGroupSettings?.Type === 'FILE_GROUP_SETTINGS')!;
  assert.ok(frames.OutputGroupSettings!.FileGroupSettings!.Destination!.startsWith(`s3://${h.bucket}/media/${rec.id}/`));
  assert.deepEqual(
    frames.Outputs!.map((o) => o.VideoDescription!.CodecSettings!.Codec),
    ['FRAME_CAPTURE', 'FRAME_CAPTURE'],
  );
  for (const g of job.Settings!.OutputGroups!) {
    const d = g.OutputGroupSettings!.HlsGroupSettings?.Destination ?? g.OutputGroupSettings!.FileGroupSettings?.Destination;
    assert.ok(d!.startsWith(`s3://${h.bucket}/media/${rec.id}/`), `every destination under media/<id>/ (${d})`);
  }
});

test('portrait and audio-only sources: ladder by the short side; audio-only has no video outputs or frames', async () => {
  const p = await submit('portrait.mp4');
  assert.equal(p.status, 'submitted', p.reason);
  assert.deepEqual(videoSizes(streams(p.job!)), ['360x640', '540x960', '720x1280']);
  const a = await submit('audio.mp4');
  assert.equal(a.status, 'submitted', a.reason);
  assert.deepEqual(videoSizes(cmaf(a.job!)), []);
  assert.equal(a.job!.Settings!.OutputGroups!.length, 1);
});

test('frame timing on MediaConvert: a variable-rate source is converted to its standard rate; others keep theirs; progressive output', async () => {
  const h264 = (r: SubmitResult) =>
    streams(r.job!)
      .Outputs!.filter((o) => o.VideoDescription)
      .map((o) => o.VideoDescription!);
  const vfr = await submit('vfr.mp4');
  assert.equal(vfr.status, 'submitted', vfr.reason);
  for (const d of h264(vfr)) {
    const x = d.CodecSettings!.H264Settings!;
    assert.deepEqual(
      [x.FramerateControl, x.FramerateNumerator, x.FramerateDenominator, x.FramerateConversionAlgorithm],
      ['SPECIFIED', 30000, 1001, 'DUPLICATE_DROP'],
    );
    assert.equal(x.InterlaceMode, 'PROGRESSIVE');
    // The Lambda's probe cannot look at the pictures: MediaConvert follows the stream's flags.
    assert.deepEqual(d.VideoPreprocessors?.Deinterlacer, { Algorithm: 'INTERPOLATE', Mode: 'DEINTERLACE', Control: 'NORMAL' });
  }
  const cfr = await submit('long.mp4');
  for (const d of h264(cfr)) assert.equal(d.CodecSettings!.H264Settings!.FramerateControl, 'INITIALIZE_FROM_SOURCE');
});

test('audio on MediaConvert: a selector and an audio-group rendition per source track, with its language; 5.1 remixed at BS.775 levels; the record lists the tracks', async () => {
  const two = await submit('two-languages.mp4');
  assert.equal(two.status, 'submitted', two.reason);
  assert.deepEqual(two.job!.Settings!.Inputs![0].AudioSelectors, {
    'Audio Selector 1': { SelectorType: 'TRACK', Tracks: [1], DefaultSelection: 'DEFAULT' },
    'Audio Selector 2': { SelectorType: 'TRACK', Tracks: [2], DefaultSelection: 'NOT_DEFAULT' },
  });
  const audio = cmaf(two.job!).Outputs!.filter((o) => o.AudioDescriptions);
  assert.deepEqual(
    audio.map((o) => [
      o.NameModifier,
      o.ContainerSettings!.CmfcSettings!.AudioGroupId,
      o.ContainerSettings!.CmfcSettings!.AudioTrackType,
      o.AudioDescriptions![0].AudioSourceName,
      o.AudioDescriptions![0].CustomLanguageCode,
      o.AudioDescriptions![0].StreamName,
    ]),
    [
      // Named as the local packager's folders (the same plan): audio_<lang>.
      ['_audio_es', 'audio', 'ALTERNATE_AUDIO_AUTO_SELECT_DEFAULT', 'Audio Selector 1', 'spa', 'Español'],
      ['_audio_en', 'audio', 'ALTERNATE_AUDIO_AUTO_SELECT', 'Audio Selector 2', 'eng', 'English'],
    ],
  );
  assert.ok(
    audio.every((o) => !o.AudioDescriptions![0].RemixSettings),
    'mono and stereo are not remixed',
  );
  // One 5.1 track: muxed into the video renditions (TS), remixed there.
  const surround = await submit('surround.mp4');
  assert.equal(streams(surround.job!).OutputGroupSettings!.Type, 'HLS_GROUP_SETTINGS');
  const remix = streams(surround.job!).Outputs!.find((o) => o.AudioDescriptions)!.AudioDescriptions![0].RemixSettings!;
  assert.deepEqual(
    remix.ChannelMapping!.OutputChannels!.map((c) => c.InputChannels),
    [
      [0, -60, -3, -60, -3, -60],
      [-60, 0, -3, -60, -60, -3],
    ],
  );

  // The finished job's master, as MediaConvert writes it for these settings.
  const id = two.videoId!;
  await h.s3.send(
    new PutObjectCommand({
      Bucket: h.bucket,
      Key: `media/${id}/master.m3u8`,
      ContentType: 'application/vnd.apple.mpegurl',
      Body: [
        '#EXTM3U',
        '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Español",LANGUAGE="spa",AUTOSELECT=YES,DEFAULT=YES,CHANNELS="2",URI="master_audio_es.m3u8"',
        '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="English",LANGUAGE="eng",AUTOSELECT=YES,DEFAULT=NO,CHANNELS="2",URI="master_audio_en.m3u8"',
        '#EXT-X-STREAM-INF:BANDWIDTH=900000,AVERAGE-BANDWIDTH=700000,CODECS="avc1.64001e,mp4a.40.2",RESOLUTION=320x240,FRAME-RATE=25.000,AUDIO="audio"',
        'master_240p.m3u8',
        '',
      ].join('\n'),
    }),
  );
  const rec = (await handlers.onMediaConvertJobFinished({
    detail: { status: 'COMPLETE', jobId: two.jobId!, userMetadata: two.job!.UserMetadata! },
  }))!;
  assertValidRecord(rec);
  assert.deepEqual(rec.audioTracks, [
    { lang: 'es', label: 'Español', default: true, channels: 1, uri: 'master_audio_es.m3u8' },
    { lang: 'en', label: 'English', default: false, channels: 1, uri: 'master_audio_en.m3u8' },
  ]);
});

test('captions on MediaConvert: a .mov with a CEA-608 track gets an embedded captions selector and a WebVTT rendition; others none', async () => {
  const cc = await submit('cc608.mov');
  assert.equal(cc.status, 'submitted', cc.reason);
  assert.deepEqual(cc.job!.Settings!.Inputs![0].CaptionSelectors, {
    'Captions Selector 1': {
      SourceSettings: { SourceType: 'EMBEDDED', EmbeddedSourceSettings: { Source608ChannelNumber: 1, Convert608To708: 'DISABLED' } },
    },
  });
  const captions = streams(cc.job!).Outputs!.filter((o) => o.CaptionDescriptions);
  // Its one audio track is muxed (Apple HLS group): the captions-only output is an M3U8 one there.
  assert.deepEqual(
    captions.map((o) => o.ContainerSettings),
    [{ Container: 'M3U8' }],
  );
  assert.deepEqual(
    captions.map((o) => [
      o.NameModifier,
      o.CaptionDescriptions![0].CaptionSelectorName,
      o.CaptionDescriptions![0].CustomLanguageCode,
      o.CaptionDescriptions![0].LanguageDescription,
      o.CaptionDescriptions![0].DestinationSettings!.DestinationType,
    ]),
    // The Lambda's probe (mediabunny) does not read QuickTime's Macintosh language codes, so the
    // programme language of a .mov is unknown there (locally ffprobe reads it: Español).
    [['_captions_und', 'Captions Selector 1', 'und', 'Subtítulos (CC)', 'WEBVTT']],
  );
  const plain = await submit('two-languages.mp4');
  assert.equal(plain.job!.Settings!.Inputs![0].CaptionSelectors, undefined);
  assert.ok(!cmaf(plain.job!).Outputs!.some((o) => o.CaptionDescriptions));
});

test('bad sources never reach MediaConvert: SHA-256 mismatch and a text file fail with readable reasons', async () => {
  const before = submitted.length;
  const m = await submit('landscape.mp4', { sha256: 'c'.repeat(64) });
  assert.equal(m.status, 'failed');
  assert.match(m.reason!, /SHA-256/);
  const t = await submit('text.mp4');
  assert.equal(t.status, 'failed');
  assert.match(t.reason!, /not an MP4/i);
  assert.equal(submitted.length, before);
  for (const r of [m, t]) {
    const rec = (await recordFor(h, r.manifestKey))!;
    assertValidRecord(rec);
    assert.equal(rec.status, 'failed');
  }
});

test('sources over a packaging limit never reach MediaConvert: failed with the code, before the source is hashed', async () => {
  const limited = handlersWith({ ...DEFAULT_LIMITS, maxDurationSeconds: 3, maxLongSide: 320, maxShortSide: 240, maxFps: 30 });
  const tiny = handlersWith({ ...DEFAULT_LIMITS, maxBytes: 1000 });
  const before = submitted.length;
  const cases = [
    [await submit('long.mp4', {}, limited), 'too-long', /lasts 4 s; the packager accepts at most 3 s/, { durationSeconds: 4, maxSeconds: 3 }],
    [
      await submit('wide.mp4', {}, limited),
      'resolution-too-high',
      /640x360; the packager accepts at most 320x240/,
      { width: 640, height: 360, maxLongSide: 320, maxShortSide: 240 },
    ],
    [await submit('fast.mp4', {}, limited), 'frame-rate-too-high', /50 frames per second; the packager accepts at most 30/, { fps: 50, maxFps: 30 }],
    // A wrong SHA-256 too: the size limit is refused first, without reading the whole source.
    [await submit('fast.mp4', { sha256: 'c'.repeat(64) }, tiny), 'file-too-large', /the packager accepts at most 1000 bytes/, undefined],
  ] as const;
  for (const [r, code, reason, params] of cases) {
    assert.equal(r.status, 'failed', `${code}: ${r.reason}`);
    assert.equal(r.code, code);
    assert.match(r.reason!, reason);
    const rec = (await recordFor(h, r.manifestKey))!;
    assertValidRecord(rec);
    assert.equal(rec.status, 'failed');
    assert.equal(rec.failureCode, code);
    assert.equal(rec.failureReason, r.reason);
    // The figures by name, for a translated text.
    if (params) assert.deepEqual(rec.failureParams, params);
    else assert.deepEqual(Object.keys(rec.failureParams ?? {}).sort(), ['bytes', 'maxBytes']);
  }
  assert.equal(submitted.length, before, 'no MediaConvert job');
  const ok = await submit('fast.mp4', {}, handlersWith({ ...DEFAULT_LIMITS, maxFps: 50 }));
  assert.equal(ok.status, 'submitted', 'a limit can be raised');
});

test('only an exact manifest key is a manifest: other .json keys under uploads/ are ignored', async () => {
  const identity = `us-east-1:${randomUUID()}`;
  const upload = randomBytes(16).toString('hex');
  for (const key of [
    `uploads/${identity}/${upload}\\x.json`,
    `uploads/${identity}/notes.json`,
    `uploads/${identity}/${upload}/${upload}.json`,
    `uploads/someone/${upload}.json`,
  ]) {
    await h.s3.send(new PutObjectCommand({ Bucket: h.bucket, Key: key, Body: '{"schemaVersion":1}', ContentType: 'application/json' }));
    assert.deepEqual(await handlers.onUploadManifestCreated(s3Event(h.bucket, key)), [], key);
    assert.equal(await getText(h, claimKey(key)), undefined, `no clip claimed for ${key}`);
  }
});

test('a repeated S3 event maps to the same clip (the claim), not a second one', async () => {
  const key = await uploadSource(h, join(dir, 'portrait.mp4'));
  const [a] = await handlers.onUploadManifestCreated(s3Event(h.bucket, key));
  const [b] = await handlers.onUploadManifestCreated(s3Event(h.bucket, key));
  assert.equal(a.videoId, b.videoId);
});

test('job finished: poster and storyboard from the frame captures, renditions from the master, ready record last', async () => {
  const r = await submit('landscape.mp4');
  const id = r.videoId!;
  const meta = r.job!.UserMetadata!;
  // What MediaConvert would have written (names as its Apple HLS and frame-capture outputs make them:
  // one audio track, muxed, so no audio rendition in the master).
  const put = (key: string, body: string | Uint8Array, type: string) =>
    h.s3.send(new PutObjectCommand({ Bucket: h.bucket, Key: `media/${id}/${key}`, Body: body, ContentType: type }));
  await put(
    'master.m3u8',
    [
      '#EXTM3U',
      '#EXT-X-VERSION:6',
      '#EXT-X-INDEPENDENT-SEGMENTS',
      '#EXT-X-STREAM-INF:BANDWIDTH=5400000,AVERAGE-BANDWIDTH=4100000,CODECS="avc1.640028,mp4a.40.2",RESOLUTION=1920x1080,FRAME-RATE=25.000',
      'master_1080p.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=900000,AVERAGE-BANDWIDTH=700000,CODECS="avc1.64001e,mp4a.40.2",RESOLUTION=640x360,FRAME-RATE=25.000',
      'master_360p.m3u8',
      '',
    ].join('\n'),
    'application/vnd.apple.mpegurl',
  );
  const jpg = join(dir, 'frame.jpg');
  await exec('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=160x90', '-frames:v', '1', jpg]);
  const frame = await readFile(jpg);
  for (const n of [0, 1]) await put(`frames/frame_poster.000000${n}.jpg`, frame, 'image/jpeg');
  for (const n of [0, 1, 2]) await put(`frames/frame_thumb.000000${n}.jpg`, frame, 'image/jpeg');

  const rec = (await handlers.onMediaConvertJobFinished({
    'detail-type': 'MediaConvert Job State Change',
    detail: { status: 'COMPLETE', jobId: r.jobId!, userMetadata: meta },
  }))!;
  assertValidRecord(rec);
  assert.equal(rec.status, 'ready');
  assert.equal(rec.packager, 'mediaconvert');
  assert.deepEqual(
    rec.renditions.map((x) => [x.uri, x.height]),
    [
      ['master_360p.m3u8', 360],
      ['master_1080p.m3u8', 1080],
    ],
  );
  // The one muxed track is listed as locally (the master has no audio rendition to read it from).
  assert.deepEqual(rec.audioTracks, [{ lang: 'und', label: 'Audio 1', default: true, channels: Number(meta.audioChannels) }]);
  assert.equal(rec.poster, 'poster.jpg');
  assert.ok((await getText(h, `media/${id}/poster.jpg`))!.length > 0);
  const vtt = (await getText(h, `media/${id}/storyboard.vtt`))!;
  assert.match(vtt, /^WEBVTT/);
  assert.deepEqual(
    [...vtt.matchAll(/^(frames\/frame_thumb\.\d+\.jpg)#xywh=0,0,160,90$/gm)].map((m) => m[1]),
    [0, 1, 2].map((n) => `frames/frame_thumb.000000${n}.jpg`),
  );
  assert.deepEqual(await recordFor(h, r.manifestKey), rec, 'the record in the bucket is the one returned');

  // An ERROR event for another clip marks it failed with MediaConvert's message.
  const other = await submit('portrait.mp4');
  const failed = (await handlers.onMediaConvertJobFinished({
    detail: { status: 'ERROR', jobId: other.jobId!, userMetadata: other.job!.UserMetadata!, errorMessage: 'Demuxer: unsupported codec' },
  }))!;
  assertValidRecord(failed);
  assert.equal(failed.status, 'failed');
  assert.match(failed.failureReason!, /unsupported codec/);
});

test('each outcome is reported as clip.ready or clip.failed (the webhook queue on AWS), after the record is written; a webhook problem never fails the job', async () => {
  const events: { type: string; data: Record<string, unknown> }[] = [];
  const logs: string[] = [];
  let failNext = false;
  const reporting = createHandlers({
    s3: h.s3,
    roleArn: ROLE,
    log: (m) => logs.push(m),
    mediaConvert: {
      async send(cmd: CreateJobCommand) {
        submitted.push(cmd.input);
        return { Job: { Id: `job-${submitted.length}` } };
      },
    },
    events: {
      async emit(type, data) {
        if (failNext) {
          failNext = false;
          throw new Error('queue unreachable');
        }
        events.push({ type, data: data as Record<string, unknown> });
      },
    },
  });
  const bad = await submit('text.mp4', {}, reporting);
  assert.equal(bad.status, 'failed');
  assert.deepEqual(events.shift(), { type: 'clip.failed', data: { clipId: bad.videoId, failureCode: bad.code, failureReason: bad.reason } });

  const ok = await submit('wide.mp4', {}, reporting);
  assert.equal(ok.status, 'submitted');
  assert.equal(events.length, 0, 'a submitted job is not an outcome yet');
  await h.s3.send(
    new PutObjectCommand({
      Bucket: h.bucket,
      Key: `media/${ok.videoId}/master.m3u8`,
      Body: '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=900000,CODECS="avc1.64001e",RESOLUTION=640x360\nmaster_360p.m3u8\n',
      ContentType: 'application/vnd.apple.mpegurl',
    }),
  );
  const done = (await reporting.onMediaConvertJobFinished({
    detail: { status: 'COMPLETE', jobId: ok.jobId!, userMetadata: ok.job!.UserMetadata! },
  }))!;
  assert.equal(done.status, 'ready');
  assert.deepEqual(events.shift(), { type: 'clip.ready', data: { clipId: ok.videoId } });

  const other = await submit('fast.mp4', {}, reporting);
  failNext = true;
  const failed = (await reporting.onMediaConvertJobFinished({
    detail: { status: 'ERROR', jobId: other.jobId!, userMetadata: other.job!.UserMetadata!, errorMessage: 'Demuxer: unsupported codec' },
  }))!;
  assert.equal(failed.status, 'failed', 'the record is written even when the event cannot be queued');
  assert.equal(events.length, 0);
  assert.ok(logs.some((m) => m.includes(`could not report clip ${other.videoId}`)));
});

test("the player's engine for MediaConvert's masters: a muxed one (one audio track) plays on hls.js light, a demuxed one takes the full build", () => {
  // The masters MediaConvert writes for the two layouts above (MediaConvert itself cannot run here).
  const muxed = ['#EXTM3U', '#EXT-X-STREAM-INF:BANDWIDTH=900000,CODECS="avc1.64001e,mp4a.40.2",RESOLUTION=640x360', 'master_360p.m3u8'].join('\n');
  const demuxed = [
    '#EXTM3U',
    '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Español",LANGUAGE="spa",DEFAULT=YES,URI="master_audio_es.m3u8"',
    '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="English",LANGUAGE="eng",DEFAULT=NO,URI="master_audio_en.m3u8"',
    '#EXT-X-STREAM-INF:BANDWIDTH=900000,CODECS="avc1.64001e,mp4a.40.2",RESOLUTION=640x360,AUDIO="audio"',
    'master_360p.m3u8',
  ].join('\n');
  // The audio group as hls.js lists it to the player: each rendition with its own playlist's URL.
  const audioGroup = (master: string) => audioTracksFromMaster(master, []).map((t) => ({ lang: t.lang, url: t.uri }));
  assert.equal(needsAlternateAudio(audioGroup(muxed)), false);
  assert.equal(needsAlternateAudio(audioGroup(demuxed)), true);
});
