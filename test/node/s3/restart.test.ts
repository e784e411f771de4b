import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { rm } from 'node:fs/promises';
import { BUCKET, bytes, startHarness, tempDir } from './harness.ts';

const MiB = 1024 * 1024;

test('an unfinished multipart upload survives a restart: listed, ListParts works, the rest is uploaded and completed', async () => {
  const dataDir = await tempDir();
  try {
    const key = 'uploads/id-r/long.mp4';
    const parts = [bytes(5 * MiB, 31), bytes(5 * MiB, 32), bytes(2 * MiB, 33)];
    const first = await startHarness({ dataDir });
    await first.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'catalog/kept.json', Body: '{"ok":true}' }));
    const { UploadId } = await first.client.send(
      new CreateMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        ContentType: 'video/mp4',
        Metadata: { title: 'Reanudado' },
        ChecksumAlgorithm: 'CRC32',
      }),
    );
    const p1 = await first.client.send(
      new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 1, Body: parts[0], ChecksumAlgorithm: 'CRC32' }),
    );
    await first.stop();

    const second = await startHarness({ dataDir });
    try {
      const uploads = await second.client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
      assert.deepEqual(
        uploads.Uploads?.map((u) => [u.Key, u.UploadId]),
        [[key, UploadId]],
      );
      const listed = await second.client.send(new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId }));
      assert.deepEqual(
        listed.Parts?.map((p) => [p.PartNumber, p.ETag, p.Size, p.ChecksumCRC32]),
        [[1, p1.ETag, 5 * MiB, p1.ChecksumCRC32]],
      );
      const rest = [];
      for (const n of [2, 3]) {
        const r = await second.client.send(
          new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: n, Body: parts[n - 1], ChecksumAlgorithm: 'CRC32' }),
        );
        rest.push({ PartNumber: n, ETag: r.ETag!, ChecksumCRC32: r.ChecksumCRC32! });
      }
      await second.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: key,
          UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag!, ChecksumCRC32: p1.ChecksumCRC32! }, ...rest] },
        }),
      );
      const got = await second.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.concat(parts)));
      assert.equal(got.ContentType, 'video/mp4');
      assert.deepEqual(got.Metadata, { title: 'Reanudado' });
      const kept = await second.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'catalog/kept.json' }));
      assert.equal(await kept.Body!.transformToString(), '{"ok":true}');
      assert.equal((await second.client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))).Uploads, undefined);
    } finally {
      await second.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
