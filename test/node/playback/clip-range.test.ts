import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTime, parseTParam, splitMediaFragment, resolveClipRange, clampToRange, rangeEnd } from '../../../src/playback/clip-range.ts';
import { momentLink } from '../../../src/playback/moment-link.ts';

test('parseTime reads seconds, clocks and npt', () => {
  assert.equal(parseTime('90'), 90);
  assert.equal(parseTime('90.5'), 90.5);
  assert.equal(parseTime('12:03'), 723);
  assert.equal(parseTime('1:02:03.5'), 3723.5);
  assert.equal(parseTime('npt:10'), 10);
  assert.equal(parseTime('10s'), 10);
  for (const bad of ['', '-3', 'abc', '1:2:3:4', '12:75', null, undefined]) assert.equal(parseTime(bad), undefined, String(bad));
});

test('parseTParam reads start, start-end and open start', () => {
  assert.deepEqual(parseTParam('10,20'), { start: 10, end: 20 });
  assert.deepEqual(parseTParam('12:03,12:41'), { start: 723, end: 761 });
  assert.deepEqual(parseTParam('5'), { start: 5, end: undefined });
  assert.deepEqual(parseTParam(',8'), { start: 0, end: 8 });
  assert.equal(parseTParam('20,10'), undefined, 'end before start');
  assert.equal(parseTParam('a,b'), undefined);
  assert.equal(parseTParam('1,2,3'), undefined);
});

test('splitMediaFragment strips #t= and keeps other fragment parts', () => {
  assert.deepEqual(splitMediaFragment('https://cdn/x/master.m3u8#t=2,6'), { url: 'https://cdn/x/master.m3u8', range: { start: 2, end: 6 } });
  assert.deepEqual(splitMediaFragment('https://cdn/a.mp4#foo&t=3'), { url: 'https://cdn/a.mp4#foo', range: { start: 3, end: undefined } });
  assert.deepEqual(splitMediaFragment('https://cdn/a.mp4?t=3'), { url: 'https://cdn/a.mp4?t=3' });
});

test('attributes win over the fragment; a bad end is dropped', () => {
  assert.deepEqual(resolveClipRange({ start: 2, end: 6 }, '3', null), { start: 3, end: 6 });
  assert.deepEqual(resolveClipRange({ start: 2, end: 6 }, null, '0:08'), { start: 2, end: 8 });
  assert.deepEqual(resolveClipRange(undefined, '5', '4'), { start: 5, end: undefined });
  assert.deepEqual(resolveClipRange(undefined, 'junk', ''), { start: 0, end: undefined });
});

test('clampToRange and rangeEnd respect range and duration', () => {
  const r = { start: 2, end: 6 };
  assert.equal(clampToRange(0, r), 2);
  assert.equal(clampToRange(4, r), 4);
  assert.equal(clampToRange(9, r), 6);
  assert.equal(clampToRange(9, { start: 0 }, 7.5), 7.5);
  assert.equal(rangeEnd({ start: 0 }, 10), 10);
  assert.equal(rangeEnd({ start: 0, end: 30 }, 10), 10);
  assert.equal(rangeEnd({ start: 0, end: 6 }, NaN), 6);
});

test('momentLink replaces the page fragment with the moment and the range end', () => {
  assert.equal(momentLink('https://ine.mx/m?id=9#t=1,2', 723.44, 761), 'https://ine.mx/m?id=9#t=723.4,761');
  assert.equal(momentLink('https://ine.mx/m', 5), 'https://ine.mx/m#t=5');
  assert.equal(momentLink('https://ine.mx/m#sec', 5, 3), 'https://ine.mx/m#t=5');
});
