/**
 * The start every packaging job shares (packaging/job-start.ts), used by the local packager and the
 * AWS Lambdas alike: manifest → claimed clip id → `processing` record, against the stand-in's S3.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { claimKey, updateRecord } from '../../../packaging/clip-store.ts';
import { startPackagingJob } from '../../../packaging/job-start.ts';
import { makeTextFile } from '../../fixtures/media/make.ts';
import { getText, recordFor, startHarness, uploadSource, type Harness } from './harness.ts';

let h: Harness;
let dir: string;
const quiet = () => {};
const manifestKeyShape = () => `uploads/us-east-1:${randomUUID()}/${randomBytes(16).toString('hex')}.json`;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ine-job-start-'));
  await makeTextFile(join(dir, 'source.mp4'));
  h = await startHarness({ startPackager: false });
});

after(async () => {
  await h?.close();
  await rm(dir, { recursive: true, force: true });
});

test('a manifest gets one clip id and a processing record; a repeated start keeps the same clip', async () => {
  const key = await uploadSource(h, join(dir, 'source.mp4'), { title: 'Sesión' });
  const first = await startPackagingJob(h.s3, h.bucket, key, quiet);
  assert.equal(first.status, 'processing');
  const second = await startPackagingJob(h.s3, h.bucket, key, quiet);
  assert.equal(second.status, 'processing');
  assert.ok('id' in first && 'id' in second);
  assert.equal(second.id, first.id);
  const rec = await recordFor(h, key);
  assert.equal(rec?.id, first.id);
  assert.equal(rec?.status, 'processing');
  assert.equal(rec?.metadata.title, 'Sesión');
});

test('a clip already ready is left alone', async () => {
  const key = await uploadSource(h, join(dir, 'source.mp4'));
  const start = await startPackagingJob(h.s3, h.bucket, key, quiet);
  assert.equal(start.status, 'processing');
  assert.ok('id' in start);
  await updateRecord(h.s3, h.bucket, start.id, (cur) => cur && { ...cur, status: 'ready' }, quiet);
  const before = await getText(h, `media/${start.id}/video.json`);
  const again = await startPackagingJob(h.s3, h.bucket, key, quiet);
  assert.equal(again.status, 'already-ready');
  assert.ok('id' in again);
  assert.equal(again.id, start.id);
  assert.equal(await getText(h, `media/${start.id}/video.json`), before);
});

test('an unreadable manifest makes a failed record with its code', async () => {
  const key = manifestKeyShape();
  await h.s3.send(new PutObjectCommand({ Bucket: h.bucket, Key: key, Body: '{ not json', ContentType: 'application/json' }));
  const start = await startPackagingJob(h.s3, h.bucket, key, quiet);
  assert.ok(start.status === 'unreadable', start.status);
  assert.equal(start.failure.code, 'invalid-manifest');
  const rec = await recordFor(h, key);
  assert.equal(rec?.id, start.id);
  assert.equal(rec?.status, 'failed');
  assert.equal(rec?.failureCode, 'invalid-manifest');
});

test('a missing manifest or a key that is not a manifest starts nothing and claims nothing', async () => {
  const gone = manifestKeyShape();
  assert.deepEqual(await startPackagingJob(h.s3, h.bucket, gone, quiet), { status: 'gone' });
  assert.equal(await getText(h, claimKey(gone)), undefined);
  const other = `uploads/us-east-1:${randomUUID()}/notes.json`;
  await h.s3.send(new PutObjectCommand({ Bucket: h.bucket, Key: other, Body: '{}', ContentType: 'application/json' }));
  assert.deepEqual(await startPackagingJob(h.s3, h.bucket, other, quiet), { status: 'not-a-manifest' });
  assert.equal(await getText(h, claimKey(other)), undefined);
});
