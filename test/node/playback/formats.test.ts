import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatClock, timeInWords } from '../../../src/playback/time-format.ts';
import { parseStoryboardVtt, parseVttTimestamp } from '../../../src/playback/storyboard.ts';
import { findCue } from '../../../src/playback/storyboard-cue.ts';
import { readMediaState, INITIAL_MEDIA_STATE, fractionOf } from '../../../src/playback/media-state.ts';
import { clipUrls, clipAssets, recordProblem } from '../../../src/playback/source.ts';

test('formatClock pads seconds and shows hours only when needed', () => {
  assert.equal(formatClock(0), '0:00');
  assert.equal(formatClock(65.9), '1:05');
  assert.equal(formatClock(3723), '1:02:03');
  assert.equal(formatClock(5, 4000), '0:00:05', 'same shape as the duration');
  assert.equal(formatClock(NaN), '0:00');
  assert.equal(formatClock(-3), '0:00');
});

test('timeInWords says durations in words in the given language', () => {
  const es = { h: ['hora', 'horas'], m: ['minuto', 'minutos'], s: ['segundo', 'segundos'] } as const;
  assert.equal(timeInWords(65, es as never), '1 minuto 5 segundos');
  assert.equal(timeInWords(3600, es as never), '1 hora');
  assert.equal(timeInWords(0, es as never), '0 segundos');
  assert.equal(timeInWords(7322, es as never), '2 horas 2 minutos 2 segundos');
});

const VTT = `WEBVTT

00:00.000 --> 00:02.000
storyboard.jpg#xywh=0,0,160,90

2
00:00:02.000 --> 00:00:04.000
storyboard.jpg#xywh=160,0,160,90

00:04.000 --> 00:06.000 align:start
https://other/s.jpg#xywh=0,90,160,90

00:06.000 --> 00:08.000
not-a-sprite.jpg
`;

test('parseStoryboardVtt reads sprite regions and resolves URLs', () => {
  const cues = parseStoryboardVtt(VTT, 'https://cdn/media/x/storyboard.vtt');
  assert.equal(cues.length, 3);
  assert.deepEqual(cues[1], { start: 2, end: 4, url: 'https://cdn/media/x/storyboard.jpg', x: 160, y: 0, w: 160, h: 90 });
  assert.equal(cues[2].url, 'https://other/s.jpg');
  assert.equal(findCue(cues, 3.5)?.x, 160);
  assert.equal(findCue(cues, 0)?.x, 0);
  assert.equal(findCue(cues, 4)?.y, 90);
  assert.equal(findCue(cues, 6.2)?.y, 90, 'past the end shows the last picture');
  assert.equal(parseVttTimestamp('01:00:00.500'), 3600.5);
  assert.throws(() => parseStoryboardVtt('nope', 'https://x/'));
});

test('readMediaState mirrors the media element and tracks waiting/started', () => {
  const m = {
    paused: false,
    ended: false,
    currentTime: 3,
    duration: 10,
    volume: 0.5,
    muted: false,
    playbackRate: 1.5,
    readyState: 1,
    seeking: false,
    buffered: { length: 2, start: (i: number) => [0, 6][i], end: (i: number) => [4, 8][i] },
  };
  const s1 = readMediaState(m, INITIAL_MEDIA_STATE, 'waiting');
  assert.equal(s1.waiting, true);
  assert.deepEqual(s1.buffered, [
    [0, 4],
    [6, 8],
  ]);
  assert.equal(s1.started, true);
  const s2 = readMediaState({ ...m, readyState: 4 }, s1, 'playing');
  assert.equal(s2.waiting, false);
  assert.equal(s2.hasFrame, true);
  assert.equal(fractionOf(5, 2, 8), 0.5);
  assert.equal(fractionOf(9, 2, 8), 1);
});

test('clip URLs and assets follow the storage contract', () => {
  const u = clipUrls('https://cdn.example/', 'abc123');
  assert.equal(u.master, 'https://cdn.example/media/abc123/master.m3u8');
  assert.equal(u.record, 'https://cdn.example/media/abc123/video.json');
  const a = clipAssets(
    {
      poster: 'poster.jpg',
      storyboard: null,
      captions: [{ lang: 'es', label: 'Español', uri: 'captions/es.vtt' }],
      metadata: { title: 'T' },
    } as never,
    u.folder,
  );
  assert.equal(a.poster, 'https://cdn.example/media/abc123/poster.jpg');
  assert.equal(a.storyboard, undefined);
  assert.deepEqual(a.captions, [{ lang: 'es', label: 'Español', src: 'https://cdn.example/media/abc123/captions/es.vtt' }]);
  assert.equal(recordProblem(404), 'NotFound');
  assert.equal(recordProblem(503), 'ServerError');
  assert.equal(recordProblem(200, { schemaVersion: 1, status: 'ready', published: true }), undefined);
  assert.equal(recordProblem(200, { schemaVersion: 1, status: 'ready', published: false }), 'NotPublished');
  assert.equal(recordProblem(200, { schemaVersion: 2 as 1, status: 'ready', published: true }), 'UnsupportedRecord');
});
