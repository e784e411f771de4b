/** The pure decisions behind broadcast material (packaging/scan.ts) and their MediaConvert form. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decideFrameRate,
  exactRate,
  nearestStandardRate,
  packetTimingOf,
  parityOfFlag,
  parityOfIdet,
  parseIdet,
  rateString,
} from '../../../packaging/scan.ts';
import { deinterlacerFor, framerateFor } from '../../../infra/packaging/job-settings.ts';
import { demuxesAudio, downmixFilter, iso6392Of, languageTag, planAudioTracks } from '../../../packaging/audio-tracks.ts';
import { planFfmpeg, withAudioRendition } from '../../../packaging/ffmpeg-package.ts';
import { audioMediaTag, subtitleMediaTag } from '../../../packaging/playlists.ts';
import { captionExtractArgs, planCaptions, subtitlePlaylist, vttCues } from '../../../packaging/captions.ts';
import { sourceInfoFromFfprobe } from '../../../packaging/probe.ts';

const ticks = (fps: number, n: number) => Array.from({ length: n }, (_, i) => i / fps);

test('standard rates: 29.97 and 30 told apart, odd rates snap to the nearest', () => {
  assert.equal(rateString(nearestStandardRate(29.97)), '30000/1001');
  assert.equal(rateString(nearestStandardRate(30.02)), '30/1');
  assert.equal(rateString(nearestStandardRate(59.9)), '60000/1001');
  assert.equal(rateString(nearestStandardRate(26)), '25/1');
  assert.equal(rateString(exactRate(29.97)), '30000/1001');
  assert.equal(rateString(exactRate(17.5)), '17500/1000', 'a constant odd rate is kept as it is');
});

test('frame rate: constant sources keep their rate; variable ones get the standard rate of their typical interval', () => {
  assert.deepEqual(decideFrameRate(25, packetTimingOf(ticks(25, 100))), { rate: { num: 25, den: 1 }, variable: false });
  assert.deepEqual(decideFrameRate(10, packetTimingOf(ticks(10, 40))), { rate: { num: 10, den: 1 }, variable: false });
  // 30 fps with a second at 10 fps: the average is ~20, the typical interval 1/30.
  const gappy = [...ticks(30, 60), ...ticks(10, 10).map((t) => 2 + t), ...ticks(30, 60).map((t) => 3 + t)];
  assert.deepEqual(decideFrameRate(gappy.length / 5, packetTimingOf(gappy)), { rate: { num: 30, den: 1 }, variable: true });
  // Phone jitter around 29.97 with B-frame (out of order) timestamps.
  const jitter = ticks(30000 / 1001, 90).map((t, i) => t + (i % 2 ? 0.004 : -0.004));
  [jitter[3], jitter[4]] = [jitter[4], jitter[3]];
  assert.deepEqual(decideFrameRate(29.97, packetTimingOf(jitter)), { rate: { num: 30000, den: 1001 }, variable: true });
  assert.deepEqual(decideFrameRate(0, null), { rate: { num: 25, den: 1 }, variable: false }, 'unknown: 25');
  assert.equal(rateString(decideFrameRate(120, packetTimingOf(ticks(120, 50))).rate), '60/1', 'capped at 60');
});

test('interlacing: field-order flags and idet counts', () => {
  assert.deepEqual(['tt', 'tb', 'bb', 'bt', 'progressive', 'unknown', undefined].map(parityOfFlag), ['tff', 'tff', 'bff', 'bff', null, null, null]);
  const line = '[Parsed_idet_0 @ 0x1] Multi frame detection: TFF:    75 BFF:     0 Progressive:     0 Undetermined:     0';
  assert.deepEqual(parseIdet(line), { tff: 75, bff: 0, progressive: 0, undetermined: 0 });
  assert.equal(parityOfIdet({ tff: 75, bff: 0, progressive: 0, undetermined: 0 }), 'tff');
  assert.equal(parityOfIdet({ tff: 2, bff: 90, progressive: 8, undetermined: 0 }), 'bff');
  assert.equal(parityOfIdet({ tff: 41, bff: 24, progressive: 10, undetermined: 0 }), null, 'mixed orders: progressive detail, not interlacing');
  assert.equal(parityOfIdet({ tff: 4, bff: 0, progressive: 71, undetermined: 0 }), null);
  assert.equal(parityOfIdet({ tff: 5, bff: 0, progressive: 0, undetermined: 100 }), null, 'too few classified frames');
});

test('MediaConvert: the same deinterlacing and frame-rate decisions', () => {
  assert.deepEqual(deinterlacerFor({ interlaced: true, parity: 'tff', by: 'idet' }), {
    Deinterlacer: { Algorithm: 'INTERPOLATE', Mode: 'DEINTERLACE', Control: 'FORCE_ALL_FRAMES' },
  });
  assert.equal(deinterlacerFor({ interlaced: false, by: 'idet' }), undefined);
  assert.deepEqual(
    deinterlacerFor(undefined),
    { Deinterlacer: { Algorithm: 'INTERPOLATE', Mode: 'DEINTERLACE', Control: 'NORMAL' } },
    'unknown: the stream flags decide',
  );
  assert.deepEqual(framerateFor(undefined), { FramerateControl: 'INITIALIZE_FROM_SOURCE' });
  assert.deepEqual(framerateFor({ num: 30000, den: 1001 }), {
    FramerateControl: 'SPECIFIED',
    FramerateNumerator: 30000,
    FramerateDenominator: 1001,
    FramerateConversionAlgorithm: 'DUPLICATE_DROP',
  });
});

test("audio languages: ISO 639-2 tags become BCP 47, labels are the language's own name, duplicates numbered", () => {
  assert.deepEqual(['spa', 'eng', 'fre', 'nah', 'und', '', undefined, 'es', 'x1'].map(languageTag), [
    'es',
    'en',
    'fr',
    'nah',
    'und',
    'und',
    'und',
    'es',
    'und',
  ]);
  assert.deepEqual(['es', 'en', 'nah', 'und'].map(iso6392Of), ['spa', 'eng', 'nah', 'und']);
  const t = (index: number, language?: string, extra = {}) => ({
    index,
    codec: 'aac',
    channels: 2,
    isDefault: false,
    ...(language ? { language } : {}),
    ...extra,
  });
  const plans = planAudioTracks([t(0, 'eng'), t(1, 'spa', { isDefault: true }), t(2, 'spa'), t(3, undefined, { title: 'Comentarios' }), t(4)]);
  assert.deepEqual(
    plans.map((p) => [p.lang, p.label, p.default, p.folder]),
    [
      ['en', 'English', false, 'audio_en'],
      ['es', 'Español', true, null],
      ['es', 'Español (2)', false, 'audio_es'],
      ['und', 'Comentarios', false, 'audio_und'],
      ['und', 'Audio 5', false, 'audio_und2'],
    ],
  );
  assert.equal(planAudioTracks([t(0, 'spa'), t(1, 'eng')])[0].default, true, 'no track marked default: the first');
  assert.deepEqual(
    planAudioTracks([t(0, 'spa', { isDefault: true }), t(1, 'eng')], true).map((p) => [p.lang, p.default, p.folder]),
    [
      ['es', true, 'audio_es'],
      ['en', false, 'audio_en'],
    ],
    'demuxed: the default track has its own rendition too',
  );
  // The layout: only video clips with two or more tracks are demuxed.
  assert.deepEqual(
    [
      [1, true],
      [2, true],
      [3, true],
      [2, false],
      [0, true],
    ].map(([n, video]) => demuxesAudio(n as number, video as boolean)),
    [false, true, true, false, false],
  );
});

test('demuxed two-language plan: silent video renditions, one audio stream per language, audio codec and rate added to each variant', () => {
  const info = {
    durationSeconds: 10,
    video: { codec: 'h264', width: 1280, height: 720, fps: 25, sourceFps: 25 },
    audio: { codec: 'aac', channels: 2, sampleRate: 48000 },
    audioTracks: [
      { index: 0, codec: 'aac', channels: 2, language: 'spa', isDefault: true },
      { index: 1, codec: 'aac', channels: 6, channelLayout: '5.1', language: 'eng', isDefault: false },
    ],
  };
  const plan = planFfmpeg('/in.mp4', '/out', info);
  const args = plan.args.join(' ');
  assert.match(args, /-var_stream_map v:0,name:360p v:1,name:540p v:2,name:720p a:0,name:audio_es a:1,name:audio_en /);
  assert.equal(plan.args.filter((a) => a === '0:a:0').length, 1, 'the Spanish track mapped once, not into every rendition');
  assert.match(args, /-filter:a:1 pan=stereo\|FL=FL\+0\.7071\*FC/, 'the English 5.1 downmixed');
  assert.match(args, /-metadata:s:a:0 language=spa .*-metadata:s:a:1 language=eng/);
  const variant = (codecs: string, bandwidth: number) => ({
    uri: 'x',
    bandwidth,
    averageBandwidth: bandwidth / 2,
    codecs,
    durationSeconds: 10,
    files: [],
  });
  const videos = [variant('avc1.64001f', 1_000_000), variant('avc1.640028', 3_000_000)];
  withAudioRendition(videos, [variant('mp4a.40.2', 140_000), variant('mp4a.40.2', 150_000)]);
  assert.deepEqual(
    videos.map((v) => [v.codecs, v.bandwidth, v.averageBandwidth]),
    [
      ['avc1.64001f,mp4a.40.2', 1_150_000, 575_000],
      ['avc1.640028,mp4a.40.2', 3_150_000, 1_575_000],
    ],
  );
});

test('5.1 downmix filter by layout; HLS audio rendition tag', () => {
  assert.equal(downmixFilter({ channels: 6, channelLayout: '5.1' }), 'pan=stereo|FL=FL+0.7071*FC+0.7071*BL|FR=FR+0.7071*FC+0.7071*BR');
  assert.equal(downmixFilter({ channels: 6, channelLayout: '5.1(side)' }), 'pan=stereo|FL=FL+0.7071*FC+0.7071*SL|FR=FR+0.7071*FC+0.7071*SR');
  assert.equal(downmixFilter({ channels: 2, channelLayout: 'stereo' }), null);
  assert.equal(
    audioMediaTag({ name: 'English "US"', lang: 'en', default: false, channels: 2, uri: 'audio_en/index.m3u8' }),
    '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",LANGUAGE="en",NAME="English US",DEFAULT=NO,AUTOSELECT=YES,CHANNELS="2",URI="audio_en/index.m3u8"',
  );
  assert.equal(
    audioMediaTag({ name: 'Audio 1', lang: 'und', default: true, channels: 2 }),
    '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Audio 1",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2"',
  );
});

test('captions: planned per text source (bitmap subtitles skipped), 608 in the programme language; extraction arguments; WebVTT cues', () => {
  const plans = planCaptions(
    [
      { kind: 'sei', index: 0, codec: 'eia_608' },
      { kind: 'stream', index: 0, codec: 'mov_text', language: 'spa' },
      { kind: 'stream', index: 1, codec: 'hdmv_pgs_subtitle', language: 'eng' },
      { kind: 'stream', index: 2, codec: 'mov_text' },
    ],
    'es',
  );
  assert.deepEqual(
    plans.map((p) => [p.lang, p.label, p.uri, p.playlist]),
    [
      ['es', 'Español (CC)', 'captions/es.vtt', 'captions/es.m3u8'],
      ['es', 'Español', 'captions/es2.vtt', 'captions/es2.m3u8'],
      ['und', 'Subtítulos', 'captions/und.vtt', 'captions/und.m3u8'],
    ],
  );
  // SEI captions come out of the decoder as the lavfi movie source's subcc stream.
  assert.deepEqual(captionExtractArgs('/w/source.mp4', plans[0].source, '/o/es.vtt').slice(5), [
    '-f',
    'lavfi',
    '-i',
    "movie='/w/source.mp4'[out0+subcc]",
    '-map',
    '0:s:0',
    '-c:s',
    'webvtt',
    '-f',
    'webvtt',
    '/o/es.vtt',
  ]);
  assert.deepEqual(captionExtractArgs('/w/source.mp4', plans[1].source, '/o/es2.vtt').slice(5, 9), ['-i', '/w/source.mp4', '-map', '0:s:0']);
  assert.deepEqual(vttCues('WEBVTT\n\n00:00.330 --> 00:01.495\nHOLA\n\n1\n01:00:02.000 --> 01:00:03.500 line:90%\nDos\nlíneas\n'), [
    { start: 0.33, end: 1.495, text: 'HOLA' },
    { start: 3602, end: 3603.5, text: 'Dos\nlíneas' },
  ]);
  assert.match(
    subtitlePlaylist('es.vtt', 12.5),
    /#EXT-X-TARGETDURATION:13\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:12\.500,\nes\.vtt\n#EXT-X-ENDLIST/,
  );
  assert.equal(
    subtitleMediaTag({ name: 'Español (CC)', lang: 'es', uri: 'captions/es.m3u8' }),
    '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",LANGUAGE="es",NAME="Español (CC)",DEFAULT=NO,AUTOSELECT=YES,URI="captions/es.m3u8"',
  );
});

test('probe: SEI captions flag, subtitle streams and the timecode (format, video or tmcd stream)', () => {
  const info = sourceInfoFromFfprobe({
    format: { duration: '3' },
    streams: [
      {
        codec_type: 'video',
        codec_name: 'h264',
        width: 320,
        height: 240,
        avg_frame_rate: '30000/1001',
        closed_captions: 1,
        field_order: 'tt',
      } as never,
      { codec_type: 'subtitle', codec_name: 'eia_608' } as never,
      { codec_type: 'data', tags: { timecode: '10:00:00;00' } } as never,
    ],
  });
  assert.deepEqual(info.captionTracks, [
    { kind: 'sei', index: 0, codec: 'eia_608' },
    { kind: 'stream', index: 0, codec: 'eia_608' },
  ]);
  assert.equal(info.timecode, '10:00:00;00');
  assert.equal(info.video!.fieldOrder, 'tt');
  assert.equal(sourceInfoFromFfprobe({ format: { duration: '3', tags: { timecode: 'nonsense' } }, streams: [] }).timecode, undefined);
});
