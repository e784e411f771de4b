import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { BUCKET, bytes, startHarness, type Harness } from './harness.ts';

const MiB = 1024 * 1024;
let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const md5 = (b: Buffer) => createHash('md5').update(b).digest();

test('lib-storage Upload of 13 MiB in 5 MiB parts, queue size 4, SDK default checksums: read back byte for byte', async () => {
  const body = bytes(13 * MiB + 12345, 21);
  const created: { key: string; etag: string; size: number }[] = [];
  h.events.on('object-created', (e) => created.push(e));
  const upload = new Upload({
    client: h.client,
    queueSize: 4,
    partSize: 5 * MiB,
    params: { Bucket: BUCKET, Key: 'uploads/id-1/clip.mp4', Body: body, ContentType: 'video/mp4', Metadata: { title: 'Noticiero' } },
  });
  const done = await upload.done();
  const expectedEtag = `"${createHash('md5')
    .update(Buffer.concat([md5(body.subarray(0, 5 * MiB)), md5(body.subarray(5 * MiB, 10 * MiB)), md5(body.subarray(10 * MiB))]))
    .digest('hex')}-3"`;
  assert.equal(done.ETag, expectedEtag);
  const got = await h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'uploads/id-1/clip.mp4' }));
  const back = Buffer.from(await got.Body!.transformToByteArray());
  assert.equal(back.length, body.length);
  assert.ok(back.equals(body), 'bytes read back equal bytes uploaded');
  assert.equal(got.ContentType, 'video/mp4');
  assert.deepEqual(got.Metadata, { title: 'Noticiero' });
  assert.equal(got.ETag, expectedEtag);
  assert.deepEqual(
    created.map((c) => [c.key, c.etag, c.size]),
    [['uploads/id-1/clip.mp4', expectedEtag, body.length]],
  );
  // Nothing left behind
  const uploads = await h.client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
  assert.equal(uploads.Uploads, undefined);
});

test('low-level multipart: checksummed parts, ListParts pages of 2, Complete with CRC32 composite checksum', async () => {
  const key = 'uploads/id-2/parts.mp4';
  const c = await h.client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key, ChecksumAlgorithm: 'CRC32' }));
  const UploadId = c.UploadId!;
  assert.equal(c.ChecksumAlgorithm, 'CRC32');
  const parts = [bytes(5 * MiB, 1), bytes(5 * MiB, 2), bytes(5 * MiB, 3), bytes(5 * MiB, 4), bytes(1000, 5)];
  const uploaded = await Promise.all(
    parts.map(async (Body, i) => {
      const r = await h.client.send(
        new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: i + 1, Body, ChecksumAlgorithm: 'CRC32' }),
      );
      assert.equal(r.ETag, `"${md5(Body).toString('hex')}"`);
      assert.ok(r.ChecksumCRC32);
      return { PartNumber: i + 1, ETag: r.ETag!, ChecksumCRC32: r.ChecksumCRC32! };
    }),
  );
  const seen: number[] = [];
  let marker: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await h.client.send(new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId, MaxParts: 2, PartNumberMarker: marker }));
    pages++;
    assert.ok((page.Parts ?? []).length <= 2);
    for (const p of page.Parts ?? []) {
      seen.push(p.PartNumber!);
      assert.equal(p.ETag, uploaded[p.PartNumber! - 1]!.ETag);
      assert.equal(p.ChecksumCRC32, uploaded[p.PartNumber! - 1]!.ChecksumCRC32);
      assert.equal(p.Size, parts[p.PartNumber! - 1]!.length);
    }
    if (!page.IsTruncated) break;
    marker = page.NextPartNumberMarker;
  }
  assert.deepEqual(seen, [1, 2, 3, 4, 5]);
  assert.equal(pages, 3);
  const listed = await h.client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
  assert.deepEqual(
    listed.Uploads?.map((u) => [u.Key, u.UploadId]),
    [[key, UploadId]],
  );

  // As on S3: an upload created with a COMPOSITE algorithm needs every part's checksum in Complete.
  await assert.rejects(
    h.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: uploaded.map(({ PartNumber, ETag }) => ({ PartNumber, ETag })) },
      }),
    ),
    (e: S3ServiceException) => e.name === 'InvalidRequest' && /missing for part 1/.test(e.message),
  );
  // and the checksums must be the parts' own
  await assert.rejects(
    h.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: uploaded.map((p, i) => ({ ...p, ChecksumCRC32: uploaded[(i + 1) % uploaded.length]!.ChecksumCRC32 })) },
      }),
    ),
    (e: S3ServiceException) => e.name === 'InvalidPart',
  );
  const done = await h.client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId, MultipartUpload: { Parts: uploaded } }));
  assert.match(done.ETag ?? '', /^"[0-9a-f]{32}-5"$/);
  assert.match(done.ChecksumCRC32 ?? '', /^[A-Za-z0-9+/]+=*-5$/);
  const head = await h.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key, ChecksumMode: 'ENABLED' }));
  assert.equal(head.ContentLength, 4 * 5 * MiB + 1000);
  assert.equal(head.ChecksumCRC32, done.ChecksumCRC32);
  // whole-object GET with checksum validation on (the SDK skips composite values, but must not choke on them)
  const got = await h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, ChecksumMode: 'ENABLED' }));
  assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.concat(parts)));
  await assert.rejects(
    h.client.send(new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId })),
    (e: S3ServiceException) => e.name === 'NoSuchUpload',
  );
});

test('Complete rejects wrong order, unknown parts, wrong ETags and small parts; Abort makes the upload disappear', async () => {
  const key = 'uploads/id-3/bad.mp4';
  const { UploadId } = await h.client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
  const p1 = await h.client.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 1, Body: bytes(1000, 1) }));
  const p2 = await h.client.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 2, Body: bytes(1000, 2) }));
  const complete = (Parts: { PartNumber: number; ETag: string }[]) =>
    h.client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId, MultipartUpload: { Parts } }));
  const code = (name: string, status: number) => (e: S3ServiceException) => {
    assert.equal(e.name, name);
    assert.equal(e.$metadata.httpStatusCode, status);
    return true;
  };
  await assert.rejects(
    complete([
      { PartNumber: 2, ETag: p2.ETag! },
      { PartNumber: 1, ETag: p1.ETag! },
    ]),
    code('InvalidPartOrder', 400),
  );
  await assert.rejects(
    complete([
      { PartNumber: 1, ETag: p1.ETag! },
      { PartNumber: 3, ETag: p2.ETag! },
    ]),
    code('InvalidPart', 400),
  );
  await assert.rejects(complete([{ PartNumber: 1, ETag: p2.ETag! }]), code('InvalidPart', 400));
  await assert.rejects(
    complete([
      { PartNumber: 1, ETag: p1.ETag! },
      { PartNumber: 2, ETag: p2.ETag! },
    ]),
    code('EntityTooSmall', 400),
  );
  await assert.rejects(
    h.client.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 10001, Body: 'x' })),
    code('InvalidArgument', 400),
  );
  await assert.rejects(
    h.client.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 0, Body: 'x' })),
    code('InvalidArgument', 400),
  );
  // a single small part is fine: the last part may be smaller than 5 MiB
  const aborted = await h.client.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId }));
  assert.equal(aborted.$metadata.httpStatusCode, 204);
  await assert.rejects(h.client.send(new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId })), code('NoSuchUpload', 404));
  await assert.rejects(h.client.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId })), code('NoSuchUpload', 404));
  await assert.rejects(
    h.client.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 3, Body: 'x' })),
    code('NoSuchUpload', 404),
  );
  await assert.rejects(
    h.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })),
    (e: S3ServiceException) => e.$metadata.httpStatusCode === 404,
  );

  const single = await h.client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'uploads/id-3/one.bin' }));
  const only = await h.client.send(
    new UploadPartCommand({ Bucket: BUCKET, Key: 'uploads/id-3/one.bin', UploadId: single.UploadId, PartNumber: 1, Body: 'tiny' }),
  );
  const done = await h.client.send(
    new CompleteMultipartUploadCommand({
      Bucket: BUCKET,
      Key: 'uploads/id-3/one.bin',
      UploadId: single.UploadId,
      MultipartUpload: { Parts: [{ PartNumber: 1, ETag: only.ETag! }] },
    }),
  );
  assert.match(done.ETag!, /-1"$/);
});

test('a completed upload is not copied: its parts become the object; a reader keeps its version while the key is replaced; no blob leaks', async () => {
  const { readdir } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { PutObjectCommand, DeleteObjectCommand } = await import('@aws-sdk/client-s3');
  const h = await startHarness(); // a fresh data folder: count blobs from zero
  try {
    const blobs = () => readdir(join(h.dataDir, 'buckets', BUCKET, 'blobs'));
    const key = 'media/z/source.mp4';
    const body = bytes(11 * MiB, 77);
    await new Upload({ client: h.client, queueSize: 2, partSize: 5 * MiB, params: { Bucket: BUCKET, Key: key, Body: body } }).done();
    assert.equal((await blobs()).length, 3);
    const got = await h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    const reader = (got.Body as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    const firstChunk = (await reader.next()).value as Buffer;
    // replaced while being read
    await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'new version' }));
    assert.deepEqual(await blobs(), [], 'the old blobs are released once replaced');
    const chunks = [firstChunk];
    for (let r = await reader.next(); !r.done; r = await reader.next()) chunks.push(r.value as Buffer);
    assert.ok(Buffer.concat(chunks).equals(body), 'the reader finished reading the version it opened');
    assert.equal(await (await h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToString(), 'new version');
    // a multipart object deleted releases its blobs too
    await new Upload({ client: h.client, queueSize: 2, partSize: 5 * MiB, params: { Bucket: BUCKET, Key: key, Body: body } }).done();
    assert.equal((await blobs()).length, 3);
    const ranged = await h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, Range: `bytes=${5 * MiB - 10}-${10 * MiB + 9}` }));
    assert.ok(
      Buffer.from(await ranged.Body!.transformToByteArray()).equals(body.subarray(5 * MiB - 10, 10 * MiB + 10)),
      'ranges across part boundaries',
    );
    await h.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
    assert.deepEqual(await blobs(), []);
  } finally {
    await h.close();
  }
});
