// The CDN origin: published clips and the catalog only, with content types, cache headers, Range,
// conditional requests, CORS and gzip; publication changes take effect at once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { serviceClient, testStandIn, type TestStandIn } from './helpers.ts';

let si: TestStandIn;
const put = (Key: string, Body: string | Buffer, ContentType = 'application/octet-stream') =>
  serviceClient(si).send(new PutObjectCommand({ Bucket: si.config.bucket, Key, Body, ContentType }));
const record = (id: string, published: boolean) =>
  JSON.stringify({ schemaVersion: 1, id, published, status: 'ready', metadata: { title: 'Prueba' } });
const segment = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));
const cdn = (path: string, init?: RequestInit) => fetch(`${si.config.cdnBaseUrl}/${path}`, init);

before(async () => {
  si = await testStandIn();
  await put('media/pub1/video.json', record('pub1', true), 'application/json');
  await put(
    'media/pub1/master.m3u8',
    '#EXTM3U\n#EXT-X-VERSION:7\n' + '#EXT-X-STREAM-INF:BANDWIDTH=800000\n720p/index.m3u8\n'.repeat(20),
    'binary/octet-stream',
  );
  await put('media/pub1/720p/seg-1.m4s', segment);
  await put('media/pub1/poster.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
  await put('media/pub1/storyboard.vtt', 'WEBVTT\n');
  await put('media/pub1/source.mp4', Buffer.alloc(100, 1));
  await put('media/draft1/video.json', record('draft1', false), 'application/json');
  await put('media/draft1/master.m3u8', '#EXTM3U\n');
  await put('catalog/page-1.json', JSON.stringify({ clips: Array.from({ length: 50 }, (_, i) => ({ id: `c${i}` })) }), 'application/json');
  await put('uploads/someone/x.mp4', Buffer.alloc(10));
  await put('index/all.json', '{}');
});
after(async () => si?.cleanup());

test('published clip files are served with their types and cache lifetimes', async () => {
  const expect: Array<[string, string, string]> = [
    ['media/pub1/master.m3u8', 'application/vnd.apple.mpegurl', 'public, max-age=5, stale-while-revalidate=30'],
    ['media/pub1/video.json', 'application/json; charset=utf-8', 'public, max-age=5, stale-while-revalidate=30'],
    ['media/pub1/720p/seg-1.m4s', 'video/iso.segment', 'public, max-age=31536000, immutable'],
    ['media/pub1/poster.jpg', 'image/jpeg', 'public, max-age=31536000, immutable'],
    ['media/pub1/storyboard.vtt', 'text/vtt; charset=utf-8', 'public, max-age=5, stale-while-revalidate=30'],
    ['media/pub1/source.mp4', 'video/mp4', 'public, max-age=31536000, immutable'],
    ['catalog/page-1.json', 'application/json; charset=utf-8', 'public, max-age=5, stale-while-revalidate=30'],
  ];
  for (const [path, type, cache] of expect) {
    const res = await cdn(path, { headers: { origin: 'http://127.0.0.1:5173' } });
    assert.equal(res.status, 200, path);
    assert.equal(res.headers.get('content-type'), type, path);
    assert.equal(res.headers.get('cache-control'), cache, path);
    assert.equal(res.headers.get('access-control-allow-origin'), '*', path);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /Content-Range/);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /ETag/);
    assert.ok(res.headers.get('etag') && res.headers.get('last-modified'), path);
    await res.arrayBuffer();
  }
  const seg = Buffer.from(await (await cdn('media/pub1/720p/seg-1.m4s')).arrayBuffer());
  assert.deepEqual(seg, segment);
});

test('unpublished, unknown and private paths are 404', async () => {
  for (const path of [
    'media/draft1/master.m3u8',
    'media/draft1/video.json',
    'media/nope/master.m3u8',
    'uploads/someone/x.mp4',
    'index/all.json',
    'media/pub1',
    'catalog/',
    '',
    'media/pub1/../draft1/master.m3u8',
    'media/pub1/%2e%2e/draft1/master.m3u8',
  ]) {
    const res = await cdn(path);
    assert.equal(res.status, 404, path);
    await res.arrayBuffer();
  }
  assert.equal((await cdn('media/pub1/master.m3u8', { method: 'POST' })).status, 405);
});

test('Range: 206 with Content-Range, suffix ranges, 416 beyond the end', async () => {
  const r = await cdn('media/pub1/720p/seg-1.m4s', { headers: { range: 'bytes=100-199' } });
  assert.equal(r.status, 206);
  assert.equal(r.headers.get('content-range'), `bytes 100-199/${segment.length}`);
  assert.equal(r.headers.get('content-length'), '100');
  assert.deepEqual(Buffer.from(await r.arrayBuffer()), segment.subarray(100, 200));
  const suffix = await cdn('media/pub1/720p/seg-1.m4s', { headers: { range: 'bytes=-10' } });
  assert.equal(suffix.status, 206);
  assert.deepEqual(Buffer.from(await suffix.arrayBuffer()), segment.subarray(segment.length - 10));
  const open = await cdn('media/pub1/720p/seg-1.m4s', { headers: { range: 'bytes=4000-' } });
  assert.equal(open.headers.get('content-range'), `bytes 4000-4095/${segment.length}`);
  await open.arrayBuffer();
  const bad = await cdn('media/pub1/720p/seg-1.m4s', { headers: { range: 'bytes=5000-6000' } });
  assert.equal(bad.status, 416);
  assert.equal(bad.headers.get('content-range'), `bytes */${segment.length}`);
});

test('conditional GET: 304 on a matching ETag or an unchanged date', async () => {
  const first = await cdn('media/pub1/poster.jpg');
  const etag = first.headers.get('etag')!;
  const lastModified = first.headers.get('last-modified')!;
  await first.arrayBuffer();
  assert.equal((await cdn('media/pub1/poster.jpg', { headers: { 'if-none-match': etag } })).status, 304);
  assert.equal((await cdn('media/pub1/poster.jpg', { headers: { 'if-modified-since': lastModified } })).status, 304);
  const changed = await cdn('media/pub1/poster.jpg', { headers: { 'if-none-match': '"other"' } });
  assert.equal(changed.status, 200);
  await changed.arrayBuffer();
});

test('HEAD and preflight', async () => {
  const head = await cdn('media/pub1/720p/seg-1.m4s', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('content-length'), String(segment.length));
  const pre = await cdn('media/pub1/master.m3u8', {
    method: 'OPTIONS',
    headers: { origin: 'http://x.test', 'access-control-request-method': 'GET', 'access-control-request-headers': 'range' },
  });
  assert.equal(pre.status, 204);
  assert.match(pre.headers.get('access-control-allow-headers') ?? '', /Range/i);
});

test('text is gzipped when the client accepts it', async () => {
  const { request } = await import('node:http');
  const url = new URL(`${si.config.cdnBaseUrl}/catalog/page-1.json`);
  const { headers, body } = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
    request(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
  assert.equal(headers['content-encoding'], 'gzip');
  assert.match(String(headers.vary), /Accept-Encoding/);
  assert.equal((JSON.parse(gunzipSync(body).toString()) as { clips: unknown[] }).clips.length, 50);
});

test('publishing and unpublishing take effect at once', async () => {
  assert.equal((await cdn('media/draft1/master.m3u8')).status, 404);
  await put('media/draft1/video.json', record('draft1', true), 'application/json');
  const now = await cdn('media/draft1/master.m3u8');
  assert.equal(now.status, 200);
  assert.equal(await now.text(), '#EXTM3U\n');
  await put('media/draft1/video.json', record('draft1', false), 'application/json');
  assert.equal((await cdn('media/draft1/master.m3u8')).status, 404);
});
