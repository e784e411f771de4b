// The engine as composed by server/index.ts: every request signed (SigV4) and authorized by the role policies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  CreateMultipartUploadCommand,
  UploadPartCommand,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { startStandIn, type StandIn } from '../../../server/index.ts';
import { bytes, tempDir } from './harness.ts';

const MiB = 1024 * 1024;
let standIn: StandIn;
let s3: S3Client;
let dataDir: string;
before(async () => {
  dataDir = await tempDir();
  standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir, packager: false });
  s3 = new S3Client({
    region: standIn.config.region,
    endpoint: standIn.config.s3Endpoint,
    forcePathStyle: true,
    credentials: standIn.staticCredentials,
    maxAttempts: 1,
  });
});
after(async () => {
  s3.destroy();
  await standIn.close();
  await rm(dataDir, { recursive: true, force: true });
});

test('signed requests: a streamed aws-chunked put with trailing CRC32 and a lib-storage upload read back exactly', async () => {
  const Bucket = standIn.config.bucket;
  const body = bytes(2 * MiB + 3, 8);
  await s3.send(new PutObjectCommand({ Bucket, Key: 'index/stream.bin', Body: Readable.from([body]), ContentLength: body.length }));
  const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'index/stream.bin', ChecksumMode: 'ENABLED' }));
  assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(body));
  const big = bytes(12 * MiB + 1, 9);
  const done = await new Upload({ client: s3, queueSize: 4, partSize: 5 * MiB, params: { Bucket, Key: 'uploads/svc/big.mp4', Body: big } }).done();
  assert.match(done.ETag!, /-3"$/);
  const back = await s3.send(new GetObjectCommand({ Bucket, Key: 'uploads/svc/big.mp4' }));
  assert.ok(Buffer.from(await back.Body!.transformToByteArray()).equals(big));
});

test('signed requests: 20 concurrent If-None-Match:* puts → one winner; an unfinished upload survives stop/start', async () => {
  const Bucket = standIn.config.bucket;
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) => s3.send(new PutObjectCommand({ Bucket, Key: 'catalog/once.json', Body: `{"i":${i}}`, IfNoneMatch: '*' }))),
  );
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as S3ServiceException).$metadata.httpStatusCode, 412);

  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'uploads/svc/later.mp4' }));
  await s3.send(new UploadPartCommand({ Bucket, Key: 'uploads/svc/later.mp4', UploadId, PartNumber: 1, Body: 'first part' }));
  await standIn.stop();
  await standIn.start();
  // the old client's kept-alive sockets died with the stop: a fresh client, as a reloaded page would have
  s3.destroy();
  s3 = new S3Client({
    region: standIn.config.region,
    endpoint: standIn.config.s3Endpoint,
    forcePathStyle: true,
    credentials: standIn.staticCredentials,
    maxAttempts: 1,
  });
  const parts = await s3.send(new ListPartsCommand({ Bucket, Key: 'uploads/svc/later.mp4', UploadId }));
  assert.deepEqual(
    parts.Parts?.map((p) => [p.PartNumber, p.Size]),
    [[1, 10]],
  );
});
