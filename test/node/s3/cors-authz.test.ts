import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { S3Error, type Authorize } from '../../../server/s3/index.ts';
import { BUCKET, raw, startHarness, xmlField, type Harness } from './harness.ts';

const open: Harness[] = [];
after(() => Promise.all(open.map((h) => h.close())));
const start = async (o: Parameters<typeof startHarness>[0] = {}) => {
  const h = await startHarness(o);
  open.push(h);
  return h;
};

test('CORS preflight is answered from the rules without a principal; actual responses carry the CORS headers, errors too', async () => {
  const h = await start();
  const pre = await raw(h.url, {
    method: 'OPTIONS',
    path: `/${BUCKET}/uploads/x/clip.mp4?uploadId=abc&partNumber=1`,
    headers: {
      origin: 'http://127.0.0.1:5173',
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type,x-amz-checksum-crc32,x-amz-sdk-checksum-algorithm,authorization,x-amz-date',
    },
  });
  assert.equal(pre.status, 200);
  assert.equal(pre.headers.get('access-control-allow-origin'), '*');
  assert.match(pre.headers.get('access-control-allow-methods') ?? '', /PUT/);
  assert.match(pre.headers.get('access-control-allow-headers') ?? '', /x-amz-checksum-crc32/);
  assert.ok(Number(pre.headers.get('access-control-max-age')) > 0);
  const denied = await raw(h.url, {
    method: 'OPTIONS',
    path: `/${BUCKET}/x`,
    headers: { origin: 'http://a.example', 'access-control-request-method': 'PATCH' },
  });
  assert.equal(denied.status, 403);
  assert.equal(xmlField(denied.text, 'Code'), 'AccessForbidden');
  const noOrigin = await raw(h.url, { method: 'OPTIONS', path: `/${BUCKET}/x` });
  assert.equal(noOrigin.status, 400);

  const put = await raw(h.url, { method: 'PUT', path: `/${BUCKET}/cors.txt`, headers: { origin: 'http://127.0.0.1:5173' }, body: 'x' });
  assert.equal(put.status, 200);
  assert.equal(put.headers.get('access-control-allow-origin'), '*');
  const expose = (put.headers.get('access-control-expose-headers') ?? '').toLowerCase().split(/,\s*/);
  for (const name of [
    'etag',
    'x-amz-checksum-crc32',
    'x-amz-checksum-crc64nvme',
    'content-range',
    'x-amz-meta-title',
    'x-amz-request-id',
    'accept-ranges',
  ])
    assert.ok(expose.includes(name), name);
  assert.match(put.headers.get('vary') ?? '', /Origin/);
  const err = await raw(h.url, { method: 'GET', path: `/${BUCKET}/missing`, headers: { origin: 'http://127.0.0.1:5173' } });
  assert.equal(err.status, 404);
  assert.equal(err.headers.get('access-control-allow-origin'), '*');
});

test('custom CORS rules restrict origins and methods', async () => {
  const { createS3Service } = await import('../../../server/s3/index.ts');
  const { EventEmitter } = await import('node:events');
  const { tempDir } = await import('./harness.ts');
  const { createServer } = await import('node:http');
  const dataDir = await tempDir();
  const svc = await createS3Service({
    dataDir,
    region: 'us-east-1',
    buckets: [BUCKET],
    authorize: () => undefined,
    events: new EventEmitter(),
    cors: [
      {
        allowedOrigins: ['https://*.ine.mx'],
        allowedMethods: ['GET'],
        allowedHeaders: ['x-amz-*', 'authorization'],
        exposeHeaders: ['ETag'],
        maxAgeSeconds: 60,
      },
    ],
  });
  const server = createServer((req, res) => void svc.handle(req, res, req.method === 'OPTIONS' ? null : { accessKeyId: 'A', role: 'service' }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
  try {
    const ok = await raw(url, {
      method: 'OPTIONS',
      path: `/${BUCKET}/k`,
      headers: {
        origin: 'https://monitoreo.ine.mx',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-amz-date,authorization',
      },
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://monitoreo.ine.mx');
    for (const [origin, method, hdrs] of [
      ['https://evil.example', 'GET', ''],
      ['https://monitoreo.ine.mx', 'PUT', ''],
      ['https://monitoreo.ine.mx', 'GET', 'content-type'],
    ] as const) {
      const r = await raw(url, {
        method: 'OPTIONS',
        path: `/${BUCKET}/k`,
        headers: { origin, 'access-control-request-method': method, ...(hdrs ? { 'access-control-request-headers': hdrs } : {}) },
      });
      assert.equal(r.status, 403, `${origin} ${method} ${hdrs}`);
    }
    const get = await raw(url, { method: 'GET', path: `/${BUCKET}?list-type=2`, headers: { origin: 'https://evil.example' } });
    assert.equal(get.status, 200);
    assert.equal(get.headers.get('access-control-allow-origin'), null);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await svc.close();
    const { rm } = await import('node:fs/promises');
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('each request is mapped to its IAM action, resource and conditions before it acts', async () => {
  const calls: [string, string, Record<string, string>][] = [];
  const h = await start({ authorize: (_p, action, resource, conditions) => void calls.push([action, resource, conditions]) });
  const arn = (k?: string) => `arn:aws:s3:::${BUCKET}${k === undefined ? '' : `/${k}`}`;
  const expectCalls = async (fn: () => Promise<unknown>, expected: [string, string, Record<string, string>?][]) => {
    calls.length = 0;
    await fn();
    assert.deepEqual(
      calls,
      expected.map(([a, r, c]) => [a, r, c ?? {}]),
    );
  };
  const c = h.client;
  await expectCalls(() => c.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'a/b.json', Body: '{}' })), [['s3:PutObject', arn('a/b.json')]]);
  await expectCalls(() => c.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'a/b.json' })), [['s3:GetObject', arn('a/b.json')]]);
  await expectCalls(() => c.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'a/b.json' })), [['s3:GetObject', arn('a/b.json')]]);
  await expectCalls(
    () => c.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'a/c.json', CopySource: `${BUCKET}/a/b.json` })),
    [
      ['s3:GetObject', arn('a/b.json')],
      ['s3:PutObject', arn('a/c.json')],
    ],
  );
  await expectCalls(
    () => c.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'a/', Delimiter: '/', MaxKeys: 10 })),
    [['s3:ListBucket', arn(), { 's3:prefix': 'a/', 's3:delimiter': '/', 's3:max-keys': '10' }]],
  );
  await expectCalls(
    () => c.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'a/b.json' }, { Key: 'a/c.json' }] } })),
    [
      ['s3:DeleteObject', arn('a/b.json')],
      ['s3:DeleteObject', arn('a/c.json')],
    ],
  );
  await expectCalls(() => c.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'a/x' })), [['s3:DeleteObject', arn('a/x')]]);
  const key = 'uploads/me/v.mp4';
  let uploadId = '';
  await expectCalls(
    async () => (uploadId = (await c.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }))).UploadId!),
    [['s3:PutObject', arn(key)]],
  );
  let etag = '';
  await expectCalls(
    async () => (etag = (await c.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, PartNumber: 1, Body: 'p' }))).ETag!),
    [['s3:PutObject', arn(key)]],
  );
  await expectCalls(
    () => c.send(new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId })),
    [['s3:ListMultipartUploadParts', arn(key)]],
  );
  await expectCalls(() => c.send(new ListMultipartUploadsCommand({ Bucket: BUCKET })), [['s3:ListBucketMultipartUploads', arn()]]);
  await expectCalls(
    () =>
      c.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: etag }] },
        }),
      ),
    [['s3:PutObject', arn(key)]],
  );
  const { UploadId } = await c.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
  await expectCalls(() => c.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId })), [['s3:AbortMultipartUpload', arn(key)]]);
});

test('a refusal is 403 AccessDenied before anything happens; DeleteObjects reports refused keys one by one', async () => {
  const authorize: Authorize = (_p, action, resource) => {
    if (action === 's3:DeleteObject' && resource.endsWith('/protected')) throw new S3Error('AccessDenied', 'Access Denied', 403);
    if (action === 's3:PutObject' && resource.includes('/catalog/')) throw new S3Error('AccessDenied', 'Access Denied', 403);
  };
  const h = await start({ authorize, principal: { accessKeyId: 'ASIAUPLOADER', identityId: 'us-east-1:abc', role: 'uploader' } });
  await assert.rejects(
    h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'catalog/index.json', Body: 'x' })),
    (e: S3ServiceException) => e.name === 'AccessDenied' && e.$metadata.httpStatusCode === 403,
  );
  assert.equal((await h.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'catalog/' }))).KeyCount, 0, 'nothing was written');
  await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'protected', Body: 'keep' }));
  await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'free', Body: 'go' }));
  const r = await h.client.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'protected' }, { Key: 'free' }] } }));
  assert.deepEqual(
    r.Deleted?.map((d) => d.Key),
    ['free'],
  );
  assert.deepEqual(
    r.Errors?.map((e) => [e.Key, e.Code]),
    [['protected', 'AccessDenied']],
  );
  assert.equal(await (await h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'protected' }))).Body!.transformToString(), 'keep');
  // sendError: the composition layer's way to answer auth failures in S3's shape
  const { createServer } = await import('node:http');
  const server = createServer((req, res) =>
    h.service.sendError(
      req,
      res,
      new S3Error('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.', 403),
    ),
  );
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  try {
    const url = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
    const e = await raw(url, { method: 'GET', path: `/${BUCKET}/k`, headers: { origin: 'http://x' } });
    assert.equal(e.status, 403);
    assert.equal(xmlField(e.text, 'Code'), 'SignatureDoesNotMatch');
    assert.equal(xmlField(e.text, 'RequestId'), e.headers.get('x-amz-request-id'));
    assert.equal(e.headers.get('access-control-allow-origin'), '*');
  } finally {
    await new Promise<void>((ok) => server.close(() => ok()));
  }
});
