import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import { BUCKET, raw, startHarness, xmlField, type Harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

/** Every error is S3-shaped: status, <Code>, <Message>, <Resource>, <RequestId> equal to the header. */
function assertS3Error(r: { status: number; text: string; headers: Headers }, status: number, code: string): void {
  assert.equal(r.status, status, r.text);
  assert.equal(xmlField(r.text, 'Code'), code, r.text);
  assert.ok(xmlField(r.text, 'Message'));
  assert.ok(xmlField(r.text, 'Resource') !== undefined);
  assert.equal(xmlField(r.text, 'RequestId'), r.headers.get('x-amz-request-id'));
  assert.match(r.headers.get('content-type') ?? '', /xml/);
}

test('malformed XML in DeleteObjects and CompleteMultipartUpload is MalformedXML', async () => {
  const md5 = { 'content-md5': '1B2M2Y8AsgTpgAmY7PhCfg==' }; // MD5 of the empty body
  const body = '<Delete><Object><Key>a</Key></Object>';
  const { createHash } = await import('node:crypto');
  const withMd5 = (b: string) => ({ 'content-md5': createHash('md5').update(b).digest('base64') });
  assertS3Error(await raw(h.url, { method: 'POST', path: `/${BUCKET}?delete`, headers: withMd5(body), body }), 400, 'MalformedXML');
  assertS3Error(
    await raw(h.url, { method: 'POST', path: `/${BUCKET}?delete`, headers: withMd5('<Delete></Delete>'), body: '<Delete></Delete>' }),
    400,
    'MalformedXML',
  );
  assertS3Error(await raw(h.url, { method: 'POST', path: `/${BUCKET}?delete`, headers: md5, body: '' }), 400, 'MalformedXML');
  // DeleteObjects needs an integrity header, as on S3
  const plain = '<Delete><Object><Key>a</Key></Object></Delete>';
  assertS3Error(await raw(h.url, { method: 'POST', path: `/${BUCKET}?delete`, body: plain }), 400, 'InvalidRequest');
  const created = await raw(h.url, { method: 'POST', path: `/${BUCKET}/k.bin?uploads` });
  const uploadId = xmlField(created.text, 'UploadId')!;
  assertS3Error(
    await raw(h.url, { method: 'POST', path: `/${BUCKET}/k.bin?uploadId=${uploadId}`, body: '<CompleteMultipartUpload><Part>' }),
    400,
    'MalformedXML',
  );
  assertS3Error(await raw(h.url, { method: 'POST', path: `/${BUCKET}/k.bin?uploadId=${uploadId}`, body: 'not xml at all' }), 400, 'MalformedXML');
  assertS3Error(
    await raw(h.url, { method: 'POST', path: `/${BUCKET}/k.bin?uploadId=${uploadId}`, body: '<CompleteMultipartUpload></CompleteMultipartUpload>' }),
    400,
    'MalformedXML',
  );
  assertS3Error(
    await raw(h.url, {
      method: 'POST',
      path: `/${BUCKET}/k.bin?uploadId=${uploadId}`,
      body: '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"x"</ETag></Part></CompleteMultipartUpload>',
    }),
    400,
    'InvalidPart',
  );
  assertS3Error(
    await raw(h.url, {
      method: 'POST',
      path: `/${BUCKET}/k.bin?uploadId=${uploadId}`,
      body: '<CompleteMultipartUpload><Part><PartNumber>abc</PartNumber><ETag>"x"</ETag></Part></CompleteMultipartUpload>',
    }),
    400,
    'InvalidArgument',
  );
});

test('NoSuchBucket, NoSuchKey (with the Key), NoSuchUpload, InvalidRange', async () => {
  assertS3Error(await raw(h.url, { method: 'GET', path: '/no-such-bucket/x' }), 404, 'NoSuchBucket');
  const nk = await raw(h.url, { method: 'GET', path: `/${BUCKET}/missing/clip.mp4` });
  assertS3Error(nk, 404, 'NoSuchKey');
  assert.equal(xmlField(nk.text, 'Key'), 'missing/clip.mp4');
  assertS3Error(await raw(h.url, { method: 'GET', path: `/${BUCKET}/x?uploadId=AAAAAAAAAAAAAAAAAAAAAAAA` }), 404, 'NoSuchUpload');
  assertS3Error(await raw(h.url, { method: 'PUT', path: `/${BUCKET}/x?partNumber=1&uploadId=../../etc`, body: 'x' }), 404, 'NoSuchUpload');
  await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'ten.bin', Body: '0123456789' }));
  const bad = await raw(h.url, { method: 'GET', path: `/${BUCKET}/ten.bin`, headers: { range: 'bytes=10-20' } });
  assertS3Error(bad, 416, 'InvalidRange');
  assert.equal(bad.headers.get('content-range'), 'bytes */10');
  assertS3Error(await raw(h.url, { method: 'GET', path: `/${BUCKET}/ten.bin`, headers: { range: 'bytes=-0' } }), 416, 'InvalidRange');
  // a range S3 does not understand is ignored: whole object
  const ignored = await raw(h.url, { method: 'GET', path: `/${BUCKET}/ten.bin`, headers: { range: 'bytes=5-2' } });
  assert.equal(ignored.status, 200);
  assert.equal(ignored.text, '0123456789');
  // HEAD errors have no body but keep the status and request id
  const head = await raw(h.url, { method: 'HEAD', path: `/${BUCKET}/missing` });
  assert.equal(head.status, 404);
  assert.equal(head.text, '');
  assert.ok(head.headers.get('x-amz-request-id'));
});

test('unknown methods and subresources: MethodNotAllowed / NotImplemented, never a crash', async () => {
  assertS3Error(await raw(h.url, { method: 'PATCH', path: `/${BUCKET}/x`, body: 'x' }), 405, 'MethodNotAllowed');
  assertS3Error(await raw(h.url, { method: 'GET', path: `/${BUCKET}/x?acl` }), 501, 'NotImplemented');
  assertS3Error(await raw(h.url, { method: 'PUT', path: `/${BUCKET}/x?tagging`, body: '<Tagging/>' }), 501, 'NotImplemented');
  assertS3Error(await raw(h.url, { method: 'POST', path: `/${BUCKET}/x?select` }), 501, 'NotImplemented');
  assertS3Error(await raw(h.url, { method: 'DELETE', path: `/${BUCKET}` }), 501, 'NotImplemented');
  assertS3Error(await raw(h.url, { method: 'GET', path: `/${BUCKET}/%E0%A4%A` }), 400, 'InvalidURI');
  assertS3Error(await raw(h.url, { method: 'GET', path: `/${BUCKET}?list-type=2&max-keys=-1` }), 400, 'InvalidArgument');
  assertS3Error(await raw(h.url, { method: 'GET', path: `/${BUCKET}?list-type=2&continuation-token=garbage` }), 400, 'InvalidArgument');
  assertS3Error(await raw(h.url, { method: 'PUT', path: `/${BUCKET}/${'k'.repeat(1025)}`, body: 'x' }), 400, 'KeyTooLongError');
  assertS3Error(
    await raw(h.url, { method: 'PUT', path: `/${BUCKET}/big-meta`, headers: { 'x-amz-meta-big': 'x'.repeat(3000) }, body: 'x' }),
    400,
    'MetadataTooLarge',
  );
  assertS3Error(await raw(h.url, { method: 'PUT', path: `/${BUCKET}/x`, headers: { 'x-amz-copy-source': 'nobucketkey' } }), 400, 'InvalidArgument');
  // still serving
  assert.equal((await raw(h.url, { method: 'GET', path: `/${BUCKET}?list-type=2` })).status, 200);
});

test('an oversized header block gets 431 from the HTTP server, which keeps serving', async () => {
  const u = new URL(h.url);
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, method: 'GET', path: `/${BUCKET}/x`, headers: { 'x-amz-meta-huge': 'y'.repeat(64 * 1024) } },
      (res) => {
        res.resume();
        resolve(res.statusCode!);
      },
    );
    req.on('error', reject);
    req.end();
  });
  assert.equal(status, 431);
  assert.equal((await raw(h.url, { method: 'GET', path: `/${BUCKET}?list-type=2` })).status, 200);
});

test('path traversal: ".." in keys is just part of the key; nothing is written or read outside the data folder', async () => {
  const key = '../../../../tmp/escaped.txt';
  await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'inside' }));
  const got = await h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  assert.equal(await got.Body!.transformToString(), 'inside');
  assert.ok(!existsSync('/tmp/escaped.txt'));
  const listed = await h.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: '../' }));
  assert.deepEqual(
    listed.Contents?.map((c) => c.Key),
    [key],
  );
  // raw traversal attempts in the path and in the bucket position
  for (const path of [
    '/../../etc/passwd',
    `/${BUCKET}/../../../etc/passwd`,
    `/${BUCKET}/%2e%2e%2f%2e%2e%2fetc%2fpasswd`,
    '/..%2f..%2fetc/passwd',
    '/%2e%2e/etc/passwd',
  ]) {
    const r = await raw(h.url, { method: 'GET', path });
    assert.ok([400, 404].includes(r.status), `${path}: ${r.status}`);
    assert.doesNotMatch(r.text, /root:/);
    assert.match(xmlField(r.text, 'Code') ?? '', /^(NoSuchKey|InvalidBucketName|NoSuchBucket)$/);
  }
  await assert.rejects(
    h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: '../../../../etc/passwd' })),
    (e: S3ServiceException) => e.name === 'NoSuchKey',
  );
  // no temp debris from any of the failures above
  assert.deepEqual(await readdir(join(h.dataDir, 'tmp')), []);
});

test('clients that vanish mid-request (reset during a body, during a download) leave the server serving and no debris', async () => {
  const { connect } = await import('node:net');
  await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'vanish/exists', Body: Buffer.alloc(20 * 1024 * 1024, 1) }));
  const u = new URL(h.url);
  const cases = [
    `PUT /${BUCKET}/vanish/exists HTTP/1.1\r\nHost: x\r\nIf-None-Match: *\r\nContent-Length: 10000000\r\n\r\n${'a'.repeat(1000)}`,
    `PUT /${BUCKET}/vanish/new HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n${'a'.repeat(1000)}`,
    `PUT /${BUCKET}/vanish/chunked HTTP/1.1\r\nHost: x\r\nContent-Encoding: aws-chunked\r\nx-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER\r\nx-amz-decoded-content-length: 100000\r\nContent-Length: 100100\r\n\r\n186a0\r\n${'a'.repeat(1000)}`,
    `GET /${BUCKET}/vanish/exists HTTP/1.1\r\nHost: x\r\n\r\n`,
    `POST /${BUCKET}?delete HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n<Delete>`,
  ];
  for (const c of cases) {
    await new Promise<void>((resolve) => {
      const s = connect(Number(u.port), u.hostname, () => {
        s.write(c);
        // reset once the server has begun answering or reading (data arrived) or after a moment
        setTimeout(() => {
          s.resetAndDestroy();
          resolve();
        }, 100);
      });
      s.on('data', () => undefined);
      s.on('error', () => resolve());
    });
  }
  // the server answers, and every interrupted write is cleaned up (wait for it: the server notices resets asynchronously)
  assert.equal((await raw(h.url, { method: 'GET', path: `/${BUCKET}?list-type=2&prefix=vanish/` })).status, 200);
  let debris: string[] = ['?'];
  for (let i = 0; i < 200 && debris.length; i++) {
    debris = await readdir(join(h.dataDir, 'tmp'));
    if (debris.length) await new Promise((r) => setTimeout(r, 25));
  }
  assert.deepEqual(debris, []);
  const listed = await h.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'vanish/' }));
  assert.deepEqual(
    listed.Contents?.map((c) => c.Key),
    ['vanish/exists'],
  );
});
