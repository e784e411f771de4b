// What a signature binds: an attacker holding one captured or presigned request cannot add x-amz-* headers,
// swap the body, drop a declared trailer, alter a signed chunk, replay a Cognito call with another body, pass a
// prototype-named access key or spell a token signature differently. Requests are crafted with
// @smithy/signature-v4 (the AWS SDK's signer) and sent to a real stand-in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetOpenIdTokenForDeveloperIdentityCommand } from '@aws-sdk/client-cognito-identity';
import { SignatureV4, getSigningKey } from '@smithy/signature-v4';
import { NodeSha256 } from '../../../server/auth/sigv4.ts';
import { DEVELOPER_PROVIDER_NAME } from '../../../server/config.ts';
import { codeOf, loginCredentials, s3Client, serviceClient, testStandIn, type TestStandIn } from './helpers.ts';

let si: TestStandIn;
let bucket: string;
before(async () => {
  si = await testStandIn();
  bucket = si.config.bucket;
  await serviceClient(si).send(
    new PutObjectCommand({ Bucket: bucket, Key: 'index/index.json', Body: '{"private":true}', ContentType: 'application/json' }),
  );
});
after(async () => si?.cleanup());

const sha256Hex = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const codeIn = (xml: string) => /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
const exists = async (key: string) => (await si.s3.store.head(bucket, key)) !== undefined;

/** Runs `change` on the request after the SDK signed it: what a man in the middle or a replayer can do. */
function tamperAfterSigning(client: S3Client, change: (req: { headers: Record<string, string>; body: unknown }) => void): S3Client {
  client.middlewareStack.addRelativeTo(
    ((next: (a: unknown) => Promise<unknown>) => async (args: unknown) => {
      change((args as { request: { headers: Record<string, string>; body: unknown } }).request);
      return next(args);
    }) as never,
    { relation: 'after', toMiddleware: 'awsAuthMiddleware', name: 'tamper' },
  );
  return client;
}

const signer = (service = 's3') =>
  new SignatureV4({ service, region: si.config.region, credentials: si.staticCredentials, sha256: NodeSha256, uriEscapePath: service !== 's3' });

/** Signs a request with the static keys; the payload hash is whatever x-amz-content-sha256 says (S3) or the body's. */
async function sign(method: string, path: string, headers: Record<string, string>, body: Buffer | string = '', service = 's3') {
  const url = new URL(`${si.config.s3Endpoint}${path}`);
  const query = Object.fromEntries(url.searchParams);
  const signed = await signer(service).sign({
    method,
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query,
    headers: { host: url.host, ...headers },
    body,
  });
  const authorization = signed.headers['authorization']!;
  const { host: _host, ...sendHeaders } = signed.headers;
  return {
    url: url.toString(),
    headers: sendHeaders,
    authorization,
    longDate: signed.headers['x-amz-date']!,
    seed: /Signature=([0-9a-f]{64})/.exec(authorization)![1]!,
  };
}

async function send(method: string, url: string, headers: Record<string, string>, body?: Buffer | string) {
  const res = await fetch(url, {
    method,
    headers,
    ...(body !== undefined && method !== 'GET' ? { body: typeof body === 'string' ? body : new Uint8Array(body) } : {}),
  });
  return { status: res.status, text: await res.text() };
}

test('an x-amz-* header added to a signed PUT is refused (it would have turned the PUT into a copy of a private object)', async () => {
  const s3 = tamperAfterSigning(serviceClient(si), (req) => {
    req.headers['x-amz-copy-source'] = `${bucket}/index/index.json`;
  });
  await assert.rejects(
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'catalog/x.json', Body: '{"ok":1}' })),
    (e: Error & { Code?: string; $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(e.name, 'AccessDenied');
      assert.equal(e.$metadata?.httpStatusCode, 403);
      return true;
    },
  );
  const meta = tamperAfterSigning(serviceClient(si), (req) => {
    req.headers['x-amz-meta-title'] = 'added after signing';
  });
  assert.equal(await codeOf(meta.send(new PutObjectCommand({ Bucket: bucket, Key: 'catalog/y.json', Body: '{}' }))), 'AccessDenied');
  assert.equal(await exists('catalog/x.json'), false);
  assert.equal(await exists('catalog/y.json'), false);
  // The same requests, untouched, pass.
  assert.equal(
    await codeOf(serviceClient(si).send(new PutObjectCommand({ Bucket: bucket, Key: 'catalog/y.json', Body: '{}', Metadata: { title: 'signed' } }))),
    'OK',
  );
});

test('a presigned PUT used with an unsigned x-amz-* header is refused; used as signed it works', async () => {
  const url = new URL(`${si.config.s3Endpoint}/${bucket}/catalog/presigned.json`);
  const unsignable = new Set(['x-amz-content-sha256']);
  const presigned = await signer().presign(
    {
      method: 'PUT',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: {},
      headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    },
    { expiresIn: 300, unsignableHeaders: unsignable, unhoistableHeaders: unsignable },
  );
  const target = `${url.origin}${url.pathname}?${new URLSearchParams(presigned.query as Record<string, string>).toString().replace(/\+/g, '%20')}`;
  const extras: Record<string, string>[] = [{ 'x-amz-copy-source': `${bucket}/index/index.json` }, { 'x-amz-meta-owner': 'mallory' }];
  for (const extra of extras) {
    const r = await send('PUT', target, extra, '{"a":1}');
    assert.equal(r.status, 403, JSON.stringify(extra));
    assert.equal(codeIn(r.text), 'AccessDenied');
    assert.match(r.text, new RegExp(`<HeadersNotSigned>${Object.keys(extra)[0]}</HeadersNotSigned>`));
    assert.equal(await exists('catalog/presigned.json'), false);
  }
  assert.equal((await send('PUT', target, {}, '{"a":1}')).status, 200);
  assert.equal(await exists('catalog/presigned.json'), true);
});

test('an XML body swapped after signing is XAmzContentSHA256Mismatch (CompleteMultipartUpload)', async () => {
  const s3 = serviceClient(si);
  const key = 'uploads/svc/swap.bin';
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  const one = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 1, Body: 'part one' }));
  const two = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 2, Body: 'part two' }));
  let signedHash = '';
  const hex = (etag: string | undefined) => etag!.replace(/"/g, '');
  const swapper = tamperAfterSigning(serviceClient(si), (req) => {
    signedHash = req.headers['x-amz-content-sha256']!;
    // Same length (Content-Length is signed too): part 2 instead of part 1.
    const swapped = String(req.body).replace(hex(one.ETag), hex(two.ETag)).replace('<PartNumber>1</PartNumber>', '<PartNumber>2</PartNumber>');
    assert.notEqual(swapped, String(req.body));
    req.body = swapped;
  });
  const code = await codeOf(
    swapper.send(
      new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: one.ETag }] } }),
    ),
  );
  assert.match(signedHash, /^[0-9a-f]{64}$/, 'the SDK signed the body hash');
  assert.equal(code, 'XAmzContentSHA256Mismatch');
  assert.equal(await exists(key), false);
  // As signed, it completes.
  await s3.send(
    new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: one.ETag }] } }),
  );
  assert.equal(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString(), 'part one');
});

test('a declared x-amz-trailer that never arrives is refused (DeleteObjects, plain and aws-chunked)', async () => {
  await serviceClient(si).send(new PutObjectCommand({ Bucket: bucket, Key: 'catalog/keep.json', Body: '{}' }));
  const xml = `<Delete><Object><Key>catalog/keep.json</Key></Object></Delete>`;
  const chunked = Buffer.from(`${Buffer.byteLength(xml).toString(16)}\r\n${xml}\r\n0\r\n\r\n`);
  const cases: [Record<string, string>, Buffer | string][] = [
    [{ 'x-amz-content-sha256': sha256Hex(xml), 'x-amz-trailer': 'x-amz-checksum-crc32' }, xml],
    [
      {
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': String(Buffer.byteLength(xml)),
        'x-amz-trailer': 'x-amz-checksum-crc32',
      },
      chunked,
    ],
  ];
  for (const [headers, body] of cases) {
    const s = await sign('POST', `/${bucket}?delete=`, headers, body);
    const r = await send('POST', s.url, s.headers, body);
    assert.equal(r.status, 400, r.text);
    assert.equal(codeIn(r.text), 'InvalidRequest');
    assert.equal(await exists('catalog/keep.json'), true);
  }
});

/** A signed aws-chunked body (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]) as the SigV4 streaming spec frames it. */
function signedChunks(
  data: Buffer,
  chunkSize: number,
  s: { seed: string; longDate: string },
  signingKey: Uint8Array,
  trailer?: [string, string],
): Buffer {
  const scope = `${s.longDate.slice(0, 8)}/${si.config.region}/s3/aws4_request`;
  const hmac = (text: string) => createHmac('sha256', signingKey).update(text).digest('hex');
  let previous = s.seed;
  const out: Buffer[] = [];
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += chunkSize) chunks.push(data.subarray(i, i + chunkSize));
  chunks.push(Buffer.alloc(0));
  for (const c of chunks) {
    previous = hmac(['AWS4-HMAC-SHA256-PAYLOAD', s.longDate, scope, previous, sha256Hex(''), sha256Hex(c)].join('\n'));
    out.push(Buffer.from(`${c.length.toString(16)};chunk-signature=${previous}\r\n`), c);
    if (c.length) out.push(Buffer.from('\r\n'));
  }
  if (trailer) {
    const canonical = `${trailer[0]}:${trailer[1]}\n`;
    const sig = hmac(['AWS4-HMAC-SHA256-TRAILER', s.longDate, scope, previous, sha256Hex(canonical)].join('\n'));
    out.push(Buffer.from(`${trailer[0]}:${trailer[1]}\r\nx-amz-trailer-signature:${sig}\r\n`));
  }
  out.push(Buffer.from('\r\n'));
  return Buffer.concat(out);
}

test('signed aws-chunked bodies: every chunk and the trailer are verified', async () => {
  const data = Buffer.alloc(200_000, 'v');
  const crc = (await import('@aws-crypto/crc32')).crc32;
  const crcB64 = (b: Buffer) => {
    const o = Buffer.alloc(4);
    o.writeUInt32BE(crc(b) >>> 0);
    return o.toString('base64');
  };
  for (const withTrailer of [false, true]) {
    const headers: Record<string, string> = {
      'content-encoding': 'aws-chunked',
      'x-amz-content-sha256': withTrailer ? 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER' : 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      'x-amz-decoded-content-length': String(data.length),
      ...(withTrailer ? { 'x-amz-trailer': 'x-amz-checksum-crc32' } : {}),
    };
    const key = `catalog/chunked-${withTrailer}.bin`;
    const s = await sign('PUT', `/${bucket}/${key}`, headers);
    const signingKey = await getSigningKey(NodeSha256, si.staticCredentials, s.longDate.slice(0, 8), si.config.region, 's3');
    const trailer: [string, string] | undefined = withTrailer ? ['x-amz-checksum-crc32', crcB64(data)] : undefined;
    const good = signedChunks(data, 65536, s, signingKey, trailer);

    // One byte of chunk data changed, same signatures: refused, nothing stored.
    const altered = Buffer.from(good);
    altered[altered.indexOf('\r\n') + 2 + 1000] = 'w'.charCodeAt(0);
    const r1 = await send('PUT', s.url, s.headers, altered);
    assert.equal(r1.status, 403, r1.text);
    assert.equal(codeIn(r1.text), 'SignatureDoesNotMatch');
    // Chunks signed with another request's seed: refused.
    const foreign = signedChunks(data, 65536, { ...s, seed: '0'.repeat(64) }, signingKey, trailer);
    assert.equal(codeIn((await send('PUT', s.url, s.headers, foreign)).text), 'SignatureDoesNotMatch');
    if (trailer) {
      // A trailer changed after signing (signature kept): refused.
      const forged = Buffer.from(
        good.toString('latin1').replace(`x-amz-checksum-crc32:${trailer[1]}`, `x-amz-checksum-crc32:${crcB64(Buffer.from('x'))}`),
        'latin1',
      );
      assert.equal(codeIn((await send('PUT', s.url, s.headers, forged)).text), 'SignatureDoesNotMatch');
    }
    assert.equal(await exists(key), false);

    const ok = await send('PUT', s.url, s.headers, good);
    assert.equal(ok.status, 200, ok.text);
    const got = await serviceClient(si).send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(data));
  }
});

test('a hex x-amz-content-sha256 must match a streamed body; an unknown payload marker is refused', async () => {
  const s = await sign('PUT', `/${bucket}/catalog/sha.json`, { 'x-amz-content-sha256': sha256Hex('{"signed":1}') });
  const r = await send('PUT', s.url, s.headers, '{"other":1}');
  assert.equal(r.status, 400);
  assert.equal(codeIn(r.text), 'XAmzContentSHA256Mismatch');
  const odd = await sign('PUT', `/${bucket}/catalog/sha.json`, { 'x-amz-content-sha256': 'NOT-A-HASH' });
  const r2 = await send('PUT', odd.url, odd.headers, '{"other":1}');
  assert.equal(r2.status, 400);
  assert.equal(codeIn(r2.text), 'InvalidArgument');
  assert.equal(await exists('catalog/sha.json'), false);
});

test('Cognito: a signed GetOpenIdTokenForDeveloperIdentity replayed with another body is refused, UNSIGNED-PAYLOAD or not', async () => {
  const body = (role: string) =>
    JSON.stringify({ IdentityPoolId: si.config.identityPoolId, Logins: { [DEVELOPER_PROVIDER_NAME]: 'replayed' }, PrincipalTags: { role } });
  const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityService.GetOpenIdTokenForDeveloperIdentity' };
  const payloads: Record<string, string>[] = [{ 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, {}];
  for (const payload of payloads) {
    const s = await sign('POST', '/', { ...headers, ...payload }, body('viewer'), 'cognito-identity');
    const replay = await send('POST', s.url, s.headers, body('admin'));
    assert.equal(replay.status, 400, replay.text);
    assert.equal(JSON.parse(replay.text).__type, 'InvalidSignatureException');
  }
  // Signed over its real body, it is accepted (what the broker sends).
  const s = await sign('POST', '/', headers, body('viewer'), 'cognito-identity');
  const ok = await send('POST', s.url, s.headers, body('viewer'));
  assert.equal(ok.status, 200, ok.text);
});

test('prototype names are unknown access keys and identities', async () => {
  for (const accessKeyId of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    const code = await codeOf(
      s3Client(si, { accessKeyId, secretAccessKey: 'undefined' }).send(new GetObjectCommand({ Bucket: bucket, Key: 'index/index.json' })),
    );
    assert.equal(code, 'InvalidAccessKeyId', accessKeyId);
  }
  const dev = new CognitoIdentityClient({
    region: si.config.region,
    endpoint: si.config.cognitoEndpoint,
    maxAttempts: 1,
    credentials: si.staticCredentials,
  });
  for (const IdentityId of ['__proto__', 'constructor']) {
    const code = await codeOf(
      dev.send(
        new GetOpenIdTokenForDeveloperIdentityCommand({
          IdentityPoolId: si.config.identityPoolId,
          IdentityId,
          Logins: { [DEVELOPER_PROVIDER_NAME]: `proto-${IdentityId}` },
        }),
      ),
    );
    assert.equal(code, 'ResourceNotFoundException', IdentityId);
  }
  assert.equal(({} as Record<string, unknown>).kind, undefined, 'Object.prototype untouched');
});

test('a token signature is accepted only in its one canonical base64url spelling', async () => {
  const { login } = await loginCredentials(si, 'uploader');
  const anon = new CognitoIdentityClient({
    region: si.config.region,
    endpoint: si.config.cognitoEndpoint,
    maxAttempts: 1,
    credentials: { accessKeyId: 'AKIANOTUSED000000000', secretAccessKey: 'x' },
  });
  const withToken = (token: string) =>
    codeOf(anon.send(new GetCredentialsForIdentityCommand({ IdentityId: login.identityId, Logins: { 'cognito-identity.amazonaws.com': token } })));
  const sig = login.token.split('.')[2]!;
  // 32 bytes in 43 characters leave 2 spare bits in the last one: flipping them decodes to the same bytes.
  const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const sameBytes = last[last.indexOf(sig.at(-1)!) ^ 1]!;
  const head = login.token.slice(0, login.token.length - sig.length);
  for (const variant of [
    `${sig}=`,
    `${sig}!!`,
    `${sig.slice(0, -1)}${sameBytes}`,
    sig.replace(/-/g, '+').replace(/_/g, '/') + (sig.includes('-') || sig.includes('_') ? '' : '=='),
  ]) {
    assert.equal(await withToken(head + variant), 'NotAuthorizedException', variant);
  }
  assert.equal(await withToken(login.token), 'OK');
});
