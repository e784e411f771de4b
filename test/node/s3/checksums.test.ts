import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { crc32 } from '@aws-crypto/crc32';
import { crc32c } from '@aws-crypto/crc32c';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
  CreateMultipartUploadCommand,
  type ChecksumAlgorithm,
} from '@aws-sdk/client-s3';
import { BUCKET, bytes, raw, startHarness, xmlField, type Harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const b64crc32 = (b: Buffer) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(b) >>> 0);
  return out.toString('base64');
};

/** An aws-chunked body the way the SDK frames it: chunks, a 0-size chunk, then trailers. */
function awsChunked(data: Buffer, chunkSize: number, trailers: Record<string, string>, signed = false): Buffer {
  const out: Buffer[] = [];
  const sig = signed ? `;chunk-signature=${'0'.repeat(64)}` : '';
  for (let i = 0; i < data.length; i += chunkSize) {
    const c = data.subarray(i, i + chunkSize);
    out.push(Buffer.from(`${c.length.toString(16)}${sig}\r\n`), c, Buffer.from('\r\n'));
  }
  out.push(Buffer.from(`0${sig}\r\n`));
  for (const [k, v] of Object.entries(trailers)) out.push(Buffer.from(`${k}:${v}\r\n`));
  if (signed) out.push(Buffer.from(`x-amz-trailer-signature:${'1'.repeat(64)}\r\n`));
  out.push(Buffer.from('\r\n'));
  return Buffer.concat(out);
}

test('a stream body of known length goes as aws-chunked with a trailing CRC32; the stored bytes are the decoded payload', async () => {
  const body = bytes(3 * 1024 * 1024 + 17, 5);
  const before = h.requests.length;
  const put = await h.client.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: 'chunked/stream.bin',
      Body: Readable.from([body.subarray(0, 1_000_000), body.subarray(1_000_000)]),
      ContentLength: body.length,
    }),
  );
  const sent = h.requests.slice(before).find((r) => r.method === 'PUT')!;
  assert.match(String(sent.headers['content-encoding']), /aws-chunked/, 'the SDK really used aws-chunked');
  assert.equal(sent.headers['x-amz-trailer'], 'x-amz-checksum-crc32');
  assert.equal(sent.headers['x-amz-decoded-content-length'], String(body.length));
  assert.equal(put.ChecksumCRC32, b64crc32(body));
  const got = await h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'chunked/stream.bin', ChecksumMode: 'ENABLED' }));
  assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(body));
  assert.equal(got.ChecksumCRC32, b64crc32(body));
  assert.equal(got.ContentEncoding, undefined, 'aws-chunked is transport, not stored');
  assert.equal(put.ETag, `"${createHash('md5').update(body).digest('hex')}"`);
});

test('every checksum algorithm the SDK offers is computed, verified and returned', async () => {
  const body = bytes(70_000, 9);
  const expected: Record<string, string> = {
    CRC32: b64crc32(body),
    CRC32C: (() => {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(crc32c(body) >>> 0);
      return b.toString('base64');
    })(),
    SHA1: createHash('sha1').update(body).digest('base64'),
    SHA256: createHash('sha256').update(body).digest('base64'),
  };
  for (const algo of ['CRC32', 'CRC32C', 'SHA1', 'SHA256', 'CRC64NVME'] as ChecksumAlgorithm[]) {
    const put = await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `algo/${algo}`, Body: body, ChecksumAlgorithm: algo }));
    const field = `Checksum${algo}` as const;
    const value = (put as unknown as Record<string, unknown>)[field] as string;
    assert.ok(value, `${algo} echoed`);
    if (expected[algo]) assert.equal(value, expected[algo]);
    const head = await h.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `algo/${algo}`, ChecksumMode: 'ENABLED' }));
    assert.equal((head as unknown as Record<string, unknown>)[field], value);
    // GET validates the returned checksum in the SDK: it would throw on a wrong one
    const got = await h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `algo/${algo}`, ChecksumMode: 'ENABLED' }));
    assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(body));
  }
  const listed = await h.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'algo/' }));
  assert.deepEqual(
    listed.Contents?.map((c) => c.ChecksumAlgorithm?.[0]),
    ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'],
  );
});

test('a wrong x-amz-checksum-crc32 header is BadDigest and nothing is stored', async () => {
  const body = Buffer.from('hola mundo');
  const r = await raw(h.url, {
    method: 'PUT',
    path: `/${BUCKET}/bad/header.txt`,
    headers: { 'x-amz-checksum-crc32': b64crc32(Buffer.from('otra cosa')), 'content-type': 'text/plain' },
    body,
  });
  assert.equal(r.status, 400);
  assert.equal(xmlField(r.text, 'Code'), 'BadDigest');
  assert.ok(r.headers.get('x-amz-request-id'));
  assert.equal(xmlField(r.text, 'RequestId'), r.headers.get('x-amz-request-id'));
  const ok = await raw(h.url, { method: 'PUT', path: `/${BUCKET}/bad/header.txt`, headers: { 'x-amz-checksum-crc32': b64crc32(body) }, body });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('x-amz-checksum-crc32'), b64crc32(body));
});

test('a wrong trailer in an aws-chunked body is BadDigest; a right one stores the payload; a signed framing needs the request signature', async () => {
  const data = bytes(200_000, 4);
  const headers = (len: number, signed = false) => ({
    'content-encoding': 'aws-chunked',
    'x-amz-content-sha256': signed ? 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER' : 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
    'x-amz-decoded-content-length': String(len),
    'x-amz-trailer': 'x-amz-checksum-crc32',
    'x-amz-sdk-checksum-algorithm': 'CRC32',
  });
  const bad = await raw(h.url, {
    method: 'PUT',
    path: `/${BUCKET}/bad/trailer.bin`,
    headers: headers(data.length),
    body: awsChunked(data, 65536, { 'x-amz-checksum-crc32': b64crc32(Buffer.from('no')) }),
  });
  assert.equal(bad.status, 400);
  assert.equal(xmlField(bad.text, 'Code'), 'BadDigest');
  const missing = await h.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'bad/trailer' }));
  assert.equal(missing.KeyCount, 0, 'a rejected body is never visible');

  const good = await raw(h.url, {
    method: 'PUT',
    path: `/${BUCKET}/good/trailer.bin`,
    headers: headers(data.length),
    body: awsChunked(data, 8192, { 'x-amz-checksum-crc32': b64crc32(data) }),
  });
  assert.equal(good.status, 200, good.text);
  const got = await h.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'good/trailer.bin' }));
  assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(data));
  // Chunk signatures chain from the request's own signature, which the engine alone (no SigV4 here) does not
  // have: a signed framing is refused rather than taken on trust (test/node/stand-in/signature-binding.test.ts
  // covers real signatures).
  const signed = await raw(h.url, {
    method: 'PUT',
    path: `/${BUCKET}/good/signed.bin`,
    headers: headers(data.length, true),
    body: awsChunked(data, 8192, { 'x-amz-checksum-crc32': b64crc32(data) }, true),
  });
  assert.equal(signed.status, 403);
  assert.equal(xmlField(signed.text, 'Code'), 'SignatureDoesNotMatch');
  assert.equal((await h.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'good/signed' }))).KeyCount, 0);
  // declared decoded length that does not match what came
  const short = await raw(h.url, {
    method: 'PUT',
    path: `/${BUCKET}/bad/short.bin`,
    headers: headers(data.length + 5),
    body: awsChunked(data, 8192, { 'x-amz-checksum-crc32': b64crc32(data) }),
  });
  assert.equal(short.status, 400);
  assert.equal(xmlField(short.text, 'Code'), 'IncompleteBody');
  // garbage framing
  const garbage = await raw(h.url, { method: 'PUT', path: `/${BUCKET}/bad/garbage.bin`, headers: headers(4), body: 'zz\r\nabcd\r\n0\r\n\r\n' });
  assert.equal(garbage.status, 400);
});

test('Content-MD5 is verified; a wrong one is BadDigest', async () => {
  const body = Buffer.from('contenido');
  const bad = await raw(h.url, {
    method: 'PUT',
    path: `/${BUCKET}/md5.txt`,
    headers: { 'content-md5': createHash('md5').update('x').digest('base64') },
    body,
  });
  assert.equal(bad.status, 400);
  assert.equal(xmlField(bad.text, 'Code'), 'BadDigest');
  const good = await raw(h.url, {
    method: 'PUT',
    path: `/${BUCKET}/md5.txt`,
    headers: { 'content-md5': createHash('md5').update(body).digest('base64') },
    body,
  });
  assert.equal(good.status, 200);
});

test('a part with a wrong checksum is refused and not stored', async () => {
  const { UploadId } = await h.client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'uploads/x/p.bin', ChecksumAlgorithm: 'CRC32' }));
  const body = Buffer.from('parte uno');
  const r = await raw(h.url, {
    method: 'PUT',
    path: `/${BUCKET}/uploads/x/p.bin?partNumber=1&uploadId=${UploadId}`,
    headers: { 'x-amz-checksum-crc32': b64crc32(Buffer.from('parte dos')) },
    body,
  });
  assert.equal(r.status, 400);
  assert.equal(xmlField(r.text, 'Code'), 'BadDigest');
  const ok = await h.client.send(
    new UploadPartCommand({ Bucket: BUCKET, Key: 'uploads/x/p.bin', UploadId, PartNumber: 1, Body: body, ChecksumAlgorithm: 'CRC32' }),
  );
  assert.equal(ok.ChecksumCRC32, b64crc32(body));
});
