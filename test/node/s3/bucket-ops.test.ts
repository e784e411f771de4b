import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { BUCKET, bytes, raw, startHarness, xmlField, type Harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness({ minPartSize: 1024 });
});
after(() => h.close());

test('HeadBucket, GetBucketLocation, CreateBucket (then usable), NoSuchBucket', async () => {
  const head = await h.client.send(new HeadBucketCommand({ Bucket: BUCKET }));
  assert.equal(head.$metadata.httpStatusCode, 200);
  const loc = await h.client.send(new GetBucketLocationCommand({ Bucket: BUCKET }));
  assert.equal(loc.LocationConstraint, undefined); // us-east-1 is the empty constraint
  await h.client.send(new CreateBucketCommand({ Bucket: 'otro-bucket' }));
  await assert.rejects(
    h.client.send(new CreateBucketCommand({ Bucket: 'otro-bucket' })),
    (e: S3ServiceException) => e.name === 'BucketAlreadyOwnedByYou',
  );
  await h.client.send(new PutObjectCommand({ Bucket: 'otro-bucket', Key: 'k', Body: 'v' }));
  assert.equal(await (await h.client.send(new GetObjectCommand({ Bucket: 'otro-bucket', Key: 'k' }))).Body!.transformToString(), 'v');
  await assert.rejects(h.client.send(new HeadBucketCommand({ Bucket: 'no-existe' })), (e: S3ServiceException) => e.$metadata.httpStatusCode === 404);
  await assert.rejects(h.client.send(new ListObjectsV2Command({ Bucket: 'no-existe' })), (e: S3ServiceException) => e.name === 'NoSuchBucket');
});

test('ListObjects V1 with marker and NextMarker; encoding-type=url as the AWS CLI asks', async () => {
  for (const k of ['v1/a', 'v1/b/1', 'v1/b/2', 'v1/c d', 'v1/ñ']) await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: k, Body: k }));
  const p1 = await h.client.send(new ListObjectsCommand({ Bucket: BUCKET, Prefix: 'v1/', Delimiter: '/', MaxKeys: 2 }));
  assert.deepEqual(
    p1.Contents?.map((c) => c.Key),
    ['v1/a'],
  );
  assert.deepEqual(
    p1.CommonPrefixes?.map((c) => c.Prefix),
    ['v1/b/'],
  );
  assert.equal(p1.IsTruncated, true);
  assert.equal(p1.NextMarker, 'v1/b/');
  const p2 = await h.client.send(new ListObjectsCommand({ Bucket: BUCKET, Prefix: 'v1/', Delimiter: '/', MaxKeys: 2, Marker: p1.NextMarker }));
  assert.deepEqual(
    p2.Contents?.map((c) => c.Key),
    ['v1/c d', 'v1/ñ'],
  );
  assert.equal(p2.IsTruncated, false);
  const enc = await raw(h.url, { method: 'GET', path: `/${BUCKET}?list-type=2&prefix=v1%2F&encoding-type=url` });
  assert.match(enc.text, /<Key>v1\/c%20d<\/Key>/);
  assert.match(enc.text, /<Key>v1\/%C3%B1<\/Key>/);
  assert.equal(xmlField(enc.text, 'EncodingType'), 'url');
  // keys with XML-special characters survive the round trip
  await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'v1/<&>"\'.txt', Body: 'x' }));
  const listed = await h.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'v1/<' }));
  assert.deepEqual(
    listed.Contents?.map((c) => c.Key),
    ['v1/<&>"\'.txt'],
  );
});

test('GetObject ?partNumber reads one part of a multipart object and reports the parts count', async () => {
  const key = 'parts/obj.bin';
  const parts = [bytes(2000, 1), bytes(3000, 2), bytes(500, 3)];
  const { UploadId } = await h.client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
  const done = [];
  for (const [i, Body] of parts.entries())
    done.push({
      PartNumber: i + 1,
      ETag: (await h.client.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: i + 1, Body }))).ETag!,
    });
  await h.client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId, MultipartUpload: { Parts: done } }));
  const p2 = await h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, PartNumber: 2 }));
  assert.ok(Buffer.from(await p2.Body!.transformToByteArray()).equals(parts[1]!));
  assert.equal(p2.PartsCount, 3);
  assert.equal(p2.ContentRange, 'bytes 2000-4999/5500');
  await assert.rejects(
    h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, PartNumber: 4 })),
    (e: S3ServiceException) => e.$metadata.httpStatusCode === 416,
  );
});
