// What the player makes of a clip's record (`video.json`) as the CDN answers it: fetchClipRecord
// in src/playback/source.ts, with a fake fetch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchClipRecord } from '../../../src/playback/source.ts';
import { VIDEO_RECORD_VERSION } from '../../../src/contract/video-record.ts';

const folder = 'https://cdn.example/media/abc/';
const url = `${folder}video.json`;
const answer = (status: number, body?: unknown) =>
  (async () => new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), { status })) as typeof fetch;
const record = {
  schemaVersion: VIDEO_RECORD_VERSION,
  status: 'ready',
  published: true,
  poster: 'poster.jpg',
  storyboard: 'sb.vtt',
  captions: [{ lang: 'es', label: 'Español', uri: 'subs/es.vtt' }],
  metadata: { title: 'Sesión', broadcastAt: '2026-03-01T21:00:00-06:00' },
  durationSeconds: 12,
};

test('a published record gives absolute asset URLs, its title, when it went on air and its source timecode', async () => {
  const timecode = { start: '20:59:47;12', frameRate: 30000 / 1001 };
  const got = await fetchClipRecord(url, folder, answer(200, { ...record, timecode }));
  assert.deepEqual(got, {
    poster: `${folder}poster.jpg`,
    storyboard: `${folder}sb.vtt`,
    captions: [{ lang: 'es', label: 'Español', src: `${folder}subs/es.vtt` }],
    title: 'Sesión',
    broadcastAt: '2026-03-01T21:00:00-06:00',
    timecode,
    durationSeconds: 12,
  });
});

test('the CDN status and the record itself say why a clip cannot play', async () => {
  assert.equal(await fetchClipRecord(url, folder, answer(404)), 'NotFound');
  assert.equal(await fetchClipRecord(url, folder, answer(403)), 'NotFound', 'the CDN hides unpublished clips');
  assert.equal(await fetchClipRecord(url, folder, answer(503)), 'ServerError');
  assert.equal(await fetchClipRecord(url, folder, answer(200, { ...record, status: 'processing' })), 'Processing');
  assert.equal(await fetchClipRecord(url, folder, answer(200, { ...record, status: 'failed' })), 'ProcessingFailed');
  assert.equal(await fetchClipRecord(url, folder, answer(200, { ...record, published: false })), 'NotPublished');
  assert.equal(await fetchClipRecord(url, folder, answer(200, { ...record, schemaVersion: 99 })), 'UnsupportedRecord');
});

test('no answer, or an answer that is not JSON, tells nothing (the stream reports its own trouble)', async () => {
  const refused = (async () => {
    throw new TypeError('fetch failed');
  }) as typeof fetch;
  assert.equal(await fetchClipRecord(url, folder, refused), undefined);
  assert.equal(await fetchClipRecord(url, folder, answer(200, '<html>not json')), undefined);
});
