import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { BUCKET, bytes, startHarness, type Harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

test('PutObject then GetObject and HeadObject return the bytes, content type, metadata and ETag', async () => {
  const body = bytes(100_000, 7);
  const created: unknown[] = [];
  h.events.on('object-created', (e) => created.push(e));
  const put = await h.client.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: 'media/a/video.json',
      Body: body,
      ContentType: 'application/json',
      Metadata: { title: 'Debate', state: 'Jalisco' },
      CacheControl: 'max-age=60',
    }),
  );
  assert.match(put.ETag ?? '', /^"[0-9a-f]{32}"$/);
  assert.ok(put.ChecksumCRC32, 'the SDK sends CRC32 by default and the server echoes it');
  const got = await h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'media/a/video.json' }));
  assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), body);
  assert.equal(got.ContentType, 'application/json');
  assert.equal(got.ETag, put.ETag);
  assert.deepEqual(got.Metadata, { title: 'Debate', state: 'Jalisco' });
  assert.equal(got.CacheControl, 'max-age=60');
  const head = await h.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'media/a/video.json' }));
  assert.equal(head.ContentLength, body.length);
  assert.equal(head.ETag, put.ETag);
  assert.deepEqual(created, [
    {
      bucket: BUCKET,
      key: 'media/a/video.json',
      size: body.length,
      etag: put.ETag,
      contentType: 'application/json',
      metadata: { title: 'Debate', state: 'Jalisco' },
    },
  ]);
});

test('GetObject with Range returns 206 and the right slice, including suffix and open-ended ranges', async () => {
  const body = bytes(1000, 3);
  await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'range.bin', Body: body }));
  const slice = async (Range: string) => {
    const r = await h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.bin', Range }));
    return { bytes: Buffer.from(await r.Body!.transformToByteArray()), contentRange: r.ContentRange, length: r.ContentLength };
  };
  const a = await slice('bytes=10-19');
  assert.deepEqual(a.bytes, body.subarray(10, 20));
  assert.equal(a.contentRange, 'bytes 10-19/1000');
  assert.deepEqual((await slice('bytes=-100')).bytes, body.subarray(900));
  assert.deepEqual((await slice('bytes=990-')).bytes, body.subarray(990));
  assert.deepEqual((await slice('bytes=995-5000')).bytes, body.subarray(995));
  await assert.rejects(h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.bin', Range: 'bytes=1000-' })), (e: S3ServiceException) => {
    assert.equal(e.$metadata.httpStatusCode, 416);
    assert.equal(e.name, 'InvalidRange');
    return true;
  });
});

test('GetObject of a missing key is NoSuchKey; DeleteObject removes and emits object-removed', async () => {
  await assert.rejects(h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'nope' })), (e) => e instanceof NoSuchKey);
  await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'gone.txt', Body: 'x' }));
  const removed: unknown[] = [];
  h.events.on('object-removed', (e) => removed.push(e));
  const del = await h.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'gone.txt' }));
  assert.equal(del.$metadata.httpStatusCode, 204);
  assert.deepEqual(removed, [{ bucket: BUCKET, key: 'gone.txt' }]);
  await assert.rejects(
    h.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'gone.txt' })),
    (e: S3ServiceException) => e.$metadata.httpStatusCode === 404,
  );
  // deleting again is still 204, as on S3
  assert.equal((await h.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'gone.txt' }))).$metadata.httpStatusCode, 204);
});

test('ListObjectsV2: prefix, delimiter, pagination with continuation tokens, start-after, lexicographic order', async () => {
  const keys = ['list/b.txt', 'list/a.txt', 'list/dir1/x', 'list/dir1/y', 'list/dir2/z', 'list/c.txt', 'list/é.txt', 'list/Z.txt'];
  for (const Key of keys) await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: Key }));
  const all = await h.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/' }));
  assert.deepEqual(
    all.Contents?.map((c) => c.Key),
    [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
  );
  assert.equal(all.KeyCount, keys.length);
  assert.equal(all.IsTruncated, false);
  assert.equal(all.Contents?.[0]?.Size, 'list/Z.txt'.length);

  const grouped = await h.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/', Delimiter: '/' }));
  assert.deepEqual(
    grouped.CommonPrefixes?.map((p) => p.Prefix),
    ['list/dir1/', 'list/dir2/'],
  );
  assert.deepEqual(
    grouped.Contents?.map((c) => c.Key),
    ['list/Z.txt', 'list/a.txt', 'list/b.txt', 'list/c.txt', 'list/é.txt'],
  );

  // pages of 2 (keys and common prefixes count together), walked with continuation tokens
  const seen: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await h.client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/', Delimiter: '/', MaxKeys: 2, ContinuationToken: token }),
    );
    pages++;
    assert.ok((page.KeyCount ?? 0) <= 2);
    seen.push(...(page.Contents ?? []).map((c) => c.Key!), ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  assert.equal(pages, 4);
  assert.deepEqual(seen.sort(), [...grouped.Contents!.map((c) => c.Key!), ...grouped.CommonPrefixes!.map((p) => p.Prefix!)].sort());

  const after = await h.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/', StartAfter: 'list/dir1/x' }));
  assert.deepEqual(
    after.Contents?.map((c) => c.Key),
    ['list/dir1/y', 'list/dir2/z', 'list/é.txt'],
  );
});

test('DeleteObjects deletes many keys, Quiet reports only errors', async () => {
  for (const k of ['d/1', 'd/2', 'd/3']) await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: k, Body: k }));
  const r = await h.client.send(
    new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'd/1' }, { Key: 'd/2' }, { Key: 'd/missing' }] } }),
  );
  assert.deepEqual(r.Deleted?.map((d) => d.Key).sort(), ['d/1', 'd/2', 'd/missing']);
  const q = await h.client.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Quiet: true, Objects: [{ Key: 'd/3' }] } }));
  assert.equal(q.Deleted, undefined);
  assert.equal(q.Errors, undefined);
  const left = await h.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'd/' }));
  assert.equal(left.KeyCount, 0);
});

test('CopyObject copies bytes and metadata (COPY) or replaces metadata (REPLACE)', async () => {
  const body = bytes(5000, 11);
  await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'src.bin', Body: body, ContentType: 'video/mp4', Metadata: { title: 'Uno' } }));
  const c1 = await h.client.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'copy 1.bin', CopySource: `${BUCKET}/src.bin` }));
  assert.match(c1.CopyObjectResult?.ETag ?? '', /^"[0-9a-f]{32}"$/);
  const g1 = await h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'copy 1.bin' }));
  assert.deepEqual(Buffer.from(await g1.Body!.transformToByteArray()), body);
  assert.equal(g1.ContentType, 'video/mp4');
  assert.deepEqual(g1.Metadata, { title: 'Uno' });
  await h.client.send(
    new CopyObjectCommand({
      Bucket: BUCKET,
      Key: 'src.bin',
      CopySource: `${BUCKET}/src.bin`,
      MetadataDirective: 'REPLACE',
      ContentType: 'video/x-other',
      Metadata: { title: 'Dos' },
    }),
  );
  const g2 = await h.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'src.bin' }));
  assert.equal(g2.ContentType, 'video/x-other');
  assert.deepEqual(g2.Metadata, { title: 'Dos' });
  await assert.rejects(
    h.client.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'src.bin', CopySource: `${BUCKET}/src.bin` })),
    (e: S3ServiceException) => e.name === 'InvalidRequest',
  );
  await assert.rejects(
    h.client.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'x', CopySource: `${BUCKET}/no-such-source` })),
    (e: S3ServiceException) => e.name === 'NoSuchKey',
  );
});

test('ListBuckets lists the configured bucket', async () => {
  const r = await h.client.send(new ListBucketsCommand({}));
  assert.ok(r.Buckets?.some((b) => b.Name === BUCKET));
});

test('listings stay exact through interleaved writes and deletes (paged walk equals a model)', async () => {
  const model = new Set<string>();
  let x = 12345;
  const rnd = (n: number) => ((x = (x * 1103515245 + 12345) >>> 0) >>> 8) % n;
  const names = Array.from({ length: 60 }, (_, i) => `mix/${['a', 'b/', 'c/d/', 'ñ', 'Z'][i % 5]}${(i * 7919) % 97}`);
  for (let step = 0; step < 150; step++) {
    const k = names[rnd(names.length)]!;
    if (rnd(3) === 0) {
      await h.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: k }));
      model.delete(k);
    } else {
      await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: k, Body: String(step) }));
      model.add(k);
    }
    if (step % 25 === 24) {
      const seen: string[] = [];
      let token: string | undefined;
      do {
        const page = await h.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'mix/', MaxKeys: 7, ContinuationToken: token }));
        seen.push(...(page.Contents ?? []).map((c) => c.Key!));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      assert.deepEqual(
        seen,
        [...model].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
      );
    }
  }
  const listed: string[] = [];
  for await (const m of h.service.store.list(BUCKET, 'mix/')) listed.push(m.key);
  assert.deepEqual(
    listed,
    [...model].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
  );
});
