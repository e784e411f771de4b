import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planSource, type SourceRequest } from '../../../src/playback/source-plan.ts';
import type { EngineCapabilities } from '../../../src/playback/engine.ts';

const chromium: EngineCapabilities = { nativeHls: true, mse: true, appleWebKit: false };
const safari: EngineCapabilities = { nativeHls: true, mse: true, appleWebKit: true };
const base: SourceRequest = {
  src: '',
  videoId: '',
  cdnBaseUrl: '',
  engine: 'auto',
  start: '',
  end: '',
  preload: 'metadata',
  autoplay: false,
  crossorigin: '',
  baseUrl: 'https://monitoreo.ine.mx/notas/hoy.html',
};
const plan = (r: Partial<SourceRequest>, caps = chromium) => planSource({ ...base, ...r }, caps);

test('video-id goes through the CDN and the packaging contract; src wins over it', () => {
  const byId = plan({ videoId: 'abc', cdnBaseUrl: 'https://cdn.ine.mx/' });
  assert.equal(byId.kind, 'play');
  if (byId.kind !== 'play') return;
  assert.equal(byId.url, 'https://cdn.ine.mx/media/abc/master.m3u8');
  assert.equal(byId.urls?.record, 'https://cdn.ine.mx/media/abc/video.json');
  assert.equal(byId.engine, 'hls.js');
  assert.equal(byId.crossOrigin, 'anonymous', 'CDN clips load in CORS mode (cross-origin captions)');
  const bySrc = plan({ videoId: 'abc', cdnBaseUrl: 'https://cdn.ine.mx', src: 'clip.mp4' });
  assert.equal(bySrc.kind === 'play' && bySrc.url, 'https://monitoreo.ine.mx/notas/clip.mp4', 'relative to the page');
  assert.equal(bySrc.kind === 'play' && bySrc.urls, undefined);
  assert.equal(bySrc.kind === 'play' && bySrc.crossOrigin, null);
  const credentialed = plan({ src: 'a.mp4', crossorigin: 'use-credentials' });
  assert.equal(credentialed.kind === 'play' && credentialed.crossOrigin, 'use-credentials', 'the attribute wins');
});

test('nothing to play: a video-id without a CDN, a src that is no URL, nothing at all', () => {
  assert.deepEqual(pick(plan({ videoId: 'abc' })), { kind: 'none', reason: 'NoCdn' });
  assert.deepEqual(pick(plan({ src: 'http://[::1' })), { kind: 'none', reason: 'NoSource' });
  assert.deepEqual(pick(plan({})), { kind: 'none', reason: 'Empty' });
});

test('clip range: start/end attributes over the #t= of src, over the page own #t=', () => {
  const r = (x: Partial<SourceRequest>) => {
    const p = plan(x);
    return p.kind === 'play' ? [p.url, p.range.start, p.range.end] : p;
  };
  assert.deepEqual(r({ src: 'https://cdn/x/master.m3u8#t=12:03,12:41' }), ['https://cdn/x/master.m3u8', 723, 761]);
  assert.deepEqual(r({ src: 'https://cdn/x/master.m3u8#t=10,20', start: '15' }), ['https://cdn/x/master.m3u8', 15, 20]);
  assert.deepEqual(r({ src: 'https://cdn/x/master.m3u8', pageRange: { start: 5, end: 9 } }), ['https://cdn/x/master.m3u8', 5, 9]);
  assert.deepEqual(r({ src: 'https://cdn/x/master.m3u8#t=1', pageRange: { start: 5 } }), ['https://cdn/x/master.m3u8', 1, undefined]);
});

test('hls.js with preload=none waits for play() unless it autoplays; native and mp4 never wait', () => {
  const hls = 'https://cdn/x/master.m3u8';
  assert.equal(pickDefer(plan({ src: hls, preload: 'none' })), true);
  assert.equal(pickDefer(plan({ src: hls, preload: 'none', autoplay: true })), false);
  assert.equal(pickDefer(plan({ src: hls })), false);
  assert.equal(pickDefer(plan({ src: hls, preload: 'none' }, safari)), false, 'native: the <video> itself honours preload=none');
  assert.equal(pickDefer(plan({ src: 'https://cdn/a.mp4', preload: 'none' })), false);
});

test('the key changes with what changes the source, and only with that', () => {
  const a = plan({ src: 'https://cdn/x/master.m3u8' });
  assert.equal(a.key, plan({ src: 'https://cdn/x/master.m3u8', preload: 'none', autoplay: true, crossorigin: 'anonymous' }).key);
  for (const change of [
    { src: 'https://cdn/y/master.m3u8' },
    { engine: 'native' },
    { start: '3' },
    { end: '9' },
    { videoId: 'abc' },
    { cdnBaseUrl: 'https://cdn2' },
  ]) {
    assert.notEqual(a.key, plan({ src: 'https://cdn/x/master.m3u8', ...change }).key, JSON.stringify(change));
  }
});

function pick(p: ReturnType<typeof plan>) {
  return p.kind === 'none' ? { kind: p.kind, reason: p.reason } : { kind: p.kind };
}
function pickDefer(p: ReturnType<typeof plan>) {
  return p.kind === 'play' ? p.defer : undefined;
}
