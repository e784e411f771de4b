import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideEngine, isHlsUrl, type EngineCapabilities } from '../../../src/playback/engine.ts';
import { actionForKey } from '../../../src/playback/shortcuts.ts';
import { SHORTCUTS } from '../../../src/playback/shortcut-list.ts';

const chromium: EngineCapabilities = { nativeHls: true, mse: true, appleWebKit: false };
const safari: EngineCapabilities = { nativeHls: true, mse: true, appleWebKit: true };
const oldIphone: EngineCapabilities = { nativeHls: true, mse: false, appleWebKit: true };
const firefox: EngineCapabilities = { nativeHls: false, mse: true, appleWebKit: false };
const none: EngineCapabilities = { nativeHls: false, mse: false, appleWebKit: false };
const HLS = 'https://cdn/media/x/master.m3u8?sig=1#t=2';

test('engine decision table', () => {
  const table: Array<[string, string, EngineCapabilities, string]> = [
    [HLS, 'auto', chromium, 'hls.js'],
    [HLS, 'auto', safari, 'native'],
    [HLS, 'auto', oldIphone, 'native'],
    [HLS, 'auto', firefox, 'hls.js'],
    [HLS, 'auto', none, 'unsupported'],
    [HLS, 'native', chromium, 'native'],
    [HLS, 'native', firefox, 'hls.js'],
    [HLS, 'hls.js', safari, 'hls.js'],
    [HLS, 'hls.js', oldIphone, 'native'],
    [HLS, 'hls.js', none, 'unsupported'],
    [HLS, 'native', none, 'unsupported'],
    ['https://cdn/a.mp4', 'auto', chromium, 'progressive'],
    ['https://cdn/a.mp4', 'hls.js', none, 'progressive'],
    ['', 'auto', chromium, 'unsupported'],
  ];
  for (const [url, pref, caps, want] of table) assert.equal(decideEngine(url, pref, caps), want, `${url} ${pref} ${JSON.stringify(caps)}`);
  assert.equal(isHlsUrl('/a/B.M3U8'), true);
  assert.equal(isHlsUrl('/a/b.mp4?x=.m3u8'), false);
});

test('shortcut map', () => {
  const cases: Array<[string, unknown]> = [
    [' ', { type: 'toggle-play' }],
    ['k', { type: 'toggle-play' }],
    ['K', { type: 'toggle-play' }],
    ['j', { type: 'seek-by', seconds: -10 }],
    ['l', { type: 'seek-by', seconds: 10 }],
    ['ArrowLeft', { type: 'seek-by', seconds: -5 }],
    ['ArrowRight', { type: 'seek-by', seconds: 5 }],
    ['ArrowUp', { type: 'volume-by', delta: 0.1 }],
    ['ArrowDown', { type: 'volume-by', delta: -0.1 }],
    ['m', { type: 'toggle-mute' }],
    ['f', { type: 'toggle-fullscreen' }],
    ['c', { type: 'toggle-captions' }],
    ['?', { type: 'help' }],
    ['0', { type: 'seek-fraction', fraction: 0 }],
    ['7', { type: 'seek-fraction', fraction: 0.7 }],
    ['x', undefined],
    ['Tab', undefined],
  ];
  for (const [key, want] of cases) assert.deepEqual(actionForKey({ key }), want, key);
  assert.equal(actionForKey({ key: 'k', ctrlKey: true }), undefined, 'browser shortcuts are left alone');
  assert.equal(actionForKey({ key: 'f', metaKey: true }), undefined);
  assert.ok(SHORTCUTS.length >= 10);
});
