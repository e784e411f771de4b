// Keeping playback inside a clip range (src/playback/range-guard.ts), without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rangeStep } from '../../../src/playback/range-guard.ts';

const media = (currentTime: number, paused = false, duration = 60) => ({ currentTime, duration, paused });
const range = { start: 10, end: 20 };

test('metadata loaded before the range: start at its start, except on hls.js, which starts there itself', () => {
  assert.deepEqual(rangeStep('loadedmetadata', media(0), range, false, false), { seek: 10 });
  assert.equal(rangeStep('loadedmetadata', media(0), range, false, true), undefined);
  assert.equal(rangeStep('loadedmetadata', media(12), range, false, false), undefined);
  assert.equal(rangeStep('loadedmetadata', media(0), { start: 0 }, false, false), undefined);
});

test('seeking out of the range is brought back inside it', () => {
  assert.deepEqual(rangeStep('seeking', media(5), range, false, false), { seek: 10 });
  assert.deepEqual(rangeStep('seeking', media(30), range, false, false), { seek: 20 });
  assert.equal(rangeStep('seeking', media(15), range, false, false), undefined);
  assert.deepEqual(rangeStep('seeking', media(90), { start: 0 }, false, false), { seek: 60 }, 'no end: kept inside the duration');
});

test("at the range's end playback stops there (ended), or loops to its start", () => {
  assert.deepEqual(rangeStep('timeupdate', media(19.96), range, false, false), { seek: 20, end: true });
  assert.deepEqual(rangeStep('seeked', media(20), range, false, false), { seek: 20, end: true });
  assert.deepEqual(rangeStep('timeupdate', media(20.5), range, true, false), { seek: 10 });
  assert.equal(rangeStep('timeupdate', media(19.9), range, false, false), undefined);
  assert.equal(rangeStep('timeupdate', media(20, true), range, false, false), undefined, 'paused at the end: nothing to do');
  assert.equal(rangeStep('timeupdate', media(59), { start: 10 }, false, false), undefined, 'no end: the media ends by itself');
  assert.equal(rangeStep('play', media(25), range, false, false), undefined);
});
