// SigV4 verification: tampering, unknown keys, session tokens, expiry, clock skew, presigned URLs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../../server/auth/sigv4.ts';
import { codeOf, loginCredentials, s3Client, serviceClient, testStandIn, type TestStandIn } from './helpers.ts';

let si: TestStandIn;
before(async () => {
  si = await testStandIn({ credentialsTtlSeconds: 2 });
  await serviceClient(si).send(
    new PutObjectCommand({ Bucket: si.config.bucket, Key: 'catalog/a.json', Body: '{"a":1}', ContentType: 'application/json' }),
  );
});
after(async () => si?.cleanup());

const get = (creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, extra: Record<string, unknown> = {}) =>
  codeOf(s3Client(si, creds, extra).send(new GetObjectCommand({ Bucket: si.config.bucket, Key: 'catalog/a.json' })));

test('the right static keys pass; a wrong secret or an unknown key does not', async () => {
  assert.equal(await get(si.staticCredentials), 'OK');
  assert.equal(await get({ ...si.staticCredentials, secretAccessKey: 'wrong' }), 'SignatureDoesNotMatch');
  assert.equal(await get({ accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x' }), 'InvalidAccessKeyId');
});

test('a header altered after signing breaks the signature', async () => {
  const s3 = serviceClient(si);
  s3.middlewareStack.addRelativeTo(
    ((next: (a: unknown) => Promise<unknown>) => async (args: unknown) => {
      const req = (args as { request: { headers: Record<string, string> } }).request;
      req.headers['x-amz-meta-title'] = 'changed after signing';
      return next(args);
    }) as never,
    { relation: 'after', toMiddleware: 'awsAuthMiddleware', name: 'tamper' },
  );
  const code = await codeOf(
    s3.send(new PutObjectCommand({ Bucket: si.config.bucket, Key: 'catalog/tampered.json', Body: '{}', Metadata: { title: 'original' } })),
  );
  assert.equal(code, 'SignatureDoesNotMatch');
  assert.equal(await si.s3.store.head(si.config.bucket, 'catalog/tampered.json'), undefined);
});

test('a request signed 20 minutes off is RequestTimeTooSkewed', async () => {
  assert.equal(await get(si.staticCredentials, { systemClockOffset: -20 * 60_000 }), 'RequestTimeTooSkewed');
});

test('temporary keys need their session token, the right one, and expire', async () => {
  const { credentials } = await loginCredentials(si, 'admin');
  assert.equal(await get(credentials), 'OK');
  assert.equal(await get({ accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey }), 'InvalidAccessKeyId');
  assert.equal(await get({ ...credentials, sessionToken: `${credentials.sessionToken}x` }), 'InvalidToken');
  assert.equal(await get({ ...credentials, secretAccessKey: 'wrong' }), 'SignatureDoesNotMatch');
  const expiresAt = credentials.expiration!.getTime();
  assert.ok(expiresAt - Date.now() <= 2000 + 1000, 'TTL from credentialsTtlSeconds');
  await new Promise((r) => setTimeout(r, Math.max(0, expiresAt - Date.now()) + 300));
  assert.equal(await get(credentials), 'ExpiredToken');
});

async function presign(path: string, expiresIn: number, signingDate = new Date(), secret = si.staticCredentials.secretAccessKey): Promise<string> {
  const url = new URL(`${si.config.s3Endpoint}${path}`);
  const signer = new SignatureV4({
    service: 's3',
    region: si.config.region,
    credentials: { ...si.staticCredentials, secretAccessKey: secret },
    sha256: NodeSha256,
    uriEscapePath: false,
  });
  // As @aws-sdk/s3-request-presigner does: the payload is UNSIGNED-PAYLOAD, not hoisted, not a signed header.
  const sha = new Set(['x-amz-content-sha256']);
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: {},
      headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    },
    { expiresIn, signingDate, unsignableHeaders: sha, unhoistableHeaders: sha },
  );
  const q = new URLSearchParams(signed.query as Record<string, string>);
  return `${url.origin}${url.pathname}?${q.toString().replace(/\+/g, '%20')}`;
}

test('presigned URLs: valid, tampered, wrong secret, expired', async () => {
  const ok = await fetch(await presign(`/${si.config.bucket}/catalog/a.json`, 60));
  assert.equal(ok.status, 200);
  assert.equal(await ok.text(), '{"a":1}');
  const other = (await presign(`/${si.config.bucket}/catalog/a.json`, 60)).replace('catalog/a.json', 'catalog/b.json');
  assert.equal((await fetch(other)).status, 403);
  assert.equal((await fetch(await presign(`/${si.config.bucket}/catalog/a.json`, 60, new Date(), 'wrong'))).status, 403);
  const expired = await fetch(await presign(`/${si.config.bucket}/catalog/a.json`, 60, new Date(Date.now() - 120_000)));
  assert.equal(expired.status, 403);
  assert.match(await expired.text(), /expired/i);
});

test('malformed credentials get S3-shaped errors, never a crash', async () => {
  const url = `${si.config.s3Endpoint}/${si.config.bucket}/catalog/a.json`;
  const cases: Array<[Record<string, string>, number, string]> = [
    [{ authorization: 'garbage' }, 400, 'InvalidArgument'],
    [{ authorization: 'AWS4-HMAC-SHA256 Credential=x' }, 400, 'AuthorizationHeaderMalformed'],
    [{ authorization: 'AWS4-HMAC-SHA256 Credential=AKIA/2020/us-east-1/s3, SignedHeaders=host, Signature=00' }, 400, 'AuthorizationHeaderMalformed'],
    [
      {
        authorization: `AWS4-HMAC-SHA256 Credential=${si.staticCredentials.accessKeyId}/20200101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00`,
      },
      403,
      'AccessDenied',
    ],
    [
      {
        authorization: `AWS4-HMAC-SHA256 Credential=${si.staticCredentials.accessKeyId}/20200101/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=00`,
        'x-amz-date': '20200101T000000Z',
      },
      400,
      'AuthorizationHeaderMalformed',
    ],
  ];
  for (const [headers, status, code] of cases) {
    const res = await fetch(url, { headers });
    assert.equal(res.status, status, JSON.stringify(headers));
    assert.match(await res.text(), new RegExp(`<Code>${code}</Code>`), JSON.stringify(headers));
  }
  const badQuery = await fetch(`${url}?X-Amz-Credential=%zz&X-Amz-Signature=1`);
  assert.equal(badQuery.status, 400);
  // The server is still fine.
  assert.equal(await get(si.staticCredentials), 'OK');
});
