/**
 * Server-side uploads against the stand-in (its packager and webhooks running): the real AWS SDK on
 * the service side, plain `fetch` PUTs to the presigned part URLs on the client side, as the News
 * Monitoring System would do.
 */
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ListObjectsV2Command, UploadPartCommand, type S3Client } from '@aws-sdk/client-s3';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { createSubscription, verifyWebhookSignature, type SubscriptionContext } from '../../../core/events/index.ts';
import {
  UPLOAD_LIMITS,
  IDENTITY_ID_PATTERN,
  UploadsError,
  abortUpload,
  clientIdentityId,
  abortedUploadSchema,
  completeUpload,
  completedUploadSchema,
  createUpload,
  createUploadRequestSchema,
  createdUploadSchema,
  partUrlsSchema,
  presignUploadParts,
  type CreatedUpload,
  type UploadContext,
  type UploadPrincipal,
} from '../../../core/uploads/index.ts';
import { S3_MIN_PART_SIZE } from '../../../src/upload/part-plan.ts';
import { paddedClip } from './padded-clip.ts';
import { getText, recordFor, waitFor } from '../packager/harness.ts';
import { serviceClient, testStandIn, type TestStandIn } from '../stand-in/helpers.ts';
import { startReceiver, type Receiver } from '../events/receiver.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const valid = (schema: object, value: unknown) => {
  const v = ajv.compile(schema);
  assert.ok(v(value), JSON.stringify(v.errors));
};

let standIn: TestStandIn;
let s3: S3Client;
let ctx: UploadContext;
let dir: string;
let clip: Buffer;
let receiver: Receiver;
let secret: string;
const me: UploadPrincipal = { identityId: `us-east-1:${randomUUID()}`, subject: 'client:monitoreo' };
const someoneElse: UploadPrincipal = { identityId: `us-east-1:${randomUUID()}`, subject: 'client:otro' };
const metadata = {
  title: 'Noticiero estelar <b>sin HTML</b>',
  outlet: 'Canal 11',
  program: 'Noticias',
  broadcastAt: '2026-11-01T20:30:00-06:00',
  state: 'Jalisco',
  tags: ['debate', 'encuesta'],
};
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** A fetch body of exactly these bytes. */
const bytesOf = (b: Uint8Array) => Uint8Array.from(b);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ine-server-uploads-'));
  clip = await paddedClip(join(dir, 'clip.mp4'), 6 * 1024 * 1024);
  await writeFile(join(dir, 'padded.mp4'), clip);
  standIn = await testStandIn({ packager: true, webhooks: { settings: { retryBaseMs: 50 } } });
  s3 = serviceClient(standIn);
  // Parts of 5 MiB (S3's smallest) so a small test clip still travels in several parts.
  ctx = { s3, bucket: standIn.config.bucket, minPartSize: S3_MIN_PART_SIZE };
  receiver = await startReceiver(204);
  const subs: SubscriptionContext = standIn.webhooks!.subscriptionContext;
  secret = (await createSubscription(subs, 'admin', { url: receiver.url, events: ['clip.ready', 'clip.failed'] })).secret;
});

after(async () => {
  await receiver?.close();
  s3?.destroy();
  await standIn?.cleanup();
  await rm(dir, { recursive: true, force: true });
});

/** PUTs every part with plain fetch, as any HTTP client would; returns what completion needs. */
async function putParts(created: Pick<CreatedUpload, 'parts'>, bytes: Buffer) {
  const out: { partNumber: number; etag: string }[] = [];
  for (const p of created.parts) {
    const res = await fetch(p.url, { method: 'PUT', body: bytesOf(bytes.subarray(p.start, p.end)) });
    assert.equal(res.status, 200, await res.text());
    out.push({ partNumber: p.partNumber, etag: res.headers.get('etag')! });
  }
  return out;
}

/** The webhook deliveries of one clip, waited for without polling the receiver. */
async function eventFor(clipId: string) {
  for (let n = 1; ; n++) {
    const got = await receiver.waitFor(n);
    const hit = got.find((g) => JSON.parse(g.body).data.clipId === clipId);
    if (hit) return hit;
  }
}

test('a clip uploaded in parts through presigned URLs is packaged like a browser upload, and clip.ready is delivered', async () => {
  const createdDefault = await createUpload({ s3, bucket: ctx.bucket }, me, {
    fileName: 'a.mp4',
    size: clip.length,
    sha256: sha256(clip),
    contentType: 'video/mp4',
    metadata,
  });
  await abortUpload(ctx, me, createdDefault.uploadId);
  const created = await createUpload(ctx, me, {
    fileName: 'estelar.mp4',
    size: clip.length,
    sha256: sha256(clip),
    contentType: 'video/mp4',
    metadata,
  });
  valid(createdUploadSchema, created);
  assert.equal(created.partSize, S3_MIN_PART_SIZE);
  assert.equal(created.partCount, 2);
  assert.equal(created.parts.length, 2);
  assert.equal(createdDefault.partSize, UPLOAD_LIMITS.minPartSize, 'server clients get larger parts by default');
  assert.match(created.key, new RegExp(`^uploads/${me.identityId}/[0-9a-f]{32}\\.mp4$`));
  const parts = await putParts(created, clip);
  // Completion takes the parts in any order.
  const done = await completeUpload(ctx, me, created.uploadId, { parts: [...parts].reverse() });
  valid(completedUploadSchema, done);
  assert.deepEqual(await completeUpload(ctx, me, created.uploadId, { parts }), done, 'completing again answers the same');

  const manifestKey = created.key.replace(/\.mp4$/, '.json');
  const manifest = JSON.parse((await getText({ s3, bucket: ctx.bucket }, manifestKey))!);
  assert.deepEqual(Object.keys(manifest).sort(), [
    'contentType',
    'fileName',
    'identityId',
    'key',
    'metadata',
    'schemaVersion',
    'sha256',
    'size',
    'uploadedAt',
  ]);
  assert.equal(manifest.sha256, sha256(clip));
  assert.equal(manifest.size, clip.length);

  const rec = await waitFor('the clip record ready', async () => {
    const r = await recordFor({ s3, bucket: ctx.bucket }, manifestKey);
    return r && r.status !== 'processing' ? r : undefined;
  });
  assert.equal(rec.status, 'ready', rec.failureReason);
  assert.equal(rec.id, done.clipId, 'the clip id answered at completion is the clip made');
  assert.equal(rec.metadata.title, metadata.title, 'text stays text');
  assert.deepEqual(rec.metadata.tags, metadata.tags);

  const hook = await eventFor(done.clipId);
  const event = JSON.parse(hook.body);
  assert.equal(event.type, 'clip.ready');
  assert.equal(verifyWebhookSignature(hook.headers['ine-signature'] as string, hook.body, secret).ok, true);
});

test('a wrong SHA-256 fails packaging with checksum-mismatch, reported by clip.failed', async () => {
  const wrong = sha256(Buffer.from('another file'));
  const created = await createUpload(ctx, me, {
    fileName: 'alterado.mov',
    size: clip.length,
    sha256: wrong.toUpperCase(),
    contentType: 'video/quicktime',
    metadata,
  });
  const done = await completeUpload(ctx, me, created.uploadId, { parts: await putParts(created, clip) });
  const hook = await eventFor(done.clipId);
  const event = JSON.parse(hook.body);
  assert.equal(event.type, 'clip.failed');
  assert.equal(event.data.failureCode, 'checksum-mismatch');
  const rec = await recordFor({ s3, bucket: ctx.bucket }, created.key.replace(/\.mp4$/, '.json'));
  assert.equal(rec!.status, 'failed');
  assert.equal(rec!.failureCode, 'checksum-mismatch');
});

test('the stand-in refuses a part URL used for another key, another part, another size, or after it expired', async () => {
  const created = await createUpload(ctx, me, { fileName: 'x.mp4', size: clip.length, sha256: sha256(clip), contentType: 'video/mp4', metadata });
  const [first, second] = created.parts;
  const body = bytesOf(clip.subarray(first.start, first.end));
  const otherKey = first.url.replace(created.uploadId, '0'.repeat(32));
  assert.notEqual(otherKey, first.url);
  const refused = async (url: string, b: Uint8Array, what: string) => {
    const res = await fetch(url, { method: 'PUT', body: bytesOf(b) });
    assert.equal(res.status, 403, `${what}: ${res.status}`);
    return res.text();
  };
  assert.match(await refused(otherKey, body, 'another key'), /SignatureDoesNotMatch/);
  assert.match(await refused(first.url.replace('partNumber=1', 'partNumber=2'), body, 'another part'), /SignatureDoesNotMatch/);
  assert.match(await refused(first.url, body.subarray(1), 'a byte short'), /SignatureDoesNotMatch/);
  assert.match(await refused(second.url, body, 'the first part’s bytes at the second part’s URL'), /SignatureDoesNotMatch/);
  // URLs signed an hour and a half ago (their lifetime is 15 minutes).
  const old = await presignUploadParts({ ...ctx, now: () => Date.now() - 90 * 60_000 }, me, created.uploadId, { partNumbers: [1] });
  assert.match(await refused(old.parts[0].url, body, 'expired'), /expired/);
  // A fresh URL for the same part works.
  const fresh = await presignUploadParts(ctx, me, created.uploadId, { partNumbers: [1, 1] });
  valid(partUrlsSchema, fresh);
  assert.equal(fresh.parts.length, 1);
  assert.equal((await fetch(fresh.parts[0].url, { method: 'PUT', body })).status, 200);
  await abortUpload(ctx, me, created.uploadId);
});

test('completion refuses a part of the wrong size, a missing part and a stale ETag, and changes nothing', async () => {
  const created = await createUpload(ctx, me, { fileName: 'x.mp4', size: clip.length, sha256: sha256(clip), contentType: 'video/mp4', metadata });
  const parts = await putParts(created, clip);
  // A client that bypassed the URLs (or a bug) stored part 2 with one byte too many.
  const { session } = { session: JSON.parse((await getText({ s3, bucket: ctx.bucket }, `api/uploads/${created.uploadId}.json`))!) };
  const longer = await s3.send(
    new UploadPartCommand({
      Bucket: ctx.bucket,
      Key: created.key,
      UploadId: session.s3UploadId,
      PartNumber: 2,
      Body: bytesOf(clip.subarray(created.parts[1].start - 1)),
    }),
  );
  const stale = parts.map((p) => (p.partNumber === 2 ? { ...p, etag: longer.ETag! } : p));
  await assert.rejects(
    completeUpload(ctx, me, created.uploadId, { parts: stale }),
    (e: UploadsError) => e.status === 409 && e.code === 'upload-size-mismatch',
  );
  await assert.rejects(completeUpload(ctx, me, created.uploadId, { parts }), (e: UploadsError) => e.code === 'upload-size-mismatch');
  // Part 2 again, right this time, but completion names the old ETag.
  const right = await fetch(created.parts[1].url, { method: 'PUT', body: bytesOf(clip.subarray(created.parts[1].start, created.parts[1].end)) });
  await assert.rejects(
    completeUpload(ctx, me, created.uploadId, { parts: stale.map((p) => (p.partNumber === 2 ? { ...p, etag: '"0123"' } : p)) }),
    (e: UploadsError) => e.code === 'upload-etag-mismatch',
  );
  await assert.rejects(
    completeUpload(ctx, me, created.uploadId, { parts: parts.slice(0, 1) }),
    (e: UploadsError) => e.status === 400 && /missing: 2/.test(e.message),
  );
  assert.equal(await getText({ s3, bucket: ctx.bucket }, created.key.replace(/\.mp4$/, '.json')), undefined, 'no manifest was written');
  // Somebody else cannot complete or abort it; the owner can still finish it.
  await assert.rejects(completeUpload(ctx, someoneElse, created.uploadId, { parts }), (e: UploadsError) => e.status === 404);
  await assert.rejects(abortUpload(ctx, someoneElse, created.uploadId), (e: UploadsError) => e.status === 404);
  const done = await completeUpload(ctx, me, created.uploadId, {
    parts: parts.map((p) => (p.partNumber === 2 ? { ...p, etag: right.headers.get('etag')! } : p)),
  });
  assert.equal(done.state, 'completed');
  await assert.rejects(abortUpload(ctx, me, created.uploadId), (e: UploadsError) => e.status === 409 && e.code === 'upload-completed');
  await eventFor(done.clipId); // packaged before the stand-in stops
});

test('an aborted upload is gone from S3 and cannot be completed', async () => {
  const created = await createUpload(ctx, me, { fileName: 'x.mp4', size: clip.length, sha256: sha256(clip), contentType: 'video/mp4', metadata });
  const parts = await putParts(created, clip);
  valid(abortedUploadSchema, await abortUpload(ctx, me, created.uploadId));
  assert.deepEqual(await abortUpload(ctx, me, created.uploadId), { uploadId: created.uploadId, state: 'aborted' });
  await assert.rejects(completeUpload(ctx, me, created.uploadId, { parts }), (e: UploadsError) => e.status === 409 && e.code === 'upload-aborted');
  await assert.rejects(presignUploadParts(ctx, me, created.uploadId, { partNumbers: [1] }), (e: UploadsError) => e.code === 'upload-aborted');
  const res = await fetch(created.parts[0].url, { method: 'PUT', body: bytesOf(clip.subarray(created.parts[0].start, created.parts[0].end)) });
  assert.equal(res.status, 404, 'S3 no longer knows the multipart upload');
  await assert.rejects(completeUpload(ctx, me, 'f'.repeat(32), { parts }), (e: UploadsError) => e.status === 404);
  await assert.rejects(completeUpload(ctx, me, '../../catalog', { parts }), (e: UploadsError) => e.status === 404);
});

test('a system client gets one stable uploads/ folder of its own, in the identity format packaging accepts', () => {
  const a = clientIdentityId('us-east-1', 'monitoreo');
  assert.match(a, IDENTITY_ID_PATTERN);
  assert.equal(clientIdentityId('us-east-1', 'monitoreo'), a);
  assert.notEqual(clientIdentityId('us-east-1', 'monitoreo-2'), a);
  assert.match(clientIdentityId('mx-central-1', 'x'), /^mx-central-1:/);
});

test('bad upload requests are refused with one problem per field, and start nothing', async () => {
  const listed = async () =>
    (await s3.send(new ListObjectsV2Command({ Bucket: ctx.bucket, Prefix: `uploads/${someoneElse.identityId}/` }))).KeyCount ?? 0;
  const good = { fileName: 'a.mp4', size: 1000, sha256: 'a'.repeat(64), contentType: 'video/mp4', metadata: { title: 'T' } };
  const validator = ajv.compile(createUploadRequestSchema);
  assert.equal(validator(good), true);
  const cases: [unknown, string[]][] = [
    [null, ['']],
    [{}, ['/fileName', '/size', '/sha256', '/contentType', '/metadata']],
    [{ ...good, extra: 1 }, ['/extra']],
    [{ ...good, size: 0 }, ['/size']],
    [{ ...good, size: 1.5 }, ['/size']],
    [{ ...good, size: '1000' }, ['/size']],
    [{ ...good, size: UPLOAD_LIMITS.maxFileSize + 1 }, ['/size']],
    [{ ...good, sha256: 'abc' }, ['/sha256']],
    [{ ...good, sha256: 'g'.repeat(64) }, ['/sha256']],
    [{ ...good, contentType: 'video/webm' }, ['/contentType']],
    [{ ...good, fileName: '../../etc/passwd' }, ['/fileName']],
    [{ ...good, fileName: 'a\u0000.mp4' }, ['/fileName']],
    [{ ...good, fileName: 'a'.repeat(256) }, ['/fileName']],
    [{ ...good, metadata: { description: 'sin título' } }, ['/metadata/title']],
    [{ ...good, metadata: { title: 'T', color: 'rojo' } }, ['/metadata/color']],
    [{ ...good, metadata: { title: 'T', tags: 'a,b' } }, ['/metadata/tags']],
    [{ ...good, metadata: { title: 'T', tags: ['x'.repeat(101)] } }, ['/metadata/tags']],
    [{ ...good, metadata: { title: 'x'.repeat(501) } }, ['/metadata/title']],
    [{ ...good, metadata: { title: 'T', broadcastAt: '2027-02-31T10:00:00-06:00' } }, ['/metadata/broadcastAt']],
    [{ ...good, metadata: { title: 'T', broadcastAt: '2999-01-01T10:00:00-06:00' } }, ['/metadata/broadcastAt']],
    [{ ...good, metadata: 'T' }, ['/metadata']],
  ];
  for (const [body, pointers] of cases) {
    await assert.rejects(createUpload(ctx, someoneElse, body), (e: UploadsError) => {
      assert.ok(e instanceof UploadsError, String(e));
      assert.equal(e.status, 400);
      assert.equal(e.code, 'invalid-upload');
      assert.deepEqual(
        e.errors.map((p) => p.pointer),
        pointers,
        JSON.stringify(body)?.slice(0, 100),
      );
      return true;
    });
  }
  assert.equal(await listed(), 0, 'no upload was started');
});
