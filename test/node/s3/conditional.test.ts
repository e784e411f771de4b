import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { BUCKET, raw, startHarness, type Harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const status = (e: unknown) => (e as S3ServiceException).$metadata?.httpStatusCode;

test('20 concurrent If-None-Match:* puts to one key: exactly one succeeds, the rest get 412', async () => {
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'catalog/new.json', Body: JSON.stringify({ writer: i }), IfNoneMatch: '*' })),
    ),
  );
  const ok = results.filter((r) => r.status === 'fulfilled');
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  assert.equal(ok.length, 1);
  assert.deepEqual(
    failed.map((r) => [status(r.reason), (r.reason as Error).name]),
    Array(19).fill([412, 'PreconditionFailed']),
  );
  const winner = JSON.parse(await (await h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'catalog/new.json' }))).Body!.transformToString());
  assert.equal(
    (ok[0] as PromiseFulfilledResult<{ ETag?: string }>).value.ETag,
    (await h.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'catalog/new.json' }))).ETag,
  );
  assert.equal(typeof winner.writer, 'number');
});

test('10 concurrent If-Match puts with the same ETag: exactly one 200, the others 412 (or 409), and no update is lost', async () => {
  const first = await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'catalog/index.json', Body: '{"v":0}' }));
  const results = await Promise.allSettled(
    Array.from({ length: 10 }, (_, i) =>
      h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'catalog/index.json', Body: `{"v":${i + 1}}`, IfMatch: first.ETag })),
    ),
  );
  const ok = results.filter((r) => r.status === 'fulfilled');
  assert.equal(ok.length, 1);
  for (const r of results) if (r.status === 'rejected') assert.ok([412, 409].includes(status(r.reason)!), String(r.reason));
  const head = await h.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'catalog/index.json' }));
  assert.equal(head.ETag, (ok[0] as PromiseFulfilledResult<{ ETag?: string }>).value.ETag);
  // a stale ETag is 412; the current one works
  await assert.rejects(
    h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'catalog/index.json', Body: 'x', IfMatch: first.ETag })),
    (e) => status(e) === 412,
  );
  await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'catalog/index.json', Body: 'y', IfMatch: head.ETag }));
});

test('If-Match on a missing key is 404 NoSuchKey, as on S3', async () => {
  await assert.rejects(
    h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'catalog/none.json', Body: 'x', IfMatch: '"abc"' })),
    (e) => status(e) === 404 && (e as Error).name === 'NoSuchKey',
  );
});

test('If-None-Match with a value other than * is NotImplemented', async () => {
  const r = await raw(h.url, { method: 'PUT', path: `/${BUCKET}/catalog/x`, headers: { 'if-none-match': '"abc"' }, body: 'x' });
  assert.equal(r.status, 501);
});

test('CompleteMultipartUpload honours If-None-Match and If-Match', async () => {
  const key = 'uploads/c/clip.mp4';
  const mk = async () => {
    const { UploadId } = await h.client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
    const p = await h.client.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 1, Body: 'only part' }));
    return { UploadId, Parts: [{ PartNumber: 1, ETag: p.ETag! }] };
  };
  const a = await mk();
  const b = await mk();
  const done = await h.client.send(
    new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: a.UploadId, MultipartUpload: { Parts: a.Parts }, IfNoneMatch: '*' }),
  );
  await assert.rejects(
    h.client.send(
      new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: b.UploadId, MultipartUpload: { Parts: b.Parts }, IfNoneMatch: '*' }),
    ),
    (e) => status(e) === 412,
  );
  await assert.rejects(
    h.client.send(
      new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: b.UploadId, MultipartUpload: { Parts: b.Parts }, IfMatch: '"0123"' }),
    ),
    (e) => status(e) === 412,
  );
  const ok = await h.client.send(
    new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: b.UploadId, MultipartUpload: { Parts: b.Parts }, IfMatch: done.ETag }),
  );
  assert.match(ok.ETag!, /-1"$/);
});

test('conditional GET and HEAD: If-None-Match / If-Modified-Since → 304, If-Match / If-Unmodified-Since mismatch → 412', async () => {
  const put = await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'media/v/video.json', Body: '{}' }));
  const head = await h.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'media/v/video.json' }));
  const path = `/${BUCKET}/media/v/video.json`;
  assert.equal((await raw(h.url, { method: 'GET', path, headers: { 'if-none-match': put.ETag! } })).status, 304);
  assert.equal((await raw(h.url, { method: 'HEAD', path, headers: { 'if-none-match': put.ETag! } })).status, 304);
  assert.equal((await raw(h.url, { method: 'GET', path, headers: { 'if-none-match': '"other"' } })).status, 200);
  const later = new Date(head.LastModified!.getTime() + 60_000).toUTCString();
  const earlier = new Date(head.LastModified!.getTime() - 60_000).toUTCString();
  assert.equal((await raw(h.url, { method: 'GET', path, headers: { 'if-modified-since': later } })).status, 304);
  assert.equal((await raw(h.url, { method: 'GET', path, headers: { 'if-modified-since': earlier } })).status, 200);
  const pf = await raw(h.url, { method: 'GET', path, headers: { 'if-match': '"nope"' } });
  assert.equal(pf.status, 412);
  assert.match(pf.text, /<Code>PreconditionFailed<\/Code>/);
  assert.equal((await raw(h.url, { method: 'GET', path, headers: { 'if-unmodified-since': earlier } })).status, 412);
  assert.equal((await raw(h.url, { method: 'GET', path, headers: { 'if-match': put.ETag! } })).status, 200);
  await assert.rejects(
    h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'media/v/video.json', IfMatch: '"nope"' })),
    (e) => status(e) === 412,
  );
});

test('conditional DeleteObject with If-Match', async () => {
  const put = await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'index/del.json', Body: '1' }));
  await assert.rejects(
    h.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'index/del.json', IfMatch: '"stale"' })),
    (e) => status(e) === 412,
  );
  await h.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'index/del.json', IfMatch: put.ETag }));
  await assert.rejects(h.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'index/del.json' })), (e) => status(e) === 404);
});

test('an If-Match put whose target is deleted while its body uploads gets 409 ConditionalRequestConflict', async () => {
  const { request } = await import('node:http');
  const { readdir } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const put = await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'catalog/race.json', Body: 'v1' }));
  const body = Buffer.alloc(64 * 1024, 'a');
  const u = new URL(h.url);
  let markDeleted!: () => void;
  const deleted = new Promise<void>((r) => (markDeleted = r));
  const res = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        method: 'PUT',
        path: `/${BUCKET}/catalog/race.json`,
        headers: { 'if-match': put.ETag!, 'content-length': String(body.length * 2) },
      },
      (r) => {
        let text = '';
        r.on('data', (d) => (text += d));
        r.on('end', () => resolve({ status: r.statusCode!, text }));
      },
    );
    req.on('error', reject);
    req.write(body);
    // finish the body only once the delete below has happened
    void deleted.then(() => req.end(body));
  });
  // The put passed its first check once its temp file exists.
  for (let i = 0; i < 2000 && (await readdir(join(h.dataDir, 'tmp'))).length === 0; i++) await new Promise((r) => setTimeout(r, 5));
  await h.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'catalog/race.json' }));
  markDeleted();
  const r = await res;
  assert.equal(r.status, 409, r.text);
  assert.match(r.text, /<Code>ConditionalRequestConflict<\/Code>/);
  await assert.rejects(h.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'catalog/race.json' })), (e) => status(e) === 404);
});
